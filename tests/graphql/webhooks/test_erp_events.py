"""ERP events from the API: group and membership mutations, orders; endpoints and
the delivery log through GraphQL."""

import json

import graphene
import pytest
from saleor.checkout.models import Checkout
from saleor.core.models import EventDelivery as SaleorEventDelivery
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content
from saleor.webhook.event_types import WebhookEventAsyncType

from saleor_b2b_groups.webhooks import DeliveryStatus, ErpEventType, payloads
from saleor_b2b_groups.webhooks.events import emit
from saleor_b2b_groups.webhooks.models import ErpEndpoint, EventDelivery, OutboxEvent
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE
from tests.fixtures.webhooks import ERP_SECRET
from tests.graphql.groups.operations import MEMBERS_ADD
from tests.graphql.groups.utils import group_id, user_id
from tests.graphql.pricing.test_checkout_pricing import create_checkout
from tests.pricing.helpers import fixed, make_price_list

ENDPOINT_CREATE = """
mutation ($input: ErpEndpointInput!) {
  erpEndpointCreate(input: $input) {
    erpEndpoint { id name targetUrl events isActive hasSecretKey }
    errors { field code }
  }
}
"""
DELIVERIES = """
query ($filter: ErpEventDeliveryFilterInput) {
  erpEventDeliveries(first: 10, filter: $filter) {
    edges { node { id status attempts lastStatusCode lastError
      event { id type aggregateType sequence payload }
      endpoint { name } attemptLog { statusCode error } } }
  }
}
"""
REDELIVER = """
mutation ($ids: [ID!]!) {
  erpEventRedeliver(ids: $ids) { deliveries { status attempts } errors { field code } }
}
"""
GROUP_CREATE = """
mutation ($input: CustomerGroupCreateInput!) {
  customerGroupCreate(input: $input) { customerGroup { id } errors { field code } }
}
"""


@pytest.fixture
def staff_with_manage_apps(staff_user, permission_manage_apps):
    staff_user.user_permissions.add(permission_manage_apps)
    return staff_user


def test_endpoint_create_never_returns_the_secret(
    staff_api_client, staff_with_manage_apps
):
    # when
    response = staff_api_client.post_graphql(
        ENDPOINT_CREATE,
        {
            "input": {
                "name": "ERP",
                "targetUrl": "https://erp.example/events",
                "secretKey": "s3cret",
                "events": ["ORDER_PLACED", "CUSTOMER_GROUP_CREATED"],
            }
        },
    )

    # then
    data = get_graphql_content(response)["data"]["erpEndpointCreate"]
    assert data["errors"] == []
    assert data["erpEndpoint"]["hasSecretKey"] is True
    assert data["erpEndpoint"]["events"] == ["CUSTOMER_GROUP_CREATED", "ORDER_PLACED"]
    assert "s3cret" not in response.content.decode()
    assert ErpEndpoint.objects.get().secret_key == "s3cret"


def test_endpoint_create_refuses_a_bad_url(staff_api_client, staff_with_manage_apps):
    response = staff_api_client.post_graphql(
        ENDPOINT_CREATE, {"input": {"name": "", "targetUrl": "ftp://x"}}
    )
    data = get_graphql_content(response)["data"]["erpEndpointCreate"]
    assert sorted((e["field"], e["code"]) for e in data["errors"]) == [
        ("name", "REQUIRED"),
        ("targetUrl", "INVALID"),
    ]
    assert not ErpEndpoint.objects.exists()


@pytest.mark.parametrize(
    "client", ["api_client", "user_api_client", "staff_api_client"]
)
def test_endpoints_and_deliveries_need_manage_apps(client, request, customer_user):
    api = request.getfixturevalue(client)
    assert_no_permission(
        api.post_graphql(
            ENDPOINT_CREATE,
            {"input": {"name": "x", "targetUrl": "https://erp.example.com/"}},
        )
    )
    assert_no_permission(api.post_graphql(DELIVERIES, {}))
    assert not ErpEndpoint.objects.exists()


