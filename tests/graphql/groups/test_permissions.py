"""Every customer group query and mutation, against every kind of requestor.

Anonymous visitors, a customer of the group, a customer of another group and staff
without MANAGE_USERS are refused and change nothing; staff and apps with
MANAGE_USERS succeed.
"""

import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.groups.models import CustomerGroup, CustomerGroupMembership

from . import operations


def group_id(group):
    return graphene.Node.to_global_id("CustomerGroup", group.pk)


def user_id(user):
    return graphene.Node.to_global_id("User", user.pk)


def customer_groups(ctx):
    return operations.CUSTOMER_GROUPS, {"first": 10}


def customer_group(ctx):
    return operations.CUSTOMER_GROUP, {"id": group_id(ctx["berlin"])}


def group_create(ctx):
    return operations.CUSTOMER_GROUP_CREATE, {
        "input": {"name": "Paris", "parent": group_id(ctx["emea"])}
    }


def group_update(ctx):
    return operations.CUSTOMER_GROUP_UPDATE, {
        "id": group_id(ctx["berlin"]),
        "input": {"name": "Berlin-Mitte"},
    }


def group_delete(ctx):
    return operations.CUSTOMER_GROUP_DELETE, {"id": group_id(ctx["berlin"])}


def members_add(ctx):
    return operations.MEMBERS_ADD, {
        "group": group_id(ctx["berlin"]),
        "members": [{"user": user_id(ctx["outsider"]), "role": "APPROVER"}],
    }


def members_remove(ctx):
    return operations.MEMBERS_REMOVE, {
        "group": group_id(ctx["berlin"]),
        "users": [user_id(ctx["member"])],
    }


def member_update(ctx):
    return operations.MEMBER_UPDATE, {
        "group": group_id(ctx["berlin"]),
        "user": user_id(ctx["member"]),
        "role": "MANAGER",
    }


OPERATIONS = [
    customer_groups,
    customer_group,
    group_create,
    group_update,
    group_delete,
    members_add,
    members_remove,
    member_update,
]


def snapshot():
    """What a refused request must leave untouched."""
    return (
        sorted(CustomerGroup.objects.values_list("pk", "name", "parent_id")),
        sorted(
            CustomerGroupMembership.objects.values_list("group_id", "user_id", "role")
        ),
    )


@pytest.fixture
def context(group_tree, buyer_in_branch, buyer_in_other_group, staff_user):
    from saleor.account.models import User

    outsider = User.objects.create(email="outsider@example.com")
    return {**group_tree, "member": buyer_in_branch, "outsider": outsider}


@pytest.fixture(params=["anonymous", "member", "other_group_member", "staff_no_perm"])
def refused_client(
    request, api_client, user_api_client, user2_api_client, staff_api_client
):
    return {
        "anonymous": api_client,
        "member": user_api_client,
        "other_group_member": user2_api_client,
        "staff_no_perm": staff_api_client,
    }[request.param]


@pytest.fixture(params=["staff", "app"])
def allowed_client(
    request,
    staff_api_client,
    app_api_client,
    staff_with_manage_users,
    app_with_manage_users,
):
    return {"staff": staff_api_client, "app": app_api_client}[request.param]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.__name__)
def test_refused_without_manage_users(context, refused_client, operation):
    # given
    query, variables = operation(context)
    before = snapshot()

    # when
    response = refused_client.post_graphql(query, variables)

    # then
    assert_no_permission(response)
    assert snapshot() == before


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.__name__)
def test_allowed_with_manage_users(context, allowed_client, operation):
    # given
    query, variables = operation(context)

    # when
    response = allowed_client.post_graphql(query, variables)

    # then
    content = get_graphql_content(response)
    payload = next(iter(content["data"].values()))
    assert payload is not None
    assert not payload.get("errors")
