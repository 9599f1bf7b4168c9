"""Saleor's price filters and price sorting, at the buyer's own prices.

The catalog (``tests/fixtures/visibility.py``) at these channel prices: hammer
15.00, shirt 20.00, saw 25.00, polo 30.00, jacket 40.00. The deep buyer (Berlin,
under EMEA under ACME, and a member of Globex too) pays: saw 12.50, hammer 15.00
(a tier from 10 units does not count at quantity 1), shirt 16.00, polo 27.00,
jacket 36.00.
"""

from decimal import Decimal

import pytest
from saleor.graphql.tests.utils import get_graphql_content
from saleor.product.models import ProductChannelListing, ProductVariantChannelListing

from saleor_b2b_groups.pricing import PriceConflictPolicy
from tests.fixtures.groups import add_member
from tests.pricing.helpers import fixed, make_price_list, percent_off
from tests.queries import count_queries

from .storefront_utils import put_on_catalogue_promotion

PRODUCTS = """
query Products(
  $channel: String, $filter: ProductFilterInput, $where: ProductWhereInput,
  $sortBy: ProductOrder, $first: Int, $after: String
) {
  products(
    channel: $channel, filter: $filter, where: $where, sortBy: $sortBy,
    first: $first, after: $after
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug pricing { priceRange { start { gross { amount } } } } } }
  }
}
"""

CHANNEL_PRICES = {
    "hammer": "15.00",
    "shirt": "20.00",
    "saw": "25.00",
    "polo": "30.00",
    "jacket": "40.00",
}
BUYER_ORDER = ["saw", "hammer", "shirt", "polo", "jacket"]
CHANNEL_ORDER = ["hammer", "shirt", "saw", "polo", "jacket"]


def variant_of(catalog, name):
    return catalog[name].variants.get()


@pytest.fixture
def priced_catalog(catalog):
    channel = catalog["channel"]
    for name, price in CHANNEL_PRICES.items():
        amount = Decimal(price)
        ProductVariantChannelListing.objects.filter(
            variant__product=catalog[name], channel=channel
        ).update(price_amount=amount, discounted_price_amount=amount)
        # what Saleor's discounted price task keeps on the product listing
        ProductChannelListing.objects.filter(
            product=catalog[name], channel=channel
        ).update(discounted_price_amount=amount)
    return catalog


@pytest.fixture
def deep_buyer(buyer_in_branch, group_tree, other_group, priced_catalog):
    """Berlin's buyer, also a Globex buyer; lists at three levels and in Globex."""
    channel = priced_catalog["channel"]
    add_member(other_group, buyer_in_branch)
    acme = make_price_list(channel, "acme", group_tree["acme"])
    fixed(acme, variant_of(priced_catalog, "shirt"), "16.00")
    fixed(acme, variant_of(priced_catalog, "hammer"), "5.00", min_quantity=10)
    emea = make_price_list(channel, "emea", group_tree["emea"], priority=5)
    percent_off(emea, "10", category=priced_catalog["apparel"])
    berlin = make_price_list(
        channel, "berlin", group_tree["berlin"], cap_at_channel_price=True
    )
    fixed(berlin, variant_of(priced_catalog, "hammer"), "99.00")  # capped: 15.00
    globex = make_price_list(channel, "globex", other_group)
    percent_off(globex, "50", product=priced_catalog["saw"])
    return buyer_in_branch


def products(client, channel, **variables):
    variables = {"channel": channel.slug, "first": 20, **variables}
    content = get_graphql_content(client.post_graphql(PRODUCTS, variables))
    return content["data"]["products"]


def slugs(result) -> list[str]:
    return [edge["node"]["slug"] for edge in result["edges"]]


