"""The SQL unit price agrees with the resolver, over generated catalogs.

``catalog_prices.BuyerUnitPrice`` is what Saleor's price filters and sorters compare
for a group member; the resolver (``resolve_group_prices``, quantity 1) is what the
buyer is shown and charged. Over seeded random catalogs -- several lists, tiers,
percentage rules of every scope, validity windows, caps, each conflict policy,
several memberships in a hierarchy -- the two must give the same price for every
variant.
"""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from saleor.product.models import (
    Category,
    Collection,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)

from saleor_b2b_groups.buyers.context import forget, of_customer, of_requestor
from saleor_b2b_groups.pricing import DiscountScope, PriceConflictPolicy
from saleor_b2b_groups.pricing.catalog_prices import BuyerUnitPrice, buyer_prices
from saleor_b2b_groups.pricing.resolver import PriceRequest, resolve_group_prices
from tests.fixtures.groups import add_member, create_group

from .helpers import assign, fixed, make_price_list, percent_off

#: Channel prices that make ties at half a cent once discounted.
CHANNEL_PRICES = ["10.00", "10.05", "19.99", "7.35", "12.50", "0.10", "3.333", "100"]
PERCENTAGES = ["0", "5", "10", "12.5", "33.33", "50", "100", "2.5"]
POLICIES = [None, *(p for p, _ in PriceConflictPolicy.CHOICES)]


def generate_catalog(rng: random.Random, product_type, channel):
    root = Category.objects.create(name="Root", slug="root")
    middle = Category.objects.create(name="Middle", slug="middle", parent=root)
    leaf = Category.objects.create(name="Leaf", slug="leaf", parent=middle)
    other = Category.objects.create(name="Other", slug="other")
    categories = [root, middle, leaf, other]
    collections = [
        Collection.objects.create(name=f"C{n}", slug=f"c{n}") for n in range(3)
    ]
    products, variants = [], []
    for n in range(10):
        product = Product.objects.create(
            name=f"P{n}",
            slug=f"p{n}",
            product_type=product_type,
            category=rng.choice(categories),
        )
        ProductChannelListing.objects.create(
            product=product, channel=channel, is_published=True
        )
        for collection in rng.sample(collections, rng.randint(0, 2)):
            CollectionProduct.objects.create(collection=collection, product=product)
        for m in range(rng.randint(1, 3)):
            variant = ProductVariant.objects.create(product=product, sku=f"P{n}-{m}")
            price = rng.choice([*CHANNEL_PRICES, None])
            ProductVariantChannelListing.objects.create(
                variant=variant,
                channel=channel,
                price_amount=Decimal(price) if price else None,
                currency=channel.currency_code,
            )
            variants.append(variant)
        products.append(product)
    return categories, collections, products, variants


def generate_groups(rng: random.Random, customer):
    """Two accounts: A > B > C and D > E; the customer in C and E."""
    a = create_group("A", price_conflict_policy=rng.choice(POLICIES))
    b = create_group("B", a, price_conflict_policy=rng.choice(POLICIES))
    c = create_group("C", b, price_conflict_policy=rng.choice(POLICIES))
    d = create_group("D", price_conflict_policy=rng.choice(POLICIES))
    e = create_group("E", d, price_conflict_policy=rng.choice(POLICIES))
    add_member(c, customer)
    if rng.random() < 0.8:
        add_member(e, customer)
    return [a, b, c, d, e]


