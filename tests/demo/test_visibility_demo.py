from saleor.graphql.tests.utils import get_graphql_content
from saleor.product.models import Category

from saleor_b2b_groups.demo import DEFAULT_CHANNEL, DEMO_PASSWORD, groups, visibility
from saleor_b2b_groups.visibility.models import CatalogRule
from tests.fixtures.visibility import make_catalog_product

TOKEN_CREATE = """
mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { code } }
}
"""

PRODUCTS = """
query ($channel: String!) {
  products(first: 20, channel: $channel) { edges { node { slug } } }
}
"""


def slugs(client, channel: str) -> set[str]:
    data = get_graphql_content(client.post_graphql(PRODUCTS, {"channel": channel}))
    return {edge["node"]["slug"] for edge in data["data"]["products"]["edges"]}


def login(client, email: str):
    data = get_graphql_content(
        client.post_graphql(TOKEN_CREATE, {"email": email, "password": DEMO_PASSWORD})
    )["data"]["tokenCreate"]
    client.token = data["token"]
    return client


def test_demo_restricts_contoso_and_makes_a_b2b_only_channel(
    api_client,
    default_customer_type,
    product_type,
    channel_USD,
    channel_PLN,
    warehouse,
):
    # given: populatedb's channels and categories, a product in each category
    channel_USD.slug = DEFAULT_CHANNEL
    channel_USD.save(update_fields=["slug"])
    channel_PLN.slug = visibility.B2B_ONLY_CHANNEL
    channel_PLN.save(update_fields=["slug"])
    for slug in ("groceries", "homewares", "apparel"):
        category = Category.objects.create(name=slug.title(), slug=slug)
        make_catalog_product(
            f"{slug}-item", category, product_type, channel_USD, warehouse
        )
    make_catalog_product(
        "pln-item", category, product_type, channel_PLN, warehouse, sku="PLN"
    )
    messages: list[str] = []

    # when: loading twice is loading once
    groups.load(messages.append)
    visibility.load(messages.append)
    visibility.load(messages.append)

    # then
    assert visibility.is_loaded()
    assert CatalogRule.objects.count() == 1
    everything = {"groceries-item", "homewares-item", "apparel-item"}
    assert slugs(api_client, DEFAULT_CHANNEL) == everything
    assert slugs(api_client, visibility.B2B_ONLY_CHANNEL) == set()
    olivia = login(api_client, "olivia.buyer@contoso.example")
    assert slugs(olivia, DEFAULT_CHANNEL) == {"apparel-item"}
    assert slugs(olivia, visibility.B2B_ONLY_CHANNEL) == set()
    anna = login(api_client, "anna.buyer@northwind.example")
    assert slugs(anna, DEFAULT_CHANNEL) == everything
    assert slugs(anna, visibility.B2B_ONLY_CHANNEL) == {"pln-item"}
