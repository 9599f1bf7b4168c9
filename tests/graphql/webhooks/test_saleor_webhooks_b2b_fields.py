"""Saleor's own checkout webhooks carry B2B data: an app subscribed to
CHECKOUT_UPDATED selects the buyer's ``customerGroups`` and each line's group
price, through Saleor's real webhook machinery (the WebhookPlugin, subscription
payloads generated from the extended schema)."""

import json

from saleor.core.models import EventDelivery
from saleor.graphql.tests.utils import get_graphql_content
from saleor.webhook.event_types import WebhookEventAsyncType

from tests.graphql.pricing.test_checkout_pricing import (
    LINES_ADD,
    create_checkout,
    variant_id,
)
from tests.pricing.helpers import fixed, make_price_list

CHECKOUT_UPDATED_WITH_GROUPS = """
subscription {
  event {
    ... on CheckoutUpdated {
      checkout {
        user { email customerGroups { role group { name ancestors { name } } } }
        lines { quantity unitPrice { net { amount } } }
      }
    }
  }
}
"""


def test_checkout_updated_carries_the_buyers_groups_and_group_price(
    user_api_client,
    buyer_in_branch,
    group_tree,
    product,
    channel_USD,
    subscription_webhook,
    permission_manage_users,
    permission_manage_checkouts,
    settings,
):
    # given an app subscribed to CHECKOUT_UPDATED, and a group price of 8.00
    settings.PLUGINS = [
        *settings.PLUGINS,
        "saleor.plugins.webhook.plugin.WebhookPlugin",
    ]
    webhook = subscription_webhook(
        CHECKOUT_UPDATED_WITH_GROUPS, WebhookEventAsyncType.CHECKOUT_UPDATED
    )
    webhook.app.permissions.add(permission_manage_users, permission_manage_checkouts)
    variant = product.variants.get()
    fixed(make_price_list(channel_USD, "acme", group_tree["acme"]), variant, "8.00")
    checkout = create_checkout(user_api_client, channel_USD, variant)

    # when the buyer adds to the checkout
    response = user_api_client.post_graphql(
        LINES_ADD,
        {
            "id": checkout["id"],
            "lines": [{"variantId": variant_id(variant), "quantity": 1}],
        },
    )
    assert get_graphql_content(response)["data"]["checkoutLinesAdd"]["errors"] == []

    # then Saleor's webhook payload has the groups and the group price
    payloads = [
        json.loads(delivery.payload.get_payload())
        for delivery in EventDelivery.objects.filter(webhook=webhook)
    ]
    assert payloads
    assert payloads[-1] == {
        "checkout": {
            "user": {
                "email": buyer_in_branch.email,
                "customerGroups": [
                    {
                        "role": "BUYER",
                        "group": {
                            "name": "Berlin",
                            "ancestors": [{"name": "ACME"}, {"name": "EMEA"}],
                        },
                    }
                ],
            },
            "lines": [{"quantity": 2, "unitPrice": {"net": {"amount": 8.0}}}],
        }
    }
