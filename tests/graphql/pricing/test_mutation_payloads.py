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
from django.db import connections
from django.test.utils import CaptureQueriesContext
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups import PLUGIN_ID

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
