"""Which quantity rule applies: the catalog rules' precedence (most specific scope,
then the nearest group), through the hook other features call."""

import pytest

from saleor_b2b_groups.buyers.context import of_customer
from saleor_b2b_groups.buyers.models import PurchasingGroupSelection
from saleor_b2b_groups.quantities.checks import check_quantities
from saleor_b2b_groups.quantities.error_codes import QuantityErrorCode
from saleor_b2b_groups.quantities.rules import EffectiveRule, buyer_rules
from tests.fixtures.groups import add_member
from tests.fixtures.quantities import quantity_rule


def rule_of(buyer, catalog, name):
    """The buyer's effective (minimum, increment, maximum) for a product's variant."""
    context = of_customer(buyer.pk)
    variant = catalog[name].variants.first()
    from saleor_b2b_groups.quantities.checks import variant_places

    place, _name = variant_places([variant.pk])[variant.pk]
    rule = buyer_rules(context).rule_for(place)
    return None if rule is None else (rule.minimum, rule.increment, rule.maximum)


def test_the_most_specific_scope_wins(buyer_in_branch, group_tree, catalog):
    # given: one rule per scope, all on Berlin
    berlin = group_tree["berlin"]
    quantity_rule(berlin, None, minimum=1)
    quantity_rule(berlin, catalog["apparel"], minimum=2)
    quantity_rule(berlin, catalog["summer"], minimum=3)
    quantity_rule(berlin, catalog["shirt"], minimum=4)
    quantity_rule(berlin, catalog["polo"].variants.first(), minimum=5)

    # then: variant > product > collection > category > all products
    assert rule_of(buyer_in_branch, catalog, "polo") == (5, None, None)
    assert rule_of(buyer_in_branch, catalog, "shirt") == (4, None, None)
    assert rule_of(buyer_in_branch, catalog, "hammer") == (3, None, None)
    assert rule_of(buyer_in_branch, catalog, "jacket") == (2, None, None)
    assert rule_of(buyer_in_branch, catalog, "saw") == (1, None, None)


def test_on_one_target_the_nearest_group_wins(buyer_in_branch, group_tree, catalog):
    # given: ACME and EMEA both on the shirt; ACME alone on the saw
    quantity_rule(group_tree["acme"], catalog["shirt"], minimum=10)
    quantity_rule(group_tree["emea"], catalog["shirt"], minimum=6)
    quantity_rule(group_tree["acme"], catalog["saw"], maximum=9)

    # then: EMEA's is nearer Berlin; ACME's rule is inherited
    assert rule_of(buyer_in_branch, catalog, "shirt") == (6, None, None)
    assert rule_of(buyer_in_branch, catalog, "saw") == (None, None, 9)


def test_the_deepest_category_beats_a_nearer_groups_rule_on_its_parent(
    buyer_in_branch, group_tree, catalog
):
    # given: ACME on Polo (deep), Berlin on Apparel (its ancestor)
    quantity_rule(group_tree["acme"], catalog["polo"].category, increment=12)
    quantity_rule(group_tree["berlin"], catalog["apparel"], increment=6)

    # then
    assert rule_of(buyer_in_branch, catalog, "polo") == (None, 12, None)
    assert rule_of(buyer_in_branch, catalog, "jacket") == (None, 6, None)


def test_the_winning_rule_applies_whole(buyer_in_branch, group_tree, catalog):
    # given: a case size on Apparel, only a maximum on the shirt
    quantity_rule(group_tree["acme"], catalog["apparel"], minimum=10, increment=10)
    quantity_rule(group_tree["berlin"], catalog["shirt"], maximum=500)

    # then: the shirt's rule replaces Apparel's
    assert rule_of(buyer_in_branch, catalog, "shirt") == (None, None, 500)


def test_several_groups_without_a_purchasing_group_take_the_strictest(
    buyer_in_branch, group_tree, other_group, catalog
):
    # given: the buyer is in Berlin and Globex, and chose none
    add_member(other_group, buyer_in_branch)
    quantity_rule(
        group_tree["berlin"], catalog["shirt"], minimum=4, increment=4, maximum=100
    )
    quantity_rule(other_group, catalog["shirt"], minimum=6, increment=6, maximum=60)

    # then: highest minimum, lcm of the increments, lowest maximum
    assert rule_of(buyer_in_branch, catalog, "shirt") == (6, 12, 60)

    # and: once Globex is their purchasing group, Globex's rule alone
    PurchasingGroupSelection.objects.create(user=buyer_in_branch, group=other_group)
    assert rule_of(buyer_in_branch, catalog, "shirt") == (6, 6, 60)


def test_check_quantities_adds_up_lines_and_suggests_quantities(
    buyer_in_branch, group_tree, catalog
):
    # given
    quantity_rule(
        group_tree["acme"], catalog["apparel"], minimum=10, increment=10, maximum=50
    )
    shirt = catalog["shirt"].variants.first().pk
    buyer = of_customer(buyer_in_branch.pk)

    # when: two lines of 5 are one case; 55 is too many
    fine = check_quantities(buyer, catalog["channel"], [(shirt, 5), (shirt, 5)])
    problems = check_quantities(buyer, catalog["channel"], [(shirt, 55)])

    # then
    assert fine == []
    assert [p.code for p in problems] == [
        QuantityErrorCode.QUANTITY_NOT_MULTIPLE,
        QuantityErrorCode.QUANTITY_ABOVE_MAXIMUM,
    ]
    assert problems[0].suggestions == [50]
    assert problems[0].variant_id == shirt
    assert problems[0].quantity == 55


def test_check_quantities_has_nothing_to_say_to_non_members(customer_user, catalog):
    shirt = catalog["shirt"].variants.first().pk
    assert (
        check_quantities(
            of_customer(customer_user.pk), catalog["channel"], [(shirt, 3)]
        )
        == []
    )
    assert check_quantities(None, catalog["channel"], [(shirt, 3)]) == []


@pytest.mark.parametrize(
    ("limits", "quantity", "nearest"),
    [
        ((10, 10, 1000), 15, [10, 20]),
        ((10, 10, 1000), 3, [10]),
        ((10, 10, 1000), 2000, [1000]),
        ((None, 12, None), 13, [12, 24]),
        ((5, 3, None), 1, [6]),
        ((None, None, 7), 9, [7]),
        ((8, 3, 8), 8, []),
        ((None, 6, None), 12, [12]),
    ],
)
def test_nearest_valid_quantities(limits, quantity, nearest):
    assert EffectiveRule(*limits).nearest_valid(quantity) == nearest
