"""What catalog visibility relies on in Saleor 3.23; fails loudly when it moves."""

import inspect

from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.graphql.api import schema
from saleor.graphql.product import resolvers
from saleor.graphql.product.types import categories, collections, products

from saleor_b2b_groups import order_creation
from saleor_b2b_groups.graphql.visibility.checkout import (
    CHECKOUT_VISIBILITY,
    VISIBILITY_CHECKED,
)
from saleor_b2b_groups.visibility import querysets


def test_visible_to_user_methods_keep_their_signatures_and_are_wrapped():
    for queryset_class, parameters in querysets.WRAPPED:
        querysets.check_signature(queryset_class, parameters)
    assert querysets.is_installed()


def uses(function, *names: str) -> bool:
    source = inspect.getsource(function)
    return all(f"{name}(" in source for name in names)


def test_storefront_read_paths_funnel_through_visible_to_user():
    # Every path the filter must cover asks one of the wrapped methods (directly
    # or through resolve_products / resolve_product_variants).
    assert uses(resolvers.resolve_product, "visible_to_user")
    assert uses(resolvers.resolve_products, "visible_to_user")
    assert uses(resolvers.resolve_variant, "visible_to_user")
    assert uses(resolvers.resolve_product_variants, "visible_to_user")
    assert uses(resolvers.resolve_collections, "visible_to_user")
    assert uses(resolvers.resolve_collection_by_id, "visible_to_user")
    assert uses(resolvers.resolve_collection_by_slug, "visible_to_user")
    assert uses(categories.Category.resolve_products, "visible_to_user")
    assert uses(collections.Collection.resolve_products, "visible_to_user")
    assert uses(products.ProductType.resolve_products, "visible_to_user")
    assert uses(products.Product._Product__resolve_references, "resolve_products")
    assert uses(
        products.ProductVariant._ProductVariant__resolve_references,
        "resolve_product_variants",
    )


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


def test_reorder_is_checked_and_filters_lines_through_saleors_own_filter():
    from saleor.graphql.checkout.mutations import CheckoutCreateFromOrder

    from saleor_b2b_groups.graphql.visibility import reorder

    mutation = schema.get_type("Mutation")
    resolver = mutation.fields["checkoutCreateFromOrder"].resolver
    assert getattr(resolver, VISIBILITY_CHECKED, False)
    assert reorder.is_installed()
    # Saleor's mutation asks its line filter, which returns (ids, lines, errors)
    # and builds errors with _create_variant_errors.
    assert uses(CheckoutCreateFromOrder.clean_order_lines, reorder.SALEOR_LINE_FILTER)
    filter_source = inspect.getsource(
        inspect.unwrap(getattr(CheckoutCreateFromOrder, reorder.SALEOR_LINE_FILTER))
    )
    assert "return variant_ids_set, order_lines, variant_errors" in filter_source
    assert callable(CheckoutCreateFromOrder._create_variant_errors)
    assert list(
        inspect.signature(
            inspect.unwrap(
                getattr(CheckoutCreateFromOrder, reorder.SALEOR_LINE_FILTER).__func__
            )
        ).parameters
    ) == ["cls", "order", "order_lines", "global_quantity_limit"]


def test_order_line_product_fields_are_wrapped():
    for field in ("variant", "thumbnail"):
        resolver = schema.get_type("OrderLine").fields[field].resolver
        assert "resolve_order_line_product_field" in resolver.__qualname__, field
        assert resolver.__module__ == "saleor_b2b_groups.graphql.visibility.order_lines"
