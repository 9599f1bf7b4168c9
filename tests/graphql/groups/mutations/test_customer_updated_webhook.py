"""Membership changes are customer updates in Saleor's sense.

An app subscribed to Saleor's own CUSTOMER_UPDATED gets an event for every customer
whose memberships change, and its subscription query can select the new
``customerGroups`` field.
"""

import json

from saleor.core.models import EventDelivery
from saleor.graphql.tests.utils import get_graphql_content
from saleor.webhook.event_types import WebhookEventAsyncType

from ..operations import CUSTOMER_GROUP_DELETE, MEMBERS_ADD
from ..utils import group_id, user_id

CUSTOMER_UPDATED_WITH_GROUPS = """
subscription {
  event {
    ... on CustomerUpdated {
      user { email customerGroups { role group { name ancestors { name } } } }
    }
  }
}
"""


def delivered_payloads(webhook):
    return [
        json.loads(delivery.payload.get_payload())
        for delivery in EventDelivery.objects.filter(webhook=webhook).order_by("pk")
    ]


def test_members_add_fires_customer_updated_with_groups(
    staff_api_client,
    staff_with_manage_users,
    subscription_webhook,
    permission_manage_users,
    group_tree,
    customer_user,
    settings,
):
    # given
    settings.PLUGINS = [
        *settings.PLUGINS,
        "saleor.plugins.webhook.plugin.WebhookPlugin",
    ]
    webhook = subscription_webhook(
        CUSTOMER_UPDATED_WITH_GROUPS, WebhookEventAsyncType.CUSTOMER_UPDATED
    )
    webhook.app.permissions.add(permission_manage_users)

    # when
    response = staff_api_client.post_graphql(
        MEMBERS_ADD,
        {
            "group": group_id(group_tree["berlin"]),
            "members": [{"user": user_id(customer_user), "role": "APPROVER"}],
        },
    )

    # then
    assert (
        get_graphql_content(response)["data"]["customerGroupMembersAdd"]["errors"] == []
    )
    assert delivered_payloads(webhook) == [
        {
            "user": {
                "email": customer_user.email,
                "customerGroups": [
                    {
                        "role": "APPROVER",
                        "group": {
                            "name": "Berlin",
                            "ancestors": [{"name": "ACME"}, {"name": "EMEA"}],
                        },
                    }
                ],
            }
        }
    ]


def test_group_delete_fires_customer_updated_for_former_members(
    staff_api_client,
    staff_with_manage_users,
    subscription_webhook,
    permission_manage_users,
    group_tree,
    buyer_in_branch,
    settings,
):
    # given
    settings.PLUGINS = [
        *settings.PLUGINS,
        "saleor.plugins.webhook.plugin.WebhookPlugin",
    ]
    webhook = subscription_webhook(
        CUSTOMER_UPDATED_WITH_GROUPS, WebhookEventAsyncType.CUSTOMER_UPDATED
    )
    webhook.app.permissions.add(permission_manage_users)

    # when
    staff_api_client.post_graphql(
        CUSTOMER_GROUP_DELETE, {"id": group_id(group_tree["berlin"])}
    )

    # then
    assert delivered_payloads(webhook) == [
        {"user": {"email": buyer_in_branch.email, "customerGroups": []}}
    ]
