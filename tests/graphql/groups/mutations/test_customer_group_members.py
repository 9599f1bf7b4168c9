from saleor.account.models import User
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.groups.models import CustomerGroupMembership

from ..operations import MEMBER_UPDATE, MEMBERS_ADD, MEMBERS_REMOVE
from ..utils import group_id, tree_snapshot, user_id


def members_of(group):
    return sorted(
        CustomerGroupMembership.objects.filter(group=group).values_list(
            "user__email", "role"
        )
    )


def test_add_members_with_roles(
    staff_api_client, staff_with_manage_users, group_tree, customer_user, customer_user2
):
    # given
    berlin = group_tree["berlin"]
    variables = {
        "group": group_id(berlin),
        "members": [
            {"user": user_id(customer_user)},
            {"user": user_id(customer_user2), "role": "APPROVER"},
        ],
    }

    # when
    response = staff_api_client.post_graphql(MEMBERS_ADD, variables)

    # then
    data = get_graphql_content(response)["data"]["customerGroupMembersAdd"]
    assert data["errors"] == []
    assert members_of(berlin) == [
        ("test2@example.com", "approver"),
        ("test@example.com", "buyer"),
    ]


def test_a_customer_may_belong_to_several_groups(
    staff_api_client, staff_with_manage_users, group_tree, other_group, buyer_in_branch
):
    # when
    response = staff_api_client.post_graphql(
        MEMBERS_ADD,
        {
            "group": group_id(other_group),
            "members": [{"user": user_id(buyer_in_branch)}],
        },
    )

    # then
    assert (
        get_graphql_content(response)["data"]["customerGroupMembersAdd"]["errors"] == []
    )
    assert buyer_in_branch.customer_group_memberships.count() == 2


def test_add_existing_member_refuses_the_whole_call(
    staff_api_client,
    staff_with_manage_users,
    group_tree,
    buyer_in_branch,
    customer_user2,
):
    # given
    before = tree_snapshot()
    variables = {
        "group": group_id(group_tree["berlin"]),
        "members": [
            {"user": user_id(customer_user2)},
            {"user": user_id(buyer_in_branch), "role": "MANAGER"},
        ],
    }

    # when
    response = staff_api_client.post_graphql(MEMBERS_ADD, variables)

    # then
    errors = get_graphql_content(response)["data"]["customerGroupMembersAdd"]["errors"]
    assert [(e["field"], e["code"], e["users"]) for e in errors] == [
        ("members", "ALREADY_A_MEMBER", [user_id(buyer_in_branch)])
    ]
    assert tree_snapshot() == before


def test_add_unknown_or_duplicated_users_is_refused(
    staff_api_client, staff_with_manage_users, group_tree, customer_user
):
    # given
    before = tree_snapshot()
    unknown = user_id(User(pk=999999))
    group = group_id(group_tree["berlin"])

    # when
    unknown_response = staff_api_client.post_graphql(
        MEMBERS_ADD, {"group": group, "members": [{"user": unknown}]}
    )
    duplicate_response = staff_api_client.post_graphql(
        MEMBERS_ADD,
        {
            "group": group,
            "members": [{"user": user_id(customer_user)}] * 2,
        },
    )

    # then
    unknown_errors = get_graphql_content(unknown_response)["data"][
        "customerGroupMembersAdd"
    ]["errors"]
    assert [(e["code"], e["users"]) for e in unknown_errors] == [
        ("NOT_FOUND", [unknown])
    ]
    duplicate_errors = get_graphql_content(duplicate_response)["data"][
        "customerGroupMembersAdd"
    ]["errors"]
    assert [e["code"] for e in duplicate_errors] == ["INVALID"]
    assert tree_snapshot() == before


def test_remove_members(
    staff_api_client, staff_with_manage_users, group_tree, buyer_in_branch
):
    # when
    response = staff_api_client.post_graphql(
        MEMBERS_REMOVE,
        {"group": group_id(group_tree["berlin"]), "users": [user_id(buyer_in_branch)]},
    )

    # then
    data = get_graphql_content(response)["data"]["customerGroupMembersRemove"]
    assert data["errors"] == []
    assert members_of(group_tree["berlin"]) == []


def test_removing_a_non_member_refuses_the_whole_call(
    staff_api_client,
    staff_with_manage_users,
    group_tree,
    buyer_in_branch,
    customer_user2,
):
    # given
    before = tree_snapshot()

    # when
    response = staff_api_client.post_graphql(
        MEMBERS_REMOVE,
        {
            "group": group_id(group_tree["berlin"]),
            "users": [user_id(buyer_in_branch), user_id(customer_user2)],
        },
    )

    # then
    errors = get_graphql_content(response)["data"]["customerGroupMembersRemove"][
        "errors"
    ]
    assert [(e["field"], e["code"], e["users"]) for e in errors] == [
        ("users", "NOT_A_MEMBER", [user_id(customer_user2)])
    ]
    assert tree_snapshot() == before


def test_change_a_members_role(
    staff_api_client, staff_with_manage_users, group_tree, buyer_in_branch
):
    # when
    response = staff_api_client.post_graphql(
        MEMBER_UPDATE,
        {
            "group": group_id(group_tree["berlin"]),
            "user": user_id(buyer_in_branch),
            "role": "APPROVER",
        },
    )

    # then
    assert (
        get_graphql_content(response)["data"]["customerGroupMemberUpdate"]["errors"]
        == []
    )
    assert members_of(group_tree["berlin"]) == [("test@example.com", "approver")]


def test_change_role_of_non_member_is_refused(
    staff_api_client, staff_with_manage_users, group_tree, customer_user2
):
    # given
    before = tree_snapshot()

    # when
    response = staff_api_client.post_graphql(
        MEMBER_UPDATE,
        {
            "group": group_id(group_tree["berlin"]),
            "user": user_id(customer_user2),
            "role": "APPROVER",
        },
    )

    # then
    errors = get_graphql_content(response)["data"]["customerGroupMemberUpdate"][
        "errors"
    ]
    assert [e["code"] for e in errors] == ["NOT_A_MEMBER"]
    assert tree_snapshot() == before
