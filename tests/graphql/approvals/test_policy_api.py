"""Admins set approval policies on groups; groups below inherit them whole."""

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content

UPDATE = """
mutation ($id: ID!, $input: CustomerGroupInput!) {
  customerGroupUpdate(id: $id, input: $input) {
    customerGroup {
      approvalPolicy { rules { name description kind totalAbove { amount currency }
                               amountType categories { name } approver levelsUp } }
      approvalValidityHours
    }
    errors { field code message }
  }
}
"""

TERMS = """
query ($id: ID!) {
  customerGroup(id: $id) {
    approvalPolicy { rules { description } }
    effectiveTerms {
      approvalPolicy { rules { description approver levelsUp } }
      approvalValidityHours
      sources { term isInherited group { name } }
    }
  }
}
"""

MANAGER_RULE = {
    "name": "Big orders",
    "totalAbove": {"amount": "1000", "currency": "USD", "amountType": "NET"},
    "approver": "ANCESTOR_MANAGERS",
    "levelsUp": 1,
}


def gid(group) -> str:
    return graphene.Node.to_global_id("CustomerGroup", group.pk)


def update(client, group, **fields) -> dict:
    return get_graphql_content(
        client.post_graphql(UPDATE, {"id": gid(group), "input": fields})
    )["data"]["customerGroupUpdate"]


def terms(client, group) -> dict:
    return get_graphql_content(client.post_graphql(TERMS, {"id": gid(group)}))["data"][
        "customerGroup"
    ]


def source(data: dict, term: str) -> dict:
    return next(s for s in data["effectiveTerms"]["sources"] if s["term"] == term)


def test_a_policy_is_set_and_inherited_whole(
    staff_api_client, staff_with_manage_users, group_tree, category
):
    # given
    emea, berlin = group_tree["emea"], group_tree["berlin"]
    category_rule = {
        "categories": [graphene.Node.to_global_id("Category", category.pk)],
        "approver": "GROUP_APPROVERS",
    }

    # when EMEA sets a policy
    updated = update(
        staff_api_client,
        emea,
        approvalPolicy={"rules": [MANAGER_RULE, category_rule]},
        approvalValidityHours=48,
    )

    # then
    assert updated["errors"] == []
    rules = updated["customerGroup"]["approvalPolicy"]["rules"]
    assert rules[0] == {
        "name": "Big orders",
        "description": "Big orders",
        "kind": "TOTAL_ABOVE",
        "totalAbove": {"amount": 1000.0, "currency": "USD"},
        "amountType": "NET",
        "categories": [],
        "approver": "ANCESTOR_MANAGERS",
        "levelsUp": 1,
    }
    assert rules[1]["kind"] == "CATEGORIES"
    assert rules[1]["categories"] == [{"name": category.name}]
    assert rules[1]["description"] == f"Contains products of {category.name}"
    assert updated["customerGroup"]["approvalValidityHours"] == 48

    # and Berlin inherits both terms from EMEA
    berlin_terms = terms(staff_api_client, berlin)
    assert berlin_terms["approvalPolicy"] is None
    effective = berlin_terms["effectiveTerms"]
    assert [r["description"] for r in effective["approvalPolicy"]["rules"]] == [
        "Big orders",
        f"Contains products of {category.name}",
    ]
    assert effective["approvalValidityHours"] == 48
    assert source(berlin_terms, "APPROVAL_POLICY") == {
        "term": "APPROVAL_POLICY",
        "isInherited": True,
        "group": {"name": "EMEA"},
    }


def test_an_empty_policy_opts_out_and_null_inherits_again(
    staff_api_client, staff_with_manage_users, group_tree
):
    # given
    emea, berlin = group_tree["emea"], group_tree["berlin"]
    update(staff_api_client, emea, approvalPolicy={"rules": [MANAGER_RULE]})

    # when Berlin sets a policy without rules
    update(staff_api_client, berlin, approvalPolicy={"rules": []})

    # then Berlin needs no approval
    opted_out = terms(staff_api_client, berlin)
    assert opted_out["effectiveTerms"]["approvalPolicy"]["rules"] == []
    assert source(opted_out, "APPROVAL_POLICY")["group"] == {"name": "Berlin"}

    # when Berlin's policy is cleared
    update(staff_api_client, berlin, approvalPolicy=None)

    # then it inherits EMEA's again
    inherited = terms(staff_api_client, berlin)
    assert len(inherited["effectiveTerms"]["approvalPolicy"]["rules"]) == 1
    assert source(inherited, "APPROVAL_POLICY")["group"] == {"name": "EMEA"}


