"""What group pricing relies on in Saleor 3.23; fails loudly when an upgrade moves it."""

import inspect
from types import SimpleNamespace

import pytest
from promise import Promise
from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.checkout.models import CheckoutLine
from saleor.graphql.api import schema
from saleor.graphql.core.context import ChannelContext, SaleorContext
from saleor.graphql.product.dataloaders import (
    VariantChannelListingByVariantIdAndChannelSlugLoader,
    VariantsChannelListingByProductIdAndChannelSlugLoader,
)
from saleor.graphql.product.types import Product, ProductVariant
from saleor.order.models import OrderLine
from saleor.order.utils import update_line_base_unit_prices_with_custom_price

from saleor_b2b_groups.graphql.pricing import checkout as checkout_wrappers
from saleor_b2b_groups.graphql.pricing import orders as order_wrappers
from saleor_b2b_groups.graphql.pricing import storefront

from .conftest import CALLERS, PATHS


class HalfPricedVariantListings(VariantChannelListingByVariantIdAndChannelSlugLoader):
    """Saleor's listing loader, returning copies at half the channel price."""

    context_key = "contract_half_priced_variant_listing"
    keys: list = []

    def batch_load(self, keys):
        self.keys.extend(keys)
        return Promise.resolve(super().batch_load(keys)).then(
            lambda listings: [half_priced(listing) for listing in listings]
        )


class HalfPricedProductListings(VariantsChannelListingByProductIdAndChannelSlugLoader):
    context_key = "contract_half_priced_product_listings"
    keys: list = []

    def batch_load(self, keys):
        self.keys.extend(keys)
        return Promise.resolve(super().batch_load(keys)).then(
            lambda per_product: [
                [half_priced(item) for item in items] for items in per_product
            ]
        )


def half_priced(listing):
    return storefront._with_price(listing, listing.price / 2, rule=None)


def saleors_pricing(resolve_pricing, root, saleor_loader, ours, then=lambda: None):
    """Run Saleor's resolver as ``pricing/storefront.py`` does: with the request's
    listing loader swapped for ``ours`` while it runs, the results awaited after."""
    context = SaleorContext()
    context.user = None
    context.app = None
    context.allow_replica = False
    info = SimpleNamespace(context=context)
    ours.keys = []
    with storefront._swapped(context, saleor_loader, ours):
        pricing = resolve_pricing(root, info)
    assert context.dataloaders[saleor_loader.context_key].__class__ is saleor_loader
    then()
    return Promise.resolve(pricing).get(), ours.keys


def test_storefront_pricing_resolvers_load_the_listings_we_reprice(
    product, channel_USD
):
    # pricing/storefront.py swaps these loaders while Saleor's resolvers run: they
    # must ask the request's instance, synchronously, and price from its result.
    variant = product.variants.get()
    listing = variant.channel_listings.get(channel=channel_USD)
    assert listing.discounted_price == listing.price  # no promotion
    root = ChannelContext(node=variant, channel_slug=channel_USD.slug)

    variant_pricing, keys = saleors_pricing(
        ProductVariant.resolve_pricing,
        root,
        VariantChannelListingByVariantIdAndChannelSlugLoader,
        HalfPricedVariantListings,
    )

    assert keys == [(variant.pk, channel_USD.slug)]
    assert variant_pricing.on_sale
    assert variant_pricing.price.gross * 2 == variant_pricing.price_undiscounted.gross

    product_pricing, keys = saleors_pricing(
        Product.resolve_pricing,
        ChannelContext(node=product, channel_slug=channel_USD.slug),
        VariantsChannelListingByProductIdAndChannelSlugLoader,
        HalfPricedProductListings,
    )

    assert keys == [(product.pk, channel_USD.slug)]
    assert product_pricing.on_sale
    price_range = product_pricing.price_range
    assert price_range.start.gross * 2 == variant_pricing.price_undiscounted.gross


