"""Key GraphQL examples of the docs, executed as their reader would send them.

Validation (``test_graphql_examples``) proves every example fits the schema; these
run the front page's example and the storefront guide's, as written, against real
data: the demo's SKU and channel are swapped for the test catalog's, nothing else.
"""

from decimal import Decimal

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content

from docsite.examples import DOCS, ROOT, examples
from saleor_b2b_groups.graphql.groups.types import CustomerGroup


def example(path, contains: str) -> str:
    [code] = [
        e.code for e in examples("graphql") if e.path == path and contains in e.code
    ]
    return code


def with_test_catalog(code: str, channel, variant) -> str:
    return code.replace('"328223581"', f'"{variant.sku}"').replace(
        '"default-channel"', f'"{channel.slug}"'
    )


@pytest.fixture
def variant(product):
    return product.variants.get()


@pytest.mark.parametrize("page", [ROOT / "README.md", DOCS / "index.md"])
def test_the_front_page_example_shows_the_buyers_group_price(
    page,
    user_api_client,
    buyer_in_branch,
    price_list_assigned,
    price_list_entries,
    channel_USD,
    variant,
):
    # given the buyer of Berlin, under ACME's list: 8.00, 7.00 from 10 (channel 10.00)
    query = with_test_catalog(example(page, "groupPrice"), channel_USD, variant)

    # when
    data = get_graphql_content(user_api_client.post_graphql(query))["data"]

    # then
    [membership] = data["me"]["customerGroups"]
    assert membership["role"] == "BUYER"
    assert membership["group"]["name"] == "Berlin"
    assert [g["name"] for g in membership["group"]["ancestors"]] == ["ACME", "EMEA"]
    pricing = data["productVariant"]["pricing"]
    assert Decimal(str(pricing["price"]["gross"]["amount"])) == Decimal("8.00")
    assert Decimal(str(pricing["priceUndiscounted"]["gross"]["amount"])) == 10
    group_price = data["productVariant"]["groupPrice"]
    assert Decimal(str(group_price["price"]["amount"])) == Decimal("7.00")
    assert Decimal(str(group_price["channelPrice"]["amount"])) == 10


def test_the_visitors_example_says_groups_are_enabled(api_client):
    query = example(DOCS / "storefront" / "index.md", "customerGroupsEnabled")

    data = get_graphql_content(api_client.post_graphql(query))["data"]

    assert data == {"shop": {"customerGroupsEnabled": True}}


def test_the_purchasing_group_example_selects_the_group(
    user_api_client, buyer_in_branch, group_tree
):
    mutation = example(DOCS / "storefront" / "index.md", "purchasingGroupSelect")
    berlin = graphene.Node.to_global_id(
        CustomerGroup._meta.name, group_tree["berlin"].pk
    )

    response = user_api_client.post_graphql(mutation, {"group": berlin})

    data = get_graphql_content(response)["data"]["purchasingGroupSelect"]
    assert data == {"purchasingGroup": {"name": "Berlin"}, "errors": []}
