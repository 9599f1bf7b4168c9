"""Which levels a policy asks for: thresholds per currency, gross or net,
categories with what is below them, nearest approvers first."""

from decimal import Decimal

import pytest

from saleor_b2b_groups.approvals import AmountType, Approver, RuleKind
from saleor_b2b_groups.approvals.policy import (
    ApprovalPolicy,
    ApprovalRule,
    CheckoutFacts,
    clean_approval_policy,
    required_levels,
)
from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.groups.models import CustomerGroup


def group(pk: int, name: str) -> CustomerGroup:
    return CustomerGroup(pk=pk, name=name, slug=name.lower())


#: Berlin, then its parent EMEA, then the root ACME.
LINEAGE = [group(3, "Berlin"), group(2, "EMEA"), group(1, "ACME")]


def total_above(amount: str, levels_up: int = 0, **kwargs) -> ApprovalRule:
    return ApprovalRule(
        kind=RuleKind.TOTAL_ABOVE,
        approver=Approver.GROUP_APPROVERS
        if levels_up == 0
        else Approver.ANCESTOR_MANAGERS,
        levels_up=levels_up,
        currency=kwargs.pop("currency", "USD"),
        amount=Decimal(amount),
        **kwargs,
    )


def facts(net: str, gross: str | None = None, currency="USD", categories=()):
    return CheckoutFacts(
        currency, Decimal(net), Decimal(gross or net), frozenset(categories)
    )


def levels(policy_rules, checkout_facts):
    return [
        (level.group.name, level.role, level.levels_up)
        for level in required_levels(
            ApprovalPolicy(tuple(policy_rules)), LINEAGE, checkout_facts
        )
    ]


def test_a_threshold_is_passed_only_above_it():
    rules = [total_above("100")]

    assert levels(rules, facts("100")) == []
    assert levels(rules, facts("100.01")) == [("Berlin", CustomerGroupRole.APPROVER, 0)]


def test_a_threshold_applies_to_its_currency_only():
    rules = [total_above("100", currency="EUR")]

    assert levels(rules, facts("5000", currency="USD")) == []
    assert levels(rules, facts("101", currency="EUR")) != []


def test_gross_and_net_thresholds_compare_their_total():
    gross = [total_above("100", amount_type=AmountType.GROSS)]
    net = [total_above("100", amount_type=AmountType.NET)]

    # 90 net, 110.70 gross
    assert levels(gross, facts("90", "110.70")) != []
    assert levels(net, facts("90", "110.70")) == []


def test_levels_are_decided_nearest_first_and_merge_per_approver():
    rules = [
        total_above("500", levels_up=2, name="Account"),
        total_above("100", name="Branch"),
        total_above("200", levels_up=1, name="Region"),
        total_above("300", name="Branch again"),
    ]

    result = required_levels(ApprovalPolicy(tuple(rules)), LINEAGE, facts("1000"))

    assert [(lv.group.name, lv.role) for lv in result] == [
        ("Berlin", CustomerGroupRole.APPROVER),
        ("EMEA", CustomerGroupRole.MANAGER),
        ("ACME", CustomerGroupRole.MANAGER),
    ]
    assert result[0].reasons == ("Branch", "Branch again")


def test_managers_further_up_than_the_tree_goes_are_the_roots():
    rules = [total_above("1", levels_up=5), total_above("1", levels_up=2)]

    assert levels(rules, facts("10")) == [("ACME", CustomerGroupRole.MANAGER, 2)]


def test_a_root_buyers_managers_are_their_own_groups():
    root_only = [LINEAGE[-1]]
    policy = ApprovalPolicy((total_above("1", levels_up=1), total_above("1")))

    result = required_levels(policy, root_only, facts("10"))

    assert [(lv.group.name, lv.role) for lv in result] == [
        ("ACME", CustomerGroupRole.APPROVER),
        ("ACME", CustomerGroupRole.MANAGER),
    ]


def test_a_category_rule_matches_categories_and_those_below_them():
    rule = ApprovalRule(
        kind=RuleKind.CATEGORIES,
        approver=Approver.GROUP_APPROVERS,
        levels_up=0,
        category_ids=(7,),
        category_names=("Power tools",),
    )

    # the facts hold each line's category and every category above it
    assert levels([rule], facts("1", categories={9, 7, 1})) == [
        ("Berlin", CustomerGroupRole.APPROVER, 0)
    ]
    assert levels([rule], facts("1", categories={9, 1})) == []
    assert rule.describe() == "Contains products of Power tools"


def test_a_policy_round_trips_through_its_stored_form():
    stored = clean_approval_policy(
        {
            "rules": [
                {
                    "name": " Big ",
                    "total_above": {"amount": Decimal("1000.5"), "currency": "usd"},
                    "approver": Approver.ANCESTOR_MANAGERS,
                }
            ]
        }
    )

    rule = ApprovalPolicy.from_json(stored).rules[0]

    assert stored["rules"][0]["amount"] == "1000.50"
    assert (rule.name, rule.currency, rule.amount, rule.levels_up) == (
        "Big",
        "USD",
        Decimal("1000.50"),
        1,
    )
    assert rule.amount_type == AmountType.GROSS


def test_too_many_rules_are_refused():
    rule = {
        "total_above": {"amount": "1", "currency": "USD"},
        "approver": Approver.GROUP_APPROVERS,
    }

    with pytest.raises(ValueError, match="at most 50"):
        clean_approval_policy({"rules": [rule] * 51})
