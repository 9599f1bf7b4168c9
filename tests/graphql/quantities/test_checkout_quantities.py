"""Quantity rules on every checkout write path and at completion; Saleor's
per-line cap lifted for group members only. Every refusal changes nothing."""

from decimal import Decimal

import graphene
import pytest
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order
from saleor.warehouse.models import Stock

from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE, ORDER_CREATE_FROM_CHECKOUT
from tests.fixtures.quantities import order_limits, quantity_rule

CHECKOUT_CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {
  checkoutCreate(input: {channel: $channel, lines: $lines, email: "b@example.com"}) {
    checkout { id lines { quantity variant { sku } } }
    errors { field code message variants }
  }
}
"""

LINES_ADD = """
mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    checkout { id } errors { field code message variants }
  }
}
"""

LINES_UPDATE = """
mutation ($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {
  checkoutLinesUpdate(id: $id, lines: $lines) {
    checkout { id } errors { field code message variants }
  }
}
"""


def variant_of(product):
    return product.variants.first()


def variant_id(product) -> str:
    return graphene.Node.to_global_id("ProductVariant", variant_of(product).pk)


def lines(product, quantity) -> list[dict]:
    return [{"variantId": variant_id(product), "quantity": quantity}]


def create(client, channel, product, quantity) -> dict:
    response = client.post_graphql(
        CHECKOUT_CREATE, {"channel": channel.slug, "lines": lines(product, quantity)}
    )
    return get_graphql_content(response)["data"]["checkoutCreate"]


def add(client, checkout_id, product, quantity) -> dict:
    response = client.post_graphql(
        LINES_ADD, {"id": checkout_id, "lines": lines(product, quantity)}
    )
    return get_graphql_content(response)["data"]["checkoutLinesAdd"]


def update(client, checkout_id, product, quantity) -> dict:
    response = client.post_graphql(
        LINES_UPDATE, {"id": checkout_id, "lines": lines(product, quantity)}
    )
    return get_graphql_content(response)["data"]["checkoutLinesUpdate"]


def units(checkout_id) -> int:
    pk = graphene.Node.from_global_id(checkout_id)[1]
    return sum(
        CheckoutLine.objects.filter(checkout_id=pk).values_list("quantity", flat=True)
    )


@pytest.fixture
def by_the_case(group_tree, catalog):
    """ACME buys Apparel (with its subcategories) by cases of 10, up to 1,000."""
    return quantity_rule(
        group_tree["acme"], catalog["apparel"], minimum=10, increment=10, maximum=1000
    )


def test_checkout_create_refuses_a_quantity_not_in_cases(
    user_api_client, buyer_in_branch, catalog, by_the_case
):
    # given
    count = Checkout.objects.count()

    # when: 15 polos (Polo is below Apparel)
    data = create(user_api_client, catalog["channel"], catalog["polo"], 15)

    # then
    assert data["checkout"] is None
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("quantity", "INVALID")
    ]
    message = data["errors"][0]["message"]
    assert message.startswith("QUANTITY_NOT_MULTIPLE:")
    assert "multiples of 10" in message
    assert "Nearest valid: 10, 20." in message
    assert data["errors"][0]["variants"] == [variant_id(catalog["polo"])]
    assert Checkout.objects.count() == count


def test_checkout_create_refuses_below_the_minimum_and_takes_a_case(
    user_api_client, buyer_in_branch, catalog, by_the_case
):
    # when
    refused = create(user_api_client, catalog["channel"], catalog["shirt"], 1)
    taken = create(user_api_client, catalog["channel"], catalog["shirt"], 20)

    # then: 1 is below the minimum and not a multiple; 20 is fine
    codes = [e["message"].split(":")[0] for e in refused["errors"]]
    assert codes == ["QUANTITY_BELOW_MINIMUM", "QUANTITY_NOT_MULTIPLE"]
    assert taken["errors"] == []
    assert units(taken["checkout"]["id"]) == 20


def test_lines_add_counts_the_units_already_in_the_checkout(
    user_api_client, buyer_in_branch, catalog, by_the_case
):
    # given: a case in the checkout
    checkout_id = create(user_api_client, catalog["channel"], catalog["shirt"], 10)[
        "checkout"
    ]["id"]

    # when: 5 more (15 in all), then 10 more (20)
    refused = add(user_api_client, checkout_id, catalog["shirt"], 5)
    after_refusal = units(checkout_id)
    taken = add(user_api_client, checkout_id, catalog["shirt"], 10)

    # then
    assert refused["errors"][0]["code"] == "INVALID"
    assert refused["errors"][0]["message"].startswith("QUANTITY_NOT_MULTIPLE:")
    assert after_refusal == 10
    assert taken["errors"] == []
    assert units(checkout_id) == 20


def test_lines_update_refuses_above_the_maximum_and_lets_a_line_go(
    user_api_client, buyer_in_branch, catalog, group_tree
):
    # given: Berlin may have at most 30 hammers
    quantity_rule(group_tree["berlin"], catalog["hammer"], maximum=30)
    checkout_id = create(user_api_client, catalog["channel"], catalog["hammer"], 20)[
        "checkout"
    ]["id"]

    # when
    refused = update(user_api_client, checkout_id, catalog["hammer"], 40)
    after_refusal = units(checkout_id)
    removed = update(user_api_client, checkout_id, catalog["hammer"], 0)

    # then
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("quantity", "QUANTITY_GREATER_THAN_LIMIT")
    ]
    assert "at most 30" in refused["errors"][0]["message"]
    assert after_refusal == 20
    assert removed["errors"] == []
    assert units(checkout_id) == 0


def test_other_company_and_visitors_are_not_bound_by_the_groups_rules(
    user2_api_client, buyer_in_other_group, api_client, catalog, by_the_case
):
    # when: 3 shirts, as another company's buyer and as a visitor
    other = create(user2_api_client, catalog["channel"], catalog["shirt"], 3)
    visitor = create(api_client, catalog["channel"], catalog["shirt"], 3)

    # then
    assert other["errors"] == visitor["errors"] == []


@pytest.fixture
def pallets(catalog):
    Stock.objects.filter(product_variant=variant_of(catalog["shirt"])).update(
        quantity=5000
    )


def test_a_member_checks_out_1000_units_while_a_visitor_keeps_the_shops_cap(
    user_api_client,
    buyer_in_branch,
    api_client,
    catalog,
    by_the_case,
    pallets,
    pay_and_prepare_checkout,
):
    # when: 1,000 shirts as a member, 60 as a visitor (shop cap: 50)
    member = create(user_api_client, catalog["channel"], catalog["shirt"], 1000)
    visitor = create(api_client, catalog["channel"], catalog["shirt"], 60)

    # then
    assert member["errors"] == []
    assert units(member["checkout"]["id"]) == 1000
    assert [e["code"] for e in visitor["errors"]] == ["QUANTITY_GREATER_THAN_LIMIT"]

    # and: the member's checkout completes
    checkout = Checkout.objects.get(
        pk=graphene.Node.from_global_id(member["checkout"]["id"])[1]
    )
    pay_and_prepare_checkout(checkout)
    completed = get_graphql_content(
        user_api_client.post_graphql(
            CHECKOUT_COMPLETE, {"id": member["checkout"]["id"]}
        )
    )["data"]["checkoutComplete"]
    assert completed["errors"] == []
    assert completed["order"]["lines"][0]["quantity"] == 1000


def test_the_rules_maximum_bounds_a_member_past_the_shops_cap(
    user_api_client, buyer_in_branch, catalog, by_the_case, pallets
):
    # when: 1,010 shirts, above the rule's 1,000
    data = create(user_api_client, catalog["channel"], catalog["shirt"], 1010)

    # then
    assert [e["code"] for e in data["errors"]] == ["QUANTITY_GREATER_THAN_LIMIT"]
    assert "Nearest valid: 1000." in data["errors"][0]["message"]


def test_a_member_without_rules_is_past_the_shops_cap_too(
    user_api_client, buyer_in_branch, catalog, pallets
):
    data = create(user_api_client, catalog["channel"], catalog["shirt"], 70)
    assert data["errors"] == []


@pytest.mark.parametrize(
    ("mutation", "code"),
    [(CHECKOUT_COMPLETE, "INVALID"), (ORDER_CREATE_FROM_CHECKOUT, "GRAPHQL_ERROR")],
)
def test_completion_refuses_a_rule_set_after_the_lines_were_added(
    mutation,
    code,
    user_api_client,
    app_api_client,
    permission_handle_checkouts,
    buyer_in_branch,
    catalog,
    group_tree,
    pay_and_prepare_checkout,
):
    # given: 5 shirts, then ACME starts selling shirts by cases of 10
    checkout_id = create(user_api_client, catalog["channel"], catalog["shirt"], 5)[
        "checkout"
    ]["id"]
    quantity_rule(group_tree["acme"], catalog["shirt"], increment=10)
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(checkout_id)[1])
    pay_and_prepare_checkout(checkout)

    # when
    if mutation is CHECKOUT_COMPLETE:
        response = user_api_client.post_graphql(mutation, {"id": checkout_id})
        data = get_graphql_content(response)["data"]["checkoutComplete"]
    else:
        app_api_client.app.permissions.add(permission_handle_checkouts)
        response = app_api_client.post_graphql(mutation, {"id": checkout_id})
        data = get_graphql_content(response)["data"]["orderCreateFromCheckout"]

    # then
    assert data["order"] is None
    assert [e["code"] for e in data["errors"]] == [code]
    assert data["errors"][0]["message"].startswith("QUANTITY_NOT_MULTIPLE:")
    assert not Order.objects.exists()


def test_completion_refuses_an_order_below_the_groups_minimum(
    user_api_client, buyer_in_branch, catalog, group_tree, pay_and_prepare_checkout
):
    # given: EMEA orders at least USD 200; 5 shirts at 10.00 are 50.00
    order_limits(group_tree["emea"], minimum=Decimal("200"))
    checkout_id = create(user_api_client, catalog["channel"], catalog["shirt"], 5)[
        "checkout"
    ]["id"]
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(checkout_id)[1])
    pay_and_prepare_checkout(checkout)

    # when
    data = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": checkout_id})
    )["data"]["checkoutComplete"]

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("lines", "INVALID")]
    assert data["errors"][0]["message"].startswith("ORDER_BELOW_MINIMUM:")
    assert "USD 200" in data["errors"][0]["message"]
    assert not Order.objects.exists()


def test_completion_refuses_an_order_above_the_groups_maximum(
    user_api_client, buyer_in_branch, catalog, group_tree, pay_and_prepare_checkout
):
    # given: Berlin's own maximum of USD 40 (5 shirts: 50.00)
    order_limits(group_tree["berlin"], maximum=Decimal("40"))
    checkout_id = create(user_api_client, catalog["channel"], catalog["shirt"], 5)[
        "checkout"
    ]["id"]
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(checkout_id)[1])
    pay_and_prepare_checkout(checkout)

    # when
    data = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": checkout_id})
    )["data"]["checkoutComplete"]

    # then
    assert data["errors"][0]["message"].startswith("ORDER_ABOVE_MAXIMUM:")
    assert not Order.objects.exists()


SHIPPING_ADDRESS_UPDATE = """
mutation ($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    checkout { id } errors { field code message }
  }
}
"""


def test_a_members_large_checkout_takes_a_shipping_address(
    user_api_client, buyer_in_branch, catalog, pallets, graphql_address_data
):
    # given: 200 shirts, past the shop's cap (Saleor re-checks stock and limits
    # when the address changes)
    checkout_id = create(user_api_client, catalog["channel"], catalog["shirt"], 200)[
        "checkout"
    ]["id"]

    # when
    response = user_api_client.post_graphql(
        SHIPPING_ADDRESS_UPDATE, {"id": checkout_id, "address": graphql_address_data}
    )

    # then
    data = get_graphql_content(response)["data"]["checkoutShippingAddressUpdate"]
    assert data["errors"] == []
    assert units(checkout_id) == 200


REORDER = """
mutation ($id: ID!) {
  checkoutCreateFromOrder(id: $id) {
    checkout { lines { quantity } }
    unavailableVariants { code }
    errors { code }
  }
}
"""


def test_a_member_reorders_a_pallet_past_the_shops_cap(
    user_api_client,
    buyer_in_branch,
    catalog,
    by_the_case,
    pallets,
    pay_and_prepare_checkout,
):
    # given: an order of 200 shirts
    checkout_id = create(user_api_client, catalog["channel"], catalog["shirt"], 200)[
        "checkout"
    ]["id"]
    pay_and_prepare_checkout(
        Checkout.objects.get(pk=graphene.Node.from_global_id(checkout_id)[1])
    )
    order_id = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": checkout_id})
    )["data"]["checkoutComplete"]["order"]["id"]

    # when
    data = get_graphql_content(user_api_client.post_graphql(REORDER, {"id": order_id}))[
        "data"
    ]["checkoutCreateFromOrder"]

    # then
    assert data["errors"] == []
    assert data["unavailableVariants"] == []
    assert data["checkout"]["lines"] == [{"quantity": 200}]
