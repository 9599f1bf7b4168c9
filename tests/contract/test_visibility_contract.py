"""What catalog visibility relies on in Saleor 3.23; fails loudly when it moves."""

import inspect
import re

import graphene
import pytest
from saleor.checkout.error_codes import (
    CheckoutCreateFromOrderUnavailableVariantErrorCode as UnavailableCode,
)
from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.graphql.api import schema
from saleor.graphql.checkout.mutations import CheckoutCreateFromOrder
from saleor.graphql.core.context import (
    ChannelQsContext,
    get_database_connection_name,
)
from saleor.graphql.product import schema as product_schema
from saleor.graphql.tests.utils import get_graphql_content
from saleor.product.managers import (
    CollectionsQueryset,
    ProductsQueryset,
    ProductVariantQueryset,
)
from saleor.product.models import Product
from saleor.warehouse.models import Stock

from saleor_b2b_groups import order_creation
from saleor_b2b_groups.graphql.visibility import reorder
from saleor_b2b_groups.graphql.visibility.checkout import (
    CHECKOUT_VISIBILITY,
    VISIBILITY_CHECKED,
)
from saleor_b2b_groups.visibility import querysets


def test_visible_to_user_methods_keep_their_signatures_and_are_wrapped():
    for queryset_class, parameters in querysets.WRAPPED:
        querysets.check_signature(queryset_class, parameters)
    assert querysets.is_installed()


@pytest.fixture
def visible_to_user_calls(monkeypatch) -> list[str]:
    """The queryset classes whose (wrapped) ``visible_to_user`` a request asked."""
    calls: list[str] = []
    for queryset_class, _parameters in querysets.WRAPPED:
        installed = queryset_class.visible_to_user

        def recording(
            self, *args, _installed=installed, _name=queryset_class.__name__, **kwargs
        ):
            calls.append(_name)
            return _installed(self, *args, **kwargs)

        monkeypatch.setattr(queryset_class, "visible_to_user", recording)
    return calls


PRODUCTS = ProductsQueryset.__name__
VARIANTS = ProductVariantQueryset.__name__
COLLECTIONS = CollectionsQueryset.__name__

#: Every storefront read path the filter must cover: (query, the wrapped method
#: it must ask, the field of the answer that must not be empty).
READ_PATHS = {
    "product": (
        "query ($product: ID!, $channel: String) "
        "{ product(id: $product, channel: $channel) { id } }",
        PRODUCTS,
        "product",
    ),
    "products": (
        "query ($channel: String) "
        "{ products(first: 5, channel: $channel) { edges { node { id } } } }",
        PRODUCTS,
        "products",
    ),
    "productVariant": (
        "query ($variant: ID!, $channel: String) "
        "{ productVariant(id: $variant, channel: $channel) { id } }",
        PRODUCTS,  # the variant of a product the buyer may see
        "productVariant",
    ),
    "productVariants": (
        "query ($channel: String) "
        "{ productVariants(first: 5, channel: $channel) { edges { node { id } } } }",
        VARIANTS,
        "productVariants",
    ),
    "collections": (
        "query ($channel: String) "
        "{ collections(first: 5, channel: $channel) { edges { node { id } } } }",
        COLLECTIONS,
        "collections",
    ),
    "collection-by-id": (
        "query ($collection: ID!, $channel: String) "
        "{ collection(id: $collection, channel: $channel) { id } }",
        COLLECTIONS,
        "collection",
    ),
    "collection-by-slug": (
        "query ($slug: String!, $channel: String) "
        "{ collection(slug: $slug, channel: $channel) { id } }",
        COLLECTIONS,
        "collection",
    ),
    "Category.products": (
        "query ($category: ID!, $channel: String) { category(id: $category) "
        "{ products(first: 5, channel: $channel) { edges { node { id } } } } }",
        PRODUCTS,
        "category",
    ),
    "Collection.products": (
        "query ($collection: ID!, $channel: String) "
        "{ collection(id: $collection, channel: $channel) "
        "{ products(first: 5) { edges { node { id } } } } }",
        PRODUCTS,
        "collection",
    ),
    "ProductType.products": (
        "query ($productType: ID!, $channel: String) { productType(id: $productType) "
        "{ products(first: 5, channel: $channel) { edges { node { id } } } } }",
        PRODUCTS,
        "productType",
    ),
    "Product.__resolve_references": (
        "query ($products: [_Any!]!) "
        "{ _entities(representations: $products) { ... on Product { id } } }",
        PRODUCTS,
        "_entities",
    ),
    "ProductVariant.__resolve_references": (
        "query ($variants: [_Any!]!) "
        "{ _entities(representations: $variants) { ... on ProductVariant { id } } }",
        VARIANTS,
        "_entities",
    ),
}


@pytest.mark.parametrize("path", READ_PATHS)
def test_storefront_read_paths_funnel_through_visible_to_user(
    path, api_client, product, published_collection, channel_USD, visible_to_user_calls
):
    # Every path the filter must cover asks one of the wrapped methods (directly
    # or through resolve_products / resolve_product_variants).
    # given
    query, asked, answer = READ_PATHS[path]
    variant = product.variants.first()
    published_collection.products.add(product)
    to_global_id = graphene.Node.to_global_id
    product_id = to_global_id("Product", product.pk)
    variant_id = to_global_id("ProductVariant", variant.pk)
    variables = {
        "channel": channel_USD.slug,
        "product": product_id,
        "variant": variant_id,
        "collection": to_global_id("Collection", published_collection.pk),
        "slug": published_collection.slug,
        "category": to_global_id("Category", product.category_id),
        "productType": to_global_id("ProductType", product.product_type_id),
        "products": [
            {"__typename": "Product", "id": product_id, "channel": channel_USD.slug}
        ],
        "variants": [
            {
                "__typename": "ProductVariant",
                "id": variant_id,
                "channel": channel_USD.slug,
            }
        ],
    }
    used = re.findall(r"\$(\w+):", query)

    # when
    response = api_client.post_graphql(query, {name: variables[name] for name in used})

    # then: the path served what it was asked for, through the wrapped method
    data = get_graphql_content(response)["data"]
    assert data[answer], data
    assert asked in visible_to_user_calls


