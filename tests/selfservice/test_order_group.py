"""An order remembers the group its customer bought for when it was placed."""

from saleor_b2b_groups.buyers.services import select_purchasing_group
from saleor_b2b_groups.selfservice.models import PlacedOrderGroup
from saleor_b2b_groups.selfservice.orders import record_order_group
from tests.fixtures.groups import add_member
from tests.webhooks.test_order_placed_catch_up import place_order


def test_a_placed_order_records_the_buyers_group(
    user_api_client,
    buyer_in_branch,
    group_tree,
    product,
    channel_USD,
    pay_and_prepare_checkout,
):
    # when: the buyer places an order through checkoutComplete
    order = place_order(
        user_api_client, channel_USD, product.variants.get(), pay_and_prepare_checkout
    )

    # then: the plugin's order_created hook wrote the group
    assert PlacedOrderGroup.objects.get(order=order).group == group_tree["berlin"]


def test_a_buyer_of_two_groups_records_the_selected_one_or_none(
    buyer_in_branch, group_tree, other_group, order_generator
):
    # given
    add_member(other_group, buyer_in_branch)
    unnamed = order_generator(user=buyer_in_branch)
    named = order_generator(user=buyer_in_branch)

    # when
    record_order_group(unnamed)
    select_purchasing_group(buyer_in_branch, other_group.pk)
    record_order_group(named)
    record_order_group(named)  # once per order

    # then
    assert PlacedOrderGroup.objects.get(order=unnamed).group is None
    assert PlacedOrderGroup.objects.get(order=named).group == other_group
    assert PlacedOrderGroup.objects.count() == 2


def test_orders_of_customers_in_no_group_are_not_recorded(
    customer_user, order_generator
):
    order = order_generator(user=customer_user)
    record_order_group(order)
    assert not PlacedOrderGroup.objects.exists()
