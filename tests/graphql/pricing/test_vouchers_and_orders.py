"""Vouchers apply on top of group prices; orders show which list priced a line."""

from decimal import Decimal

import graphene
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content

from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE
from tests.pricing.helpers import fixed, make_price_list

from .test_checkout_pricing import create_checkout

ADD_PROMO_CODE = """
mutation ($id: ID!, $code: String!) {
  checkoutAddPromoCode(id: $id, promoCode: $code) {
    checkout { subtotalPrice { gross { amount } } discount { amount } }
    errors { field code }
  }
}
"""

ORDER_LINES = """
query ($id: ID!) { order(id: $id) { lines { productSku priceOverrideReason
  unitPrice { net { amount } } } } }
"""


def test_percentage_voucher_applies_to_the_group_price(
    user_api_client,
    buyer_in_branch,
    group_tree,
    product,
    channel_USD,
    voucher_percentage,
):
    # given: the buyer's contract price is 8.00; the voucher takes 10% off the order
    variant = product.variants.get()
    fixed(make_price_list(channel_USD, "acme", group_tree["acme"]), variant, "8.00")
    checkout = create_checkout(user_api_client, channel_USD, variant, quantity=5)

    # when
    response = user_api_client.post_graphql(
        ADD_PROMO_CODE, {"id": checkout["id"], "code": "saleor"}
    )

    # then: 10% of 40.00, not of the channel's 50.00
    data = get_graphql_content(response)["data"]["checkoutAddPromoCode"]
    assert data["errors"] == []
    assert Decimal(str(data["checkout"]["discount"]["amount"])) == Decimal("4.00")
    assert Decimal(
        str(data["checkout"]["subtotalPrice"]["gross"]["amount"])
    ) == Decimal("36.00")


def test_staff_sees_which_price_list_priced_each_order_line(
    user_api_client,
    staff_api_client,
    permission_group_manage_orders,
    staff_user,
    buyer_in_branch,
    group_tree,
    product,
    channel_USD,
    pay_and_prepare_checkout,
):
    # given
    variant = product.variants.get()
    fixed(make_price_list(channel_USD, "acme", group_tree["acme"]), variant, "8.00")
    created = create_checkout(user_api_client, channel_USD, variant)
    pay_and_prepare_checkout(
        Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    )
    order = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})
    )["data"]["checkoutComplete"]["order"]
    permission_group_manage_orders.user_set.add(staff_user)

    # when
    response = staff_api_client.post_graphql(ORDER_LINES, {"id": order["id"]})

    # then
    lines = get_graphql_content(response)["data"]["order"]["lines"]
    assert lines == [
        {
            "productSku": variant.sku,
            "priceOverrideReason": "b2b-price-list:acme",
            "unitPrice": {"net": {"amount": 8.0}},
        }
    ]