def test_a_read_path_that_skips_visible_to_user_is_caught(
    monkeypatch, api_client, product, channel_USD, visible_to_user_calls
):
    # The negative of the test above: were Saleor's products query to stop asking
    # visible_to_user, the recording would stay empty.
    def resolve_products(info, requestor, channel, limited_channel_access):
        products = Product.objects.using(get_database_connection_name(info.context))
        return ChannelQsContext(qs=products.all(), channel_slug=channel.slug)

    monkeypatch.setattr(product_schema, "resolve_products", resolve_products)
    query, _asked, _answer = READ_PATHS["products"]

    response = api_client.post_graphql(query, {"channel": channel_USD.slug})

    assert get_graphql_content(response)["data"]["products"]["edges"]
    assert visible_to_user_calls == []


def test_checkout_mutations_are_checked_before_saleor_in_the_served_schema():
    mutation = schema.get_type("Mutation")
    for wrapper in CHECKOUT_VISIBILITY:
        head, *rest = wrapper.field.split("_")
        camel = head + "".join(part.title() for part in rest)
        assert getattr(mutation.fields[camel].resolver, VISIBILITY_CHECKED, False)


def test_visibility_is_the_first_check_of_a_buyer_before_an_order_exists():
    # after the buyer rule (a guest checkout of a member's e-mail), before prices
    assert order_creation.CHECKS[0] == (
        "saleor_b2b_groups.buyers.guests.check_guest_is_not_member"
    )
    assert order_creation.CHECKS[1].startswith("saleor_b2b_groups.visibility.")


def test_error_codes_we_answer_with_exist():
    assert CheckoutErrorCode.PRODUCT_NOT_PUBLISHED
    assert CheckoutErrorCode.CHANNEL_INACTIVE
    assert OrderCreateFromCheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL
    assert OrderCreateFromCheckoutErrorCode.CHANNEL_INACTIVE


REORDER = """
mutation ($id: ID!) {
  checkoutCreateFromOrder(id: $id) {
    errors { field code }
    unavailableVariants { code message variantId lineId }
    checkout { lines { variant { id } quantity } }
  }
}
"""


def test_reorder_is_checked_and_filters_lines_through_saleors_own_filter(
    monkeypatch, user_api_client, order_with_lines
):
    # given: the served resolver is checked and Saleor's line filter wrapped; on
    # top of it, a filter that leaves the first line out the way reorder.py does.
    mutation = schema.get_type("Mutation")
    resolver = mutation.fields["checkoutCreateFromOrder"].resolver
    assert getattr(resolver, VISIBILITY_CHECKED, False)
    assert reorder.is_installed()
    installed = getattr(CheckoutCreateFromOrder, reorder.SALEOR_LINE_FILTER).__func__
    assert list(inspect.signature(inspect.unwrap(installed)).parameters) == [
        "cls",
        "order",
        "order_lines",
        "global_quantity_limit",
    ]
    calls = []

    def leave_first_out(cls, order, order_lines, global_quantity_limit):
        variant_ids, lines, errors = installed(
            cls, order, order_lines, global_quantity_limit
        )
        left_out = lines[0]
        calls.append((order, left_out))
        errors.extend(
            cls._create_variant_errors(
                error_code=UnavailableCode.PRODUCT_NOT_PUBLISHED.value,
                msg="left out by the contract test",
                order_lines=[left_out],
            )
        )
        kept = [line for line in lines if line is not left_out]
        return variant_ids - {left_out.variant_id}, kept, errors

    monkeypatch.setattr(
        CheckoutCreateFromOrder,
        reorder.SALEOR_LINE_FILTER,
        classmethod(leave_first_out),
    )
    order_with_lines.user = user_api_client.user
    order_with_lines.save(update_fields=["user"])
    Stock.objects.update(quantity=10)
    order_lines = list(order_with_lines.lines.order_by("pk"))
    assert len(order_lines) >= 2

    # when
    data = get_graphql_content(
        user_api_client.post_graphql(
            REORDER, {"id": graphene.Node.to_global_id("Order", order_with_lines.pk)}
        )
    )["data"]["checkoutCreateFromOrder"]

    # then: Saleor asked the filter, built the checkout from the lines it kept
    # and reported the errors it returned, in its own shape
    [(order, left_out)] = calls
    assert order == order_with_lines
    assert data["errors"] == []
    to_global_id = graphene.Node.to_global_id
    assert data["unavailableVariants"] == [
        {
            "code": "PRODUCT_NOT_PUBLISHED",
            "message": "left out by the contract test",
            "variantId": to_global_id("ProductVariant", left_out.variant_id),
            "lineId": to_global_id("OrderLine", left_out.pk),
        }
    ]
    reordered = {line["variant"]["id"] for line in data["checkout"]["lines"]}
    assert reordered == {
        to_global_id("ProductVariant", line.variant_id)
        for line in order_lines
        if line.pk != left_out.pk
    }


def test_order_line_product_fields_are_wrapped():
    for field in ("variant", "thumbnail"):
        resolver = schema.get_type("OrderLine").fields[field].resolver
        assert "resolve_order_line_product_field" in resolver.__qualname__, field
        assert resolver.__module__ == "saleor_b2b_groups.graphql.visibility.order_lines"
