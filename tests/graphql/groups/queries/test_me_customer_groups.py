from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from tests.fixtures.groups import add_member

from ..operations import ME_CUSTOMER_GROUPS, USER_CUSTOMER_GROUPS
from ..utils import user_id

ME_WITH_MEMBERS = """
query { me { customerGroups { group { name members(first: 5) { totalCount } } } } }
"""

ME_WITH_CHILDREN = """
query { me { customerGroups { group { name children { name } } } } }
"""

ME_WITH_PRIVATE_METADATA = """
query { me { customerGroups { group { privateMetadata { key } } } } }
"""


def test_buyer_sees_own_memberships_with_ancestors_and_terms(
    user_api_client, buyer_in_branch, buyer_in_other_group
):
    # when
    response = user_api_client.post_graphql(ME_CUSTOMER_GROUPS)

    # then
    me = get_graphql_content(response)["data"]["me"]
    assert me["customerGroups"] == [
        {
            "role": "BUYER",
            "group": {
                "name": "Berlin",
                "ancestors": [{"name": "ACME"}, {"name": "EMEA"}],
                "effectiveTerms": {"paymentTermsDays": 30},
            },
        }
    ]


def test_buyer_in_no_group_sees_no_memberships(user_api_client, group_tree):
    # when
    response = user_api_client.post_graphql(ME_CUSTOMER_GROUPS)

    # then
    assert get_graphql_content(response)["data"]["me"]["customerGroups"] == []


def test_buyer_cannot_list_other_members_or_child_groups(
    user_api_client, buyer_in_branch, customer_user2, group_tree
):
    # given
    add_member(group_tree["berlin"], customer_user2)

    # when
    members = user_api_client.post_graphql(ME_WITH_MEMBERS)
    children = user_api_client.post_graphql(ME_WITH_CHILDREN)
    private = user_api_client.post_graphql(ME_WITH_PRIVATE_METADATA)

    # then
    for response in (members, children, private):
        assert_no_permission(response)


def test_memberships_hidden_from_buyer_while_plugin_inactive(
    user_api_client, buyer_in_branch, plugin_inactive
):
    # when
    response = user_api_client.post_graphql(ME_CUSTOMER_GROUPS)

    # then
    assert get_graphql_content(response)["data"]["me"]["customerGroups"] == []


def test_staff_with_manage_users_reads_any_customers_groups(
    staff_api_client, staff_with_manage_users, buyer_in_branch
):
    # when
    response = staff_api_client.post_graphql(
        USER_CUSTOMER_GROUPS, {"id": user_id(buyer_in_branch)}
    )

    # then
    user = get_graphql_content(response)["data"]["user"]
    assert user["customerGroups"] == [{"role": "BUYER", "group": {"name": "Berlin"}}]


def test_staff_without_manage_users_cannot_read_customers_groups(
    staff_api_client, staff_user, permission_manage_orders, buyer_in_branch
):
    # given: MANAGE_ORDERS lets staff read the user, not the groups
    staff_user.user_permissions.add(permission_manage_orders)

    # when
    response = staff_api_client.post_graphql(
        USER_CUSTOMER_GROUPS, {"id": user_id(buyer_in_branch)}
    )

    # then
    assert_no_permission(response)
