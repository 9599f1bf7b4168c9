"""Group prices in a mutation's payload: read as Saleor reads, free when inactive.

A mutation's payload is resolved from the writer database. Saleor's test settings
refuse any read of the writer outside its ``allow_writer`` blocks
(``restrict_writer_middleware``); Saleor's own checkout benchmarks, run with the plugin
active (scripts/saleor-tests --full), found ``pricing`` and ``groupPrice`` reading it
unguarded. And the activation check asks the plugin manager Saleor has already loaded
for the mutation, so that an inactive plugin costs a mutation no query.
"""

from contextlib import ExitStack

import graphene
import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content
from saleor.plugins.models import PluginConfiguration
from saleor.warehouse.models import Stock

from saleor_b2b_groups import PLUGIN_ID
from saleor_b2b_groups.buyers.context import forget

CHECKOUT_CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {
  checkoutCreate(input: {channel: $channel, lines: $lines, email: "b@example.com"}) {
    checkout {
      lines {
        unitPrice { gross { amount } }
        variant {
          pricing { price { gross { amount } } }
          groupPrice { price { amount } isGroupPrice }
        }
      }
    }
    errors { field code }
  }
}
"""


def create_checkout(client, channel, variant):
    """Run ``checkoutCreate``; return its one line and the SQL of the request."""
    with ExitStack() as stack:
        captured = [
            stack.enter_context(CaptureQueriesContext(connection))
            for connection in connections.all()
        ]
        response = client.post_graphql(
            CHECKOUT_CREATE,
            {
                "channel": channel.slug,
                "lines": [
                    {
                        "variantId": graphene.Node.to_global_id(
                            "ProductVariant", variant.pk
                        ),
                        "quantity": 1,
                    }
                ],
            },
        )
    data = get_graphql_content(response)["data"]["checkoutCreate"]
    assert data["errors"] == []
    (line,) = data["checkout"]["lines"]
    queries = [query["sql"] for capture in captured for query in capture]
    return line, queries


def reads_activation_row(sql: str) -> bool:
    """The one-row read of this plugin's configuration (activation.py)."""
    return "plugins_pluginconfiguration" in sql and f"'{PLUGIN_ID}'" in sql


def test_payload_shows_the_buyers_group_prices(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # when
    line, queries = create_checkout(user_api_client, channel_USD, variant)

    # then
    assert line["unitPrice"]["gross"]["amount"] == 8.0
    assert line["variant"]["pricing"]["price"]["gross"]["amount"] == 8.0
    assert line["variant"]["groupPrice"] == {
        "price": {"amount": 8.0},
        "isGroupPrice": True,
    }
    # the plugin manager Saleor loaded for the mutation answered "active"
    assert not any(reads_activation_row(sql) for sql in queries)


def test_inactive_plugin_costs_the_mutation_nothing(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD, plugin_inactive
):
    # when
    line, queries = create_checkout(user_api_client, channel_USD, variant)

    # then
    assert line["unitPrice"]["gross"]["amount"] == 10.0
    assert line["variant"]["pricing"]["price"]["gross"]["amount"] == 10.0
    assert line["variant"]["groupPrice"] is None
    assert [sql for sql in queries if "saleor_b2b_groups" in sql] == []
    assert not any(reads_activation_row(sql) for sql in queries)


def reads_global_plugin_configuration(sql: str) -> bool:
    """A plugin manager loading the global plugins' configuration."""
    return 'FROM "plugins_pluginconfiguration"' in sql and (
        '"channel_id" IS NULL' in sql
    )


def test_inactive_plugin_loads_no_second_plugin_manager_for_a_guest(
    api_client, variant, channel_USD, plugin_inactive
):
    # A guest's request loads the global plugin configuration once, in the manager
    # that authentication creates and Saleor's mutation then uses. The visibility
    # check runs before the mutation: had it asked for the manager before the user was
    # resolved, it would have made a second one, one query more than vanilla Saleor
    # (found by Saleor's test_create_checkout_with_reservations, run inactive in CI).

    # when
    line, queries = create_checkout(api_client, channel_USD, variant)

    # then
    assert line["unitPrice"]["gross"]["amount"] == 10.0
    # (Saleor's tests give the replica the writer's connection: each query is
    # captured twice, under the same server-side cursor name)
    loads = {sql for sql in queries if reads_global_plugin_configuration(sql)}
    assert len(loads) == 1


def test_checkout_create_reads_the_buyers_groups_once(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # The visibility check before Saleor's mutation reads the buyer's groups; the
    # re-pricing after it, in the same request, reuses them.

    # when
    line, queries = create_checkout(user_api_client, channel_USD, variant)

    # then
    assert line["unitPrice"]["gross"]["amount"] == 8.0
    group_reads = {sql for sql in queries if "b2b_membership_id" in sql}
    assert len(group_reads) == 1


LINES_ADD = """
mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    checkout { lines { quantity unitPrice { gross { amount } } } }
    errors { field code }
  }
}
"""


def lines_add_queries(client, checkout_id, variants, quantity):
    """Run ``checkoutLinesAdd`` with a line of each variant; (payload, queries)."""
    with ExitStack() as stack:
        captured = [
            stack.enter_context(CaptureQueriesContext(connection))
            for connection in connections.all()
        ]
        response = client.post_graphql(
            LINES_ADD,
            {
                "id": checkout_id,
                "lines": [
                    {
                        "variantId": graphene.Node.to_global_id(
                            "ProductVariant", variant.pk
                        ),
                        "quantity": quantity,
                    }
                    for variant in variants
                ],
            },
        )
    data = get_graphql_content(response)["data"]["checkoutLinesAdd"]
    assert data["errors"] == []
    # Saleor's tests give the replica the writer's connection: count one of them
    return data, len(captured[0])


@pytest.mark.parametrize("line_count", [1, 5])
def test_lines_add_prices_lines_in_saleors_mutation_at_a_small_constant_cost(
    line_count,
    user_api_client,
    buyer_in_branch,
    contracts,
    variant,
    priced_variants,
    channel_USD,
):
    # given: a checkout of the buyer's, then the same mutation with the plugin
    # active and inactive (vanilla Saleor)
    variants = [variant, *priced_variants][:line_count]
    warehouse = variant.stocks.first().warehouse
    Stock.objects.bulk_create(
        [
            Stock(product_variant=v, warehouse=warehouse, quantity=100)
            for v in variants[1:]
        ]
    )

    def checkout_id():
        create_checkout(user_api_client, channel_USD, variant)
        latest = Checkout.objects.order_by("-created_at").first()
        return graphene.Node.to_global_id("Checkout", latest.pk)

    active_id = checkout_id()
    data, active = lines_add_queries(user_api_client, active_id, variants, 9)
    PluginConfiguration.objects.update_or_create(
        identifier=PLUGIN_ID,
        channel=None,
        defaults={"name": "B2B customer groups", "active": False, "configuration": []},
    )
    forget(buyer_in_branch)
    inactive_id = checkout_id()
    _, inactive = lines_add_queries(user_api_client, inactive_id, variants, 9)

    # then: the line reaches the 10-unit tier: re-priced, at a few queries more
    assert data["checkout"]["lines"][0]["unitPrice"]["gross"]["amount"] == 7.0
    assert active - inactive <= 5, (
        active,
        inactive,
    )  # 26 when re-priced after the mutation
