"""What a checkout contains, pinned down: a snapshot and its fingerprint.

An approver approves a snapshot; an approval holds only while the checkout's
fingerprint is the one approved. The fingerprint covers what an order would be
made of: the buyer, the lines (variant, quantity, price override, line totals),
the addresses, the delivery method, the voucher and the totals, in the checkout's
currency. Prices are those of Saleor's own calculations (``saleor.checkout.
calculations``), so group prices (``price_override``), promotions, vouchers and
taxes are in them. Names shown to approvers (products, variants) are in the
snapshot but not in the fingerprint: renaming a product changes nothing.

The same builder serves checkouts held in memory by Saleor (completion, the
``Checkout.approval`` field after Saleor's price calculation) and checkouts loaded
from the database in bulk (lists): amounts are formatted the way Django writes
them to the database, so both give the same fingerprint for the same checkout.
Reading a checkout never changes its fingerprint unless its content changed.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, Protocol
from uuid import UUID

import graphene
from django.conf import settings
from django.db.backends.utils import format_number
from saleor.account.models import Address
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.product.models import Category, Product, ProductVariant

from .policy import CheckoutFacts

#: Bump when the fingerprint's content changes shape: older approvals go stale.
FINGERPRINT_VERSION = 1

ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "city",
    "city_area",
    "postal_code",
    "country",
    "country_area",
    "phone",
)


class LineLike(Protocol):
    """Saleor's ``CheckoutLineInfo``, or the same three objects from the database."""

    @property
    def line(self) -> CheckoutLine: ...

    @property
    def variant(self) -> ProductVariant: ...

    @property
    def product(self) -> Product: ...


@dataclass(frozen=True)
class LoadedLine:
    line: CheckoutLine
    variant: ProductVariant
    product: Product


