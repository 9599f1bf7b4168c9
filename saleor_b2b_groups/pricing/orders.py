"""Group prices on staff draft orders, through Saleor's own custom line prices.

Staff can already give a draft line a custom price (``OrderLineCreateInput.price``),
which Saleor keeps as ``is_price_overridden`` with the undiscounted base price. For a
customer in a group, lines get the group price the same way, marked with
``price_override_reason`` so that a price staff typed is never replaced, and lines
follow quantity (tier) and customer changes like checkout lines do.
"""

from django.utils import timezone
from saleor.order import ORDER_EDITABLE_STATUS
from saleor.order.models import Order, OrderLine
from saleor.order.utils import (
    invalidate_order_prices,
    update_line_base_unit_prices_with_custom_price,
)

from ..buyers.context import of_customer
from . import PRICE_OVERRIDE_REASON_PREFIX
from .resolver import PriceRequest, resolve_group_prices


class _LineData:
    """What ``update_line_base_unit_prices_with_custom_price`` reads of a line input."""

    def __init__(self, line: OrderLine, price):
        self.variant = line.variant
        self.price_override = price
        self.rules_info = None


def _is_group_priced(line: OrderLine) -> bool:
    return (line.price_override_reason or "").startswith(PRICE_OVERRIDE_REASON_PREFIX)


def apply_group_prices_to_order(order: Order) -> list[OrderLine]:
    """Bring an editable order's lines to its customer's group prices."""
    if order.status not in ORDER_EDITABLE_STATUS:
        return []
    lines = [
        line
        for line in order.lines.select_related("variant")
        if line.variant_id is not None
        and (not line.is_price_overridden or _is_group_priced(line))
    ]
    buyer = of_customer(order.user_id)
    quantities: dict[int, int] = {}
    for line in lines:  # tiers count a variant's units across the order's lines
        variant_id: int = line.variant_id  # type: ignore[assignment]
        quantities[variant_id] = quantities.get(variant_id, 0) + line.quantity
    requests = {
        line.pk: PriceRequest(line.variant_id, quantities[line.variant_id])  # type: ignore[arg-type,index]
        for line in lines
    }
    prices = resolve_group_prices(
        buyer.groups, order.channel_id, set(requests.values()), explain=False
    )
    changed = []
    for line in lines:
        group_price = prices.get(requests[line.pk])
        update_fields: list[str] = []
        if group_price is not None:
            reason = (
                f"{PRICE_OVERRIDE_REASON_PREFIX}{group_price.winner.price_list.slug}"
            )
            amount = group_price.price.amount
            if (
                line.is_price_overridden
                and line.undiscounted_base_unit_price_amount == amount
                and line.price_override_reason == reason
            ):
                continue
            update_line_base_unit_prices_with_custom_price(
                order, _LineData(line, amount), line, update_fields
            )
            line.price_override_reason = reason
        elif _is_group_priced(line):
            # No group price any more: back to Saleor's price on the next refresh.
            line.is_price_overridden = False
            line.draft_base_price_expire_at = timezone.now()
            line.price_override_reason = None
            update_fields += ["is_price_overridden", "draft_base_price_expire_at"]
        else:
            continue
        line.save(update_fields=[*update_fields, "price_override_reason"])
        changed.append(line)
    if changed:
        invalidate_order_prices(order, save=True)
    return changed
