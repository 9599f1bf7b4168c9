from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time
from prices import Money

from saleor_b2b_groups.groups.fetch import fetch_customer_groups_info
from saleor_b2b_groups.pricing import PriceConflictPolicy
from saleor_b2b_groups.pricing.resolver import PriceRequest, resolve_group_prices
from tests.fixtures.groups import add_member, create_group

from .helpers import assign, fixed, make_price_list, percent_off


def price_of(user, channel, variant, quantity=1):
    buyer = fetch_customer_groups_info(user.pk)
    request = PriceRequest(variant.pk, quantity)
    result = resolve_group_prices(buyer, channel.pk, [request]).get(request)
    return result


def amount(result):
    return None if result is None else result.price.amount


@pytest.fixture
def variant(product):
    return product.variants.get()


def test_no_group_no_group_price(customer_user, channel_USD, variant):
    # given
    make_price_list(channel_USD, "orphan")

    # then
    assert price_of(customer_user, channel_USD, variant) is None


def test_fixed_price_for_the_group(buyer_in_branch, group_tree, channel_USD, variant):
    # given
    price_list = make_price_list(channel_USD, "berlin", group_tree["berlin"])
    fixed(price_list, variant, "7.50")

    # when
    result = price_of(buyer_in_branch, channel_USD, variant)

    # then
    assert result.price == Money(Decimal("7.50"), "USD")
    assert result.channel_price == Money(Decimal(10), "USD")
    assert result.winner.kind == "fixed"
    assert result.winner.price_list == price_list


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [(1, "9.00"), (9, "9.00"), (10, "8.00"), (49, "8.00"), (50, "6.50"), (500, "6.50")],
)
def test_quantity_tiers_at_their_boundaries(
    buyer_in_branch, group_tree, channel_USD, variant, quantity, expected
):
    # given
    price_list = make_price_list(channel_USD, "tiers", group_tree["berlin"])
    fixed(price_list, variant, "9.00")
    fixed(price_list, variant, "8.00", min_quantity=10)
    fixed(price_list, variant, "6.50", min_quantity=50)

    # then
    assert amount(price_of(buyer_in_branch, channel_USD, variant, quantity)) == Decimal(
        expected
    )


def test_tier_starting_above_one_prices_nothing_below_it(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given
    price_list = make_price_list(channel_USD, "bulk-only", group_tree["berlin"])
    fixed(price_list, variant, "5.00", min_quantity=100)

    # then
    assert price_of(buyer_in_branch, channel_USD, variant, 99) is None
    assert amount(price_of(buyer_in_branch, channel_USD, variant, 100)) == Decimal(
        "5.00"
    )


def test_list_on_an_ancestor_applies_down_the_hierarchy(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given: the global account's list, the buyer is in a branch two levels down
    price_list = make_price_list(channel_USD, "acme", group_tree["acme"])
    percent_off(price_list, 15)

    # when
    result = price_of(buyer_in_branch, channel_USD, variant)

    # then
    assert result.price.amount == Decimal("8.50")
    assert result.winner.group == group_tree["acme"]
    assert result.winner.distance == 2


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("variant", "6.00"),
        ("product", "7.00"),
        ("collection", "8.00"),
        ("category", "9.00"),
        ("all", "9.50"),
    ],
)
def test_most_specific_rule_wins_within_one_list(
    buyer_in_branch, group_tree, channel_USD, variant, collection, target, expected
):
    # given: rules at every scope; remove those more specific than `target`
    product = variant.product
    collection.products.add(product)
    price_list = make_price_list(channel_USD, "scopes", group_tree["berlin"])
    rules = {
        "variant": percent_off(price_list, 40, variant=variant),
        "product": percent_off(price_list, 30, product=product),
        "collection": percent_off(price_list, 20, collection=collection),
        "category": percent_off(price_list, 10, category=product.category),
        "all": percent_off(price_list, 5),
    }
    for scope in ["variant", "product", "collection", "category"]:
        if scope == target:
            break
        rules[scope].delete()

    # then
    assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal(expected)


