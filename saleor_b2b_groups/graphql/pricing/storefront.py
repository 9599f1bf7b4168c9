"""Group prices in Saleor's storefront ``pricing`` fields.

Saleor computes ``ProductVariant.pricing`` and ``Product.pricing`` from the variant
channel listings its dataloaders return, through ``get_variant_availability`` /
``get_product_availability`` (taxes, ``onSale``, ``discount``, ranges). For a buyer
with group prices, the wrapped resolvers hand Saleor *copies* of those listings whose
``discounted_price`` is the group price (with the variant's catalogue promotion
applied on top, as checkout applies it to ``price_override``), so every number
Saleor derives stays consistent with what checkout will charge. ``price`` stays the
channel price: ``priceUndiscounted`` shows the public price and ``discount`` the
buyer's saving against it.

How the copies get in: while Saleor's resolver runs (it only *enqueues* its dataloader
calls, synchronously), the request's instance of each listing loader is swapped for
a subclass that prices what the original returns. Other fields keep the originals.
The contract tests in ``tests/contract/`` check that the resolvers still use these
loaders.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.db.models import F
from prices import Money
from promise import Promise
from saleor.core.db.connection import allow_writer_in_context
from saleor.discount.models import PromotionRule
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SaleorContext, get_database_connection_name
from saleor.graphql.core.dataloaders import DataLoader
from saleor.graphql.product.dataloaders import (
    VariantChannelListingByVariantIdAndChannelSlugLoader,
    VariantsChannelListingByProductIdAndChannelSlugLoader,
)
from saleor.product.models import ProductVariantChannelListing

from ...groups.fetch import CustomerGroupsInfo
from ...pricing.resolver import PriceRequest, resolve_group_prices
from ..buyer import request_buyer
from ..schema_extension import ResolverWrapper


def group_priced_listings(
    context: SaleorContext,
    buyer: CustomerGroupsInfo,
    listings: Iterable[ProductVariantChannelListing],
) -> dict[int, ProductVariantChannelListing]:
    """Copies of ``listings`` at the buyer's group prices, by listing id.

    Three queries for the resolver plus one for catalogue promotions, only when a
    priced listing has one, whatever the number of listings.
    """
    by_channel: dict[int, list[ProductVariantChannelListing]] = defaultdict(list)
    for listing in listings:
        if listing is not None and listing.price is not None:
            by_channel[listing.channel_id].append(listing)
    database = get_database_connection_name(context)
    # Product and variant pricing ask for the same variants: price each once.
    cache: dict[tuple[int, int], Money | None] = context.__dict__.setdefault(
        "_b2b_group_unit_prices", {}
    )
    for channel_id, channel_listings in by_channel.items():
        missing = [
            item
            for item in channel_listings
            if (channel_id, item.variant_id) not in cache
        ]
        if not missing:
            continue
        prices = resolve_group_prices(
            buyer,
            channel_id,
            [PriceRequest(listing.variant_id) for listing in missing],
            channel_prices={item.variant_id: item.price for item in missing},
            database=database,
            explain=False,
        )
        for listing in missing:
            group_price = prices.get(PriceRequest(listing.variant_id))
            cache[channel_id, listing.variant_id] = (
                group_price.price if group_price is not None else None
            )
    priced: dict[int, tuple[ProductVariantChannelListing, Money]] = {}
    for channel_id, channel_listings in by_channel.items():
        for listing in channel_listings:
            price = cache[channel_id, listing.variant_id]
            if price is not None:
                priced[listing.pk] = (listing, price)
    promoted = [
        pk
        for pk, (listing, _price) in priced.items()
        if listing.discounted_price is not None
        and listing.discounted_price < listing.price
    ]
    rules = _catalogue_rules(promoted, database)
    result = {}
    for pk, (listing, price) in priced.items():
        result[pk] = _with_price(listing, price, rules.get(pk))
    return result


def _catalogue_rules(listing_ids: list[int], database: str) -> dict[int, PromotionRule]:
    """The promotion rule Saleor applies to each listing (checkout uses the first)."""
    if not listing_ids:
        return {}
    rules: dict[int, PromotionRule] = {}
    for rule in (
        PromotionRule.objects.using(database)
        .filter(variantlistingpromotionrule__variant_channel_listing_id__in=listing_ids)
        .annotate(
            listing_id=F("variantlistingpromotionrule__variant_channel_listing_id")
        )
        .order_by("variantlistingpromotionrule__pk")
    ):
        rules.setdefault(rule.listing_id, rule)
    return rules


def _with_price(
    listing: ProductVariantChannelListing, price: Money, rule: PromotionRule | None
) -> ProductVariantChannelListing:
    # A shallow copy of the instance's fields: ``copy.copy`` of a model goes through
    # pickling support and costs ~50 us a listing, this ~1 us.
    priced = listing.__class__.__new__(listing.__class__)
    priced.__dict__.update(listing.__dict__)
    discounted = price
    if rule is not None:
        discounted = rule.get_discount(listing.currency)(price)
    priced.discounted_price_amount = discounted.amount
    return priced


class GroupPricedVariantListingLoader(
    VariantChannelListingByVariantIdAndChannelSlugLoader
):
    """Saleor's listing loader, returning group-priced copies for one buyer."""

    context_key = "b2b_group_priced_variant_listing_by_variant_and_channel"
    buyer: CustomerGroupsInfo

    def batch_load(self, keys):
        def price(listings):
            priced = group_priced_listings(self.context, self.buyer, listings)
            return [
                priced.get(listing.pk, listing) if listing is not None else None
                for listing in listings
            ]

        return _then(self.context, super().batch_load(keys), price)


