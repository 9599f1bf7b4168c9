"""Staff draft orders for a customer get the customer's group prices."""

from decimal import Decimal

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order

ORDER_FIELDS = "id lines { id quantity variant { id } unitPrice { net { amount } } }"

DRAFT_ORDER_CREATE = f"""
mutation ($input: DraftOrderCreateInput!) {{
  draftOrderCreate(input: $input) {{ order {{ {ORDER_FIELDS} }} errors {{ field code }} }}
}}
"""

ORDER_LINES_CREATE = f"""
mutation ($id: ID!, $input: [OrderLineCreateInput!]!) {{
  orderLinesCreate(id: $id, input: $input) {{
    order {{ {ORDER_FIELDS} }}
    orderLines {{ id unitPrice {{ net {{ amount }} }} }}
    errors {{ field code }}
  }}
}}
"""

ORDER_LINE_UPDATE = f"""
mutation ($id: ID!, $quantity: Int!) {{
  orderLineUpdate(id: $id, input: {{quantity: $quantity}}) {{
    order {{ {ORDER_FIELDS} }} errors {{ field code }}
  }}
}}
"""

DRAFT_ORDER_UPDATE = f"""
mutation ($id: ID!, $user: ID!) {{
  draftOrderUpdate(id: $id, input: {{user: $user}}) {{
    order {{ {ORDER_FIELDS} }} errors {{ field code }}
  }}
}}
"""


@pytest.fixture
def order_staff(staff_api_client, staff_user, permission_group_manage_orders):
    permission_group_manage_orders.user_set.add(staff_user)
    return staff_api_client


def gid(kind, pk):
    return graphene.Node.to_global_id(kind, pk)


def prices(order_data):
    return [
        Decimal(str(line["unitPrice"]["net"]["amount"])) for line in order_data["lines"]
    ]


def create_draft(client, channel, user, variant, quantity=1, price=None):
    line = {"variantId": gid("ProductVariant", variant.pk), "quantity": quantity}
    if price is not None:
        line["price"] = price
    response = client.post_graphql(
        DRAFT_ORDER_CREATE,
        {
            "input": {
                "channelId": gid("Channel", channel.pk),
                "user": gid("User", user.pk),
                "lines": [line],
            }
        },
    )
    data = get_graphql_content(response)["data"]["draftOrderCreate"]
    assert data["errors"] == []
    return data["order"]


def test_draft_order_for_a_buyer_gets_their_price(
    order_staff, buyer_in_branch, contracts, variant, channel_USD
):
    # when
    order = create_draft(order_staff, channel_USD, buyer_in_branch, variant)

    # then
    assert prices(order) == [Decimal("8.00")]
    line = Order.objects.get(
        pk=graphene.Node.from_global_id(order["id"])[1]
    ).lines.get()
    assert line.is_price_overridden
    assert line.price_override_reason == "b2b-price-list:acme-contract"


def test_draft_order_for_a_customer_in_no_group_keeps_saleor_price(
    order_staff, customer_user2, contracts, variant, channel_USD
):
    # when
    order = create_draft(order_staff, channel_USD, customer_user2, variant)

    # then
    assert prices(order) == [Decimal("10.00")]


def test_lines_added_later_and_tiers_follow(
    order_staff, buyer_in_branch, contracts, variant, product_list, channel_USD
):
    # given
    order = create_draft(order_staff, channel_USD, buyer_in_branch, variant)

    # when: a line is added, then the first line crosses the 10-unit tier
    added = get_graphql_content(
        order_staff.post_graphql(
            ORDER_LINES_CREATE,
            {
                "id": order["id"],
                "input": [
                    {"variantId": gid("ProductVariant", variant.pk), "quantity": 9}
                ],
            },
        )
    )["data"]["orderLinesCreate"]

    # then: the line's quantity reached the tier (Saleor merges same-variant lines)
    assert added["errors"] == []
    assert [line["quantity"] for line in added["order"]["lines"]] == [10]
    assert prices(added["order"]) == [Decimal("7.00")]
    assert Decimal(
        str(added["orderLines"][0]["unitPrice"]["net"]["amount"])
    ) == Decimal("7.00")

    # when the quantity drops below the tier again
    updated = get_graphql_content(
        order_staff.post_graphql(
            ORDER_LINE_UPDATE, {"id": added["order"]["lines"][0]["id"], "quantity": 2}
        )
    )["data"]["orderLineUpdate"]

    # then
    assert prices(updated["order"]) == [Decimal("8.00")]


def test_staff_custom_price_is_never_replaced(
    order_staff, buyer_in_branch, contracts, variant, channel_USD
):
    # when
    order = create_draft(
        order_staff, channel_USD, buyer_in_branch, variant, price="4.44"
    )

    # then
    assert prices(order) == [Decimal("4.44")]


def test_changing_the_customer_reprices(
    order_staff, buyer_in_branch, buyer_in_other_group, contracts, variant, channel_USD
):
    # given
    order = create_draft(order_staff, channel_USD, buyer_in_branch, variant)

    # when
    updated = get_graphql_content(
        order_staff.post_graphql(
            DRAFT_ORDER_UPDATE,
            {"id": order["id"], "user": gid("User", buyer_in_other_group.pk)},
        )
    )["data"]["draftOrderUpdate"]

    # then
    assert updated["errors"] == []
    assert prices(updated["order"]) == [Decimal("6.00")]
