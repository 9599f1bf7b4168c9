"""An old order's lines keep what was ordered (name, SKU, prices) but no longer
open the live product once the buyer's groups hide it."""

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content

from tests.fixtures.visibility import exclude
from tests.queries import count_queries

MY_ORDERS = """
query {
  me {
    orders(first: 10) {
      edges { node { lines {
        productName variantName productSku quantity
        unitPrice { gross { amount } }
        thumbnail { url }
        variant { id product { name description pricing { onSale } } }
      } } }
    }
  }
}
"""
ORDER = """
query ($id: ID!) {
  order(id: $id) { lines { productSku variant { id } } }
}
"""


@pytest.fixture
def buyers_order(order_with_lines, buyer_in_branch):
    order_with_lines.user = buyer_in_branch
    order_with_lines.save(update_fields=["user"])
    return order_with_lines


def lines(client) -> list[dict]:
    content = get_graphql_content(client.post_graphql(MY_ORDERS))
    [edge] = content["data"]["me"]["orders"]["edges"]
    return edge["node"]["lines"]


def test_a_hidden_products_line_keeps_what_was_ordered_but_not_the_product(
    user_api_client, buyers_order, group_tree
):
    # given: both products visible when ordered
    first, second = buyers_order.lines.order_by("pk")[:2]
    before = lines(user_api_client)
    assert all(line["variant"] is not None for line in before)

    # when: the buyer's branch now hides the first line's product
    exclude(group_tree["berlin"], first.variant.product)
    after = lines(user_api_client)

    # then: the line as ordered, without the live product
    hidden = next(line for line in after if line["productSku"] == first.product_sku)
    shown = next(line for line in after if line["productSku"] == second.product_sku)
    assert hidden["variant"] is None
    assert hidden["thumbnail"] is None
    assert hidden["productName"] == first.product_name
    assert hidden["variantName"] == first.variant_name
    assert hidden["quantity"] == first.quantity
    assert hidden["unitPrice"] == next(
        line["unitPrice"] for line in before if line["productSku"] == first.product_sku
    )
    assert shown["variant"] is not None


def test_staff_who_see_every_product_still_get_it(
    staff_api_client,
    permission_manage_orders,
    permission_manage_products,
    buyers_order,
    group_tree,
):
    # given
    first = buyers_order.lines.order_by("pk").first()
    exclude(group_tree["berlin"], first.variant.product)
    staff_api_client.user.user_permissions.add(
        permission_manage_orders, permission_manage_products
    )

    # when
    response = staff_api_client.post_graphql(
        ORDER, {"id": graphene.Node.to_global_id("Order", buyers_order.pk)}
    )

    # then
    order = get_graphql_content(response)["data"]["order"]
    assert all(line["variant"] is not None for line in order["lines"])


def test_bounded_queries_whatever_the_number_of_lines(
    user_api_client, buyers_order, group_tree
):
    # given
    exclude(group_tree["berlin"], buyers_order.lines.first().variant.product)
    few, _ = count_queries(user_api_client, MY_ORDERS)
    template = buyers_order.lines.first()
    for index in range(6):
        template.pk = None
        template.product_sku = f"EXTRA-{index}"
        template.save()

    # when
    many, content = count_queries(user_api_client, MY_ORDERS)

    # then
    [edge] = content["data"]["me"]["orders"]["edges"]
    assert len(edge["node"]["lines"]) == buyers_order.lines.count() > 6
    assert many <= few