def test_no_policy_anywhere_means_no_rules_and_a_week(
    staff_api_client, staff_with_manage_users, group_tree
):
    effective = terms(staff_api_client, group_tree["berlin"])["effectiveTerms"]

    assert effective["approvalPolicy"] == {"rules": []}
    assert effective["approvalValidityHours"] == 168


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"approver": "GROUP_APPROVERS"}, "either totalAbove or categories"),
        (
            {
                "totalAbove": {"amount": "1", "currency": "USD"},
                "categories": ["Q2F0ZWdvcnk6MQ=="],
                "approver": "GROUP_APPROVERS",
            },
            "either totalAbove or categories",
        ),
        (
            {
                "totalAbove": {"amount": "1", "currency": "US"},
                "approver": "GROUP_APPROVERS",
            },
            "three-letter code",
        ),
        (
            {
                "totalAbove": {"amount": "1", "currency": "ZZZ"},
                "approver": "GROUP_APPROVERS",
            },
            "ZZZ is not an ISO 4217 currency code",
        ),
        (
            {
                "totalAbove": {"amount": "1.001", "currency": "USD"},
                "approver": "GROUP_APPROVERS",
            },
            "fewer decimal places",
        ),
        (
            {
                "totalAbove": {"amount": "1", "currency": "USD"},
                "approver": "GROUP_APPROVERS",
                "levelsUp": 2,
            },
            "purchasing group's own",
        ),
        (
            {
                "totalAbove": {"amount": "1", "currency": "USD"},
                "approver": "ANCESTOR_MANAGERS",
                "levelsUp": 0,
            },
            "levelsUp is between 1",
        ),
        (
            {"categories": ["Q2F0ZWdvcnk6OTk5OTk="], "approver": "GROUP_APPROVERS"},
            "Unknown categories",
        ),
        (
            {"categories": ["UHJvZHVjdDox"], "approver": "GROUP_APPROVERS"},
            "not a category ID",
        ),
    ],
)
def test_a_bad_policy_is_refused_and_changes_nothing(
    rule, message, staff_api_client, staff_with_manage_users, group_tree
):
    # given
    emea = group_tree["emea"]

    # when
    refused = update(staff_api_client, emea, approvalPolicy={"rules": [rule]})

    # then
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("approvalPolicy", "INVALID")
    ]
    assert message in refused["errors"][0]["message"]
    emea.refresh_from_db()
    assert emea.approval_policy is None


def test_a_validity_outside_an_hour_to_a_year_is_refused(
    staff_api_client, staff_with_manage_users, group_tree
):
    refused = update(staff_api_client, group_tree["emea"], approvalValidityHours=0)

    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("approvalValidityHours", "INVALID")
    ]


def test_the_erp_hears_of_a_policy_change(
    staff_api_client, staff_with_manage_users, group_tree, category
):
    from saleor_b2b_groups.webhooks import ErpEventType
    from saleor_b2b_groups.webhooks.models import OutboxEvent
    from tests.webhooks.contract import outbox_problems

    # when
    category_rule = {
        "categories": [graphene.Node.to_global_id("Category", category.pk)],
        "approver": "GROUP_APPROVERS",
    }
    update(
        staff_api_client,
        group_tree["emea"],
        approvalPolicy={"rules": [MANAGER_RULE, category_rule]},
        approvalValidityHours=48,
    )

    # then: customer_group_updated carries the group's own approval terms
    event = OutboxEvent.objects.get(event_type=ErpEventType.CUSTOMER_GROUP_UPDATED)
    group = event.payload["group"]
    assert group["approvalValidityHours"] == 48
    assert group["approvalPolicy"] == [
        {
            "kind": "TOTAL_ABOVE",
            "name": "Big orders",
            "approver": "ANCESTOR_MANAGERS",
            "levelsUp": 1,
            "currency": "USD",
            "amount": "1000.00",
            "amountType": "NET",
            "categories": [],
        },
        {
            "kind": "CATEGORIES",
            "name": "",
            "approver": "GROUP_APPROVERS",
            "levelsUp": 0,
            "currency": None,
            "amount": None,
            "amountType": None,
            "categories": [graphene.Node.to_global_id("Category", category.pk)],
        },
    ]
    assert outbox_problems() == {}