def test_a_resolver_loading_after_the_swap_is_caught(product, channel_USD):
    # The negative of the test above: had Saleor's resolver asked for the listing
    # only once something else resolved, after the resolver returned, the swap would
    # be over and the group price lost.
    variant = product.variants.get()
    later = Promise()

    def deferred(root, info):
        return later.then(lambda _: ProductVariant.resolve_pricing(root, info))

    pricing, keys = saleors_pricing(
        deferred,
        ChannelContext(node=variant, channel_slug=channel_USD.slug),
        VariantChannelListingByVariantIdAndChannelSlugLoader,
        HalfPricedVariantListings,
        then=lambda: later.do_resolve(None),
    )

    assert keys == []
    assert not pricing.on_sale


def test_pricing_fields_are_wrapped_in_the_served_schema():
    for type_name in ("Product", "ProductVariant"):
        resolver = schema.get_type(type_name).fields["pricing"].resolver
        assert "resolve_pricing" in resolver.__qualname__
        assert resolver.__module__ == "saleor_b2b_groups.graphql.pricing.storefront"


def test_repriced_mutations_exist_and_are_wrapped():
    mutation = schema.get_type("Mutation")
    names = checkout_wrappers.REPRICING_MUTATIONS + order_wrappers.REPRICING_MUTATIONS
    for name in names:
        camel = name.split("_")[0] + "".join(p.title() for p in name.split("_")[1:])
        field = mutation.fields[camel]
        assert "reprice" in field.resolver.__qualname__, camel


def test_line_price_overrides_are_where_we_write_them():
    checkout_fields = {f.name for f in CheckoutLine._meta.get_fields()}
    order_fields = {f.name for f in OrderLine._meta.get_fields()}

    assert {"price_override", "price_override_reason"} <= checkout_fields
    assert {"is_price_overridden", "price_override_reason"} <= order_fields
    assert list(
        inspect.signature(update_line_base_unit_prices_with_custom_price).parameters
    ) == [
        "order",
        "line_data",
        "line",
        "update_fields",
    ]


@pytest.mark.parametrize("path", PATHS)
def test_every_completion_path_calls_preprocess_order_creation(
    path, checkout_with_item, order_creation_hook, complete_by
):
    # pricing/checkout.py re-prices the checkout in the hook
    # (check_group_prices_before_order) with the manager of its checkout info.
    # given
    checkout = checkout_with_item
    lines = [line.pk for line in checkout.lines.all()]

    # when
    completed = complete_by(path, checkout)

    # then: the hook saw the checkout being completed, and an order followed
    assert completed.errors in ([], None)
    assert completed.order is not None
    assert order_creation_hook.called_from(CALLERS[path])
    for call in order_creation_hook.calls:
        assert call.checkout_info.checkout.pk == checkout.pk
        assert call.checkout_info.manager is not None
        assert [line.line.pk for line in call.lines] == lines


def test_order_creation_error_codes_we_answer_with_exist():
    # order_creation.refuse answers orderCreateFromCheckout with GRAPHQL_ERROR
    # because its enum has no INVALID; if Saleor adds one, use it.
    assert CheckoutErrorCode.INVALID.value == "invalid"
    assert "INVALID" not in OrderCreateFromCheckoutErrorCode.__members__
    assert OrderCreateFromCheckoutErrorCode.GRAPHQL_ERROR.value == "graphql_error"


def test_line_mutations_price_their_lines_in_place():
    # graphql/pricing/checkout.py wraps CheckoutLinesAdd.process_lines_input: it
    # must still be the classmethod that returns the lines Saleor then calculates
    # (CheckoutLinesUpdate calls it through super()).
    from saleor.graphql.checkout.mutations.checkout_lines_add import CheckoutLinesAdd
    from saleor.graphql.checkout.mutations.checkout_lines_update import (
        CheckoutLinesUpdate,
    )

    wrapped = CheckoutLinesAdd.__dict__["process_lines_input"]
    assert isinstance(wrapped, classmethod)
    assert getattr(wrapped.__func__, "__b2b_groups_prices_in_place__", False)
    assert "process_lines_input" in CheckoutLinesUpdate.__dict__  # calls super()
    original = inspect.signature(wrapped.__func__.__wrapped__)
    assert list(original.parameters)[:6] == [
        "cls",
        "info",
        "checkout",
        "variants",
        "checkout_lines_data",
        "checkout_info",
    ]