def _amount(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format_number(
        value, settings.DEFAULT_MAX_DIGITS, settings.DEFAULT_DECIMAL_PLACES
    )


def _address(address: Address | None) -> dict[str, str] | None:
    if address is None:
        return None
    return {name: str(getattr(address, name) or "") for name in ADDRESS_FIELDS}


def _delivery(checkout: Checkout) -> dict[str, Any]:
    delivery = checkout.assigned_delivery if checkout.assigned_delivery_id else None
    method = None
    if delivery is not None:
        method = delivery.external_shipping_method_id or str(
            delivery.built_in_shipping_method_id
        )
    elif checkout.shipping_method_id or checkout.external_shipping_method_id:
        method = checkout.external_shipping_method_id or str(
            checkout.shipping_method_id
        )
    return {"method": method, "collection_point": checkout.collection_point_id}


@dataclass(frozen=True)
class CheckoutSnapshot:
    token: UUID
    user_id: int | None
    channel_id: int
    currency: str
    total_net: Decimal
    total_gross: Decimal
    #: What the fingerprint is the digest of.
    content: dict[str, Any]
    #: Per line, what approvers are shown (names, SKUs, unit prices).
    lines: list[dict[str, Any]]
    #: Categories of the lines' products (without the categories above them).
    category_ids: frozenset[int]

    @cached_property
    def fingerprint(self) -> str:
        encoded = json.dumps(self.content, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()

    def facts(self, category_ancestry: dict[int, set[int]]) -> CheckoutFacts:
        categories: set[int] = set()
        for pk in self.category_ids:
            categories |= category_ancestry.get(pk, {pk})
        return CheckoutFacts(
            self.currency, self.total_net, self.total_gross, frozenset(categories)
        )

    def as_json(self) -> dict[str, Any]:
        """What a request stores: the content and the lines as shown."""
        return {"content": self.content, "lines": self.lines}


def build_snapshot(
    checkout: Checkout,
    lines: Iterable[LineLike],
    shipping_address: Address | None,
    billing_address: Address | None,
) -> CheckoutSnapshot:
    content_lines = []
    shown_lines = []
    categories = set()
    for info in lines:
        line = info.line
        content_lines.append(
            {
                "variant": line.variant_id,
                "quantity": line.quantity,
                "is_gift": line.is_gift,
                "price_override": _amount(line.price_override),
                "total_net": _amount(line.total_price_net_amount),
                "total_gross": _amount(line.total_price_gross_amount),
            }
        )
        if info.product.category_id:
            categories.add(info.product.category_id)
        shown_lines.append(
            {
                "variant_id": graphene.Node.to_global_id(
                    "ProductVariant", line.variant_id
                ),
                "sku": info.variant.sku,
                "product_name": info.product.name,
                "variant_name": info.variant.name,
                "quantity": line.quantity,
                "total_net": _amount(line.total_price_net_amount),
                "total_gross": _amount(line.total_price_gross_amount),
                "price_override_reason": line.price_override_reason,
            }
        )
    content_lines.sort(key=lambda data: json.dumps(data, sort_keys=True))
    content = {
        "version": FINGERPRINT_VERSION,
        "channel": checkout.channel_id,
        "currency": checkout.currency,
        "user": checkout.user_id,
        "lines": content_lines,
        "shipping_address": _address(shipping_address),
        "billing_address": _address(billing_address),
        "delivery": _delivery(checkout),
        "voucher_code": checkout.voucher_code or None,
        "subtotal_net": _amount(checkout.subtotal_net_amount),
        "subtotal_gross": _amount(checkout.subtotal_gross_amount),
        "shipping_net": _amount(checkout.shipping_price_net_amount),
        "shipping_gross": _amount(checkout.shipping_price_gross_amount),
        "total_net": _amount(checkout.total_net_amount),
        "total_gross": _amount(checkout.total_gross_amount),
    }
    return CheckoutSnapshot(
        token=checkout.token,
        user_id=checkout.user_id,
        channel_id=checkout.channel_id,
        currency=checkout.currency,
        total_net=checkout.total_net_amount,
        total_gross=checkout.total_gross_amount,
        content=content,
        lines=shown_lines,
        category_ids=frozenset(categories),
    )


def snapshot_of(checkout_info, lines: Sequence[LineLike]) -> CheckoutSnapshot:
    """A checkout Saleor holds in memory (``CheckoutInfo`` and its lines)."""
    return build_snapshot(
        checkout_info.checkout,
        lines,
        checkout_info.shipping_address,
        checkout_info.billing_address,
    )


def load_snapshots(
    tokens: Iterable[UUID], database: str = "default"
) -> dict[UUID, CheckoutSnapshot]:
    """Snapshots of checkouts as stored: two queries for any number of them.

    Checkouts that no longer exist are left out.
    """
    tokens = list(set(tokens))
    if not tokens:
        return {}
    checkouts = list(
        Checkout.objects.using(database)
        .filter(token__in=tokens)
        .select_related("shipping_address", "billing_address", "assigned_delivery")
    )
    lines_by_checkout: dict[UUID, list[LoadedLine]] = defaultdict(list)
    for line in (
        CheckoutLine.objects.using(database)
        .filter(checkout_id__in=[c.token for c in checkouts])
        .select_related("variant__product")
        .order_by("created_at", "pk")
    ):
        lines_by_checkout[line.checkout_id].append(
            LoadedLine(line, line.variant, line.variant.product)
        )
    return {
        checkout.token: build_snapshot(
            checkout,
            lines_by_checkout[checkout.token],
            checkout.shipping_address,
            checkout.billing_address,
        )
        for checkout in checkouts
    }


def category_ancestry(
    category_ids: Iterable[int], database: str = "default"
) -> dict[int, set[int]]:
    """Each category with every category above it: one query for any number."""
    ids = set(category_ids)
    if not ids:
        return {}
    rows = list(
        Category.tree.get_queryset_ancestors(
            Category.objects.using(database).filter(pk__in=ids), include_self=True
        ).values("pk", "tree_id", "lft", "rght")
    )
    nodes = [row for row in rows if row["pk"] in ids]
    return {
        node["pk"]: {
            row["pk"]
            for row in rows
            if row["tree_id"] == node["tree_id"]
            and row["lft"] <= node["lft"]
            and row["rght"] >= node["rght"]
        }
        for node in nodes
    }
