"""Concurrent checkouts paid on account against one pool, in real concurrent
transactions (each thread its own database connection): the pool is never
overspent, and the ledger always equals the summary."""

from decimal import Decimal

import pytest
from saleor.graphql.tests.fixtures import ApiClient
from saleor.order.models import Order

from saleor_b2b_groups.credit import DrawStatus
from saleor_b2b_groups.credit.accounts import set_sub_limit
from saleor_b2b_groups.credit.models import CreditAccount, CreditDraw, CreditSubLimit
from saleor_b2b_groups.credit.reconcile import differences
from saleor_b2b_groups.groups import CustomerGroupRole
from tests.fixtures.approvals import make_user
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE
from tests.fixtures.groups import add_member, create_group
from tests.graphql.credit.operations import data_of, pay_on_account
from tests.groups.test_tree_concurrency import run_concurrently

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("concurrent_connections"),
]


def buyers_in_branches(company, count: int, prefix: str, parent=None):
    """``count`` buyers, each in a sibling branch of their own under EMEA."""
    parent = parent or company.groups["emea"]
    buyers = []
    for i in range(count):
        branch = create_group(f"{prefix} {i}", parent, slug=f"{prefix.lower()}-{i}")
        buyer = make_user(f"b.{prefix.lower()}{i}@example.com")
        add_member(branch, buyer, CustomerGroupRole.BUYER)
        buyers.append(buyer)
    return buyers


def pay_all(prepared):
    """Every buyer pays their checkout on account at the same moment."""
    return run_concurrently(
        *[
            (lambda user=user, p=p: pay_on_account(ApiClient(user=user), p.id))
            for user, p in prepared
        ]
    )


def test_twenty_branches_at_once_get_exactly_the_ten_the_pool_covers(
    credit_company, credit_checkout
):
    # given: 20 branches' checkouts of equal totals, a pool covering exactly 10
    company = credit_company
    buyers = buyers_in_branches(company, 20, "Branch")
    prepared = [(buyer, credit_checkout(buyer, 1)) for buyer in buyers]
    total = prepared[0][1].total
    assert {p.total for _, p in prepared} == {total}
    CreditAccount.objects.filter(pk=company.account.pk).update(limit=total * 10)

    # when all 20 pay on account at once
    results = pay_all(prepared)

    # then: exactly 10 holds; the rest refused with a typed error
    assert not [r for r in results if isinstance(r, Exception)], results
    accepted = [r for r in results if r["errors"] == []]
    refused = [r for r in results if r["errors"] != []]
    assert len(accepted) == 10
    assert {e["code"] for r in refused for e in r["errors"]} == {"INSUFFICIENT_CREDIT"}
    account = CreditAccount.objects.get()
    assert account.held == total * 10
    assert account.limit - account.outstanding - account.held == 0
    assert differences() == []

    # when the ten complete their checkouts, at once too
    paid = [
        (user, p)
        for (user, p), result in zip(prepared, results, strict=True)
        if result["errors"] == []
    ]
    completed = run_concurrently(
        *[
            (
                lambda user=user, p=p: data_of(
                    ApiClient(user=user).post_graphql(CHECKOUT_COMPLETE, {"id": p.id}),
                    "checkoutComplete",
                )
            )
            for user, p in paid
        ]
    )

    # then: exactly ten orders, all charged, the pool never below zero
    assert [c["errors"] for c in completed] == [[]] * 10
    assert Order.objects.count() == 10
    assert CreditDraw.objects.filter(status=DrawStatus.CHARGED).count() == 10
    account.refresh_from_db()
    assert (account.outstanding, account.held) == (total * 10, Decimal(0))
    assert differences() == []


def test_a_sub_limit_and_its_pool_hold_at_once(credit_company, credit_checkout):
    # given: the pool covers 10 checkouts; Berlin (and its 10 sub-branches) 3
    company = credit_company
    berlin_buyers = buyers_in_branches(
        company, 10, "Berlin", parent=company.groups["berlin"]
    )
    other_buyers = buyers_in_branches(company, 10, "Other")
    prepared = [(b, credit_checkout(b, 1)) for b in berlin_buyers + other_buyers]
    total = prepared[0][1].total
    CreditAccount.objects.filter(pk=company.account.pk).update(limit=total * 10)
    sub = set_sub_limit(company.groups["berlin"], total * 3)

    # when all 20 pay at once
    results = pay_all(prepared)

    # then: the pool is full, Berlin within its 3
    assert not [r for r in results if isinstance(r, Exception)], results
    berlin_ok = sum(r["errors"] == [] for r in results[:10])
    other_ok = sum(r["errors"] == [] for r in results[10:])
    assert berlin_ok <= 3
    assert berlin_ok + other_ok == 10
    sub = CreditSubLimit.objects.get(pk=sub.pk)
    assert sub.held == total * berlin_ok
    assert sub.limit - sub.held >= 0
    account = CreditAccount.objects.get()
    assert account.held == total * 10
    assert differences() == []
