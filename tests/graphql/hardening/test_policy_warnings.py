"""An approval threshold in a valid currency that no channel sells in is stored,
with a warning in the response (the rule applies to no checkout until a channel
sells in it)."""

import graphene
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.approvals.warnings import ApprovalPolicyWarningCode

UPDATE = """
mutation ($id: ID!, $input: CustomerGroupInput!) {
  customerGroupUpdate(id: $id, input: $input) {
    customerGroup { approvalPolicy { rules { totalAbove { currency } } } }
    warnings { field code message }
    errors { field code }
  }
}
"""
CREATE = """
mutation ($input: CustomerGroupCreateInput!) {
  customerGroupCreate(input: $input) {
    customerGroup { name }
    warnings { field code message }
    errors { field code }
  }
}
"""
UNUSED = ApprovalPolicyWarningCode.CURRENCY_NOT_IN_ANY_CHANNEL.name


def rule(currency: str) -> dict:
    return {
        "totalAbove": {"amount": "100", "currency": currency, "amountType": "NET"},
        "approver": "GROUP_APPROVERS",
    }


def update(client, group, **fields):
    response = client.post_graphql(
        UPDATE,
        {
            "id": graphene.Node.to_global_id("CustomerGroup", group.pk),
            "input": fields,
        },
    )
    return get_graphql_content(response)["data"]["customerGroupUpdate"]


def test_a_currency_no_channel_sells_in_is_stored_with_a_warning(
    staff_api_client, staff_with_manage_users, group_tree, channel_USD
):
    # when: JPY is a real currency, but no channel sells in it
    data = update(
        staff_api_client,
        group_tree["acme"],
        approvalPolicy={"rules": [rule("USD"), rule("JPY")]},
    )

    # then
    assert data["errors"] == []
    assert [(w["field"], w["code"]) for w in data["warnings"]] == [
        ("approvalPolicy", UNUSED)
    ]
    assert "Rule 2" in data["warnings"][0]["message"]
    assert "JPY" in data["warnings"][0]["message"]
    group_tree["acme"].refresh_from_db()
    assert [r["currency"] for r in group_tree["acme"].approval_policy["rules"]] == [
        "USD",
        "JPY",
    ]


def test_no_warning_when_every_currency_is_sold(
    staff_api_client, staff_with_manage_users, group_tree, channel_USD
):
    data = update(
        staff_api_client, group_tree["acme"], approvalPolicy={"rules": [rule("USD")]}
    )

    assert data["errors"] == []
    assert data["warnings"] == []


def test_no_warning_when_the_policy_is_not_touched(
    staff_api_client, staff_with_manage_users, group_tree
):
    # given: a stored policy in a currency no channel sells in
    group = group_tree["acme"]
    group.approval_policy = {
        "rules": [
            {
                "kind": "total_above",
                "name": "",
                "approver": "group_approvers",
                "levels_up": 0,
                "currency": "JPY",
                "amount": "1",
                "amount_type": "net",
            }
        ]
    }
    group.save(update_fields=["approval_policy"])

    data = update(staff_api_client, group, name="ACME Corp")

    assert data["errors"] == []
    assert data["warnings"] == []


def test_create_warns_too(staff_api_client, staff_with_manage_users, channel_USD):
    response = staff_api_client.post_graphql(
        CREATE,
        {"input": {"name": "Tokyo", "approvalPolicy": {"rules": [rule("JPY")]}}},
    )

    data = get_graphql_content(response)["data"]["customerGroupCreate"]
    assert data["errors"] == []
    assert [w["code"] for w in data["warnings"]] == [UNUSED]


def test_an_invalid_code_is_still_refused_without_warnings(
    staff_api_client, staff_with_manage_users, group_tree
):
    data = update(
        staff_api_client, group_tree["acme"], approvalPolicy={"rules": [rule("ZZZ")]}
    )

    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("approvalPolicy", "INVALID")
    ]
    assert data["warnings"] == []
