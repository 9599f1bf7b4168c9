"""Past Saleor's per-line cap: group members buy by the case and the pallet.

Saleor refuses more than the shop's ``limitQuantityPerCheckout`` (default 50) of a
variant, or the variant's own ``quantityLimitPerCustomer`` when set, to everybody
(``saleor.warehouse.availability._check_quantity_limits``, called by its stock
checks on ``checkoutCreate``, ``checkoutLinesAdd``, ``checkoutLinesUpdate``,
``checkoutShippingAddressUpdate`` and ``checkoutCreateFromOrder``, which also
checks the cap itself in ``handle_variants_exceeding_quantity_limit``). There is no
extension point, so those two are wrapped (patches ``quantity-cap`` and
``quantity-cap-reorder``); while a checkout mutation runs for a group member
(:func:`lifted_for`):

* a variant whose effective quantity rule sets a maximum: the rule's maximum is
  the limit (checked by ``checks.check_quantities``), Saleor's two are not;
* any other variant: the shop-wide cap is lifted, the variant's own
  ``quantityLimitPerCustomer`` still applies.

Everybody else -- visitors, customers in no group, and every request while the
plugin is inactive -- keeps Saleor's limits unchanged.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from saleor.warehouse import availability

from .. import patches

TARGET = "saleor.warehouse.availability._check_quantity_limits"
REORDER_TARGET = (
    "saleor.graphql.checkout.mutations.checkout_create_from_order."
    "CheckoutCreateFromOrder.handle_variants_exceeding_quantity_limit"
)

#: Variant id -> its rule's maximum, for the member a mutation runs for; None:
#: nobody's cap is lifted.
_LIFTED: ContextVar[Mapping[int, int] | None] = ContextVar(
    "b2b_quantity_cap_lifted", default=None
)


@contextmanager
def lifted_for(rule_maximums: Mapping[int, int]) -> Iterator[None]:
    """Lift Saleor's cap for a group member while the block runs."""
    token = _LIFTED.set(rule_maximums)
    try:
        yield
    finally:
        _LIFTED.reset(token)


def _wrap(check):
    @wraps(check)
    def check_quantity_limits(variant, quantity, global_quantity_limit):
        maximums = _LIFTED.get()
        if maximums is None:
            return check(variant, quantity, global_quantity_limit)
        if variant.pk in maximums:
            return None  # the group's rule sets the maximum; checks enforce it
        return check(variant, quantity, None)

    check_quantity_limits.__b2b_quantity_cap__ = True  # type: ignore[attr-defined]
    return check_quantity_limits


def _wrap_reorder(handle):
    """``checkoutCreateFromOrder`` checks the cap itself, before its stock check."""

    @wraps(handle)
    def handle_variants_exceeding_quantity_limit(
        cls, variant_ids_set, order_lines, variant_errors, global_quantity_limit
    ):
        if _LIFTED.get() is not None:
            global_quantity_limit = None
        return handle(
            cls, variant_ids_set, order_lines, variant_errors, global_quantity_limit
        )

    handle_variants_exceeding_quantity_limit.__b2b_quantity_cap__ = True  # type: ignore[attr-defined]
    return handle_variants_exceeding_quantity_limit


def install() -> None:
    current = availability._check_quantity_limits
    if not getattr(current, "__b2b_quantity_cap__", False):
        availability._check_quantity_limits = _wrap(current)
    patches.record(TARGET, __name__)

    from saleor.graphql.checkout.mutations.checkout_create_from_order import (
        CheckoutCreateFromOrder,
    )

    name = "handle_variants_exceeding_quantity_limit"
    method = CheckoutCreateFromOrder.__dict__[name]
    if not getattr(method.__func__, "__b2b_quantity_cap__", False):
        setattr(
            CheckoutCreateFromOrder, name, classmethod(_wrap_reorder(method.__func__))
        )
    patches.record(REORDER_TARGET, __name__)
