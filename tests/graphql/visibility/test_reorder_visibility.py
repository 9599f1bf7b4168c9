"""``checkoutCreateFromOrder``: a hidden product is left out as Saleor leaves out an
unpublished one; a denied channel refuses; the rest gets the buyer's group price."""

import graphene
from saleor.checkout.error_codes import CheckoutCreateFromOrderErrorCode
from saleor.checkout.error_codes import (
    CheckoutCreateFromOrderUnavailableVariantErrorCode as UnavailableCode,
)
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content
from saleor.warehouse.models import Stock

from tests.fixtures.visibility import b2b_only, exclude
from tests.pricing.helpers import fixed, make_price_list

REORDER = """
mutation ($id: ID!) {
  checkoutCreateFromOrder(id: $id) {
    errors { field code }
    unavailableVariants { code variantId lineId }
    checkout { lines { variant { id } unitPrice { net { amount } } } }
  }
}
"""


def reorder(client, order):
    variables = {"id": graphene.Node.to_global_id("Order", order.pk)}
    content = get_graphql_content(client.post_graphql(REORDER, variables))
    return content["data"]["checkoutCreateFromOrder"]


def variant_id(variant) -> str:
    return graphene.Node.to_global_id("ProductVariant", variant.pk)


def buyers_order(order, user):
    order.user = user
    order.save(update_fields=["user"])
    Stock.objects.update(quantity=10)
    return order


def test_a_hidden_product_is_left_out_and_the_rest_is_group_priced(
    user_api_client, buyer_in_branch, group_tree, order_with_lines
):
    # given: the buyer's old order of two products; one is now hidden for the
    # branch, the other has a group price
    order = buyers_order(order_with_lines, buyer_in_branch)
    hidden_line, kept_line = order.lines.order_by("pk")
    exclude(group_tree["berlin"], hidden_line.variant.product)
    price_list = make_price_list(order.channel, "acme", group_tree["acme"])
    fixed(price_list, kept_line.variant, "1.50")

    # when
    data = reorder(user_api_client, order)

    # then
    assert data["errors"] == []
    assert data["unavailableVariants"] == [
        {
            "code": UnavailableCode.PRODUCT_NOT_PUBLISHED.name,
            "variantId": variant_id(hidden_line.variant),
            "lineId": graphene.Node.to_global_id("OrderLine", hidden_line.pk),
        }
    ]
    assert data["checkout"]["lines"] == [
        {
            "variant": {"id": variant_id(kept_line.variant)},
            "unitPrice": {"net": {"amount": 1.5}},
        }
    ]


def test_a_denied_channel_refuses_and_creates_no_checkout(
    user_api_client, buyer_in_branch, group_tree, order_with_lines
):
    # given: the buyer's groups may not buy in the order's channel
    order = buyers_order(order_with_lines, buyer_in_branch)
    group_tree["acme"].allowed_channels = []
    group_tree["acme"].save(update_fields=["allowed_channels"])

    # when
    data = reorder(user_api_client, order)

    # then
    assert data["errors"] == [
        {
            "field": "channel",
            "code": CheckoutCreateFromOrderErrorCode.CHANNEL_INACTIVE.name,
        }
    ]
    assert data["checkout"] is None
    assert not Checkout.objects.exists()


def test_a_customer_in_no_group_reorders_everything_but_not_on_a_b2b_channel(
    user_api_client, customer_user, order_with_lines
):
    order = buyers_order(order_with_lines, customer_user)

    data = reorder(user_api_client, order)
    assert data["unavailableVariants"] == []
    assert len(data["checkout"]["lines"]) == 2

    b2b_only(order.channel)
    data = reorder(user_api_client, order)
    assert data["errors"] == [
        {
            "field": "channel",
            "code": CheckoutCreateFromOrderErrorCode.CHANNEL_INACTIVE.name,
        }
    ]


def test_plugin_inactive_reorders_everything(
    user_api_client, buyer_in_branch, group_tree, order_with_lines, plugin_inactive
):
    order = buyers_order(order_with_lines, buyer_in_branch)
    exclude(group_tree["berlin"], order.lines.first().variant.product)

    data = reorder(user_api_client, order)

    assert data["unavailableVariants"] == []
    assert len(data["checkout"]["lines"]) == 2
