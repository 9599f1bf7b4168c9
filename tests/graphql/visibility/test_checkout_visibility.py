"""A hidden product cannot be put in a checkout or bought; a denied channel takes
no checkout. Every refusal is a typed error and changes nothing."""

import graphene
import pytest
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order

from saleor_b2b_groups.visibility import CatalogMode
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE, ORDER_CREATE_FROM_CHECKOUT
from tests.fixtures.visibility import b2b_only, exclude, include, set_terms

CHECKOUT_CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {
  checkoutCreate(input: {channel: $channel, lines: $lines, email: "b@example.com"}) {
    checkout { id lines { quantity variant { sku } } }
    errors { field code variants }
  }
}
"""

LINES_ADD = """
mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    checkout { id } errors { field code variants }
  }
}
"""

LINES_UPDATE = """
mutation ($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {
  checkoutLinesUpdate(id: $id, lines: $lines) {
    checkout { lines { quantity variant { sku } } } errors { field code variants }
  }
}
"""

CUSTOMER_ATTACH = """
mutation ($id: ID!) {
  checkoutCustomerAttach(id: $id) { checkout { id } errors { field code variants } }
}
"""


def variant_of(product):
    return product.variants.first()


def variant_id(product) -> str:
    return graphene.Node.to_global_id("ProductVariant", variant_of(product).pk)


def lines(*products, quantity=1) -> list[dict]:
    return [{"variantId": variant_id(p), "quantity": quantity} for p in products]


def create(client, channel, *products) -> dict:
    response = client.post_graphql(
        CHECKOUT_CREATE, {"channel": channel.slug, "lines": lines(*products)}
    )
    return get_graphql_content(response)["data"]["checkoutCreate"]


def checkout_of(data) -> Checkout:
    return Checkout.objects.get(pk=graphene.Node.from_global_id(data["id"])[1])


def errors(data) -> list[tuple]:
    return [(e["field"], e["code"]) for e in data["errors"]]


def hammer_hidden_by_product_rule(groups, catalog):
    exclude(groups["berlin"], catalog["hammer"])


def hammer_hidden_by_inherited_collection_rule(groups, catalog):
    exclude(groups["acme"], catalog["summer"])


def hammer_hidden_by_inherited_category_rule(groups, catalog):
    exclude(groups["emea"], catalog["tools"])


def hammer_hidden_by_restricted_mode(groups, catalog):
    set_terms(groups["acme"], catalog_mode=CatalogMode.RESTRICTED)
    include(groups["berlin"], catalog["apparel"])


HIDING_RULES = [
    hammer_hidden_by_product_rule,
    hammer_hidden_by_inherited_collection_rule,
    hammer_hidden_by_inherited_category_rule,
    hammer_hidden_by_restricted_mode,
]


@pytest.mark.parametrize("hide", HIDING_RULES, ids=lambda f: f.__name__)
def test_checkout_create_refuses_a_hidden_product(
    hide, user_api_client, buyer_in_branch, group_tree, catalog
):
    # given
    hide(group_tree, catalog)
    count = Checkout.objects.count()

    # when
    data = create(
        user_api_client, catalog["channel"], catalog["polo"], catalog["hammer"]
    )

    # then
    assert data["checkout"] is None
    assert errors(data) == [("lines", "PRODUCT_NOT_PUBLISHED")]
    assert data["errors"][0]["variants"] == [variant_id(catalog["hammer"])]
    assert Checkout.objects.count() == count


@pytest.mark.parametrize("hide", HIDING_RULES, ids=lambda f: f.__name__)
def test_checkout_lines_add_refuses_a_hidden_product(
    hide, user_api_client, buyer_in_branch, group_tree, catalog
):
    # given
    created = create(user_api_client, catalog["channel"], catalog["polo"])["checkout"]
    hide(group_tree, catalog)

    # when
    response = user_api_client.post_graphql(
        LINES_ADD, {"id": created["id"], "lines": lines(catalog["hammer"])}
    )

    # then
    data = get_graphql_content(response)["data"]["checkoutLinesAdd"]
    assert errors(data) == [("lines", "PRODUCT_NOT_PUBLISHED")]
    assert list(checkout_of(created).lines.values_list("variant__sku", flat=True)) == [
        "POLO"
    ]


def test_allowed_products_go_in_and_out_of_the_checkout(
    user_api_client, buyer_in_branch, group_tree, catalog
):
    # given: restricted to Apparel
    hammer_hidden_by_restricted_mode(group_tree, catalog)

    # when
    created = create(user_api_client, catalog["channel"], catalog["polo"])
    added = get_graphql_content(
        user_api_client.post_graphql(
            LINES_ADD,
            {"id": created["checkout"]["id"], "lines": lines(catalog["jacket"])},
        )
    )["data"]["checkoutLinesAdd"]

    # then
    assert created["errors"] == added["errors"] == []
    assert sorted(
        checkout_of(created["checkout"]).lines.values_list("variant__sku", flat=True)
    ) == ["JACKET", "POLO"]


def test_checkout_lines_update_refuses_more_of_a_hidden_product_but_lets_it_go(
    user_api_client, buyer_in_branch, group_tree, catalog
):
    # given: the hammer went into the checkout before a rule hid it
    created = create(user_api_client, catalog["channel"], catalog["hammer"])["checkout"]
    line = CheckoutLine.objects.get(checkout=checkout_of(created))
    line_id = graphene.Node.to_global_id("CheckoutLine", line.pk)
    hammer_hidden_by_product_rule(group_tree, catalog)

    # when: more of it, by line and by variant
    by_line = get_graphql_content(
        user_api_client.post_graphql(
            LINES_UPDATE,
            {"id": created["id"], "lines": [{"lineId": line_id, "quantity": 5}]},
        )
    )["data"]["checkoutLinesUpdate"]
    by_variant = get_graphql_content(
        user_api_client.post_graphql(
            LINES_UPDATE,
            {"id": created["id"], "lines": lines(catalog["hammer"], quantity=5)},
        )
    )["data"]["checkoutLinesUpdate"]
    line.refresh_from_db()
    quantity_after_refusals = line.quantity
    # and then none of it
    removed = get_graphql_content(
        user_api_client.post_graphql(
            LINES_UPDATE,
            {"id": created["id"], "lines": [{"lineId": line_id, "quantity": 0}]},
        )
    )["data"]["checkoutLinesUpdate"]

    # then
    assert errors(by_line) == errors(by_variant) == [("lines", "PRODUCT_NOT_PUBLISHED")]
    assert quantity_after_refusals == 1
    assert removed["errors"] == []
    assert not CheckoutLine.objects.filter(pk=line.pk).exists()


def test_attaching_a_customer_who_may_not_buy_a_line_is_refused(
    api_client, user_api_client, buyer_in_branch, group_tree, catalog
):
    # given: an anonymous checkout with the hammer, hidden from the Berlin buyer
    created = create(api_client, catalog["channel"], catalog["hammer"])["checkout"]
    hammer_hidden_by_inherited_category_rule(group_tree, catalog)

    # when
    response = user_api_client.post_graphql(CUSTOMER_ATTACH, {"id": created["id"]})

    # then
    data = get_graphql_content(response)["data"]["checkoutCustomerAttach"]
    assert errors(data) == [("lines", "PRODUCT_NOT_PUBLISHED")]
    assert checkout_of(created).user_id is None


def test_attaching_a_customer_who_may_buy_every_line(
    api_client, user_api_client, buyer_in_branch, group_tree, catalog
):
    # given
    created = create(api_client, catalog["channel"], catalog["polo"])["checkout"]
    hammer_hidden_by_inherited_category_rule(group_tree, catalog)

    # when
    response = user_api_client.post_graphql(CUSTOMER_ATTACH, {"id": created["id"]})

    # then
    data = get_graphql_content(response)["data"]["checkoutCustomerAttach"]
    assert data["errors"] == []
    assert checkout_of(created).user_id == buyer_in_branch.pk


@pytest.mark.parametrize("hide", HIDING_RULES, ids=lambda f: f.__name__)
def test_checkout_complete_refuses_a_product_hidden_since(
    hide,
    user_api_client,
    buyer_in_branch,
    group_tree,
    catalog,
    pay_and_prepare_checkout,
):
    # given
    created = create(user_api_client, catalog["channel"], catalog["hammer"])["checkout"]
    pay_and_prepare_checkout(checkout_of(created))
    hide(group_tree, catalog)

    # when
    response = user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})

    # then
    data = get_graphql_content(response)["data"]["checkoutComplete"]
    assert data["order"] is None
    assert errors(data) == [("lines", "PRODUCT_NOT_PUBLISHED")]
    assert not Order.objects.exists()


def test_checkout_complete_of_allowed_products(
    user_api_client, buyer_in_branch, group_tree, catalog, pay_and_prepare_checkout
):
    # given
    hammer_hidden_by_restricted_mode(group_tree, catalog)
    created = create(user_api_client, catalog["channel"], catalog["polo"])["checkout"]
    pay_and_prepare_checkout(checkout_of(created))

    # when
    response = user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})

    # then
    data = get_graphql_content(response)["data"]["checkoutComplete"]
    assert data["errors"] == []
    assert data["order"]["lines"][0]["productSku"] == "POLO"


def test_order_create_from_checkout_refuses_with_its_own_codes(
    app_api_client,
    permission_handle_checkouts,
    user_api_client,
    buyer_in_branch,
    group_tree,
    catalog,
    pay_and_prepare_checkout,
):
    # given
    created = create(user_api_client, catalog["channel"], catalog["hammer"])["checkout"]
    pay_and_prepare_checkout(checkout_of(created))
    hammer_hidden_by_product_rule(group_tree, catalog)
    app_api_client.app.permissions.add(permission_handle_checkouts)

    # when
    response = app_api_client.post_graphql(
        ORDER_CREATE_FROM_CHECKOUT, {"id": created["id"]}
    )

    # then
    data = get_graphql_content(response)["data"]["orderCreateFromCheckout"]
    assert data["order"] is None
    assert errors(data) == [("lines", "UNAVAILABLE_VARIANT_IN_CHANNEL")]
    assert not Order.objects.exists()


# Channels ---------------------------------------------------------------------


def test_b2b_only_channel_takes_no_checkout_from_visitors_or_group_less_customers(
    api_client, user2_api_client, catalog
):
    # given
    b2b_only(catalog["channel"])

    # when
    anonymous = create(api_client, catalog["channel"], catalog["polo"])
    group_less = create(user2_api_client, catalog["channel"], catalog["polo"])

    # then
    assert errors(anonymous) == errors(group_less) == [("channel", "CHANNEL_INACTIVE")]
    assert not Checkout.objects.exists()


def test_b2b_only_channel_takes_checkouts_from_members_allowed_in_it(
    user_api_client, buyer_in_branch, catalog
):
    # given
    b2b_only(catalog["channel"])

    # when
    data = create(user_api_client, catalog["channel"], catalog["polo"])

    # then
    assert data["errors"] == []
    assert checkout_of(data["checkout"]).user_id == buyer_in_branch.pk


def test_member_of_a_group_not_allowed_in_the_channel_gets_no_checkout(
    user_api_client, buyer_in_branch, group_tree, catalog, channel_PLN
):
    # given: the account buys in PLN only; Berlin inherits it
    set_terms(group_tree["acme"], allowed_channels=[channel_PLN])

    # when
    data = create(user_api_client, catalog["channel"], catalog["polo"])

    # then
    assert errors(data) == [("channel", "CHANNEL_INACTIVE")]


def test_completion_refused_when_the_channel_closed_to_the_customer(
    api_client, catalog, pay_and_prepare_checkout
):
    # given: an anonymous checkout, then the channel becomes B2B-only
    created = create(api_client, catalog["channel"], catalog["polo"])["checkout"]
    pay_and_prepare_checkout(checkout_of(created))
    b2b_only(catalog["channel"])

    # when
    response = api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})

    # then
    data = get_graphql_content(response)["data"]["checkoutComplete"]
    assert errors(data) == [("channel", "CHANNEL_INACTIVE")]
    assert not Order.objects.exists()


def test_plugin_inactive_checkouts_ignore_rules_and_channel_policies(
    user_api_client, buyer_in_branch, group_tree, catalog, plugin_inactive
):
    # given
    hammer_hidden_by_product_rule(group_tree, catalog)
    b2b_only(catalog["channel"])

    # when
    data = create(user_api_client, catalog["channel"], catalog["hammer"])

    # then
    assert data["errors"] == []


MALFORMED_IDS = [
    "InvalidId",
    graphene.Node.to_global_id("ProductVariant", "1'||DBMS_PIPE.RECEIVE_MESSAGE(1)"),
    graphene.Node.to_global_id("Product", 1),
]


@pytest.mark.parametrize("bad_id", MALFORMED_IDS)
def test_malformed_ids_get_saleors_own_typed_error(
    bad_id, user_api_client, buyer_in_branch, group_tree, catalog
):
    # given: a member, whose lines the check must read
    exclude(group_tree["berlin"], catalog["hammer"])
    created = create(user_api_client, catalog["channel"], catalog["polo"])["checkout"]
    bad_lines = [{"variantId": bad_id, "quantity": 1}]

    # when
    on_create = user_api_client.post_graphql(
        CHECKOUT_CREATE, {"channel": catalog["channel"].slug, "lines": bad_lines}
    )
    on_add = user_api_client.post_graphql(
        LINES_ADD, {"id": created["id"], "lines": bad_lines}
    )

    # then: Saleor answers as without the plugin (a typed error, not a GraphQL one)
    for response, field in (
        (on_create, "checkoutCreate"),
        (on_add, "checkoutLinesAdd"),
    ):
        data = get_graphql_content(response)["data"][field]
        assert data["errors"], data
        assert data["errors"][0]["code"] in {"GRAPHQL_ERROR", "INVALID", "NOT_FOUND"}
    assert checkout_of(created).lines.count() == 1
