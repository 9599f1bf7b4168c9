"""Checks Saleor runs before it turns a checkout into an order.

``CustomerGroupsPlugin.preprocess_order_creation`` calls every check below, in order,
on every path that creates an order from a checkout: ``checkoutComplete`` (both the
Transactions API and the legacy payment flow), ``orderCreateFromCheckout`` and
Saleor's automatic checkout completion. A check refuses by raising Django's
``ValidationError``; Saleor turns it into the mutation's error.

Each feature adds its check here, in the order buyers should hear about problems:
what may not be bought at all first, then prices, then approvals.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import import_module
from typing import NoReturn

from django.core.exceptions import ValidationError
from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.checkout.fetch import CheckoutInfo, CheckoutLineInfo

Check = Callable[[CheckoutInfo, list[CheckoutLineInfo]], None]

#: Dotted paths of the checks, in the order they run.
CHECKS: list[str] = [
    "saleor_b2b_groups.buyers.guests.check_guest_is_not_member",
    "saleor_b2b_groups.visibility.checkout.check_visibility_before_order",
    "saleor_b2b_groups.quantities.completion.check_quantities_before_order",
    "saleor_b2b_groups.pricing.checkout.check_group_prices_before_order",
    "saleor_b2b_groups.approvals.completion.check_approval_before_order",
]


#: True while ``orderCreateFromCheckout`` runs: its error enum differs from
#: ``checkoutComplete``'s and an error code outside it cannot be returned.
_CREATING_ORDER_FROM_CHECKOUT = ContextVar("b2b_order_from_checkout", default=False)


@contextmanager
def creating_order_from_checkout() -> Iterator[None]:
    token = _CREATING_ORDER_FROM_CHECKOUT.set(True)
    try:
        yield
    finally:
        _CREATING_ORDER_FROM_CHECKOUT.reset(token)


def refuse(
    message: str,
    *,
    checkout_code: CheckoutErrorCode,
    order_code: OrderCreateFromCheckoutErrorCode = (
        OrderCreateFromCheckoutErrorCode.GRAPHQL_ERROR
    ),
    field: str | None = None,
) -> NoReturn:
    """Refuse to create the order, with a code of the running mutation's enum.

    ``checkoutComplete`` (and automatic completion) get ``checkout_code``;
    ``orderCreateFromCheckout``, whose enum has fewer codes, gets ``order_code``.
    """
    code = order_code if _CREATING_ORDER_FROM_CHECKOUT.get() else checkout_code
    error = ValidationError(message, code=code.value)
    if field:
        raise ValidationError({field: error})
    raise error


def run_checks(checkout_info: CheckoutInfo, lines: list[CheckoutLineInfo]) -> None:
    for path in CHECKS:
        module, name = path.rsplit(".", 1)
        check: Check = getattr(import_module(module), name)
        check(checkout_info, lines)
