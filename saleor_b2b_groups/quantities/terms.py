"""Order limits: inherited terms, amounts in the checkout's channel currency.

A group's minimum and maximum order subtotal apply to its members' checkouts in
every channel, read as an amount in that channel's currency (a group buying in
two currencies sets the amount it means in both; per-channel limits are left for
later).
"""

from decimal import Decimal

from ..groups.terms import Term, register_term


def clean_amount(value: Decimal) -> Decimal:
    amount = Decimal(value)
    if not amount.is_finite() or amount <= 0:
        raise ValueError("An order limit is a positive amount; null inherits.")
    if amount.as_tuple().exponent < -3:  # type: ignore[operator]
        raise ValueError("An order limit has at most 3 decimal places.")
    if amount >= Decimal("1e15"):
        raise ValueError("An order limit must be below 10^15.")
    return amount


MIN_ORDER_SUBTOTAL = register_term(
    Term(
        field="min_order_subtotal",
        default=None,
        description=(
            "The smallest checkout subtotal the group's members may order, in the "
            "channel's currency; null: no minimum."
        ),
        clean=clean_amount,
    )
)
MAX_ORDER_SUBTOTAL = register_term(
    Term(
        field="max_order_subtotal",
        default=None,
        description=(
            "The largest checkout subtotal the group's members may order, in the "
            "channel's currency; null: no maximum."
        ),
        clean=clean_amount,
    )
)
