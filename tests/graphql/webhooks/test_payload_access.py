"""The delivery log shows a payload only to callers who may read its data in
Saleor; MANAGE_APPS alone manages deliveries, not the data they carry."""

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content
from saleor.permission.models import Permission

from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.events import Aggregate, emit
from saleor_b2b_groups.webhooks.models import ErpEndpoint, EventDelivery, OutboxEvent

DELIVERIES = """
query {
  erpEventDeliveries(first: 20) {
    edges { node { status event { type aggregateType payload } } }
  }
}
"""

#: Every event type, with the permission its payload needs.
CASES = [
    (ErpEventType.CUSTOMER_GROUP_CREATED, "customer_group", "manage_users"),
    (ErpEventType.CUSTOMER_GROUP_UPDATED, "customer_group", "manage_users"),
    (ErpEventType.CUSTOMER_GROUP_DELETED, "customer_group", "manage_users"),
    (ErpEventType.CUSTOMER_GROUP_MEMBERSHIP_CHANGED, "customer_group", "manage_users"),
    (ErpEventType.PRICE_LIST_CHANGED, "price_list", "manage_discounts"),
    (ErpEventType.CATALOG_RULES_CHANGED, "customer_group", "manage_products"),
    (ErpEventType.CATALOG_RULES_CHANGED, "channel", "manage_channels"),
    (ErpEventType.CHECKOUT_APPROVAL_REQUESTED, "checkout_approval", "manage_checkouts"),
    (ErpEventType.CHECKOUT_APPROVAL_APPROVED, "checkout_approval", "manage_checkouts"),
    (ErpEventType.CHECKOUT_APPROVAL_REJECTED, "checkout_approval", "manage_checkouts"),
    (ErpEventType.ORDER_PLACED, "order", "manage_orders"),
]


@pytest.fixture
def logged_events(db):
    ErpEndpoint.objects.create(name="ERP", target_url="https://erp.example.com/")
    for index, (event_type, aggregate_type, _) in enumerate(CASES):
        aggregate = Aggregate(aggregate_type, graphene.Node.to_global_id("X", index))
        emit(event_type, aggregate, {"secret": f"data {index}"})
    assert EventDelivery.objects.count() == len(CASES)
    yield
    # stand-in payloads: out of the contract check of every test's outbox
    OutboxEvent.objects.all().delete()


def payloads_seen(client) -> dict[tuple[str, str], object]:
    content = get_graphql_content(client.post_graphql(DELIVERIES))
    return {
        (e["node"]["event"]["type"], e["node"]["event"]["aggregateType"]): e["node"][
            "event"
        ]["payload"]
        for e in content["data"]["erpEventDeliveries"]["edges"]
    }


def grant(user_or_app, *codenames):
    perms = Permission.objects.filter(codename__in=codenames)
    if hasattr(user_or_app, "user_permissions"):
        user_or_app.user_permissions.add(*perms)
    else:
        user_or_app.permissions.add(*perms)


def test_manage_apps_alone_reads_no_payload(
    logged_events, staff_api_client, permission_manage_apps
):
    # given: staff who manage apps, and nothing else
    grant(staff_api_client.user, "manage_apps")

    # when
    seen = payloads_seen(staff_api_client)

    # then: the log is there, the data is not
    assert len(seen) == len(CASES)
    assert set(seen.values()) == {None}


def test_an_app_with_manage_apps_alone_reads_no_payload(
    logged_events, app_api_client, permission_manage_apps
):
    grant(app_api_client.app, "manage_apps")

    seen = payloads_seen(app_api_client)

    assert len(seen) == len(CASES)
    assert set(seen.values()) == {None}


@pytest.mark.parametrize("permission", sorted({p for _, _, p in CASES}))
def test_each_permission_reads_exactly_its_payloads(
    permission, logged_events, staff_api_client, permission_manage_apps
):
    # given
    grant(staff_api_client.user, "manage_apps", permission)

    # when
    seen = payloads_seen(staff_api_client)

    # then
    for index, (event_type, aggregate_type, needed) in enumerate(CASES):
        payload = seen[(event_type.upper(), aggregate_type)]
        if needed == permission:
            assert payload == {"secret": f"data {index}"}
        else:
            assert payload is None
