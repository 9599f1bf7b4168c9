"""Rows (a variant or a SKU, and a quantity) checked for a buyer's checkout.

Quick order and "add a list to the checkout" turn rows into checkout lines. Each
row is checked in bulk, a fixed number of queries whatever the number of rows, and
either accepted or refused with a code (``SelfServiceErrorCode``):

* ``INVALID_QUANTITY``: not a whole number from 1 to ``MAX_QUANTITY``;
* ``UNKNOWN_SKU``: no product the buyer may see has the SKU. A hidden product's
  SKU gets exactly this answer, so quick order never reveals that it exists;
* ``DUPLICATE``: the variant is on an earlier row (quick order: refused, not
  merged, so a typo does not silently double an order line);
* ``UNAVAILABLE``: hidden from the buyer (a list line, whose variant the buyer saw
  when adding it), not sold in the checkout's channel, unpublished, or not yet
  available for purchase;
* ``QUANTITY_RULE``: over Saleor's per-checkout limit or refused by a registered
  quantity check (``quantities``);
* ``INSUFFICIENT_STOCK``: not enough stock for the checkout's country.

The buyer is the checkout's customer, taken from the buyer context; prices follow
when Saleor writes the lines (group prices are applied in place).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from saleor.checkout.fetch import fetch_checkout_lines
from saleor.checkout.models import Checkout
from saleor.core.exceptions import InsufficientStock
from saleor.graphql.checkout.mutations.utils import (
    get_not_available_variants_for_purchase,
    get_not_published_variants,
)
from saleor.graphql.core.validators import get_not_available_variants_in_channel
from saleor.product.models import ProductVariant
from saleor.site.models import Site
from saleor.warehouse.availability import check_stock_and_preorder_quantity_bulk
from saleor.warehouse.reservations import is_reservation_enabled

from ..buyers.context import BuyerContext
from ..visibility.checkout import purchase_refusal
from . import MAX_QUANTITY
from .error_codes import SelfServiceErrorCode as Code
from .quantities import QuantityRequest, quantity_refusals

MESSAGES = {
    Code.INVALID_QUANTITY: f"The quantity must be a whole number from 1 to "
    f"{MAX_QUANTITY}.",
    Code.UNKNOWN_SKU: "No product with this SKU.",
    Code.DUPLICATE: "This product is on an earlier row.",
    Code.UNAVAILABLE: "This product cannot be bought in this channel now.",
    Code.INSUFFICIENT_STOCK: "Not enough stock.",
    Code.NOT_ADDED: "Not added: another row was refused.",
}


class ChannelDenied(Exception):
    """The buyer may not buy in the checkout's channel at all."""


@dataclass
class Row:
    """One row as the caller sent it; ``number`` counts from 1."""

    number: int
    quantity: object
    sku: str | None = None
    variant_id: int | None = None
    note: str = ""


@dataclass
class RowResult:
    number: int
    sku: str | None
    variant_id: int | None
    quantity: object
    code: Code | None = None
    message: str = ""

    @property
    def accepted(self) -> bool:
        return self.code is None


@dataclass
class CheckedRows:
    results: list[RowResult]
    #: Accepted rows: their result and variant.
    accepted: list[tuple[RowResult, ProductVariant]] = field(default_factory=list)

    @property
    def refused(self) -> list[RowResult]:
        return [result for result in self.results if not result.accepted]


def _refuse(result: RowResult, code: Code, message: str | None = None) -> None:
    result.code = code
    result.message = message or MESSAGES[code]


