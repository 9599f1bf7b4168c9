"""Paying a checkout on account, then Saleor's own completion, through the API."""

from datetime import timedelta
from decimal import Decimal

import graphene
from django.utils import timezone
from saleor.graphql.tests.fixtures import ApiClient
from saleor.order.models import Order
from saleor.payment.models import TransactionItem

from saleor_b2b_groups.credit import (
    ON_ACCOUNT_GATEWAY,
    DrawStatus,
    ExceedPolicy,
    LedgerEntryType,
)
from saleor_b2b_groups.credit.models import CreditDraw, CreditLedgerEntry
from saleor_b2b_groups.credit.reconcile import differences
from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE, ORDER_CREATE_FROM_CHECKOUT
from tests.fixtures.credit import open_account

from .operations import (
    CREDIT_ACCOUNT,
    ORDER_PAYMENT_TERMS,
    data_of,
    error_codes,
    pay_on_account,
)


def figures(staff_client, account_id):
    data = data_of(
        staff_client.post_graphql(CREDIT_ACCOUNT, {"id": account_id}), "creditAccount"
    )
    return {k: Decimal(str(v["amount"])) for k, v in data["figures"].items()}


def ledger_types():
    return list(CreditLedgerEntry.objects.values_list("type", flat=True))


def test_pay_on_account_then_complete_charges_the_pool_with_net_terms(
    credit_company, credit_checkout, staff_api_client, permission_manage_orders
):
    # given: Berlin's buyer (net 30, from ACME) and a checkout of 3 units
    staff_api_client.user.user_permissions.add(permission_manage_orders)
    company = credit_company
    prepared = credit_checkout(company.buyer, 3)
    buyer_client = ApiClient(user=company.buyer)

    # when the buyer pays on account
    paid = pay_on_account(buyer_client, prepared.id)

    # then: a Saleor transaction authorizes the total, named for staff
    assert paid["errors"] == []
    assert paid["checkout"]["authorizeStatus"] == "FULL"
    assert paid["transaction"]["name"] == "On account, net 30"
    assert (
        Decimal(str(paid["transaction"]["authorizedAmount"]["amount"]))
        == prepared.total
    )
    assert TransactionItem.objects.get().app_identifier == ON_ACCOUNT_GATEWAY
    held = figures(staff_api_client, company.account_id)
    assert held == {
        "limit": Decimal("1000"),
        "outstanding": Decimal(0),
        "held": prepared.total,
        "available": Decimal("1000") - prepared.total,
    }

    # when Saleor completes the checkout as any authorized checkout
    completed = data_of(
        buyer_client.post_graphql(CHECKOUT_COMPLETE, {"id": prepared.id}),
        "checkoutComplete",
    )

    # then: the order exists, the hold became a charge due in 30 days
    assert completed["errors"] == []
    order = Order.objects.get()
    assert ledger_types() == [LedgerEntryType.HOLD, LedgerEntryType.CHARGE]
    charged = figures(staff_api_client, company.account_id)
    assert charged["outstanding"] == prepared.total
    assert charged["held"] == 0
    assert charged["available"] == Decimal("1000") - prepared.total
    draw = CreditDraw.objects.get()
    assert draw.status == DrawStatus.CHARGED
    assert draw.due_date == order.created_at.date() + timedelta(days=30)
    terms = data_of(
        buyer_client.post_graphql(
            ORDER_PAYMENT_TERMS, {"id": graphene.Node.to_global_id("Order", order.pk)}
        ),
        "order",
    )["paymentTerms"]
    assert terms["days"] == 30
    assert terms["dueDate"] == draw.due_date.isoformat()
    assert Decimal(str(terms["outstanding"]["amount"])) == prepared.total
    assert terms["isOverdue"] is False
    # and the ERP hears of each entry, in the account's sequence
    events = OutboxEvent.objects.filter(
        event_type=ErpEventType.CREDIT_LEDGER_ENTRY_CREATED
    ).order_by("sequence")
    assert [e.payload["entry"]["type"] for e in events] == ["HOLD", "CHARGE"]
    placed = OutboxEvent.objects.get(event_type=ErpEventType.ORDER_PLACED)
    assert placed.payload["payment"] == {
        "method": "ON_ACCOUNT",
        "creditAccount": company.account_id,
        "amount": {"amount": str(prepared.total), "currency": "USD"},
        "paymentTermsDays": 30,
        "dueDate": draw.due_date.isoformat(),
    }
    assert differences() == []


def test_order_create_from_checkout_charges_the_hold(
    credit_company, credit_checkout, app_api_client, permission_handle_checkouts
):
    # given
    company = credit_company
    prepared = credit_checkout(company.buyer, 2)
    assert pay_on_account(ApiClient(user=company.buyer), prepared.id)["errors"] == []
    app_api_client.app.permissions.add(permission_handle_checkouts)

    # when an app creates the order
    created = data_of(
        app_api_client.post_graphql(ORDER_CREATE_FROM_CHECKOUT, {"id": prepared.id}),
        "orderCreateFromCheckout",
    )

    # then
    assert created["errors"] == []
    assert ledger_types() == [LedgerEntryType.HOLD, LedgerEntryType.CHARGE]
    assert CreditDraw.objects.get().order_id == Order.objects.get().pk


