"""Pages and counts stay right when rules hide products in the middle of a page,
and a buyer's catalog costs a fixed number of queries."""

from saleor.plugins.models import PluginConfiguration
from saleor.product.models import Category

from saleor_b2b_groups import PLUGIN_ID
from saleor_b2b_groups.visibility import CatalogMode
from tests.fixtures.collection_helpers import add_to_collection
from tests.fixtures.groups import add_member, create_group
from tests.fixtures.visibility import exclude, include, make_catalog_product, set_terms
from tests.queries import count_queries

from .read_paths import PRODUCTS, gql

PAGE_OF_PRODUCTS = """
query ($channel: String, $first: Int) {
  products(channel: $channel, first: $first) {
    totalCount
    edges { node { slug category { name } variants { sku } } }
  }
}
"""


def make_products(count: int, category, product_type, channel, warehouse, prefix="p"):
    return [
        make_catalog_product(
            f"{prefix}{n:03}", category, product_type, channel, warehouse
        )
        for n in range(count)
    ]


def test_pages_and_total_count_skip_hidden_products_mid_page(
    user_api_client, buyer_in_branch, group_tree, catalog, product_type, warehouse
):
    # given: 20 more tools; every third one hidden, and the catalog's Apparel too
    channel = catalog["channel"]
    tools = make_products(20, catalog["tools"], product_type, channel, warehouse)
    hidden = {p.slug for p in tools[::3]}
    for product in tools[::3]:
        exclude(group_tree["berlin"], product)
    exclude(group_tree["emea"], catalog["apparel"])
    expected = sorted({p.slug for p in tools} - hidden | {"hammer", "saw"})

    # when: pages of 5
    seen, after, pages = [], None, 0
    while True:
        data = gql(
            user_api_client,
            PRODUCTS.replace(
                "products(", "products(sortBy: {field: NAME, direction: ASC}, "
            ),
            {"channel": channel.slug, "first": 5, "after": after},
        )["products"]
        pages += 1
        assert data["totalCount"] == len(expected)
        assert len(data["edges"]) == (
            5 if data["pageInfo"]["hasNextPage"] else len(data["edges"])
        )
        seen += [edge["node"]["slug"] for edge in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]

    # then
    assert sorted(seen) == expected
    assert len(seen) == len(set(seen))
    assert pages == -(-len(expected) // 5)


def page_queries(client, channel, first: int) -> tuple[int, dict]:
    variables = {"first": first, "channel": channel.slug}
    count, content = count_queries(client, PAGE_OF_PRODUCTS, variables)
    return count, content["data"]["products"]


def test_catalog_rules_add_few_queries_whatever_page_size_rules_or_depth(
    user_api_client, customer_user, catalog, product_type, warehouse
):
    # given: a buyer 20 groups deep; rules of every kind on every level, over 200
    # products in 20 categories and 10 collections
    channel = catalog["channel"]
    root = Category.objects.create(name="Root", slug="root")
    categories = [
        Category.objects.create(name=f"C{n}", slug=f"c{n}", parent=root)
        for n in range(20)
    ]
    products = [
        product
        for n, category in enumerate(categories)
        for product in make_products(
            10, category, product_type, channel, warehouse, prefix=f"c{n}-"
        )
    ]
    collections = [
        add_to_collection(f"col{n}", products[n::10], channel) for n in range(10)
    ]
    parent = None
    for level in range(20):
        parent = create_group(f"G{level}", parent, slug=f"g{level}")
        include(parent, categories[level])
        if level in (1, 3):
            exclude(parent, collections[level])
        else:
            include(parent, collections[level % 10])
        include(parent, products[level * 5])
        exclude(parent, products[level * 5 + 1])
    set_terms(parent, catalog_mode=CatalogMode.RESTRICTED)
    include(parent, root)
    add_member(parent, customer_user)

    # when
    small, _ = page_queries(user_api_client, channel, 1)
    big, page = page_queries(user_api_client, channel, 100)
    PluginConfiguration.objects.create(
        identifier=PLUGIN_ID, name="B2B", active=False, configuration=[]
    )
    vanilla_small, _ = page_queries(user_api_client, channel, 1)
    vanilla_big, vanilla_page = page_queries(user_api_client, channel, 100)

    # then: filtered (some products hidden), and the extra queries are few and flat
    assert len(page["edges"]) == 100
    assert page["totalCount"] < vanilla_page["totalCount"]
    assert big - vanilla_big == small - vanilla_small
    # none: the rules come with the groups and the plugin's state, in the one query
    # vanilla pays for the state alone
    assert big - vanilla_big == 0
