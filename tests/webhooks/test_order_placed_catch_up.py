"""``order_placed`` is written after Saleor's commit; the sweep catches up what a
killed process never wrote, and nothing is ever written twice."""

from datetime import timedelta

import graphene
from freezegun import freeze_time
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order

from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent
from saleor_b2b_groups.webhooks.orders import (
    CATCH_UP_GRACE,
    CATCH_UP_WINDOW,
    emit_missed_orders_placed,
    emit_order_placed,
)
from saleor_b2b_groups.webhooks.tasks import deliver_due_erp_events_task
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE
from tests.graphql.pricing.test_checkout_pricing import create_checkout


def place_order(client, channel, variant, prepare) -> Order:
    created = create_checkout(client, channel, variant)
    prepare(Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1]))
    data = get_graphql_content(
        client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})
    )["data"]["checkoutComplete"]
    assert data["errors"] == []
    return Order.objects.get(pk=graphene.Node.from_global_id(data["order"]["id"])[1])


def placed_events(order: Order) -> list[OutboxEvent]:
    return list(
        OutboxEvent.objects.filter(
            event_type=ErpEventType.ORDER_PLACED,
            aggregate_id=graphene.Node.to_global_id("Order", order.pk),
        )
    )


def test_the_sweep_writes_the_event_a_killed_process_never_wrote(
    user_api_client, buyer_in_branch, product, channel_USD, pay_and_prepare_checkout
):
    # given: an order whose hook wrote its event, and one whose hook never ran
    variant = product.variants.get()
    kept = place_order(user_api_client, channel_USD, variant, pay_and_prepare_checkout)
    lost = place_order(user_api_client, channel_USD, variant, pay_and_prepare_checkout)
    [event] = placed_events(lost)
    event.delete()  # as if the process died between Saleor's commit and the hook
    later = lost.created_at + CATCH_UP_GRACE + timedelta(seconds=1)

    # when the sweep runs, twice
    assert emit_missed_orders_placed(later) == 1
    assert emit_missed_orders_placed(later) == 0

    # then each order has exactly one event, with the order's content
    [caught_up] = placed_events(lost)
    assert caught_up.payload["order"]["number"] == str(lost.number)
    assert len(placed_events(kept)) == 1


def test_the_hook_and_the_sweep_never_write_twice(
    user_api_client, buyer_in_branch, product, channel_USD, pay_and_prepare_checkout
):
    variant = product.variants.get()
    order = place_order(user_api_client, channel_USD, variant, pay_and_prepare_checkout)

    assert emit_order_placed(order) is False  # the hook already wrote it
    assert emit_missed_orders_placed(order.created_at + CATCH_UP_GRACE * 2) == 0
    assert len(placed_events(order)) == 1


def test_the_sweep_leaves_young_old_and_group_less_orders_alone(
    user_api_client,
    customer_user,
    buyer_in_branch,
    product,
    channel_USD,
    pay_and_prepare_checkout,
):
    variant = product.variants.get()
    order = place_order(user_api_client, channel_USD, variant, pay_and_prepare_checkout)
    OutboxEvent.objects.filter(event_type=ErpEventType.ORDER_PLACED).delete()

    # too young: its own hook may still be running
    assert emit_missed_orders_placed(order.created_at) == 0
    # too old: outside the window
    too_late = order.created_at + CATCH_UP_WINDOW + timedelta(minutes=1)
    assert emit_missed_orders_placed(too_late) == 0
    # the buyer left every group: not an order of a group member any more
    customer_user.customer_group_memberships.all().delete()
    assert emit_missed_orders_placed(order.created_at + CATCH_UP_GRACE * 2) == 0
    assert placed_events(order) == []


def test_the_periodic_sweep_task_catches_up(
    user_api_client,
    buyer_in_branch,
    product,
    channel_USD,
    pay_and_prepare_checkout,
):
    variant = product.variants.get()
    order = place_order(user_api_client, channel_USD, variant, pay_and_prepare_checkout)
    OutboxEvent.objects.filter(event_type=ErpEventType.ORDER_PLACED).delete()

    with freeze_time(order.created_at + CATCH_UP_GRACE * 2):
        deliver_due_erp_events_task()

    assert len(placed_events(order)) == 1


def test_inactive_plugin_catches_up_nothing(
    user_api_client,
    buyer_in_branch,
    product,
    channel_USD,
    pay_and_prepare_checkout,
    plugin_inactive,
):
    variant = product.variants.get()
    order = place_order(user_api_client, channel_USD, variant, pay_and_prepare_checkout)

    assert emit_missed_orders_placed(order.created_at + CATCH_UP_GRACE * 2) == 0
    assert placed_events(order) == []
