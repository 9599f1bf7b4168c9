"""Checks Saleor runs before it turns a checkout into an order.

``CustomerGroupsPlugin.preprocess_order_creation`` calls every check below, in order,
on every path that creates an order from a checkout: ``checkoutComplete`` (both the
Transactions API and the legacy payment flow), ``orderCreateFromCheckout`` and
Saleor's automatic checkout completion. A check refuses by raising Django's
``ValidationError``; Saleor turns it into the mutation's error.

Each feature adds its check here, in the order buyers should hear about problems:
what may not be bought at all first, then prices, then approvals.
"""

from collections.abc import Callable
from importlib import import_module

from saleor.checkout.fetch import CheckoutInfo, CheckoutLineInfo

Check = Callable[[CheckoutInfo, list[CheckoutLineInfo]], None]

#: Dotted paths of the checks, in the order they run.
CHECKS: list[str] = []


def run_checks(checkout_info: CheckoutInfo, lines: list[CheckoutLineInfo]) -> None:
    for path in CHECKS:
        module, name = path.rsplit(".", 1)
        check: Check = getattr(import_module(module), name)
        check(checkout_info, lines)
