"""Saleor's product price filters and price sorting, at the buyer's group prices.

Saleor filters ``products`` on ``filter.price`` / ``where.price`` (a variant's
channel price), ``filter.minimalPrice`` / ``where.minimalPrice`` (the product's
lowest variant price after catalogue promotions) and sorts on ``PRICE`` /
``MINIMAL_PRICE``, always on channel prices. For a group member each of these
methods is replaced by the same condition on the buyer's unit price
(``pricing.catalog_prices.BuyerUnitPrice``), in the same SQL query; for everyone
else Saleor's own method runs, untouched.

The buyer reaches these methods on the queryset itself: ``visible_to_user`` marks
the product queryset it returns with its requestor (``carry_requestor``), and
Saleor's filters and sorters get that queryset. The contract tests in
``tests/contract/test_price_filter_contract.py`` check the methods' signatures.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery
from saleor.graphql.channel.filters import get_channel_slug_from_filter_data
from saleor.graphql.product import types as _types  # noqa: F401 (first: cycle)
from saleor.graphql.product.filters.product import ProductFilter, ProductWhere
from saleor.graphql.product.sorters import ProductOrderField
from saleor.graphql.utils.filters import filter_where_by_numeric_field
from saleor.product.models import ProductChannelListing, ProductVariantChannelListing

from ...patches import record
from ...pricing.catalog_prices import (
    BuyerPrices,
    BuyerUnitPrice,
    prices_of_queryset,
)

_WRAPPED_MARK = "__b2b_price_filter__"
PRICE = "b2b_price"


def _listings(queryset: QuerySet, prices: BuyerPrices, *, promoted=False):
    """The channel's variant listings of the outer product, with the buyer's price."""
    return (
        ProductVariantChannelListing.objects.using(queryset.db)
        .filter(channel_id=prices.channel_id, variant__product_id=OuterRef("pk"))
        .annotate(**{PRICE: BuyerUnitPrice(prices, promoted=promoted)})
    )


def products_by_variant_price(
    queryset: QuerySet, prices: BuyerPrices, lte: Decimal | None, gte: Decimal | None
) -> QuerySet:
    """``filter.price``: a variant in the range (Saleor lets unpriced ones pass,
    and ignores a bound of 0)."""
    listings = _listings(queryset, prices)
    if lte:
        listings = listings.filter(
            Q(**{f"{PRICE}__lte": lte}) | Q(price_amount__isnull=True)
        )
    if gte:
        listings = listings.filter(
            Q(**{f"{PRICE}__gte": gte}) | Q(price_amount__isnull=True)
        )
    return queryset.filter(Exists(listings))


def products_where_variant_price(
    queryset: QuerySet, prices: BuyerPrices, value: dict
) -> QuerySet:
    """``where.price``: a variant whose price matches."""
    listings = filter_where_by_numeric_field(_listings(queryset, prices), PRICE, value)
    return queryset.filter(Exists(listings))


def _minimal_prices(queryset: QuerySet, prices: BuyerPrices) -> QuerySet:
    """The outer product's lowest variant price after promotions, as one grouped
    row (``b2b_price``), for a HAVING condition."""
    return (
        ProductVariantChannelListing.objects.using(queryset.db)
        .filter(
            channel_id=prices.channel_id,
            variant__product_id=OuterRef("pk"),
            price_amount__isnull=False,
        )
        .values("variant__product_id")
        .annotate(**{PRICE: Min(BuyerUnitPrice(prices, promoted=True))})
    )


def _listed(queryset: QuerySet, prices: BuyerPrices) -> Exists:
    """Listed in the channel, as Saleor's minimal price filter requires."""
    return Exists(
        ProductChannelListing.objects.using(queryset.db).filter(
            channel_id=prices.channel_id, product_id=OuterRef("pk")
        )
    )


def products_by_minimal_price(
    queryset: QuerySet, prices: BuyerPrices, lte: Decimal | None, gte: Decimal | None
) -> QuerySet:
    """``filter.minimalPrice``."""
    minimal = _minimal_prices(queryset, prices)
    if lte:
        minimal = minimal.filter(**{f"{PRICE}__lte": lte})
    if gte:
        minimal = minimal.filter(**{f"{PRICE}__gte": gte})
    return queryset.filter(_listed(queryset, prices), Exists(minimal))


