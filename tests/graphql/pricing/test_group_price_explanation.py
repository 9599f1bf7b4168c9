"""``ProductVariant.groupPrice`` explains a price: to the buyer, and to staff."""

import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from tests.pricing.helpers import make_price_list, percent_off

GROUP_PRICE = """
query ($id: ID!, $channel: String, $quantity: Int, $customer: ID) {
  productVariant(id: $id, channel: $channel) {
    groupPrice(quantity: $quantity, customer: $customer) {
      quantity
      price { amount currency }
      channelPrice { amount }
      isGroupPrice
      reason
      candidates {
        priceListSlug price { amount } kind minQuantity scope percentage
        group { name } membershipGroup { name } distance isWinner
      }
    }
  }
}
"""


@pytest.fixture
def contracts(contracts, group_tree, channel_USD):
    """The shared contracts, plus 15% off everything for EMEA."""
    percent_off(make_price_list(channel_USD, "emea-deal", group_tree["emea"]), 15)
    return contracts


def explain(client, variant, channel, **variables):
    response = client.post_graphql(
        GROUP_PRICE,
        {
            "id": graphene.Node.to_global_id("ProductVariant", variant.pk),
            "channel": channel.slug,
            **variables,
        },
    )
    return response


def test_buyer_sees_every_candidate_and_the_winner(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # when
    response = explain(user_api_client, variant, channel_USD, quantity=10)

    # then
    data = get_graphql_content(response)["data"]["productVariant"]["groupPrice"]
    assert data["price"] == {"amount": 7.0, "currency": "USD"}
    assert data["channelPrice"] == {"amount": 10.0}
    assert data["isGroupPrice"] is True
    assert "lowest" in data["reason"]
    candidates = {c["priceListSlug"]: c for c in data["candidates"]}
    assert set(candidates) == {"acme-contract", "emea-deal"}
    assert candidates["acme-contract"] == {
        "priceListSlug": "acme-contract",
        "price": {"amount": 7.0},
        "kind": "FIXED",
        "minQuantity": 10,
        "scope": None,
        "percentage": None,
        "group": {"name": "ACME"},
        "membershipGroup": {"name": "Berlin"},
        "distance": 2,
        "isWinner": True,
    }
    assert candidates["emea-deal"]["price"] == {"amount": 8.5}
    assert candidates["emea-deal"]["isWinner"] is False


def test_customer_in_no_group_gets_the_channel_price_explained(
    user_api_client, contracts, variant, channel_USD
):
    # when
    response = explain(user_api_client, variant, channel_USD)

    # then
    data = get_graphql_content(response)["data"]["productVariant"]["groupPrice"]
    assert data["isGroupPrice"] is False
    assert data["price"]["amount"] == 10.0
    assert data["candidates"] == []


def test_anonymous_gets_null(api_client, contracts, variant, channel_USD):
    # when
    response = explain(api_client, variant, channel_USD)

    # then
    assert get_graphql_content(response)["data"]["productVariant"]["groupPrice"] is None


def test_staff_explains_any_customers_price(
    staff_api_client,
    staff_with_manage_users,
    buyer_in_other_group,
    contracts,
    variant,
    channel_USD,
):
    # when
    response = explain(
        staff_api_client,
        variant,
        channel_USD,
        customer=graphene.Node.to_global_id("User", buyer_in_other_group.pk),
    )

    # then
    data = get_graphql_content(response)["data"]["productVariant"]["groupPrice"]
    assert data["price"]["amount"] == 6.0
    assert [c["priceListSlug"] for c in data["candidates"]] == ["globex-contract"]


@pytest.mark.parametrize("who", ["buyer", "staff_without_permission"])
def test_others_cannot_see_another_customers_price(
    who,
    user_api_client,
    staff_api_client,
    buyer_in_branch,
    buyer_in_other_group,
    contracts,
    variant,
    channel_USD,
):
    # given
    client = user_api_client if who == "buyer" else staff_api_client

    # when
    response = explain(
        client,
        variant,
        channel_USD,
        customer=graphene.Node.to_global_id("User", buyer_in_other_group.pk),
    )

    # then
    assert_no_permission(response)


def test_plugin_inactive_gives_null(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD, plugin_inactive
):
    # when
    response = explain(user_api_client, variant, channel_USD)

    # then
    assert get_graphql_content(response)["data"]["productVariant"]["groupPrice"] is None


def test_quantity_below_one_is_an_error(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # when
    response = explain(user_api_client, variant, channel_USD, quantity=0)

    # then
    content = get_graphql_content(response, ignore_errors=True)
    assert content["data"]["productVariant"]["groupPrice"] is None
    assert "quantity" in content["errors"][0]["message"]
