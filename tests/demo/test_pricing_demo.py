from decimal import Decimal

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content
from saleor.product.models import (
    Category,
    ProductVariant,
    ProductVariantChannelListing,
)
from saleor.warehouse.models import Stock

from saleor_b2b_groups.demo import DEFAULT_CHANNEL, DEMO_PASSWORD, groups, pricing
from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)

TOKEN_CREATE = """
mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { code } }
}
"""

VARIANT_PRICE = """
query ($sku: String!, $channel: String!) {
  productVariant(sku: $sku, channel: $channel) {
    pricing { price { gross { amount } } }
  }
}
"""

CHECKOUT_CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {
  checkoutCreate(input: {channel: $channel, lines: $lines}) {
    checkout { lines { quantity unitPrice { gross { amount } } } }
    errors { field code }
  }
}
"""

#: populatedb's SKUs and USD prices of the variants the demo prices.
CATALOG = {"328223581": 20, "328223582": 20, "618223583": 90}


@pytest.fixture
def demo_catalog(product, channel_USD, warehouse, default_customer_type):
    """What the demo needs of populatedb: its channel, SKUs and categories."""
    channel_USD.slug = DEFAULT_CHANNEL
    channel_USD.save(update_fields=["slug"])
    variants = {}
    for sku, price in CATALOG.items():
        variant = ProductVariant.objects.create(product=product, sku=sku)
        ProductVariantChannelListing.objects.create(
            variant=variant,
            channel=channel_USD,
            price_amount=Decimal(price),
            discounted_price_amount=Decimal(price),
            currency="USD",
        )
        Stock.objects.create(warehouse=warehouse, product_variant=variant, quantity=99)
        variants[sku] = variant
    for slug in ("juices", "sneakers"):
        Category.objects.create(name=slug.title(), slug=slug)
    return variants


def load_demo(log):
    groups.load(log)
    pricing.load(log)


def login(client, email):
    data = get_graphql_content(
        client.post_graphql(TOKEN_CREATE, {"email": email, "password": DEMO_PASSWORD})
    )["data"]["tokenCreate"]
    client.token = data["token"]
    return client


def checkout_unit_price(client, variant, quantity) -> Decimal:
    data = get_graphql_content(
        client.post_graphql(
            CHECKOUT_CREATE,
            {
                "channel": DEFAULT_CHANNEL,
                "lines": [
                    {
                        "variantId": graphene.Node.to_global_id(
                            "ProductVariant", variant.pk
                        ),
                        "quantity": quantity,
                    }
                ],
            },
        )
    )["data"]["checkoutCreate"]
    assert data["errors"] == []
    return Decimal(str(data["checkout"]["lines"][0]["unitPrice"]["gross"]["amount"]))


def storefront_price(client, sku) -> Decimal:
    data = get_graphql_content(
        client.post_graphql(VARIANT_PRICE, {"sku": sku, "channel": DEFAULT_CHANNEL})
    )["data"]["productVariant"]
    return Decimal(str(data["pricing"]["price"]["gross"]["amount"]))


def test_demo_pricing_loads_once(demo_catalog, price_lists_changed_calls):
    # given
    messages: list[str] = []

    # when: loading twice is loading once
    load_demo(messages.append)
    load_demo(messages.append)

    # then
    assert pricing.is_loaded()
    assert PriceList.objects.count() == 2
    assert PriceListEntry.objects.count() == 10
    assert PriceListRule.objects.count() == 3
    assert sorted(
        CustomerGroupPriceList.objects.values_list("group__slug", "price_list__slug")
    ) == [
        ("contoso", "contoso-contract-usd"),
        ("northwind", "northwind-contract-usd"),
    ]
    assert len(price_lists_changed_calls) == 1
    assert not [m for m in messages if "skipped" in m]


def test_two_demo_buyers_see_and_pay_different_prices_for_the_same_product(
    api_client, demo_catalog
):
    # given
    load_demo(lambda _message: None)
    tee = demo_catalog["328223581"]
    anna = login(api_client, "anna.buyer@northwind.example")
    anna_sees = storefront_price(anna, tee.sku)
    anna_pays = checkout_unit_price(anna, tee, 1)
    anna_pays_for_ten = checkout_unit_price(anna, tee, 10)

    # when
    olivia = login(api_client, "olivia.buyer@contoso.example")
    olivia_sees = storefront_price(olivia, tee.sku)
    olivia_pays = checkout_unit_price(olivia, tee, 1)

    # then: the channel price is 20.00
    assert (anna_sees, anna_pays, anna_pays_for_ten) == (
        Decimal("16.00"),
        Decimal("16.00"),
        Decimal("14.50"),
    )
    assert (olivia_sees, olivia_pays) == (Decimal("18.00"), Decimal("18.00"))


def test_the_rest_of_the_catalog_gets_northwinds_discount(api_client, demo_catalog):
    # given: the product's own variant (10.00) has no fixed price
    load_demo(lambda _message: None)
    anna = login(api_client, "anna.buyer@northwind.example")

    # when
    price = storefront_price(anna, "123")

    # then: 10% off everything
    assert price == Decimal("9.00")


def test_without_the_catalog_the_demo_skips_with_a_log_line(db):
    # given
    messages: list[str] = []
    groups.load(messages.append)

    # when
    pricing.load(messages.append)

    # then
    assert any("skipped" in m and DEFAULT_CHANNEL in m for m in messages)
    assert not PriceList.objects.exists()
    assert not pricing.is_loaded()


def test_missing_products_are_skipped_and_the_rest_loads(
    channel_USD, default_customer_type
):
    # given: the channel without populatedb's products and categories
    channel_USD.slug = DEFAULT_CHANNEL
    channel_USD.save(update_fields=["slug"])
    messages: list[str] = []

    # when
    load_demo(messages.append)

    # then
    assert pricing.is_loaded()
    assert PriceListEntry.objects.count() == 0
    assert list(PriceListRule.objects.values_list("scope", flat=True)) == ["all"]
    assert any("SKU 328223581" in m for m in messages)
    assert any("category 'juices'" in m for m in messages)
