"""What a storefront reads: the buyer's rule per variant and the checkout's status;
at most one query more for a page, whatever its size."""

from decimal import Decimal

import graphene
from saleor.graphql.tests.utils import get_graphql_content
from saleor.product.models import Category

from tests.fixtures.quantities import order_limits, quantity_rule
from tests.fixtures.visibility import make_catalog_product
from tests.queries import count_queries

VARIANT_RULE = """
query ($id: ID!, $channel: String) {
  productVariant(id: $id, channel: $channel) {
    sku quantityRule { minimum increment maximum smallest }
  }
}
"""

PAGE = """
query ($channel: String, $first: Int) {
  products(channel: $channel, first: $first) {
    edges { node { variants { sku %s } } }
  }
}
"""

CHECKOUT_STATUS = """
query ($id: ID) {
  checkout(id: $id) {
    quantityStatus {
      problems { code message variant quantity suggestions }
      orderMinimum { amount currency }
      orderMaximum { amount currency }
      subtotal { amount currency }
    }
  }
}
"""


def rule_seen_by(client, product, channel):
    variant = graphene.Node.to_global_id("ProductVariant", product.variants.first().pk)
    response = client.post_graphql(
        VARIANT_RULE, {"id": variant, "channel": channel.slug}
    )
    return get_graphql_content(response)["data"]["productVariant"]["quantityRule"]


def test_a_buyer_sees_their_rule_others_see_none(
    user_api_client,
    buyer_in_branch,
    user2_api_client,
    buyer_in_other_group,
    api_client,
    group_tree,
    catalog,
):
    # given
    quantity_rule(group_tree["acme"], catalog["apparel"], minimum=5, increment=10)

    # then: the ACME buyer gets the rule (10 is the smallest multiple of 10 >= 5)
    assert rule_seen_by(user_api_client, catalog["polo"], catalog["channel"]) == {
        "minimum": 5,
        "increment": 10,
        "maximum": None,
        "smallest": 10,
    }
    # and: not on a product no rule covers, nor for another company or a visitor
    assert rule_seen_by(user_api_client, catalog["hammer"], catalog["channel"]) is None
    assert rule_seen_by(user2_api_client, catalog["polo"], catalog["channel"]) is None
    assert rule_seen_by(api_client, catalog["polo"], catalog["channel"]) is None


def _page_queries(client, channel, first, with_rule):
    fields = "quantityRule { minimum increment maximum }" if with_rule else ""
    count, content = count_queries(
        client, PAGE % fields, {"channel": channel.slug, "first": first}
    )
    return count, content["data"]["products"]["edges"]


def test_quantity_rules_cost_at_most_one_query_whatever_the_page_size(
    user_api_client, buyer_in_branch, group_tree, catalog, product_type, warehouse
):
    # given: 30 more products in 3 categories; rules of every scope on two levels
    channel = catalog["channel"]
    for n in range(3):
        category = Category.objects.create(name=f"Bulk {n}", slug=f"bulk-{n}")
        quantity_rule(group_tree["acme"], category, increment=n + 2)
        for m in range(10):
            make_catalog_product(
                f"bulk-{n}-{m}", category, product_type, channel, warehouse
            )
    quantity_rule(group_tree["berlin"], catalog["summer"], maximum=40)
    quantity_rule(group_tree["emea"], catalog["saw"], minimum=3)
    quantity_rule(group_tree["acme"], None, maximum=999)

    # when
    small_without, _ = _page_queries(user_api_client, channel, 3, False)
    small_with, _ = _page_queries(user_api_client, channel, 3, True)
    large_without, _ = _page_queries(user_api_client, channel, 35, False)
    large_with, edges = _page_queries(user_api_client, channel, 35, True)

    # then
    assert small_with - small_without <= 1
    assert large_with - large_without <= 1
    rules = {v["sku"]: v["quantityRule"] for e in edges for v in e["node"]["variants"]}
    assert rules["BULK-2-0"] == {"minimum": None, "increment": 4, "maximum": None}
    assert rules["HAMMER"]["maximum"] == 40
    assert rules["SAW"]["minimum"] == 3
    assert rules["JACKET"]["maximum"] == 999


CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {
  checkoutCreate(input: {channel: $channel, lines: $lines, email: "b@example.com"}) {
    checkout { id } errors { code }
  }
}
"""


def test_the_checkout_tells_the_minimum_order_and_its_problems(
    user_api_client, buyer_in_branch, group_tree, catalog
):
    # given: 5 shirts (50.00) in a checkout; then a USD 200 minimum and cases of 10
    variant = graphene.Node.to_global_id(
        "ProductVariant", catalog["shirt"].variants.first().pk
    )
    created = get_graphql_content(
        user_api_client.post_graphql(
            CREATE,
            {
                "channel": catalog["channel"].slug,
                "lines": [{"variantId": variant, "quantity": 5}],
            },
        )
    )["data"]["checkoutCreate"]["checkout"]
    order_limits(group_tree["acme"], minimum=Decimal("200"))
    quantity_rule(group_tree["berlin"], catalog["shirt"], increment=10)

    # when
    status = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_STATUS, {"id": created["id"]})
    )["data"]["checkout"]["quantityStatus"]

    # then
    assert status["orderMinimum"] == {"amount": 200.0, "currency": "USD"}
    assert status["orderMaximum"] is None
    assert status["subtotal"] == {"amount": 50.0, "currency": "USD"}
    assert [
        (p["code"], p["variant"], p["quantity"], p["suggestions"])
        for p in status["problems"]
    ] == [
        ("QUANTITY_NOT_MULTIPLE", variant, 5, [10]),
        ("ORDER_BELOW_MINIMUM", None, None, []),
    ]
