"""Group prices on checkout lines, through Saleor's own ``price_override``.

``CheckoutLine.price_override`` is the one customer-specific unit price Saleor honours
under every tax configuration (flat rates, tax apps, tax plugins): totals, taxes,
vouchers and catalogue promotions are computed from it, and completion copies it to
the order line (``is_price_overridden``, ``price_override_reason``). So a group price
is written there, marked with ``PRICE_OVERRIDE_REASON_PREFIX`` and the price list's
slug, and kept in step whenever the lines, quantities or customer change.

A price override set by an app (Saleor's ``CheckoutLineInput.price``, for apps with
HANDLE_CHECKOUTS) is the app's decision and is left alone.
"""

from dataclasses import dataclass

from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.fetch import (
    CheckoutInfo,
    CheckoutLineInfo,
    fetch_checkout_info,
    fetch_checkout_lines,
)
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.checkout.utils import invalidate_checkout
from saleor.plugins.manager import PluginsManager

from ..buyers.context import BuyerContext, of_checkout
from ..order_creation import refuse
from . import PRICE_OVERRIDE_REASON_PREFIX
from .resolver import GroupPrice, PriceRequest, resolve_group_prices


@dataclass(frozen=True)
class LinePriceChange:
    line: CheckoutLine
    #: (price_override, price_override_reason) before and after.
    old: tuple
    new: tuple


def is_group_priced(line: CheckoutLine) -> bool:
    return (line.price_override_reason or "").startswith(PRICE_OVERRIDE_REASON_PREFIX)


def variant_quantities(lines: list[CheckoutLine]) -> dict[int, int]:
    """Units of each variant across the checkout's lines.

    Quantity tiers count a variant's units in the whole checkout, not per line: two
    lines of 5 (Saleor's ``forceNewLine``) reach the 10-unit tier as one line of 10
    does, as other B2B platforms count them.
    """
    quantities: dict[int, int] = {}
    for line in lines:
        if line.variant_id is not None:
            quantities[line.variant_id] = (
                quantities.get(line.variant_id, 0) + line.quantity
            )
    return quantities


def group_price_changes(
    checkout: Checkout,
    lines: list[CheckoutLine],
    buyer: BuyerContext | None = None,
) -> list[LinePriceChange]:
    """Lines whose override differs from what the resolver says now.

    Lines an app priced are left out. ``buyer``: the checkout's buyer context when
    the caller has it; otherwise it is built here (``buyers.context.of_checkout``).
    """
    if buyer is None or buyer.customer_id != checkout.user_id:
        buyer = of_checkout(checkout)
    quantities = variant_quantities(lines)
    requests = {
        line.pk: PriceRequest(line.variant_id, quantities[line.variant_id])
        for line in lines
        if line.variant_id is not None
    }
    prices: dict[PriceRequest, GroupPrice] = resolve_group_prices(
        buyer.groups, checkout.channel_id, set(requests.values()), explain=False
    )
    changes = []
    for line in lines:
        if line.price_override is not None and not is_group_priced(line):
            continue  # an app's custom price
        request = requests.get(line.pk)
        group_price = prices.get(request) if request is not None else None
        new: tuple = (None, None)
        if group_price is not None:
            slug = group_price.winner.price_list.slug
            new = (group_price.price.amount, f"{PRICE_OVERRIDE_REASON_PREFIX}{slug}")
        old = (line.price_override, line.price_override_reason)
        if old != new:
            changes.append(LinePriceChange(line, old, new))
    return changes


def write_changes(changes: list[LinePriceChange]) -> None:
    """Set the new overrides on the line objects and store them in one query."""
    for change in changes:
        change.line.price_override, change.line.price_override_reason = change.new
    if changes:
        CheckoutLine.objects.bulk_update(
            [change.line for change in changes],
            ["price_override", "price_override_reason"],
        )


#: Set on a checkout whose lines were priced inside Saleor's mutation
#: (:func:`price_lines_in_place`): nothing is left to re-price after it.
PRICED_IN_PLACE = "_b2b_group_priced_in_place"


def price_lines_in_place(
    checkout: Checkout, lines_info: list[CheckoutLineInfo], buyer: BuyerContext
) -> list[LinePriceChange]:
    """Bring the lines Saleor has just fetched to the buyer's group prices.

    For Saleor's line mutations, between writing the lines and calculating the
    checkout: the line objects Saleor goes on to calculate with get the new
    override, so nothing is read again (no second fetch of lines and checkout info,
    no second invalidation).
    """
    changes = group_price_changes(checkout, [info.line for info in lines_info], buyer)
    write_changes(changes)
    setattr(checkout, PRICED_IN_PLACE, True)
    return changes


def apply_group_prices(
    checkout: Checkout,
    manager: PluginsManager,
    buyer: BuyerContext | None = None,
) -> list[LinePriceChange]:
    """Bring every line to the buyer's current group price; return what changed.

    When something changed, Saleor's prices and discounts are invalidated so that
    totals, taxes and promotions are recomputed from the new base prices.
    ``buyer``: see :func:`group_price_changes`.
    """
    lines = list(checkout.lines.all())
    changes = group_price_changes(checkout, lines, buyer)
    if not changes:
        return changes
    write_changes(changes)
    lines_info, _ = fetch_checkout_lines(checkout)
    checkout_info = fetch_checkout_info(checkout, lines_info, manager)
    invalidate_checkout(checkout_info, lines_info, manager, save=True)
    return changes


def check_group_prices_before_order(
    checkout_info: CheckoutInfo, lines: list[CheckoutLineInfo]
) -> None:
    """The last look at prices before an order exists.

    If a price list changed since the lines were priced (edited, expired, a group
    moved), the lines are brought to the current group price and completion is
    refused, so the buyer reviews the new total: what the buyer sees is what the
    buyer pays. With Saleor's Transactions API the new prices are kept; in the
    legacy payment flow Saleor rolls them back with the refused completion and the
    next change of the checkout re-prices it.
    """
    checkout = checkout_info.checkout
    changes = apply_group_prices(checkout, checkout_info.manager)
    if changes:
        refuse(
            "Group prices changed since the checkout was priced; review the "
            "checkout's new total and complete it again.",
            checkout_code=CheckoutErrorCode.INVALID,
            field="lines",
        )
