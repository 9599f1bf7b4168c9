"""Buyers see their group's price in Saleor's own ``pricing`` fields, nobody else's."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.graphql.tests.utils import get_graphql_content
from saleor.tax import TaxCalculationStrategy

from tests.fixtures.groups import add_member, create_group
from tests.pricing.helpers import fixed, make_price_list, percent_off

from .storefront_utils import (
    PRODUCTS_PRICING,
    put_on_catalogue_promotion,
    storefront_prices,
)


@pytest.fixture
def variant(product):
    return product.variants.get()


@pytest.fixture
def two_contracts(group_tree, other_group, channel_USD, variant):
    """Berlin (via ACME) pays 8.00, Globex pays 7.00; the channel price is 10.00."""
    acme = make_price_list(channel_USD, "acme-contract", group_tree["acme"])
    fixed(acme, variant, "8.00")
    globex = make_price_list(channel_USD, "globex-contract", other_group)
    fixed(globex, variant, "7.00")
    return acme, globex


@pytest.fixture
def flat_rates(channel_USD):
    """Saleor's production default: flat rates, prices entered without tax."""
    config = channel_USD.tax_configuration
    config.tax_calculation_strategy = TaxCalculationStrategy.FLAT_RATES
    config.prices_entered_with_tax = False
    config.charge_taxes = True
    config.save()
    return config


def test_each_buyer_sees_their_own_group_price(
    user_api_client,
    user2_api_client,
    buyer_in_branch,
    buyer_in_other_group,
    two_contracts,
    product,
    channel_USD,
):
    # when
    berlin = storefront_prices(user_api_client, product, channel_USD)
    globex = storefront_prices(user2_api_client, product, channel_USD)

    # then
    assert (berlin["variant"], berlin["range_start"]) == (
        Decimal("8.00"),
        Decimal("8.00"),
    )
    assert (globex["variant"], globex["range_start"]) == (
        Decimal("7.00"),
        Decimal("7.00"),
    )
    assert berlin["undiscounted"] == globex["undiscounted"] == Decimal("10.00")
    assert berlin["on_sale"]
    assert globex["on_sale"]
    assert berlin["raw"]["pricing"]["discount"]["gross"]["amount"] == 2.0


@pytest.mark.parametrize("who", ["anonymous", "no_group", "staff"])
def test_everyone_else_sees_saleor_prices(
    who,
    api_client,
    user_api_client,
    staff_api_client,
    two_contracts,
    product,
    channel_USD,
):
    # given
    client = {
        "anonymous": api_client,
        "no_group": user_api_client,
        "staff": staff_api_client,
    }[who]

    # when
    prices = storefront_prices(client, product, channel_USD)

    # then
    assert prices["variant"] == prices["range_start"] == Decimal("10.00")
    assert prices["on_sale"] is False


def test_plugin_inactive_shows_saleor_prices(
    user_api_client,
    buyer_in_branch,
    two_contracts,
    product,
    channel_USD,
    plugin_inactive,
):
    # when
    prices = storefront_prices(user_api_client, product, channel_USD)

    # then
    assert prices["variant"] == Decimal("10.00")


def test_flat_rate_taxes_apply_to_the_group_price(
    user_api_client, buyer_in_branch, two_contracts, product, channel_USD, flat_rates
):
    # given: 20% tax on the product's tax class in the channel's country
    from saleor.tax.models import TaxClassCountryRate

    TaxClassCountryRate.objects.update_or_create(
        tax_class=product.tax_class, country="US", defaults={"rate": Decimal(20)}
    )

    # when
    prices = storefront_prices(user_api_client, product, channel_USD)

    # then: net is the group price, gross adds the flat rate
    variant = prices["raw"]["variants"][0]["pricing"]["price"]
    assert Decimal(str(variant["net"]["amount"])) == Decimal("8.00")
    assert Decimal(str(variant["gross"]["amount"])) == Decimal("9.60")


def test_catalogue_promotion_applies_on_top_of_the_group_price(
    user_api_client, buyer_in_branch, two_contracts, product, variant, channel_USD
):
    # given: 10% off the variant for everybody
    put_on_catalogue_promotion(variant, channel_USD, 10)

    # when
    prices = storefront_prices(user_api_client, product, channel_USD)

    # then: 10% off the buyer's 8.00, not off the channel's 10.00
    assert prices["variant"] == Decimal("7.20")
    assert prices["range_start"] == Decimal("7.20")


def test_percentage_rule_prices_every_variant_of_a_category(
    user_api_client, buyer_in_branch, group_tree, product, channel_USD
):
    # given
    price_list = make_price_list(channel_USD, "category-deal", group_tree["emea"])
    percent_off(price_list, 25, category=product.category)

    # when
    prices = storefront_prices(user_api_client, product, channel_USD)

    # then
    assert prices["variant"] == Decimal("7.50")


def build_deep_buyer(user, channel, variants, depth: int, lists_per_level: int):
    parent = None
    for level in range(depth):
        parent = create_group(f"D{level}", parent, slug=f"d{level}-{depth}")
        for n in range(lists_per_level):
            price_list = make_price_list(channel, f"l{depth}-{level}-{n}", parent)
            percent_off(price_list, level + n)
            for variant in variants[: 5 + n]:
                fixed(price_list, variant, "5.00")
    add_member(parent, user)


def count_products_queries(client, channel, first: int) -> tuple[int, dict]:
    variables = {"first": first, "channel": channel.slug}
    get_graphql_content(client.post_graphql(PRODUCTS_PRICING, variables))  # warm
    with CaptureQueriesContext(connection) as captured:
        content = get_graphql_content(client.post_graphql(PRODUCTS_PRICING, variables))
    return len(captured), content


def test_group_prices_add_few_queries_whatever_page_size_depth_or_lists(
    user_api_client, customer_user, product_list, channel_USD
):
    # given: a buyer 20 levels deep with 3 price lists on every level
    from saleor.plugins.models import PluginConfiguration
    from saleor.product.models import ProductVariant

    from saleor_b2b_groups import PLUGIN_ID

    variants = list(ProductVariant.objects.order_by("pk"))
    build_deep_buyer(customer_user, channel_USD, variants, depth=20, lists_per_level=3)

    # when: the same requests with the plugin on, then off (vanilla Saleor)
    buyer_small, _ = count_products_queries(user_api_client, channel_USD, 1)
    buyer_big, content = count_products_queries(user_api_client, channel_USD, 100)
    PluginConfiguration.objects.create(
        identifier=PLUGIN_ID, name="B2B", active=False, configuration=[]
    )
    vanilla_small, _ = count_products_queries(user_api_client, channel_USD, 1)
    vanilla_big, _ = count_products_queries(user_api_client, channel_USD, 100)

    # then: priced, and the extra queries are few and constant
    prices = [
        edge["node"]["variants"][0]["pricing"]["price"]["gross"]["amount"]
        for edge in content["data"]["products"]["edges"]
    ]
    assert len(prices) == len(product_list)
    assert all(price <= 5.0 for price in prices)
    extra_small = buyer_small - vanilla_small
    extra_big = buyer_big - vanilla_big
    assert extra_big == extra_small
    # the prices; the groups, their catalog rules and the plugin's state come in
    # one query, where vanilla reads the state alone
    assert extra_big <= 1
