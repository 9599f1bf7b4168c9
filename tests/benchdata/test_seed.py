"""``b2b_bench_seed`` builds a dataset Saleor serves and sells like any other."""

from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from saleor.account.models import User
from saleor.order.models import Order
from saleor.product.models import (
    Category,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from saleor.warehouse.models import Stock

from bench.scenarios.checkout import LINES, Checkout
from bench.scenarios.storefront import DETAIL, LISTING, Listing
from bench.session import ANONYMOUS, PLUGIN
from saleor_b2b_groups import benchdata
from saleor_b2b_groups.groups.models import CustomerGroup, CustomerGroupMembership
from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)
from tests.fixtures.bench import TINY, seed_bench_dataset


def test_seed_writes_the_dataset_its_size_describes(bench_dataset):
    # then
    variants = TINY.products * TINY.variants_per_product
    assert Product.objects.count() == TINY.products
    assert ProductVariant.objects.count() == variants
    assert Category.objects.count() == TINY.categories
    assert User.objects.filter(is_staff=False).count() == TINY.customers + 2
    assert CustomerGroup.objects.count() == TINY.groups
    assert PriceList.objects.count() == TINY.price_lists
    assert PriceListEntry.objects.count() == TINY.entries
    assert 0 < PriceListRule.objects.count() <= TINY.price_lists * TINY.rules_per_list
    assert CustomerGroupPriceList.objects.count() == TINY.price_lists
    assert CustomerGroupMembership.objects.count() >= TINY.customers + 2
    assert bench_dataset["key"] == TINY.key()
    assert bench_dataset["size"] == TINY.as_dict()
    assert bench_dataset["counts"]["variants"] == variants
    assert bench_dataset["steps"]["pricing"] == "seeded"


def test_features_still_being_built_are_reported_not_seeded(bench_dataset):
    # then
    assert bench_dataset["steps"]["visibility"] == "feature not installed"
    assert bench_dataset["steps"]["approvals"] == "feature not installed"


def test_every_variant_is_priced_listed_and_in_stock(bench_dataset):
    # then
    channel_id = ProductChannelListing.objects.values_list("channel_id", flat=True)
    assert set(channel_id) == {
        PriceList.objects.values_list("channel_id", flat=True).first()
    }
    assert (
        ProductChannelListing.objects.filter(
            is_published=True,
            visible_in_listings=True,
            available_for_purchase_at__isnull=False,
        ).count()
        == TINY.products
    )
    assert not ProductVariantChannelListing.objects.filter(price_amount__isnull=True)
    assert (
        Stock.objects.filter(quantity__gt=0).count() == ProductVariant.objects.count()
    )
    assert not Product.objects.filter(default_variant__isnull=True).exists()


def test_category_tree_is_the_one_mptt_builds(bench_dataset):
    # given
    seeded = sorted(
        Category.objects.values_list("pk", "tree_id", "lft", "rght", "level")
    )

    # when
    Category.tree.rebuild()

    # then
    rebuilt = sorted(
        Category.objects.values_list("pk", "tree_id", "lft", "rght", "level")
    )
    assert seeded == rebuilt
    assert {level for *_, level in seeded} == {0, 1, 2}


def test_groups_are_depth_levels_deep_with_paths_from_their_parents(bench_dataset):
    # given
    groups = {group.pk: group for group in CustomerGroup.objects.all()}

    # then
    for group in groups.values():
        parent = groups.get(group.parent_id)
        expected = [*parent.ancestor_ids, parent.pk] if parent else []
        assert group.ancestor_ids == expected
    assert max(group.depth for group in groups.values()) == TINY.depth - 1
    deep = CustomerGroup.objects.get(
        memberships__user__email=benchdata.DEEP_BUYER_EMAIL
    )
    shallow = CustomerGroup.objects.get(
        memberships__user__email=benchdata.SHALLOW_BUYER_EMAIL
    )
    assert deep.depth == TINY.depth - 1
    assert shallow.parent is None
    lineage_lists = CustomerGroupPriceList.objects.filter(group_id__in=deep.lineage_ids)
    assert lineage_lists.count() == bench_dataset["counts"]["deep_buyer_price_lists"]
    assert CustomerGroupPriceList.objects.filter(group=shallow).count() == 1


def test_anonymous_visitors_see_every_product_with_prices_and_stock(bench_session):
    # when
    listing = bench_session.post(
        LISTING, {"channel": bench_session.channel, "first": 100}, who=ANONYMOUS
    ).data["data"]["products"]["edges"]
    product = bench_session.post(
        DETAIL,
        {"id": listing[0]["node"]["id"], "channel": bench_session.channel},
        who=ANONYMOUS,
    ).data["data"]["product"]

    # then
    assert len(listing) == TINY.products
    assert all(edge["node"]["pricing"]["priceRange"] for edge in listing)
    assert product["isAvailableForPurchase"] is True
    assert all(variant["quantityAvailable"] > 0 for variant in product["variants"])


def test_the_deep_buyer_gets_group_prices_only_with_the_plugin_on(bench_session):
    # when: the scenario's own check (group prices on, none off) passes
    Listing().prepare(bench_session)

    # then
    assert bench_session.cache["listing_discounted"] == TINY.products


def test_a_bench_checkout_completes_at_group_prices(bench_session):
    # given
    scenario = Checkout()

    # when: its check places an order in each mode; then one measured run
    scenario.prepare(bench_session)
    bench_session.set_mode(PLUGIN)
    timing = scenario.run_once(bench_session)

    # then
    assert Order.objects.count() == 3
    assert bench_session.cache["checkout_group_priced_lines"] == LINES
    assert list(timing.steps) == [
        "create",
        "lines add",
        "delivery",
        "payment",
        "complete",
    ]
    assert timing.queries == sum(queries for _, queries in timing.steps.values())
    line = Order.objects.order_by("-number").first().lines.first()
    assert line.price_override_reason.startswith("b2b-price-list:bench-contract-")


def test_seeding_a_database_that_holds_a_catalog_is_refused(bench_dataset):
    # when
    with pytest.raises(CommandError, match="already holds a bench dataset"):
        seed_bench_dataset()

    # then
    assert Product.objects.count() == TINY.products


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"products": 5}, "at least 20"),
        ({"groups": 4}, "--depth"),
        ({"price_lists": 1}, "--price-lists"),
    ],
)
def test_sizes_the_dataset_cannot_be_built_from_are_refused(db, change, message):
    # when
    with pytest.raises(CommandError, match=message):
        call_command("b2b_bench_seed", **replace(TINY, **change).as_dict())

    # then
    assert not Product.objects.exists()


def test_print_key_names_the_dataset_without_seeding(db, capsys):
    # when
    call_command("b2b_bench_seed", "--small", "--print-key")

    # then
    assert capsys.readouterr().out.strip() == benchdata.SMALL.key()
    assert not Product.objects.exists()
