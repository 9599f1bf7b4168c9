"""Saleor's own metadata mutations work on customer groups."""

import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from ..utils import group_id

UPDATE_METADATA = """
mutation ($id: ID!, $public: [MetadataInput!]!, $private: [MetadataInput!]!) {
  updateMetadata(id: $id, input: $public) {
    item { ... on CustomerGroup { name metadata { key value } } }
    errors { field code }
  }
  updatePrivateMetadata(id: $id, input: $private) {
    item { ... on CustomerGroup { privateMetadata { key value } } }
    errors { field code }
  }
}
"""

DELETE_METADATA = """
mutation ($id: ID!, $keys: [String!]!) {
  deleteMetadata(id: $id, keys: $keys) {
    item { ... on CustomerGroup { metadata { key } } } errors { code }
  }
}
"""


def test_update_and_delete_metadata_with_manage_users(
    staff_api_client, staff_with_manage_users, group_tree
):
    # given
    updated_before = group_tree["emea"].updated_at
    variables = {
        "id": group_id(group_tree["emea"]),
        "public": [{"key": "segment", "value": "distribution"}],
        "private": [{"key": "erp-owner", "value": "jdoe"}],
    }

    # when
    response = staff_api_client.post_graphql(UPDATE_METADATA, variables)

    # then
    data = get_graphql_content(response)["data"]
    assert data["updateMetadata"]["errors"] == []
    assert data["updateMetadata"]["item"] == {
        "name": "EMEA",
        "metadata": [{"key": "segment", "value": "distribution"}],
    }
    assert data["updatePrivateMetadata"]["item"]["privateMetadata"] == [
        {"key": "erp-owner", "value": "jdoe"}
    ]
    group_tree["emea"].refresh_from_db()
    assert group_tree["emea"].private_metadata == {"erp-owner": "jdoe"}
    assert group_tree["emea"].updated_at > updated_before  # what an ERP sync reads

    # when
    response = staff_api_client.post_graphql(
        DELETE_METADATA, {"id": group_id(group_tree["emea"]), "keys": ["segment"]}
    )

    # then
    assert get_graphql_content(response)["data"]["deleteMetadata"]["item"] == {
        "metadata": []
    }


@pytest.mark.parametrize("who", ["anonymous", "member", "staff_no_perm"])
def test_metadata_mutations_refused_without_manage_users(
    who, api_client, user_api_client, staff_api_client, buyer_in_branch, group_tree
):
    # given
    client = {
        "anonymous": api_client,
        "member": user_api_client,
        "staff_no_perm": staff_api_client,
    }[who]
    variables = {
        "id": group_id(group_tree["berlin"]),
        "public": [{"key": "k", "value": "v"}],
        "private": [{"key": "k", "value": "v"}],
    }

    # when
    response = client.post_graphql(UPDATE_METADATA, variables)

    # then
    assert_no_permission(response)
    group_tree["berlin"].refresh_from_db()
    assert group_tree["berlin"].metadata == {}
    assert group_tree["berlin"].private_metadata == {}
