"""What buyers, managers and other companies see of credit."""

from decimal import Decimal

import graphene
from saleor.graphql.tests.fixtures import ApiClient

from saleor_b2b_groups.credit.accounts import set_sub_limit
from saleor_b2b_groups.groups import CustomerGroupRole
from tests.fixtures.approvals import make_user
from tests.fixtures.groups import add_member
from tests.queries import count_queries

from .operations import MY_CREDIT, data_of, pay_on_account


def my_credit(user):
    return data_of(ApiClient(user=user).post_graphql(MY_CREDIT), "me")["credit"]


def test_a_buyer_sees_what_they_may_draw_and_not_the_pool(
    credit_company, credit_checkout
):
    # given: Berlin draws on ACME's 1000 within a 100.00 sub-limit; Paris holds
    company = credit_company
    set_sub_limit(company.groups["berlin"], Decimal("100.00"))
    prepared = credit_checkout(company.paris_buyer, 1)
    assert (
        pay_on_account(ApiClient(user=company.paris_buyer), prepared.id)["errors"] == []
    )

    credit = my_credit(company.buyer)

    assert credit["purchasingGroup"]["name"] == "Berlin"
    assert credit["canPayOnAccount"] is True
    assert credit["available"] == {"amount": 100.0, "currency": "USD"}
    assert credit["paymentTermsDays"] == 30
    assert credit["account"] is None
    assert credit["subLimits"] == []


def test_the_pool_owners_manager_sees_the_figures_and_the_ledger(
    credit_company, credit_checkout
):
    company = credit_company
    add_member(company.groups["berlin"], company.manager, CustomerGroupRole.BUYER)
    prepared = credit_checkout(company.buyer, 1)
    assert pay_on_account(ApiClient(user=company.buyer), prepared.id)["errors"] == []

    # the manager buys for ACME, the pool's owner
    manager_client = ApiClient(user=company.manager)
    manager_client.post_graphql(
        "mutation ($g: ID) { purchasingGroupSelect(group: $g) { errors { code } } }",
        {"g": graphene.Node.to_global_id("CustomerGroup", company.groups["acme"].pk)},
    )
    credit = data_of(manager_client.post_graphql(MY_CREDIT), "me")["credit"]

    assert credit["account"]["figures"]["held"]["amount"] == float(prepared.total)
    assert [e["node"]["type"] for e in credit["account"]["ledger"]["edges"]] == ["HOLD"]


def test_a_branch_manager_sees_the_sub_limit_not_the_pool(credit_company):
    company = credit_company
    set_sub_limit(company.groups["berlin"], Decimal("100.00"))
    berlin_manager = make_user("bob.manager@example.com")
    add_member(company.groups["berlin"], berlin_manager, CustomerGroupRole.MANAGER)

    credit = my_credit(berlin_manager)

    assert credit["account"] is None
    assert [s["group"]["name"] for s in credit["subLimits"]] == ["Berlin"]


def test_another_company_sees_nothing_of_this_credit(
    credit_company, buyer_in_other_group
):
    credit = my_credit(buyer_in_other_group)

    assert credit["purchasingGroup"]["name"] == "Globex"
    assert (credit["available"], credit["account"], credit["subLimits"]) == (
        None,
        None,
        [],
    )
    assert credit["canPayOnAccount"] is False


def test_a_customer_in_no_group_has_no_credit(credit_company, customer_user2):
    assert my_credit(customer_user2) is None


def test_another_users_credit_is_not_readable(
    credit_company, staff_api_client, permission_manage_users
):
    staff_api_client.user.user_permissions.add(permission_manage_users)

    response = staff_api_client.post_graphql(
        "query ($id: ID!) { user(id: $id) { credit { available { amount } } } }",
        {"id": graphene.Node.to_global_id("User", credit_company.buyer.pk)},
    )

    assert data_of(response, "user")["credit"] is None


def test_reading_credit_costs_the_same_whatever_the_ledger(
    credit_company, credit_checkout
):
    company = credit_company
    client = ApiClient(user=company.buyer)
    before, _ = count_queries(client, MY_CREDIT)
    for _ in range(3):
        prepared = credit_checkout(company.buyer, 1)
        assert pay_on_account(client, prepared.id)["errors"] == []

    after, content = count_queries(ApiClient(user=company.buyer), MY_CREDIT)

    assert after == before
    assert content["data"]["me"]["credit"]["available"]["amount"] < 1000


def test_a_branch_manager_reads_the_entries_of_their_sub_limit_only(
    credit_company, credit_checkout
):
    # given: Berlin and Paris both draw on the pool; Berlin within a sub-limit
    company = credit_company
    set_sub_limit(company.groups["berlin"], Decimal("100.00"))
    berlin_manager = make_user("bob.manager@example.com")
    add_member(company.groups["berlin"], berlin_manager, CustomerGroupRole.MANAGER)
    for buyer in (company.buyer, company.paris_buyer):
        prepared = credit_checkout(buyer, 1)
        assert pay_on_account(ApiClient(user=buyer), prepared.id)["errors"] == []

    # when Berlin's manager reads the sub-limit's ledger
    response = ApiClient(user=berlin_manager).post_graphql(
        """{ me { credit { subLimits { ledger(first: 10) {
              edges { node { type group { name } } } } } } } }"""
    )

    # then: Berlin's hold, not Paris's
    [sub] = data_of(response, "me")["credit"]["subLimits"]
    assert [
        (e["node"]["type"], e["node"]["group"]["name"]) for e in sub["ledger"]["edges"]
    ] == [("HOLD", "Berlin")]
