"""``b2b_bench_seed`` builds a dataset Saleor serves and sells like any other."""

from dataclasses import replace
from decimal import Decimal

import graphene
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from saleor.account.models import User
from saleor.order.models import Order
from saleor.product.models import (
    Category,
    Collection,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from saleor.warehouse.models import Stock

from bench.scenarios.approvals import ApprovalRequired
from bench.scenarios.checkout import LINES, Checkout
from bench.scenarios.storefront import DETAIL, LISTING, Listing, visible_count
from bench.scenarios.visibility import CatalogRulesOnly
from bench.session import (
    ANONYMOUS,
    CATALOG_BUYER,
    DEEP_BUYER,
    PLUGIN,
    SHALLOW_BUYER,
    VANILLA,
)
from saleor_b2b_groups import benchdata
from saleor_b2b_groups.approvals import ApprovalStatus
from saleor_b2b_groups.approvals.models import CheckoutApproval
from saleor_b2b_groups.benchdata.approvals import (
    BRANCH_THRESHOLD,
    DEEP_ACCOUNT_THRESHOLD,
)
from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.groups.models import CustomerGroup, CustomerGroupMembership
from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)
from saleor_b2b_groups.visibility import CatalogMode, RuleEffect, RuleScope
from saleor_b2b_groups.visibility.models import CatalogRule
from tests.fixtures.bench import APPROVAL_FLOW_STEPS, TINY, seed_bench_dataset

#: Non-staff bench users: the deep, shallow, catalog and approvals buyers, the
#: approver.
BENCH_CUSTOMERS = 5


def group_of(email: str) -> CustomerGroup:
    return CustomerGroup.objects.get(memberships__user__email=email)


def test_seed_writes_the_dataset_its_size_describes(bench_dataset):
    # then
    variants = TINY.products * TINY.variants_per_product
    assert Product.objects.count() == TINY.products
    assert ProductVariant.objects.count() == variants
    assert Category.objects.count() == TINY.categories
    assert User.objects.filter(is_staff=False).count() == (
        TINY.customers + BENCH_CUSTOMERS
    )
    # The catalog buyer's account (3 groups) and the approvals branch come on top.
    assert CustomerGroup.objects.count() == TINY.groups + 3 + 1
    assert PriceList.objects.count() == TINY.price_lists
    assert PriceListEntry.objects.count() == TINY.entries
    assert 0 < PriceListRule.objects.count() <= TINY.price_lists * TINY.rules_per_list
    assert CustomerGroupPriceList.objects.count() == TINY.price_lists
    assert CustomerGroupMembership.objects.count() >= TINY.customers + BENCH_CUSTOMERS
    assert Collection.objects.count() == bench_dataset["counts"]["collections"] == 3
    assert CollectionProduct.objects.count() == TINY.products
    assert CatalogRule.objects.count() == TINY.catalog_rules
    assert bench_dataset["key"] == TINY.key()
    assert bench_dataset["size"] == TINY.as_dict()
    assert bench_dataset["counts"]["variants"] == variants
    assert set(bench_dataset["steps"].values()) == {"seeded"}


def test_the_deep_buyers_lineage_restricts_its_catalog_with_every_kind_of_rule(
    bench_dataset,
):
    # given
    deep = group_of(benchdata.DEEP_BUYER_EMAIL)
    lineage = [*deep.ancestor_ids, deep.pk]  # root first
    rules = CatalogRule.objects.filter(group_id__in=lineage)

    # then: includes high up, exclusions low down, a restricted middle
    root, buyer_group = lineage[0], lineage[-1]
    assert {(r.effect, r.scope) for r in rules.filter(group_id=root)} == {
        (RuleEffect.INCLUDE, RuleScope.CATEGORY)
    }
    assert {(r.effect, r.scope) for r in rules.filter(group_id=buyer_group)} == {
        (RuleEffect.INCLUDE, RuleScope.PRODUCT),
        (RuleEffect.EXCLUDE, RuleScope.PRODUCT),
    }
    assert rules.filter(effect=RuleEffect.EXCLUDE, scope=RuleScope.COLLECTION).get()
    assert rules.filter(effect=RuleEffect.INCLUDE, scope=RuleScope.COLLECTION).get()
    modes = dict(
        CustomerGroup.objects.filter(pk__in=lineage).values_list("pk", "catalog_mode")
    )
    assert [modes[pk] for pk in lineage].count(CatalogMode.RESTRICTED) == 1
    assert modes[root] is None
    assert CustomerGroup.objects.get(pk=root).allowed_channels == [
        PriceList.objects.values_list("channel_id", flat=True).first()
    ]
    assert rules.count() == bench_dataset["counts"]["deep_buyer_catalog_rules"]


def test_the_catalog_buyer_has_rules_and_no_price_list(bench_dataset):
    # given
    branch = group_of(benchdata.CATALOG_BUYER_EMAIL)
    lineage = [*branch.ancestor_ids, branch.pk]

    # then
    assert len(lineage) == bench_dataset["counts"]["catalog_buyer_groups"] == 3
    assert not CustomerGroupPriceList.objects.filter(group_id__in=lineage).exists()
    assert (
        CatalogRule.objects.filter(group_id__in=lineage).count()
        == bench_dataset["counts"]["catalog_buyer_catalog_rules"]
    )


