import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.groups.models import CustomerGroup

from ..operations import CUSTOMER_GROUP_CREATE
from ..utils import group_id, tree_snapshot


def test_create_root_group_with_terms_and_metadata(
    staff_api_client, staff_with_manage_users
):
    # given
    variables = {
        "input": {
            "name": "Initech",
            "externalReference": "ERP-INITECH",
            "paymentTermsDays": 45,
            "metadata": [{"key": "segment", "value": "enterprise"}],
            "privateMetadata": [{"key": "crm", "value": "0042"}],
        }
    }

    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP_CREATE, variables)

    # then
    data = get_graphql_content(response)["data"]["customerGroupCreate"]
    assert data["errors"] == []
    group = data["customerGroup"]
    assert group["slug"] == "initech"
    assert group["depth"] == 0
    assert group["parent"] is None
    assert group["paymentTermsDays"] == 45
    assert group["metadata"] == [{"key": "segment", "value": "enterprise"}]
    assert group["privateMetadata"] == [{"key": "crm", "value": "0042"}]
    stored = CustomerGroup.objects.get(slug="initech")
    assert stored.external_reference == "ERP-INITECH"
    assert stored.private_metadata == {"crm": "0042"}


def test_create_under_a_parent_builds_the_path(
    staff_api_client, staff_with_manage_users, group_tree
):
    # given
    variables = {"input": {"name": "Paris", "parent": group_id(group_tree["emea"])}}

    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP_CREATE, variables)

    # then
    data = get_graphql_content(response)["data"]["customerGroupCreate"]
    assert data["customerGroup"]["ancestors"] == [{"name": "ACME"}, {"name": "EMEA"}]
    assert data["customerGroup"]["depth"] == 2
    paris = CustomerGroup.objects.get(slug="paris")
    assert paris.ancestor_ids == [group_tree["acme"].pk, group_tree["emea"].pk]


@pytest.mark.parametrize(
    ("group_input", "field", "code"),
    [
        ({"name": ""}, "name", "REQUIRED"),
        ({"name": "   "}, "name", "REQUIRED"),
        ({"name": "New", "slug": "berlin"}, "slug", "UNIQUE"),
        ({"name": "Berlin"}, "slug", "UNIQUE"),
        (
            {"name": "New", "externalReference": "ERP-ACME"},
            "externalReference",
            "UNIQUE",
        ),
        ({"name": "New", "paymentTermsDays": -1}, "paymentTermsDays", "INVALID"),
        (
            {"name": "New", "parent": "Q3VzdG9tZXJHcm91cDo5OTk5OTk="},
            "parent",
            "NOT_FOUND",
        ),
        ({"name": "New", "parent": "not-an-id"}, "parent", "GRAPHQL_ERROR"),
        (
            {"name": "New", "metadata": [{"key": "", "value": "x"}]},
            "metadata",
            "REQUIRED",
        ),
    ],
)
def test_create_with_bad_input_is_refused_and_changes_nothing(
    staff_api_client, staff_with_manage_users, group_tree, group_input, field, code
):
    # given
    before = tree_snapshot()

    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_CREATE, {"input": group_input}
    )

    # then
    data = get_graphql_content(response)["data"]["customerGroupCreate"]
    assert data["customerGroup"] is None
    assert [(e["field"], e["code"]) for e in data["errors"]] == [(field, code)]
    assert tree_snapshot() == before
