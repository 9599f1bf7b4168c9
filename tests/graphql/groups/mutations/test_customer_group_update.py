import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.groups.models import CustomerGroup

from ..operations import CUSTOMER_GROUP_UPDATE
from ..utils import group_id, tree_snapshot


def test_move_a_group_moves_its_subtree(
    staff_api_client, staff_with_manage_users, group_tree, other_group
):
    # given
    emea, berlin = group_tree["emea"], group_tree["berlin"]
    variables = {"id": group_id(emea), "input": {"parent": group_id(other_group)}}

    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP_UPDATE, variables)

    # then
    data = get_graphql_content(response)["data"]["customerGroupUpdate"]
    assert data["errors"] == []
    assert data["customerGroup"]["ancestors"] == [{"name": "Globex"}]
    berlin.refresh_from_db()
    assert berlin.ancestor_ids == [other_group.pk, emea.pk]


def test_update_by_external_reference_and_clear_parent(
    staff_api_client, staff_with_manage_users, group_tree
):
    # given
    variables = {
        "externalReference": "ERP-EMEA",
        "input": {"parent": None, "name": "Europe", "paymentTermsDays": 14},
    }

    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP_UPDATE, variables)

    # then
    data = get_graphql_content(response)["data"]["customerGroupUpdate"]
    assert data["errors"] == []
    assert data["customerGroup"]["parent"] is None
    assert data["customerGroup"]["name"] == "Europe"
    assert data["customerGroup"]["paymentTermsDays"] == 14
    group_tree["berlin"].refresh_from_db()
    assert group_tree["berlin"].ancestor_ids == [group_tree["emea"].pk]


def test_clearing_a_term_makes_it_inherit_again(
    staff_api_client, staff_with_manage_users, group_tree
):
    # given
    acme = group_tree["acme"]

    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_UPDATE,
        {"id": group_id(acme), "input": {"paymentTermsDays": None}},
    )

    # then
    data = get_graphql_content(response)["data"]["customerGroupUpdate"]
    assert data["customerGroup"]["paymentTermsDays"] is None
    acme.refresh_from_db()
    assert acme.payment_terms_days is None


@pytest.mark.parametrize("new_parent", ["acme", "emea", "berlin"])
def test_cycle_is_refused_and_changes_nothing(
    staff_api_client, staff_with_manage_users, group_tree, new_parent
):
    # given
    before = tree_snapshot()
    variables = {
        "id": group_id(group_tree["acme"]),
        "input": {"parent": group_id(group_tree[new_parent]), "name": "Renamed"},
    }

    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP_UPDATE, variables)

    # then
    data = get_graphql_content(response)["data"]["customerGroupUpdate"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("parent", "CYCLE")]
    assert tree_snapshot() == before


@pytest.mark.parametrize(
    ("group_input", "field", "code"),
    [
        ({"name": ""}, "name", "REQUIRED"),
        ({"slug": "acme"}, "slug", "UNIQUE"),
        ({"slug": ""}, "slug", "REQUIRED"),
        ({"externalReference": "ERP-ACME"}, "externalReference", "UNIQUE"),
        ({"parent": "Q3VzdG9tZXJHcm91cDo5OTk5OTk="}, "parent", "NOT_FOUND"),
        ({"isActive": None}, "isActive", "REQUIRED"),
    ],
)
def test_update_with_bad_input_is_refused_and_changes_nothing(
    staff_api_client, staff_with_manage_users, group_tree, group_input, field, code
):
    # given
    before = tree_snapshot()
    variables = {"id": group_id(group_tree["berlin"]), "input": group_input}

    # when
    response = staff_api_client.post_graphql(CUSTOMER_GROUP_UPDATE, variables)

    # then
    data = get_graphql_content(response)["data"]["customerGroupUpdate"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [(field, code)]
    assert tree_snapshot() == before


@pytest.mark.parametrize(
    "lookup",
    [{"id": "Q3VzdG9tZXJHcm91cDo5OTk5OTk="}, {"externalReference": "nope"}, {}],
)
def test_update_of_unknown_group_is_refused(
    staff_api_client, staff_with_manage_users, group_tree, lookup
):
    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_UPDATE, {**lookup, "input": {"name": "X"}}
    )

    # then
    data = get_graphql_content(response)["data"]["customerGroupUpdate"]
    assert data["customerGroup"] is None
    assert data["errors"][0]["code"] in {"NOT_FOUND", "GRAPHQL_ERROR"}
    assert not CustomerGroup.objects.filter(name="X").exists()