def test_group_create_emits_and_delivers_an_event(
    staff_api_client,
    staff_with_manage_users,
    permission_manage_apps,
    erp_endpoint,
    erp_receiver,
    group_tree,
    django_capture_on_commit_callbacks,
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_api_client.post_graphql(
            GROUP_CREATE,
            {
                "input": {
                    "name": "Munich",
                    "parent": group_id(group_tree["emea"]),
                    "externalReference": "ERP-MUC",
                }
            },
        )

    # then
    created = get_graphql_content(response)["data"]["customerGroupCreate"]
    [request] = erp_receiver.received
    assert request.signature_valid(ERP_SECRET)
    event = request.json
    assert event["type"] == "customer_group_created"
    assert event["aggregate"] == {
        "type": "customer_group",
        "id": created["customerGroup"]["id"],
    }
    assert event["data"]["group"]["externalReference"] == "ERP-MUC"
    assert event["data"]["group"]["parent"] == {
        "id": group_id(group_tree["emea"]),
        "externalReference": "ERP-EMEA",
        "slug": "emea",
    }

    # and the delivery log shows it, to staff with MANAGE_APPS
    staff_api_client.user.user_permissions.add(permission_manage_apps)
    log = get_graphql_content(
        staff_api_client.post_graphql(DELIVERIES, {"filter": {"status": "SUCCESS"}})
    )["data"]["erpEventDeliveries"]["edges"]
    assert [edge["node"]["event"]["type"] for edge in log] == ["CUSTOMER_GROUP_CREATED"]
    assert log[0]["node"]["attemptLog"] == [{"statusCode": 200, "error": ""}]


def test_refused_group_mutation_emits_nothing(
    staff_api_client, staff_with_manage_users, erp_endpoint, group_tree
):
    response = staff_api_client.post_graphql(
        GROUP_CREATE, {"input": {"name": "Dup", "slug": "emea"}}
    )
    assert get_graphql_content(response)["data"]["customerGroupCreate"]["errors"]
    assert not OutboxEvent.objects.exists()


def test_members_add_emits_membership_changed(
    staff_api_client, staff_with_manage_users, group_tree, customer_user
):
    # when
    staff_api_client.post_graphql(
        MEMBERS_ADD,
        {
            "group": group_id(group_tree["berlin"]),
            "members": [{"user": user_id(customer_user), "role": "APPROVER"}],
        },
    )

    # then
    event = OutboxEvent.objects.get()
    assert event.event_type == "customer_group_membership_changed"
    assert event.aggregate_id == group_id(group_tree["berlin"])
    assert event.payload["changes"] == [
        {
            "user": {
                "id": user_id(customer_user),
                "email": customer_user.email,
                "externalReference": customer_user.external_reference,
            },
            "action": "ADDED",
            "role": "APPROVER",
            "previousRole": None,
            "source": "MANUAL",
        }
    ]


def test_failed_delivery_is_logged_and_redelivered_through_graphql(
    staff_api_client,
    staff_with_manage_apps,
    erp_endpoint,
    erp_receiver,
    erp_retry_settings,
    django_capture_on_commit_callbacks,
    group_tree,
):
    # given a delivery that failed for good
    erp_receiver.mode = "error"
    with django_capture_on_commit_callbacks(execute=True):
        emit(
            ErpEventType.CUSTOMER_GROUP_UPDATED,
            group_tree["acme"],
            payloads.customer_group(group_tree["acme"]),
        )
    EventDelivery.objects.update(status=DeliveryStatus.FAILED, next_retry_at=None)
    erp_receiver.mode = "ok"
    [edge] = get_graphql_content(staff_api_client.post_graphql(DELIVERIES, {}))["data"][
        "erpEventDeliveries"
    ]["edges"]
    assert edge["node"]["status"] == "FAILED"
    assert edge["node"]["lastStatusCode"] == 500

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_api_client.post_graphql(
            REDELIVER, {"ids": [edge["node"]["id"]]}
        )

    # then
    assert get_graphql_content(response)["data"]["erpEventRedeliver"]["errors"] == []
    assert EventDelivery.objects.get().status == DeliveryStatus.SUCCESS
    ids = {r.json["id"] for r in erp_receiver.received}
    assert ids == {edge["node"]["event"]["id"]}
    assert len(erp_receiver.received) == 2


ORDER_CREATED_WITH_GROUPS = """
subscription {
  event {
    ... on OrderCreated {
      order { user { customerGroups { role group { name } } }
              lines { productSku priceOverrideReason } }
    }
  }
}
"""


def test_order_by_a_group_member_emits_order_placed_and_saleor_webhook_carries_groups(
    user_api_client,
    buyer_in_branch,
    group_tree,
    product,
    channel_USD,
    pay_and_prepare_checkout,
    subscription_webhook,
    permission_manage_users,
    permission_manage_orders,
    settings,
):
    # given a Saleor app subscribed to ORDER_CREATED, selecting B2B fields
    settings.PLUGINS = [
        *settings.PLUGINS,
        "saleor.plugins.webhook.plugin.WebhookPlugin",
    ]
    webhook = subscription_webhook(
        ORDER_CREATED_WITH_GROUPS, WebhookEventAsyncType.ORDER_CREATED
    )
    webhook.app.permissions.add(permission_manage_users, permission_manage_orders)
    variant = product.variants.get()
    price_list = make_price_list(channel_USD, "acme", group_tree["acme"])
    fixed(price_list, variant, "8.00")
    created = create_checkout(user_api_client, channel_USD, variant)
    pay_and_prepare_checkout(
        Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    )

    # when
    order = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})
    )["data"]["checkoutComplete"]["order"]

    # then Saleor's own webhook carries the groups and the price list
    [delivery] = SaleorEventDelivery.objects.filter(webhook=webhook)
    assert json.loads(delivery.payload.get_payload()) == {
        "order": {
            "user": {
                "customerGroups": [{"role": "BUYER", "group": {"name": "Berlin"}}]
            },
            "lines": [
                {
                    "productSku": variant.sku,
                    "priceOverrideReason": "b2b-price-list:acme",
                }
            ],
        }
    }
    # and the ERP contract has order_placed, with group and price-list context
    event = OutboxEvent.objects.get(event_type="order_placed")
    assert event.aggregate_id == order["id"]
    assert event.payload["memberships"] == [
        {
            "group": {
                "id": group_id(group_tree["berlin"]),
                "externalReference": "ERP-BER",
                "slug": "berlin",
            },
            "role": "BUYER",
        }
    ]
    assert [line["priceList"] for line in event.payload["order"]["lines"]] == [
        {
            "id": graphene.Node.to_global_id("PriceList", price_list.pk),
            "externalReference": None,
            "slug": "acme",
        }
    ]


def test_order_by_a_customer_in_no_group_emits_nothing(
    user_api_client, customer_user, product, channel_USD, pay_and_prepare_checkout
):
    variant = product.variants.get()
    created = create_checkout(user_api_client, channel_USD, variant)
    pay_and_prepare_checkout(
        Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    )
    order = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})
    )["data"]["checkoutComplete"]["order"]
    assert order
    assert not OutboxEvent.objects.filter(event_type="order_placed").exists()
