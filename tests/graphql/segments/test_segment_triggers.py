"""Incremental recomputes: what a rule reads changes, the customer's segments follow."""

import graphene
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.segments import tasks
from saleor_b2b_groups.segments.models import CustomerGroupSegment
from saleor_b2b_groups.segments.services import set_rules
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE
from tests.fixtures.groups import create_group
from tests.graphql.pricing.storefront_utils import PRODUCT_PRICING
from tests.graphql.pricing.test_checkout_pricing import create_checkout
from tests.pricing.helpers import fixed, make_price_list
from tests.segments.helpers import set_address

from .conftest import GERMAN_TRADE, SEGMENT, members

UPDATE_METADATA = """
mutation ($id: ID!, $input: [MetadataInput!]!) {
  updateMetadata(id: $id, input: $input) { errors { field code } }
}
"""

ADDRESS_UPDATE = """
mutation ($id: ID!, $input: AddressInput!) {
  addressUpdate(id: $id, input: $input) { errors { field code message } }
}
"""


def test_an_order_placed_makes_a_key_account_with_its_prices_at_once(
    user_api_client,
    customer_user,
    product,
    channel_USD,
    pay_and_prepare_checkout,
):
    # given: "Key accounts" (an order in the channel in the last 365 days) with
    # its own price list
    key_accounts = create_group("Key accounts")
    set_rules(
        key_accounts,
        {"orders": {"days": 365, "channel": channel_USD.slug, "min_count": 1}},
    )
    variant = product.variants.get()
    fixed(make_price_list(channel_USD, "key", key_accounts), variant, "3.00")
    created = create_checkout(user_api_client, channel_USD, variant)
    pay_and_prepare_checkout(
        Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    )

    # when
    order = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})
    )["data"]["checkoutComplete"]["order"]

    # then: a segment member, announced to the ERP ...
    assert order is not None
    assert members(key_accounts) == {customer_user.email: ("buyer", SEGMENT)}
    event = OutboxEvent.objects.get(
        event_type="customer_group_membership_changed",
        aggregate_id=graphene.Node.to_global_id("CustomerGroup", key_accounts.pk),
    )
    assert [c["source"] for c in event.payload["changes"]] == ["SEGMENT"]
    # ... who gets the group's price in the next request
    pricing = get_graphql_content(
        user_api_client.post_graphql(
            PRODUCT_PRICING,
            {
                "id": graphene.Node.to_global_id("Product", product.pk),
                "channel": channel_USD.slug,
            },
        )
    )["data"]["product"]["variants"][0]["pricing"]
    assert pricing["price"]["net"]["amount"] == 3.0


def test_metadata_updated_through_saleor_joins_the_segment(
    staff_api_client, staff_with_manage_users, german_trade, customer_user
):
    # given
    set_rules(german_trade, GERMAN_TRADE)
    set_address(customer_user, "billing", "DE")

    # when
    response = staff_api_client.post_graphql(
        UPDATE_METADATA,
        {
            "id": graphene.Node.to_global_id("User", customer_user.pk),
            "input": [{"key": "industry", "value": "trade"}],
        },
    )

    # then
    assert get_graphql_content(response)["data"]["updateMetadata"]["errors"] == []
    assert members(german_trade) == {customer_user.email: ("buyer", SEGMENT)}


def test_a_default_address_updated_through_saleor_moves_the_customer(
    staff_api_client, staff_with_manage_users, german_trade, customer_user
):
    # given: a German trader, a segment member
    customer_user.metadata = {"industry": "trade"}
    customer_user.save(update_fields=["metadata"])
    address = set_address(customer_user, "billing", "DE", "10115")
    set_rules(german_trade, GERMAN_TRADE)
    tasks.recompute_segment_task(german_trade.pk)
    assert members(german_trade) == {customer_user.email: ("buyer", SEGMENT)}

    # when: the billing address moves to France
    response = staff_api_client.post_graphql(
        ADDRESS_UPDATE,
        {
            "id": graphene.Node.to_global_id("Address", address.pk),
            "input": {
                "firstName": "A",
                "lastName": "B",
                "streetAddress1": "1 Rue de Rivoli",
                "city": "Paris",
                "postalCode": "75001",
                "country": "FR",
            },
        },
    )

    # then
    assert get_graphql_content(response)["data"]["addressUpdate"]["errors"] == []
    assert members(german_trade) == {}


def test_the_periodic_task_recomputes_every_segment(german_trade, customers):
    # given
    other = create_group("Traders")
    set_rules(german_trade, GERMAN_TRADE)
    set_rules(other, {"metadata": {"key": "industry", "values": ["trade"]}})

    # when
    tasks.recompute_segments_task()

    # then
    assert set(members(german_trade)) == {"hans@example.com"}
    assert set(members(other)) == {"hans@example.com", "jean@example.com"}
    assert all(
        s.last_computed_at is not None for s in CustomerGroupSegment.objects.all()
    )


def test_the_periodic_task_does_nothing_while_the_plugin_is_off(
    german_trade, customers, plugin_inactive
):
    set_rules(german_trade, GERMAN_TRADE)
    tasks.recompute_segments_task()
    assert members(german_trade) == {}


def test_changes_of_a_customer_are_debounced(
    german_trade, customers, django_capture_on_commit_callbacks
):
    # given
    set_rules(german_trade, GERMAN_TRADE)
    hans = customers["hans"]

    # when: three changes in a row
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(3):
            tasks.schedule_customers([hans.pk])

    # then: one recompute (the other callbacks are the recompute's own events)
    scheduled = [c for c in callbacks if "schedule_customers" in c.__qualname__]
    assert len(scheduled) == 1
    assert set(members(german_trade)) == {"hans@example.com"}