def test_price_filter_finds_the_buyers_price(
    user_api_client, api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    around_16 = {"price": {"gte": 15.5, "lte": 16.5}}
    around_20 = {"price": {"gte": 19.5, "lte": 20.5}}

    # the buyer is shown the shirt at 16.00 and finds it there
    assert slugs(products(user_api_client, channel, filter=around_16)) == ["shirt"]
    assert slugs(products(user_api_client, channel, filter=around_20)) == []
    # a visitor: Saleor's channel prices
    assert slugs(products(api_client, channel, filter=around_16)) == []
    assert slugs(products(api_client, channel, filter=around_20)) == ["shirt"]


def test_price_filter_agrees_with_the_prices_shown(
    user_api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    result = products(user_api_client, channel, filter={"price": {"lte": 16}})

    shown = {
        edge["node"]["slug"]: edge["node"]["pricing"]["priceRange"]["start"]["gross"][
            "amount"
        ]
        for edge in result["edges"]
    }
    assert shown == {"saw": 12.5, "hammer": 15.0, "shirt": 16.0}
    assert result["totalCount"] == 3


def test_where_price_uses_the_buyers_price(
    user_api_client, api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    where = {"price": {"range": {"gte": 26, "lte": 37}}}
    exact = {"price": {"eq": 12.5}}

    assert sorted(slugs(products(user_api_client, channel, where=where))) == [
        "jacket",
        "polo",
    ]
    assert slugs(products(user_api_client, channel, where=exact)) == ["saw"]
    assert slugs(products(api_client, channel, where=where)) == ["polo"]


def test_minimal_price_filter_uses_the_buyers_price_after_promotions(
    user_api_client, api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    # polo: 27.00 for the buyer, 50% off on a catalogue promotion: 13.50
    put_on_catalogue_promotion(variant_of(priced_catalog, "polo"), channel, 50)
    ProductChannelListing.objects.filter(
        product=priced_catalog["polo"], channel=channel
    ).update(discounted_price_amount=Decimal(15))

    cheap = {"minimalPrice": {"lte": 14}}
    assert sorted(slugs(products(user_api_client, channel, filter=cheap))) == [
        "polo",
        "saw",
    ]
    assert slugs(products(api_client, channel, filter=cheap)) == []
    where = {"minimalPrice": {"range": {"gte": 13, "lte": 14}}}
    assert slugs(products(user_api_client, channel, where=where)) == ["polo"]


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("field", ["PRICE", "MINIMAL_PRICE"])
def test_sorting_by_price_uses_the_buyers_price(
    user_api_client, api_client, deep_buyer, priced_catalog, field, direction
):
    channel = priced_catalog["channel"]
    sort = {"field": field, "direction": direction}
    step = 1 if direction == "ASC" else -1

    assert (
        slugs(products(user_api_client, channel, sortBy=sort)) == (BUYER_ORDER[::step])
    )
    assert slugs(products(api_client, channel, sortBy=sort)) == CHANNEL_ORDER[::step]


def test_pages_sorted_by_price_follow_the_buyers_price(
    user_api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    sort = {"field": "PRICE", "direction": "ASC"}
    seen = []
    after = None
    while True:
        page = products(user_api_client, channel, sortBy=sort, first=2, after=after)
        assert page["totalCount"] == 5
        seen += slugs(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == BUYER_ORDER


def test_filtered_and_sorted_page_counts_with_totalcount(
    user_api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    page = products(
        user_api_client,
        channel,
        filter={"price": {"gte": 13, "lte": 30}},
        sortBy={"field": "PRICE", "direction": "DESC"},
        first=2,
    )

    assert page["totalCount"] == 3  # polo 27, shirt 16, hammer 15
    assert slugs(page) == ["polo", "shirt"]
    assert page["pageInfo"]["hasNextPage"]


def test_customer_in_no_group_gets_saleors_prices(
    user2_api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    sort = {"field": "PRICE", "direction": "ASC"}

    assert slugs(products(user2_api_client, channel, sortBy=sort)) == CHANNEL_ORDER
    found = products(user2_api_client, channel, filter={"price": {"lte": 16}})
    assert slugs(found) == ["hammer"]


@pytest.mark.parametrize(
    ("policy", "price"),
    [
        (PriceConflictPolicy.LOWEST, "16.00"),
        (PriceConflictPolicy.PRIORITY, "17.00"),
        (PriceConflictPolicy.NEAREST, "18.00"),
    ],
)
def test_each_conflict_policy_filters_on_its_winner(
    user_api_client, buyer_in_branch, group_tree, priced_catalog, policy, price
):
    # given ACME's list (priority 10) 17.00, EMEA's 16.00, Berlin's own 18.00
    channel = priced_catalog["channel"]
    shirt = variant_of(priced_catalog, "shirt")
    fixed(make_price_list(channel, "a", group_tree["acme"], priority=10), shirt, 17)
    fixed(make_price_list(channel, "e", group_tree["emea"]), shirt, 16)
    fixed(make_price_list(channel, "b", group_tree["berlin"]), shirt, 18)
    berlin = group_tree["berlin"]
    berlin.price_conflict_policy = policy
    berlin.save(update_fields=["price_conflict_policy"])
    amount = Decimal(price)
    around = {"price": {"gte": amount - Decimal("0.5"), "lte": amount + Decimal("0.5")}}

    # then
    result = products(user_api_client, channel, filter=around)
    assert slugs(result) == ["shirt"]
    node = result["edges"][0]["node"]
    assert node["pricing"]["priceRange"]["start"]["gross"]["amount"] == float(amount)


def test_price_filter_and_sort_cost_no_extra_query(
    user_api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    plain = {"channel": channel.slug, "first": 20}
    by_price = {
        **plain,
        "filter": {"price": {"gte": 1, "lte": 100}},
        "sortBy": {"field": "PRICE", "direction": "ASC"},
    }
    by_minimal_price = {
        **plain,
        "where": {"minimalPrice": {"range": {"gte": 1}}},
        "sortBy": {"field": "MINIMAL_PRICE", "direction": "DESC"},
    }

    plain_count, _ = count_queries(user_api_client, PRODUCTS, plain)
    price_count, content = count_queries(user_api_client, PRODUCTS, by_price)
    minimal_count, _ = count_queries(user_api_client, PRODUCTS, by_minimal_price)

    assert price_count == plain_count
    assert minimal_count == plain_count
    assert slugs(content["data"]["products"]) == BUYER_ORDER


def test_where_or_of_prices_uses_the_buyers_price(
    user_api_client, deep_buyer, priced_catalog
):
    channel = priced_catalog["channel"]
    where = {"OR": [{"price": {"eq": 12.5}}, {"price": {"eq": 16}}]}

    found = products(user_api_client, channel, where=where)

    assert sorted(slugs(found)) == ["saw", "shirt"]
    assert found["totalCount"] == 2


CATEGORY_PRODUCTS = """
query CategoryProducts($slug: String!, $channel: String, $sortBy: ProductOrder) {
  category(slug: $slug) {
    products(first: 10, channel: $channel, sortBy: $sortBy) {
      edges { node { slug } }
    }
  }
}
"""


def test_a_category_page_sorts_by_the_buyers_price(
    user_api_client, api_client, deep_buyer, priced_catalog
):
    # Tools: hammer and saw, in the opposite order for the buyer
    variables = {
        "slug": "tools",
        "channel": priced_catalog["channel"].slug,
        "sortBy": {"field": "PRICE", "direction": "ASC"},
    }

    def category_slugs(client):
        content = get_graphql_content(client.post_graphql(CATEGORY_PRODUCTS, variables))
        edges = content["data"]["category"]["products"]["edges"]
        return [edge["node"]["slug"] for edge in edges]

    assert category_slugs(user_api_client) == ["saw", "hammer"]  # 12.50, 15.00
    assert category_slugs(api_client) == ["hammer", "saw"]  # 15.00, 25.00