def test_other_groups_share_a_mix_of_rules_but_the_shallow_buyers_root(
    bench_dataset,
):
    # given
    deep = group_of(benchdata.DEEP_BUYER_EMAIL)
    shallow = group_of(benchdata.SHALLOW_BUYER_EMAIL)
    catalog = group_of(benchdata.CATALOG_BUYER_EMAIL)
    named = {*deep.lineage_ids, *catalog.lineage_ids}
    others = CatalogRule.objects.exclude(group_id__in=named)

    # then
    assert {(r.effect, r.scope) for r in others} == {
        (effect, scope)
        for effect in (RuleEffect.INCLUDE, RuleEffect.EXCLUDE)
        for scope in (RuleScope.CATEGORY, RuleScope.COLLECTION, RuleScope.PRODUCT)
    }
    assert not CatalogRule.objects.filter(group=shallow).exists()
    assert shallow.catalog_mode is None


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


def test_each_buyer_sees_what_the_seed_says_and_only_with_the_plugin_on(
    bench_session,
):
    # given
    counts = bench_session.marker["counts"]
    expected = {
        DEEP_BUYER: counts["deep_buyer_visible_products"],
        CATALOG_BUYER: counts["catalog_buyer_visible_products"],
        SHALLOW_BUYER: TINY.products,
    }

    # when
    seen = {}
    for mode in (VANILLA, PLUGIN):
        bench_session.set_mode(mode)
        seen[mode] = {who: visible_count(bench_session, who) for who in expected}

    # then: the rules hide about half the catalog; a third at least stays visible
    assert seen[PLUGIN] == expected
    assert seen[VANILLA] == dict.fromkeys(expected, TINY.products)
    assert TINY.products // 3 <= expected[DEEP_BUYER] < TINY.products
    assert TINY.products // 3 <= expected[CATALOG_BUYER] < TINY.products


def test_the_deep_buyer_does_not_see_its_excluded_product(bench_session):
    # given: product row 1 (in the collection the lineage includes) is excluded by
    # the buyer's own group; row 0 (in the excluded collection) is included by it
    excluded, included = (
        graphene.Node.to_global_id("Product", pk)
        for pk in Product.objects.order_by("slug").values_list("pk", flat=True)[:2][
            ::-1
        ]
    )

    # when
    bench_session.set_mode(PLUGIN)
    answers = {
        product: bench_session.post(
            DETAIL, {"id": product, "channel": bench_session.channel}, who=DEEP_BUYER
        ).data["data"]["product"]
        for product in (excluded, included)
    }

    # then
    assert answers[excluded] is None
    assert answers[included]["id"] == included


def test_the_deep_buyer_gets_group_prices_only_with_the_plugin_on(bench_session):
    # when: the scenario's own check (as seeded, group prices on, none off) passes
    Listing().prepare(bench_session)

    # then
    assert (
        bench_session.cache["listing_discounted"]
        == bench_session.marker["counts"]["deep_buyer_visible_products"]
    )


def test_the_catalog_buyer_gets_visibility_and_no_group_price(bench_session):
    # when: the scenario's own check (as seeded, no group price) passes
    CatalogRulesOnly().prepare(bench_session)

    # then
    assert bench_session.cache["catalog_rules_discounted"] == 0


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
    assert not CheckoutApproval.objects.exists()


def test_the_deep_buyers_account_has_a_policy_no_bench_checkout_reaches(
    bench_dataset,
):
    # given
    deep = group_of(benchdata.DEEP_BUYER_EMAIL)
    root = CustomerGroup.objects.get(pk=deep.ancestor_ids[0])

    # then
    amounts = [Decimal(rule["amount"]) for rule in root.approval_policy["rules"]]
    assert min(amounts) == DEEP_ACCOUNT_THRESHOLD
    assert all(
        group.approval_policy is None
        for group in CustomerGroup.objects.filter(pk__in=deep.lineage_ids[:-1])
    )


def test_an_approval_round_trip_places_the_order(bench_session):
    # given
    scenario = ApprovalRequired()
    branch = group_of(benchdata.APPROVAL_BUYER_EMAIL)

    # when: its check runs the flow once; then one measured run
    scenario.prepare(bench_session)
    timing = scenario.run_once(bench_session)

    # then
    assert list(timing.steps) == APPROVAL_FLOW_STEPS
    approvals = CheckoutApproval.objects.all()
    assert [a.status for a in approvals] == [ApprovalStatus.APPROVED] * 2
    assert all(a.total_gross_amount > BRANCH_THRESHOLD for a in approvals)
    assert {a.group_id for a in approvals} == {branch.pk}
    assert Order.objects.filter(user__email=benchdata.APPROVAL_BUYER_EMAIL).count() == 2
    assert set(branch.memberships.values_list("user__email", "role")) == {
        (benchdata.APPROVAL_BUYER_EMAIL, CustomerGroupRole.BUYER),
        (benchdata.APPROVER_EMAIL, CustomerGroupRole.APPROVER),
    }


def test_seeding_a_database_that_holds_a_catalog_is_refused(bench_dataset):
    # when
    with pytest.raises(CommandError, match="already holds a bench dataset"):
        seed_bench_dataset()

    # then
    assert Product.objects.count() == TINY.products


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"products": 59}, "at least 60"),
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