def test_a_checkout_above_the_available_amount_is_refused_and_nothing_changes(
    credit_company, credit_checkout
):
    # given: only 5.00 available
    company = credit_company
    company.account.limit = Decimal("5.00")
    company.account.save()
    prepared = credit_checkout(company.buyer, 1)

    # when
    paid = pay_on_account(ApiClient(user=company.buyer), prepared.id)

    # then: refused; the buyer may still pay another way
    assert error_codes(paid) == [("id", "INSUFFICIENT_CREDIT")]
    assert not CreditLedgerEntry.objects.exists()
    assert not TransactionItem.objects.exists()
    assert not CreditDraw.objects.exists()


def test_allow_places_the_excess_and_flags_it(credit_company, credit_checkout):
    company = credit_company
    company.account.limit = Decimal("5.00")
    company.account.exceed_policy = ExceedPolicy.ALLOW
    company.account.save()
    prepared = credit_checkout(company.buyer, 1)

    paid = pay_on_account(ApiClient(user=company.buyer), prepared.id)

    assert paid["errors"] == []
    entry = CreditLedgerEntry.objects.get()
    assert (entry.type, entry.exceeded) == (LedgerEntryType.HOLD, True)
    company.account.refresh_from_db()
    assert company.account.held == prepared.total


def test_require_approval_refuses_with_its_own_code(credit_company, credit_checkout):
    company = credit_company
    company.account.limit = Decimal("5.00")
    company.account.exceed_policy = ExceedPolicy.REQUIRE_APPROVAL
    company.account.save()
    prepared = credit_checkout(company.buyer, 1)

    paid = pay_on_account(ApiClient(user=company.buyer), prepared.id)

    assert error_codes(paid) == [("id", "APPROVAL_REQUIRED")]
    assert not CreditLedgerEntry.objects.exists()


def test_a_sub_limit_caps_its_branch_inside_the_pool(credit_company, credit_checkout):
    # given: Berlin may use 15.00 of ACME's 1000
    from saleor_b2b_groups.credit.accounts import set_sub_limit

    company = credit_company
    set_sub_limit(company.groups["berlin"], Decimal("15.00"))
    berlin = credit_checkout(company.buyer, 1)
    paris = credit_checkout(company.paris_buyer, 1)
    assert berlin.total > Decimal("15.00")  # a unit plus its delivery

    # when both branches pay on account
    refused = pay_on_account(ApiClient(user=company.buyer), berlin.id)
    accepted = pay_on_account(ApiClient(user=company.paris_buyer), paris.id)

    # then: Berlin hits its sub-limit, Paris draws on the pool
    assert error_codes(refused) == [("id", "INSUFFICIENT_CREDIT")]
    assert accepted["errors"] == []
    assert CreditDraw.objects.get().group == company.groups["paris"]


def test_paying_twice_is_refused_and_a_changed_checkout_replaces_its_hold(
    credit_company, credit_checkout
):
    company = credit_company
    prepared = credit_checkout(company.buyer, 2)
    client = ApiClient(user=company.buyer)
    assert pay_on_account(client, prepared.id)["errors"] == []

    # when the buyer pays the same checkout again
    again = pay_on_account(client, prepared.id)

    # then
    assert error_codes(again) == [("id", "ALREADY_PAID")]
    assert ledger_types() == [LedgerEntryType.HOLD]

    # when the checkout changes and the buyer pays again
    line = prepared.checkout.lines.get()
    line.quantity = 4
    line.save(update_fields=["quantity"])
    prepared.checkout.price_expiration = timezone.now()
    prepared.checkout.save(update_fields=["price_expiration"])
    replaced = pay_on_account(client, prepared.id)

    # then: the first hold is released, its authorization cancelled
    assert replaced["errors"] == []
    assert ledger_types() == [
        LedgerEntryType.HOLD,
        LedgerEntryType.RELEASE,
        LedgerEntryType.HOLD,
    ]
    first, second = TransactionItem.objects.order_by("pk")
    assert first.authorized_value == 0
    assert second.authorized_value > first.canceled_value
    assert differences() == []


def test_another_buyers_checkout_cannot_be_paid_on_account(
    credit_company, credit_checkout
):
    prepared = credit_checkout(credit_company.buyer, 1)

    paid = pay_on_account(ApiClient(user=credit_company.paris_buyer), prepared.id)

    assert error_codes(paid) == [("id", "NOT_BUYER")]
    assert not CreditDraw.objects.exists()


def test_a_group_without_an_account_cannot_pay_on_account(
    buyer_in_other_group, credit_checkout
):
    prepared = credit_checkout(buyer_in_other_group, 1)

    paid = pay_on_account(ApiClient(user=buyer_in_other_group), prepared.id)

    assert error_codes(paid) == [("id", "NO_ACCOUNT")]


def test_a_pool_in_another_currency_is_refused(
    other_group, buyer_in_other_group, credit_checkout
):
    open_account(other_group, "1000", currency="EUR")
    prepared = credit_checkout(buyer_in_other_group, 1)

    paid = pay_on_account(ApiClient(user=buyer_in_other_group), prepared.id)

    assert error_codes(paid) == [("id", "CURRENCY_MISMATCH")]


def test_anonymous_cannot_pay_on_account(credit_company, credit_checkout, api_client):
    prepared = credit_checkout(credit_company.buyer, 1)

    response = api_client.post_graphql(
        """mutation ($id: ID!) { checkoutPayOnAccount(id: $id) { creditErrors { code } } }""",
        {"id": prepared.id},
    )

    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == (
        "PermissionDenied"
    )
    assert not CreditDraw.objects.exists()