def test_category_rule_covers_subcategories_deepest_first(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given: the product sits in a subcategory of a parent category
    from saleor.product.models import Category

    parent = Category.objects.create(name="Tools", slug="tools")
    child = Category.objects.create(name="Drills", slug="drills", parent=parent)
    product = variant.product
    product.category = child
    product.save()
    price_list = make_price_list(channel_USD, "cats", group_tree["berlin"])
    percent_off(price_list, 10, category=parent)

    # then: the parent's rule covers the subcategory
    assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal("9.00")

    # when a rule on the subcategory itself exists, it is more specific
    percent_off(price_list, 25, category=child)
    assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal("7.50")


def test_fixed_price_beats_percentage_within_a_list(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given
    price_list = make_price_list(channel_USD, "both", group_tree["berlin"])
    percent_off(price_list, 50, variant=variant)
    fixed(price_list, variant, "8.00")

    # then
    assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal("8.00")


def test_cap_keeps_price_at_most_the_channel_price(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given
    capped = make_price_list(
        channel_USD, "capped", group_tree["berlin"], cap_at_channel_price=True
    )
    fixed(capped, variant, "12.00")

    # when
    result = price_of(buyer_in_branch, channel_USD, variant)

    # then
    assert result.price.amount == Decimal(10)
    assert result.winner.capped


def test_uncapped_list_may_charge_above_channel_price(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given
    price_list = make_price_list(channel_USD, "premium", group_tree["berlin"])
    fixed(price_list, variant, "12.00")

    # then
    assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal("12.00")


@pytest.fixture
def competing_lists(group_tree, channel_USD, variant):
    """Berlin's own list (priority 1, 9.00) vs ACME's list (priority 5, 8.00)."""
    own = make_price_list(channel_USD, "berlin-list", group_tree["berlin"], priority=1)
    fixed(own, variant, "9.00")
    inherited = make_price_list(
        channel_USD, "acme-list", group_tree["acme"], priority=5
    )
    fixed(inherited, variant, "8.00")
    return own, inherited


@pytest.mark.parametrize(
    ("policy", "expected", "winner"),
    [
        (PriceConflictPolicy.LOWEST, "8.00", "acme-list"),
        (PriceConflictPolicy.PRIORITY, "8.00", "acme-list"),
        (PriceConflictPolicy.NEAREST, "9.00", "berlin-list"),
    ],
)
def test_conflict_policies(
    buyer_in_branch,
    group_tree,
    channel_USD,
    variant,
    competing_lists,
    policy,
    expected,
    winner,
):
    # given: the policy is set on the global account and inherited by the branch
    acme = group_tree["acme"]
    acme.price_conflict_policy = policy
    acme.save()

    # when
    result = price_of(buyer_in_branch, channel_USD, variant)

    # then
    assert result.price.amount == Decimal(expected)
    assert result.winner.price_list.slug == winner
    assert len(result.candidates) == 2
    assert result.policies == {group_tree["berlin"].pk: policy}


def test_priority_policy_prefers_priority_over_price(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given
    berlin = group_tree["berlin"]
    berlin.price_conflict_policy = PriceConflictPolicy.PRIORITY
    berlin.save()
    cheap = make_price_list(channel_USD, "cheap", berlin, priority=0)
    fixed(cheap, variant, "5.00")
    preferred = make_price_list(channel_USD, "preferred", berlin, priority=10)
    fixed(preferred, variant, "7.00")

    # then
    result = price_of(buyer_in_branch, channel_USD, variant)
    assert (result.price.amount, result.winner.price_list) == (
        Decimal("7.00"),
        preferred,
    )


def test_buyer_in_two_accounts_gets_the_lowest_winner(
    buyer_in_branch, group_tree, other_group, channel_USD, variant
):
    # given
    add_member(other_group, buyer_in_branch)
    berlin_list = make_price_list(channel_USD, "b", group_tree["berlin"])
    fixed(berlin_list, variant, "9.00")
    globex_list = make_price_list(channel_USD, "g", other_group)
    fixed(globex_list, variant, "8.80")

    # then
    result = price_of(buyer_in_branch, channel_USD, variant)
    assert result.winner.price_list == globex_list
    assert "2 memberships" in result.reason


def test_another_groups_list_never_applies(
    buyer_in_branch, buyer_in_other_group, other_group, channel_USD, variant
):
    # given
    price_list = make_price_list(channel_USD, "globex", other_group)
    fixed(price_list, variant, "1.00")

    # then
    assert price_of(buyer_in_branch, channel_USD, variant) is None
    assert amount(price_of(buyer_in_other_group, channel_USD, variant)) == Decimal(
        "1.00"
    )


def test_list_of_another_channel_never_applies(
    buyer_in_branch, group_tree, channel_USD, channel_PLN, variant
):
    # given
    price_list = make_price_list(channel_PLN, "pln", group_tree["berlin"])
    fixed(price_list, variant, "1.00")

    # then
    assert price_of(buyer_in_branch, channel_USD, variant) is None


def test_inactive_list_and_inactive_group_give_nothing(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given
    inactive = make_price_list(
        channel_USD, "off", group_tree["berlin"], is_active=False
    )
    fixed(inactive, variant, "1.00")
    price_list = make_price_list(channel_USD, "on", group_tree["emea"])
    fixed(price_list, variant, "2.00")
    assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal("2.00")

    # when the region is deactivated, its branch's members get nothing either
    group_tree["emea"].is_active = False
    group_tree["emea"].save()

    # then
    assert price_of(buyer_in_branch, channel_USD, variant) is None


def test_validity_window(buyer_in_branch, group_tree, channel_USD, variant):
    # given
    start = timezone.now() + timedelta(days=1)
    end = start + timedelta(days=7)
    price_list = make_price_list(
        channel_USD, "promo", group_tree["berlin"], valid_from=start, valid_to=end
    )
    fixed(price_list, variant, "3.00")

    # then
    with freeze_time(start - timedelta(seconds=1)):
        assert price_of(buyer_in_branch, channel_USD, variant) is None
    with freeze_time(start):
        assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal(
            "3.00"
        )
    with freeze_time(end - timedelta(seconds=1)):
        assert amount(price_of(buyer_in_branch, channel_USD, variant)) == Decimal(
            "3.00"
        )
    with freeze_time(end):
        assert price_of(buyer_in_branch, channel_USD, variant) is None


def test_list_assigned_twice_in_a_lineage_counts_once_at_the_nearest(
    buyer_in_branch, group_tree, channel_USD, variant
):
    # given
    price_list = make_price_list(channel_USD, "shared", group_tree["acme"], priority=1)
    assign(price_list, group_tree["berlin"], priority=3)
    fixed(price_list, variant, "9.00")

    # when
    result = price_of(buyer_in_branch, channel_USD, variant)

    # then
    assert len(result.candidates) == 1
    assert (result.winner.distance, result.winner.priority) == (0, 3)


def test_queries_do_not_grow_with_variants_lists_or_depth(
    customer_user, channel_USD, product_list, django_assert_max_num_queries
):
    # given: a buyer 20 levels deep, a list on every level, every variant priced
    from saleor.product.models import ProductVariant

    variants = list(ProductVariant.objects.all())
    parent = None
    for level in range(20):
        parent = create_group(f"L{level}", parent, slug=f"l{level}")
        price_list = make_price_list(channel_USD, f"list-{level}", parent)
        percent_off(price_list, level)
        for variant in variants:
            fixed(price_list, variant, str(20 + level))
    add_member(parent, customer_user)
    buyer = fetch_customer_groups_info(customer_user.pk)
    requests = [PriceRequest(v.pk, q) for v in variants for q in (1, 5)]

    # when
    with django_assert_max_num_queries(3):
        prices = resolve_group_prices(buyer, channel_USD.pk, requests)

    # then
    assert len(prices) == len(requests)
    assert len(next(iter(prices.values())).candidates) == 20


@pytest.mark.parametrize(
    "policy",
    [
        PriceConflictPolicy.LOWEST,
        PriceConflictPolicy.PRIORITY,
        PriceConflictPolicy.NEAREST,
    ],
)
def test_without_explanation_the_same_prices_win(
    buyer_in_branch, group_tree, other_group, channel_USD, product_list, policy
):
    # given: lists with tiers and rules on three levels and in a second
    # account, under each policy
    variants = [v for p in product_list for v in p.variants.all()]
    acme = group_tree["acme"]
    acme.price_conflict_policy = policy
    acme.save()
    add_member(other_group, buyer_in_branch)
    for n, (group, priority) in enumerate(
        [
            (group_tree["berlin"], 1),
            (group_tree["emea"], 7),
            (acme, 3),
            (other_group, 5),
        ]
    ):
        price_list = make_price_list(channel_USD, f"l{n}", group, priority=priority)
        percent_off(price_list, 5 + n)
        for i, variant in enumerate(variants[n:]):
            fixed(price_list, variant, str(30 - n - i))
            fixed(price_list, variant, str(20 - n), min_quantity=10)
    buyer = fetch_customer_groups_info(buyer_in_branch.pk)
    requests = [PriceRequest(v.pk, q) for v in variants for q in (1, 9, 10, 50)]

    # when
    explained = resolve_group_prices(buyer, channel_USD.pk, requests)
    decided = resolve_group_prices(buyer, channel_USD.pk, requests, explain=False)

    # then: the same winner, price and reason; only the winner is kept
    assert explained.keys() == decided.keys() == set(requests)
    for request, full in explained.items():
        fast = decided[request]
        assert (fast.price, fast.winner.price_list.slug, fast.reason) == (
            full.price,
            full.winner.price_list.slug,
            full.reason,
        )
        assert full.winner in full.candidates
        assert fast.candidates == [fast.winner]
