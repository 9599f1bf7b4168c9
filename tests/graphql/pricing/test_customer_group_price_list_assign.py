"""customerGroupPriceListAssign / Unassign, and pricing fields of customer groups."""

import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing.models import CustomerGroupPriceList
from tests.graphql.groups.operations import CUSTOMER_GROUP_UPDATE

from .price_list_operations import ASSIGN, UNASSIGN, group_id, price_list_id


def run(client, document, variables):
    content = get_graphql_content(client.post_graphql(document, variables))
    return next(iter(content["data"].values()))


def assignments():
    return sorted(
        CustomerGroupPriceList.objects.values_list(
            "group__name", "price_list__slug", "priority"
        )
    )


def test_assign_then_change_priority_then_repeat(
    staff_api_client,
    staff_with_manage_discounts,
    group_tree,
    price_list,
    price_lists_changed_calls,
):
    # given
    variables = {
        "groupExternalReference": "ERP-EMEA",
        "priceListExternalReference": "PL-ACME",
        "priority": 5,
    }

    # when
    created = run(staff_api_client, ASSIGN, variables)
    changed = run(staff_api_client, ASSIGN, {**variables, "priority": 7})
    repeated = run(staff_api_client, ASSIGN, {**variables, "priority": 7})

    # then
    assert created["errors"] == []
    assert created["assignment"]["priority"] == 5
    assert created["assignment"]["group"] == {"name": "EMEA"}
    assert changed["customerGroup"]["priceLists"] == [
        {"priority": 7, "priceList": {"slug": "acme-prices"}}
    ]
    assert repeated == changed
    assert assignments() == [("EMEA", "acme-prices", 7)]
    assert price_lists_changed_calls == [{price_list.pk}, {price_list.pk}]


def test_unassign_is_idempotent(
    staff_api_client,
    staff_with_manage_discounts,
    group_tree,
    price_list_assigned,
    price_lists_changed_calls,
):
    # given
    variables = {
        "group": group_id(group_tree["acme"]),
        "priceList": price_list_id(price_list_assigned),
    }

    # when
    first = run(staff_api_client, UNASSIGN, variables)
    again = run(staff_api_client, UNASSIGN, variables)

    # then
    assert first["errors"] == again["errors"] == []
    assert first["priceList"]["groups"] == []
    assert assignments() == []
    assert price_lists_changed_calls == [{price_list_assigned.pk}]


@pytest.mark.parametrize(
    ("make_variables", "expected"),
    [
        (lambda ctx: {"priceList": ctx["price_list"]}, [("group", "GRAPHQL_ERROR")]),
        (
            lambda ctx: {
                "group": ctx["group"],
                "groupExternalReference": "ERP-EMEA",
                "priceList": ctx["price_list"],
            },
            [("group", "GRAPHQL_ERROR")],
        ),
        (
            lambda ctx: {
                "groupExternalReference": "NOPE",
                "priceList": ctx["price_list"],
            },
            [("group", "NOT_FOUND")],
        ),
        (
            lambda ctx: {"group": ctx["group"], "priceListExternalReference": "NOPE"},
            [("priceList", "NOT_FOUND")],
        ),
        (
            lambda ctx: {"group": ctx["price_list"], "priceList": ctx["price_list"]},
            [("group", "GRAPHQL_ERROR")],
        ),
    ],
)
def test_bad_assignment_changes_nothing(
    staff_api_client,
    staff_with_manage_discounts,
    group_tree,
    price_list,
    make_variables,
    expected,
):
    # given
    ctx = {
        "group": group_id(group_tree["emea"]),
        "price_list": price_list_id(price_list),
    }

    # when
    data = run(staff_api_client, ASSIGN, make_variables(ctx))

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == expected
    assert assignments() == []


GROUP_PRICING = """
query ($id: ID!) { customerGroup(id: $id) {
  priceConflictPolicy
  effectiveTerms { priceConflictPolicy sources { term isInherited group { name } } }
  priceLists { priority priceList { slug } }
} }
"""


def test_a_group_shows_its_price_lists_and_its_inherited_policy(
    staff_api_client,
    staff_with_manage_users,
    permission_manage_discounts,
    group_tree,
    price_list_assigned,
):
    # given: ACME sets PRIORITY; Berlin inherits it
    staff_with_manage_users.user_permissions.add(permission_manage_discounts)
    acme = group_tree["acme"]
    acme.price_conflict_policy = "priority"
    acme.save()

    # when
    acme_data = run(staff_api_client, GROUP_PRICING, {"id": group_id(acme)})
    berlin_data = run(
        staff_api_client, GROUP_PRICING, {"id": group_id(group_tree["berlin"])}
    )

    # then
    assert acme_data["priceConflictPolicy"] == "PRIORITY"
    assert acme_data["priceLists"] == [
        {"priority": 10, "priceList": {"slug": "acme-prices"}}
    ]
    assert berlin_data["priceConflictPolicy"] is None
    assert berlin_data["effectiveTerms"]["priceConflictPolicy"] == "PRIORITY"
    assert {
        "term": "PRICE_CONFLICT_POLICY",
        "isInherited": True,
        "group": {"name": "ACME"},
    } in berlin_data["effectiveTerms"]["sources"]
    assert berlin_data["priceLists"] == []


def test_group_price_lists_need_manage_discounts(
    staff_api_client, staff_with_manage_users, group_tree, price_list_assigned
):
    # when: a groups admin without MANAGE_DISCOUNTS
    response = staff_api_client.post_graphql(
        GROUP_PRICING, {"id": group_id(group_tree["acme"])}
    )

    # then
    content = response.json()
    assert content["errors"][0]["extensions"]["exception"]["code"] == (
        "PermissionDenied"
    )
    assert content["errors"][0]["path"] == ["customerGroup", "priceLists"]


CREATE_WITH_POLICY = """
mutation ($input: CustomerGroupCreateInput!) {
  customerGroupCreate(input: $input) {
    customerGroup { name priceConflictPolicy effectiveTerms { priceConflictPolicy } }
    errors { field code }
  }
}
"""


def test_set_and_clear_the_policy_on_create_and_update(
    staff_api_client, staff_with_manage_users, group_tree
):
    # when
    created = run(
        staff_api_client,
        CREATE_WITH_POLICY,
        {"input": {"name": "Nordics", "priceConflictPolicy": "NEAREST"}},
    )
    updated = run(
        staff_api_client,
        CUSTOMER_GROUP_UPDATE,
        {"externalReference": "ERP-ACME", "input": {"priceConflictPolicy": "PRIORITY"}},
    )
    cleared = run(
        staff_api_client,
        CUSTOMER_GROUP_UPDATE,
        {"externalReference": "ERP-ACME", "input": {"priceConflictPolicy": None}},
    )

    # then
    assert created["errors"] == []
    assert created["customerGroup"] == {
        "name": "Nordics",
        "priceConflictPolicy": "NEAREST",
        "effectiveTerms": {"priceConflictPolicy": "NEAREST"},
    }
    assert updated["errors"] == cleared["errors"] == []
    group_tree["acme"].refresh_from_db()
    assert group_tree["acme"].price_conflict_policy is None


def test_an_unknown_policy_is_a_graphql_error(
    staff_api_client, staff_with_manage_users, group_tree
):
    # when
    response = staff_api_client.post_graphql(
        CREATE_WITH_POLICY, {"input": {"name": "X", "priceConflictPolicy": "CHEAPEST"}}
    )

    # then
    assert "CHEAPEST" in response.json()["errors"][0]["message"]