def products_where_minimal_price(
    queryset: QuerySet, prices: BuyerPrices, value: dict
) -> QuerySet:
    """``where.minimalPrice``."""
    minimal = filter_where_by_numeric_field(
        _minimal_prices(queryset, prices), PRICE, value
    )
    return queryset.filter(_listed(queryset, prices), Exists(minimal))


def _lowest(queryset: QuerySet, prices: BuyerPrices, *, promoted: bool) -> Subquery:
    listings = _listings(queryset, prices, promoted=promoted).filter(
        price_amount__isnull=False
    )
    return Subquery(listings.order_by(PRICE).values(PRICE)[:1])


def _filter_wrapper(
    ours: Callable[[QuerySet, BuyerPrices, dict], QuerySet],
) -> Callable[[Callable], Callable]:
    def wrap(original: Callable) -> Callable:
        @wraps(original)
        def filter_at_buyer_prices(self, queryset, name, value):
            channel_slug = get_channel_slug_from_filter_data(self.data)
            prices = prices_of_queryset(queryset, channel_slug)
            if prices is None or value is None:
                return original(self, queryset, name, value)
            return ours(queryset, prices, value)

        return filter_at_buyer_prices

    return wrap


def _sort_wrapper(field: str, *, promoted: bool) -> Callable[[Callable], Callable]:
    def wrap(original: Callable) -> Callable:
        @wraps(original)
        def sort_at_buyer_prices(queryset: QuerySet, channel_slug: str) -> QuerySet:
            prices = prices_of_queryset(queryset, channel_slug)
            if prices is None:
                return original(queryset, channel_slug)
            return queryset.annotate(
                **{field: _lowest(queryset, prices, promoted=promoted)}
            )

        return sort_at_buyer_prices

    return wrap


def _range(
    ours: Callable[[QuerySet, BuyerPrices, Any, Any], QuerySet],
) -> Callable[[QuerySet, BuyerPrices, dict], QuerySet]:
    return lambda queryset, prices, value: ours(
        queryset, prices, value.get("lte"), value.get("gte")
    )


#: (class, method name, its parameters, our wrapper) of every wrapped method.
FILTERS: list[tuple[type, str, list[str], Callable[[Callable], Callable]]] = [
    (
        ProductFilter,
        "filter_variant_price",
        ["self", "queryset", "name", "value"],
        _filter_wrapper(_range(products_by_variant_price)),
    ),
    (
        ProductFilter,
        "filter_minimal_price",
        ["self", "queryset", "name", "value"],
        _filter_wrapper(_range(products_by_minimal_price)),
    ),
    (
        ProductWhere,
        "filter_variant_price",
        ["self", "qs", "_", "value"],
        _filter_wrapper(products_where_variant_price),
    ),
    (
        ProductWhere,
        "filter_minimal_price",
        ["self", "qs", "_", "value"],
        _filter_wrapper(products_where_minimal_price),
    ),
]
#: (sort enum, its ``qs_with_<field>`` method, the annotation Saleor orders by).
SORTERS: list[tuple[type, str, list[str], Callable[[Callable], Callable]]] = [
    (
        ProductOrderField,
        "qs_with_price",
        ["queryset", "channel_slug"],
        _sort_wrapper("min_variants_price_amount", promoted=False),
    ),
    (
        ProductOrderField,
        "qs_with_minimal_price",
        ["queryset", "channel_slug"],
        _sort_wrapper("discounted_price_amount", promoted=True),
    ),
]


def target(owner: type, method: str) -> str:
    return f"{owner.__module__}.{owner.__qualname__}.{method}"


def install() -> None:
    """Wrap Saleor's price filter methods and price sorters (idempotent)."""
    for owner, method, _parameters, wrapper in FILTERS:
        current = owner.__dict__[method]
        if not getattr(current, _WRAPPED_MARK, False):
            wrapped = wrapper(current)
            setattr(wrapped, _WRAPPED_MARK, True)
            setattr(owner, method, wrapped)
        record(target(owner, method), __name__)
    for owner, method, _parameters, wrapper in SORTERS:
        current = owner.__dict__[method]
        function = current.__func__ if isinstance(current, staticmethod) else current
        if not getattr(function, _WRAPPED_MARK, False):
            wrapped = wrapper(function)
            setattr(wrapped, _WRAPPED_MARK, True)
            setattr(owner, method, staticmethod(wrapped))
        record(target(owner, method), __name__)