class GroupPricedProductListingsLoader(
    VariantsChannelListingByProductIdAndChannelSlugLoader
):
    """Saleor's per-product listings loader, group-priced for one buyer."""

    context_key = "b2b_group_priced_variants_listing_by_product_and_channel"
    buyer: CustomerGroupsInfo

    def batch_load(self, keys):
        def price(listings_per_product):
            flat = [
                item for listings in listings_per_product for item in listings or []
            ]
            priced = group_priced_listings(self.context, self.buyer, flat)
            return [
                [priced.get(item.pk, item) for item in listings or []]
                for listings in listings_per_product
            ]

        return _then(self.context, super().batch_load(keys), price)


def _then(context: SaleorContext, loaded, price: Callable):
    """Price Saleor's own result as soon as it exists: synchronously when Saleor
    loaded synchronously, so that no promise tick shifts Saleor's later batches.

    Pricing is part of the batch load, so it may read the writer as Saleor's own
    batch loads may (in a mutation's payload), also when it runs after them."""

    def priced(result):
        with allow_writer_in_context(context):
            return price(result)

    if isinstance(loaded, Promise):
        return loaded.then(priced)
    return priced(loaded)


@contextmanager
def _swapped(context: SaleorContext, saleor_loader: type[DataLoader], ours: type):
    original = saleor_loader(context)  # the request's instance
    replacement = ours(context)
    key = saleor_loader.context_key
    context.dataloaders[key] = replacement
    try:
        yield
    finally:
        context.dataloaders[key] = original


def _group_priced(saleor_loader: type[DataLoader], ours: type) -> Callable:
    def wrap(resolve: Callable) -> Callable:
        def resolve_pricing(root, info: ResolveInfo, **kwargs):
            buyer = request_buyer(info.context)
            if buyer is None or not getattr(root, "channel_slug", None):
                return resolve(root, info, **kwargs)
            loader = ours(info.context)
            loader.buyer = buyer.groups
            with _swapped(info.context, saleor_loader, ours):
                return resolve(root, info, **kwargs)

        return resolve_pricing

    return wrap


VARIANT_PRICING = ResolverWrapper(
    "ProductVariant",
    "pricing",
    _group_priced(
        VariantChannelListingByVariantIdAndChannelSlugLoader,
        GroupPricedVariantListingLoader,
    ),
)
PRODUCT_PRICING = ResolverWrapper(
    "Product",
    "pricing",
    _group_priced(
        VariantsChannelListingByProductIdAndChannelSlugLoader,
        GroupPricedProductListingsLoader,
    ),
)
