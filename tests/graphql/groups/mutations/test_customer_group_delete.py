from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.groups.models import CustomerGroup, CustomerGroupMembership

from ..operations import CUSTOMER_GROUP_DELETE
from ..utils import group_id, tree_snapshot


def test_delete_leaf_group_removes_memberships(
    staff_api_client, staff_with_manage_users, group_tree, buyer_in_branch
):
    # given
    berlin = group_tree["berlin"]

    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_DELETE, {"id": group_id(berlin)}
    )

    # then
    data = get_graphql_content(response)["data"]["customerGroupDelete"]
    assert data["errors"] == []
    assert data["customerGroup"] == {"id": group_id(berlin), "name": "Berlin"}
    assert not CustomerGroup.objects.filter(pk=berlin.pk).exists()
    assert not CustomerGroupMembership.objects.filter(user=buyer_in_branch).exists()
    buyer_in_branch.refresh_from_db()  # the customer stays


def test_delete_group_with_children_is_refused(
    staff_api_client, staff_with_manage_users, group_tree
):
    # given
    before = tree_snapshot()

    # when
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_DELETE, {"externalReference": "ERP-EMEA"}
    )

    # then
    data = get_graphql_content(response)["data"]["customerGroupDelete"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("id", "HAS_CHILDREN")]
    assert tree_snapshot() == before