def generate_price_lists(rng, channel, other_channel, groups, catalog):
    categories, collections, products, variants = catalog
    now = timezone.now()
    lists = []
    for n in range(6):
        window = rng.choice(["open", "open", "open", "expired", "future", "off"])
        fields = {
            "cap_at_channel_price": rng.random() < 0.4,
            "is_active": window != "off",
        }
        if window == "expired":
            fields["valid_to"] = now - timedelta(days=1)
        elif window == "future":
            fields["valid_from"] = now + timedelta(days=1)
        elif rng.random() < 0.5:
            fields["valid_from"] = now - timedelta(days=3)
            fields["valid_to"] = now + timedelta(days=3)
        list_channel = other_channel if rng.random() < 0.1 else channel
        price_list = make_price_list(list_channel, f"list-{n}", **fields)
        for group in rng.sample(groups, rng.randint(1, 3)):
            assign(price_list, group, priority=rng.choice([0, 0, 5, 10]))
        for variant in rng.sample(variants, rng.randint(0, len(variants) // 2)):
            tiers = rng.choice([[1], [1, 10], [5], [2, 50]])
            for min_quantity in tiers:
                amount = Decimal(rng.randint(0, 3000)) / 100
                if rng.random() < 0.2:
                    amount += Decimal("0.005")  # half a cent: rounds half-even
                fixed(price_list, variant, amount, min_quantity)
        scopes = rng.sample(
            [
                ("variant", variants),
                ("product", products),
                ("collection", collections),
                ("category", categories),
                ("all", None),
            ],
            rng.randint(0, 5),
        )
        for scope, targets in scopes:
            if targets is None:
                percent_off(price_list, rng.choice(PERCENTAGES))
                continue
            for target in rng.sample(targets, rng.randint(1, min(3, len(targets)))):
                percent_off(price_list, rng.choice(PERCENTAGES), **{scope: target})
        lists.append(price_list)
    return lists


def sql_prices(buyer, channel) -> dict[int, Decimal | None]:
    prices = buyer_prices(buyer, channel.slug)
    listings = ProductVariantChannelListing.objects.filter(channel=channel)
    if prices is None:
        return dict(listings.values_list("variant_id", "price_amount"))
    return dict(
        listings.annotate(b2b=BuyerUnitPrice(prices)).values_list("variant_id", "b2b")
    )


def resolver_prices(buyer, channel) -> dict[int, Decimal | None]:
    listings = ProductVariantChannelListing.objects.filter(channel=channel)
    channel_prices = dict(listings.values_list("variant_id", "price_amount"))
    resolved = resolve_group_prices(
        buyer.groups, channel.pk, [PriceRequest(v) for v in channel_prices]
    )
    result = {}
    for variant_id, channel_price in channel_prices.items():
        group_price = resolved.get(PriceRequest(variant_id))
        result[variant_id] = group_price.price.amount if group_price else channel_price
    return result


@pytest.mark.parametrize("seed", range(30))
def test_sql_unit_price_is_the_resolvers_price(
    seed, customer_user, product_type, channel_USD, channel_PLN
):
    # given
    rng = random.Random(seed)
    catalog = generate_catalog(rng, product_type, channel_USD)
    groups = generate_groups(rng, customer_user)
    generate_price_lists(rng, channel_USD, channel_PLN, groups, catalog)

    # when
    forget(customer_user)
    buyer = of_requestor(customer_user)
    sql = sql_prices(buyer, channel_USD)

    # then
    expected = resolver_prices(buyer, channel_USD)
    assert sql == expected
    # the same without the lists read along with the groups (one query more)
    assert sql_prices(of_customer(customer_user.pk), channel_USD) == expected


def test_half_cents_round_half_even_like_the_resolver(
    customer_user, product_type, channel_USD
):
    # given 10.05 less 50% is 5.025, and a fixed 2.345: both halfway
    rng = random.Random(0)
    *_, variants = generate_catalog(rng, product_type, channel_USD)
    group = create_group("Solo")
    add_member(group, customer_user)
    ProductVariantChannelListing.objects.filter(channel=channel_USD).update(
        price_amount=Decimal("10.05")
    )
    by_rule = make_price_list(channel_USD, "rule", group)
    percent_off(by_rule, "50")
    by_entry = make_price_list(channel_USD, "entry", group)
    fixed(by_entry, variants[0], "2.345")
    fixed(by_entry, variants[1], "7.015")

    # when
    buyer = of_requestor(customer_user)
    sql = sql_prices(buyer, channel_USD)

    # then
    assert sql[variants[0].pk] == Decimal("2.34")
    assert sql[variants[1].pk] == Decimal("5.02")
    assert sql == resolver_prices(buyer, channel_USD)


def test_no_valid_list_in_the_channel_keeps_channel_prices(
    customer_user, product_type, channel_USD, channel_PLN
):
    # given
    group = create_group("Solo")
    add_member(group, customer_user)
    make_price_list(channel_PLN, "pln", group)
    make_price_list(
        channel_USD, "expired", group, valid_to=timezone.now() - timedelta(days=1)
    )

    # then
    assert buyer_prices(of_requestor(customer_user), channel_USD.slug) is None


def test_rule_scopes_are_looked_up_only_where_a_list_has_them(
    customer_user, channel_USD, category
):
    # given
    group = create_group("Solo")
    add_member(group, customer_user)
    price_list = make_price_list(channel_USD, "cat", group)
    percent_off(price_list, "10", category=category)
    percent_off(price_list, "5")

    # when
    prices = buyer_prices(of_requestor(customer_user), channel_USD.slug)

    # then
    terms = prices.lists[price_list.pk]
    assert terms.scopes == {DiscountScope.CATEGORY}
    assert terms.all_percentage == Decimal(5)