def _quantity(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= MAX_QUANTITY else None


def _variants(rows: Sequence[Row], database: str) -> dict:
    skus = {row.sku for row in rows if row.sku}
    pks = {row.variant_id for row in rows if row.variant_id}
    if not skus and not pks:
        return {}
    variants = (
        ProductVariant.objects.using(database)
        .filter(Q(sku__in=skus) | Q(pk__in=pks))
        .select_related("product__product_type")
    )
    found: dict = {}
    for variant in variants:
        found[("pk", variant.pk)] = variant
        if variant.sku:
            found[("sku", variant.sku)] = variant
    return found


def check_rows(
    buyer: BuyerContext,
    customer,
    checkout: Checkout,
    rows: Sequence[Row],
    database: str = "default",
) -> CheckedRows:
    """Accept or refuse each row for ``checkout``; raises ``ChannelDenied``."""
    results = [
        RowResult(row.number, row.sku, row.variant_id, row.quantity) for row in rows
    ]
    variants = _variants(rows, database)
    channel = checkout.channel
    hidden: set[int] = set()
    found_ids = {variant.pk for variant in variants.values()}
    if found_ids:  # visibility first: nothing below may tell a hidden SKU apart
        refusal = purchase_refusal(customer, channel, found_ids, database)
        if refusal and refusal.channel_denied:
            raise ChannelDenied
        hidden = set(refusal.hidden_variant_ids) if refusal else set()
    candidates: list[tuple[RowResult, ProductVariant, int]] = []
    seen: set[int] = set()
    for row, result in zip(rows, results, strict=True):
        key = ("sku", row.sku) if row.sku else ("pk", row.variant_id)
        variant = variants.get(key)
        quantity = _quantity(row.quantity)
        if variant is None or variant.pk in hidden:
            # By SKU a hidden product is an unknown one; a list line's variant
            # was seen by the buyer when added, so it is merely unavailable.
            _refuse(result, Code.UNKNOWN_SKU if row.sku else Code.UNAVAILABLE)
        elif quantity is None:
            _refuse(result, Code.INVALID_QUANTITY)
        elif variant.pk in seen:
            _refuse(result, Code.DUPLICATE)
        else:
            seen.add(variant.pk)
            result.variant_id = variant.pk
            candidates.append((result, variant, quantity))
    ids = {variant.pk for _, variant, _ in candidates}
    if ids:
        unavailable = (
            get_not_available_variants_in_channel(ids, channel.pk, database)[0]
            | get_not_published_variants(ids, channel.pk)[0]
            | get_not_available_variants_for_purchase(ids, channel.pk)[0]
        )
        for result, variant, _ in candidates:
            if variant.pk in unavailable:
                _refuse(result, Code.UNAVAILABLE)
    candidates = [c for c in candidates if c[0].accepted]
    if candidates:
        _check_quantities(buyer, checkout, candidates, database)
    checked = CheckedRows(results)
    checked.accepted = [(r, v) for r, v, _ in candidates if r.accepted]
    return checked


def _check_quantities(
    buyer: BuyerContext,
    checkout: Checkout,
    candidates: list[tuple[RowResult, ProductVariant, int]],
    database: str,
) -> None:
    existing, _ = fetch_checkout_lines(
        checkout, skip_lines_with_unavailable_variants=False
    )
    in_checkout: dict[int, int] = {}
    for line_info in existing:
        pk = line_info.variant.pk
        in_checkout[pk] = in_checkout.get(pk, 0) + line_info.line.quantity
    site = Site.objects.get_current()
    settings = site.settings  # type: ignore[attr-defined]
    requests = []
    for index, (result, variant, quantity) in enumerate(candidates):
        total = quantity + in_checkout.get(variant.pk, 0)
        limit = variant.quantity_limit_per_customer or (
            settings.limit_quantity_per_checkout
        )
        if limit is not None and total > limit:
            _refuse(result, Code.QUANTITY_RULE, f"At most {limit} per checkout.")
            continue
        requests.append(QuantityRequest(index, variant.pk, quantity, total))
    for index, message in quantity_refusals(
        buyer, checkout.channel_id, requests
    ).items():
        _refuse(candidates[index][0], Code.QUANTITY_RULE, message)
    remaining = [c for c in candidates if c[0].accepted]
    if not remaining:
        return
    try:
        check_stock_and_preorder_quantity_bulk(
            [variant for _, variant, _ in remaining],
            checkout.get_country(),
            [quantity for _, _, quantity in remaining],
            checkout.channel.slug,
            None,
            existing_lines=existing,
            check_reservations=is_reservation_enabled(settings),
            include_shipping_zones=settings.use_legacy_shipping_zone_stock_availability,
        )
    except InsufficientStock as e:
        short = {item.variant.pk for item in e.items if item.variant}
        for result, variant, _ in remaining:
            if variant.pk in short:
                _refuse(result, Code.INSUFFICIENT_STOCK)


def all_or_nothing(checked: CheckedRows, *, others_refused: bool = False) -> None:
    """When any row is refused, refuse the accepted ones too (``others_refused``:
    rows refused before these were checked, a CSV file's empty rows)."""
    if not checked.refused and not others_refused:
        return
    for result, _ in checked.accepted:
        _refuse(result, Code.NOT_ADDED)
    checked.accepted = []
