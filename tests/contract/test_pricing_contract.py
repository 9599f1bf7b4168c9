"""What group pricing relies on in Saleor 3.23; fails loudly when an upgrade moves it."""

import inspect

from saleor.checkout import checkout_cleaner, complete_checkout
from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.checkout.models import CheckoutLine
from saleor.graphql.api import schema
from saleor.graphql.product.types import Product, ProductVariant
from saleor.order.models import OrderLine
from saleor.order.utils import update_line_base_unit_prices_with_custom_price

from saleor_b2b_groups.graphql.pricing import checkout as checkout_wrappers
from saleor_b2b_groups.graphql.pricing import orders as order_wrappers


def test_storefront_pricing_resolvers_load_the_listings_we_reprice():
    # pricing/storefront.py swaps these loaders while Saleor's resolvers run
    variant_source = inspect.getsource(ProductVariant.resolve_pricing)
    product_source = inspect.getsource(Product.resolve_pricing)

    assert "VariantChannelListingByVariantIdAndChannelSlugLoader(" in variant_source
    assert "get_variant_availability(" in variant_source
    assert "VariantsChannelListingByProductIdAndChannelSlugLoader(" in product_source
    assert "get_product_availability(" in product_source


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


def test_every_completion_path_calls_preprocess_order_creation():
    assert "preprocess_order_creation" in inspect.getsource(
        checkout_cleaner.validate_checkout
    )
    assert "preprocess_order_creation" in inspect.getsource(
        complete_checkout._prepare_checkout_with_transactions
    )
    assert "preprocess_order_creation" in inspect.getsource(
        complete_checkout._prepare_order_data
    )


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
