"""Every price list query and mutation, against every kind of requestor.

Anonymous visitors, a buyer whose group has the list, a buyer of another group and
staff without MANAGE_DISCOUNTS (none, or only MANAGE_USERS / MANAGE_PRODUCTS) are
refused and change nothing; staff and apps with MANAGE_DISCOUNTS succeed.
"""

import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from . import price_list_operations as ops
from .price_list_operations import (
    group_id,
    price_list_id,
    pricing_snapshot,
    variant_id,
)


def price_lists(ctx):
    return ops.PRICE_LISTS, {"first": 10}


def price_list(ctx):
    return ops.PRICE_LIST, {"id": price_list_id(ctx["price_list"])}


def price_list_create(ctx):
    return ops.PRICE_LIST_CREATE, {
        "input": {"name": "New", "channel": ops.global_id("Channel", ctx["channel"])}
    }


def price_list_update(ctx):
    return ops.PRICE_LIST_UPDATE, {
        "id": price_list_id(ctx["price_list"]),
        "input": {"name": "Renamed"},
    }


def price_list_delete(ctx):
    return ops.PRICE_LIST_DELETE, {"id": price_list_id(ctx["price_list"])}


def entries_upsert(ctx):
    return ops.ENTRIES_BULK_UPSERT, {
        "priceList": price_list_id(ctx["price_list"]),
        "entries": [{"variant": variant_id(ctx["variant"]), "price": 1}],
    }


def entries_delete(ctx):
    return ops.ENTRIES_BULK_DELETE, {
        "priceList": price_list_id(ctx["price_list"]),
        "externalReferences": ["ACME-123-1"],
    }


def rules_upsert(ctx):
    return ops.RULES_BULK_UPSERT, {
        "priceList": price_list_id(ctx["price_list"]),
        "rules": [{"scope": "ALL", "percentage": 50}],
    }


def rules_delete(ctx):
    return ops.RULES_BULK_DELETE, {
        "priceList": price_list_id(ctx["price_list"]),
        "targets": [{"scope": "ALL"}],
    }


def assign(ctx):
    return ops.ASSIGN, {
        "group": group_id(ctx["berlin"]),
        "priceList": price_list_id(ctx["price_list"]),
    }


def unassign(ctx):
    return ops.UNASSIGN, {
        "group": group_id(ctx["acme"]),
        "priceList": price_list_id(ctx["price_list"]),
    }


OPERATIONS = [
    price_lists,
    price_list,
    price_list_create,
    price_list_update,
    price_list_delete,
    entries_upsert,
    entries_delete,
    rules_upsert,
    rules_delete,
    assign,
    unassign,
]


@pytest.fixture
def context(
    group_tree,
    buyer_in_branch,
    buyer_in_other_group,
    price_list_assigned,
    price_list_entries,
    price_list_rules,
    channel_USD,
):
    return {
        **group_tree,
        "price_list": price_list_assigned,
        "variant": price_list_entries[0].variant,
        "channel": channel_USD,
    }


@pytest.fixture(
    params=[
        "anonymous",
        "buyer_with_the_list",
        "buyer_of_other_group",
        "staff_without_permissions",
        "staff_with_manage_users",
        "staff_with_manage_products",
    ]
)
def refused_client(
    request, api_client, user_api_client, user2_api_client, staff_api_client
):
    if request.param == "staff_with_manage_users":
        request.getfixturevalue("staff_with_manage_users")
    if request.param == "staff_with_manage_products":
        staff_api_client.user.user_permissions.add(
            request.getfixturevalue("permission_manage_products")
        )
    return {
        "anonymous": api_client,
        "buyer_with_the_list": user_api_client,
        "buyer_of_other_group": user2_api_client,
    }.get(request.param, staff_api_client)


@pytest.fixture(params=["staff", "app"])
def allowed_client(
    request,
    staff_api_client,
    app_api_client,
    staff_with_manage_discounts,
    app_with_manage_discounts,
):
    return {"staff": staff_api_client, "app": app_api_client}[request.param]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.__name__)
def test_refused_without_manage_discounts(
    context, refused_client, operation, price_lists_changed_calls
):
    # given
    query, variables = operation(context)
    before = pricing_snapshot()

    # when
    response = refused_client.post_graphql(query, variables)

    # then
    assert_no_permission(response)
    assert pricing_snapshot() == before
    assert price_lists_changed_calls == []


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.__name__)
def test_allowed_with_manage_discounts(context, allowed_client, operation):
    # given
    query, variables = operation(context)

    # when
    response = allowed_client.post_graphql(query, variables)

    # then
    content = get_graphql_content(response)
    payload = next(iter(content["data"].values()))
    assert payload is not None
    assert not payload.get("errors")
    results = payload.get("results") or []
    assert all(result["errors"] == [] for result in results)


MY_GROUPS_PRICE_LISTS = """
query { me { customerGroups { group { name priceConflictPolicy
  effectiveTerms { priceConflictPolicy }
  priceLists { priceList { slug } } } } } }
"""


def test_a_buyer_cannot_read_the_price_lists_of_their_group(
    user_api_client, buyer_in_branch, price_list_assigned
):
    # when
    response = user_api_client.post_graphql(MY_GROUPS_PRICE_LISTS)

    # then
    assert_no_permission(response)


def test_admin_api_works_while_the_plugin_is_inactive(
    staff_api_client, staff_with_manage_discounts, price_list, plugin_inactive
):
    # given: admins prepare price lists before switching the plugin on

    # when
    response = staff_api_client.post_graphql(ops.PRICE_LISTS, {"first": 10})

    # then
    content = get_graphql_content(response)
    assert content["data"]["priceLists"]["edges"] == [
        {"node": {"slug": price_list.slug}}
    ]
