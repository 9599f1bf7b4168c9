import pytest
from saleor.graphql.tests.utils import get_graphql_content

from tests.fixtures.groups import add_member

from ..operations import CUSTOMER_GROUP, CUSTOMER_GROUPS
from ..utils import group_id, user_id


def names(response):
    data = get_graphql_content(response)["data"]["customerGroups"]
    return [edge["node"]["name"] for edge in data["edges"]], data["totalCount"]


@pytest.mark.parametrize(
    ("filter_input", "expected"),
    [
        ({}, ["ACME", "Berlin", "EMEA", "Globex"]),
        ({"search": "ber"}, ["Berlin"]),
        ({"search": "erp-glo"}, ["Globex"]),
        ({"rootOnly": True}, ["ACME", "Globex"]),
        ({"rootOnly": False}, ["Berlin", "EMEA"]),
        ({"externalReference": "ERP-EMEA"}, ["EMEA"]),
        ({"isActive": True}, ["ACME", "Berlin", "EMEA", "Globex"]),
        ({"metadata": [{"key": "tier", "value": "gold"}]}, ["ACME"]),
    ],
)
def test_filter_customer_groups(
    staff_api_client,
    staff_with_manage_users,
    group_tree,
    other_group,
    filter_input,
    expected,
):
    # given
    group_tree["acme"].store_value_in_metadata({"tier": "gold"})
    group_tree["acme"].save()

    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUPS,
        {
            "first": 10,
            "filter": filter_input,
            "sortBy": {"field": "NAME", "direction": "ASC"},
        },
    )

    # then
    assert names(response) == (expected, len(expected))


def test_filter_by_parent_and_by_member(
    staff_api_client, staff_with_manage_users, group_tree, other_group, customer_user
):
    # given
    add_member(group_tree["berlin"], customer_user)
    add_member(other_group, customer_user)

    # when
    by_parent = staff_api_client.post_graphql(
        CUSTOMER_GROUPS,
        {"first": 10, "filter": {"parent": group_id(group_tree["acme"])}},
    )
    by_member = staff_api_client.post_graphql(
        CUSTOMER_GROUPS,
        {
            "first": 10,
            "filter": {"member": user_id(customer_user)},
            "sortBy": {"field": "NAME", "direction": "DESC"},
        },
    )

    # then
    assert names(by_parent) == (["EMEA"], 1)
    assert names(by_member) == (["Globex", "Berlin"], 2)


def test_pagination_keeps_total_count(
    staff_api_client, staff_with_manage_users, group_tree, other_group
):
    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUPS, {"first": 2, "sortBy": {"field": "SLUG", "direction": "ASC"}}
    )

    # then
    assert names(response) == (["ACME", "Berlin"], 4)


@pytest.mark.parametrize("lookup", ["id", "slug", "externalReference"])
def test_look_up_a_group_with_its_tree_members_and_terms(
    staff_api_client, staff_with_manage_users, group_tree, buyer_in_branch, lookup
):
    # given
    emea = group_tree["emea"]
    add_member(emea, buyer_in_branch, "manager")
    emea.store_value_in_private_metadata({"crm": "7"})
    emea.save()
    value = {"id": group_id(emea), "slug": "emea", "externalReference": "ERP-EMEA"}[
        lookup
    ]

    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP, {lookup: value})

    # then
    group = get_graphql_content(response)["data"]["customerGroup"]
    assert group["name"] == "EMEA"
    assert group["parent"] == {"name": "ACME"}
    assert group["ancestors"] == [{"name": "ACME"}]
    assert group["children"] == [{"name": "Berlin"}]
    assert group["members"]["totalCount"] == 1
    assert group["members"]["edges"][0]["node"] == {
        "role": "MANAGER",
        "user": {"email": buyer_in_branch.email},
    }
    assert group["paymentTermsDays"] is None
    terms = group["effectiveTerms"]
    assert terms["paymentTermsDays"] == 30
    payment_terms = {
        "term": "PAYMENT_TERMS_DAYS",
        "isInherited": True,
        "group": {"name": "ACME"},
    }
    assert payment_terms in terms["sources"]
    assert group["privateMetadata"] == [{"key": "crm", "value": "7"}]


def test_look_up_unknown_group_returns_null(staff_api_client, staff_with_manage_users):
    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP, {"slug": "nope"})

    # then
    assert get_graphql_content(response)["data"]["customerGroup"] is None


def test_look_up_needs_exactly_one_key(
    staff_api_client, staff_with_manage_users, group_tree
):
    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP, {"slug": "emea", "externalReference": "ERP-EMEA"}
    )

    # then
    content = get_graphql_content(response, ignore_errors=True)
    assert content["data"]["customerGroup"] is None
    assert "cannot be combined" in content["errors"][0]["message"]
