"""Cancel, staff's transaction actions, expiry and overdue charges."""

from datetime import timedelta
from decimal import Decimal

import graphene
import pytest
from django.utils import timezone
from saleor.graphql.tests.fixtures import ApiClient
from saleor.order.models import Order
from saleor.payment.models import TransactionItem

from saleor_b2b_groups.credit import DrawStatus, LedgerEntryType
from saleor_b2b_groups.credit.draws import release_expired
from saleor_b2b_groups.credit.models import CreditAccount, CreditDraw, CreditLedgerEntry
from saleor_b2b_groups.credit.reconcile import differences

from .operations import ORDER_PAYMENT_TERMS, data_of, error_codes, pay_on_account
from .test_admin_api import place_order

ORDER_CANCEL = """
mutation ($id: ID!) { orderCancel(id: $id) { errors { field code message } } }
"""

TRANSACTION_ACTION = """
mutation ($id: ID!, $action: TransactionActionEnum!, $amount: PositiveDecimal) {
  transactionRequestAction(id: $id, actionType: $action, amount: $amount) {
    transaction { authorizedAmount { amount } chargedAmount { amount }
                  refundedAmount { amount } canceledAmount { amount } }
    errors { field code message }
  }
}
"""


def ledger_types():
    return list(CreditLedgerEntry.objects.values_list("type", flat=True))


def account_figures():
    account = CreditAccount.objects.get()
    return account.outstanding, account.held


@pytest.fixture
def payments_staff(
    app_api_client, permission_manage_orders, permission_manage_payments
):
    """The dashboard's (or an app's) hands on orders and their transactions."""
    app_api_client.app.permissions.add(
        permission_manage_orders, permission_manage_payments
    )
    return app_api_client


def transaction_id():
    item = TransactionItem.objects.get()
    return graphene.Node.to_global_id("TransactionItem", item.token)


def test_cancelling_the_order_credits_its_charge(
    credit_company, credit_checkout, payments_staff
):
    order_id, total = place_order(credit_company, credit_checkout)

    cancelled = data_of(
        payments_staff.post_graphql(ORDER_CANCEL, {"id": order_id}), "orderCancel"
    )

    assert cancelled["errors"] == []
    assert ledger_types() == [
        LedgerEntryType.HOLD,
        LedgerEntryType.CHARGE,
        LedgerEntryType.CREDIT,
    ]
    assert account_figures() == (Decimal(0), Decimal(0))
    assert differences() == []


def test_staff_cancelling_a_held_checkouts_transaction_releases_the_hold(
    credit_company, credit_checkout, payments_staff
):
    prepared = credit_checkout(credit_company.buyer, 1)
    assert (
        pay_on_account(ApiClient(user=credit_company.buyer), prepared.id)["errors"]
        == []
    )

    done = data_of(
        payments_staff.post_graphql(
            TRANSACTION_ACTION, {"id": transaction_id(), "action": "CANCEL"}
        ),
        "transactionRequestAction",
    )

    assert done["errors"] == []
    assert done["transaction"]["authorizedAmount"]["amount"] == 0
    assert ledger_types() == [LedgerEntryType.HOLD, LedgerEntryType.RELEASE]
    assert CreditDraw.objects.get().status == DrawStatus.RELEASED
    assert account_figures() == (Decimal(0), Decimal(0))


def test_staff_charging_records_a_payment_and_refunding_credits_the_account(
    credit_company, credit_checkout, payments_staff
):
    order_id, total = place_order(credit_company, credit_checkout)

    charged = data_of(
        payments_staff.post_graphql(
            TRANSACTION_ACTION, {"id": transaction_id(), "action": "CHARGE"}
        ),
        "transactionRequestAction",
    )
    refunded = data_of(
        payments_staff.post_graphql(
            TRANSACTION_ACTION,
            {"id": transaction_id(), "action": "REFUND", "amount": "5.00"},
        ),
        "transactionRequestAction",
    )

    assert charged["errors"] == refunded["errors"] == []
    assert refunded["transaction"]["chargedAmount"]["amount"] == float(total - 5)
    assert ledger_types() == [
        LedgerEntryType.HOLD,
        LedgerEntryType.CHARGE,
        LedgerEntryType.PAYMENT,
        LedgerEntryType.CREDIT,
    ]
    # paid in full, then 5.00 credited back: the company is 5.00 in credit
    assert account_figures() == (Decimal("-5.00"), Decimal(0))
    assert differences() == []


def test_expired_holds_and_deleted_checkouts_are_released(
    credit_company, credit_checkout
):
    client = ApiClient(user=credit_company.buyer)
    expired = credit_checkout(credit_company.buyer, 1)
    deleted = credit_checkout(credit_company.buyer, 1)
    kept = credit_checkout(credit_company.buyer, 1)
    for prepared in (expired, deleted, kept):
        assert pay_on_account(client, prepared.id)["errors"] == []
    CreditDraw.objects.filter(checkout_token=expired.checkout.token).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    deleted.checkout.delete()

    released = release_expired()

    assert released == 2
    assert CreditDraw.objects.filter(status=DrawStatus.HELD).get().checkout_token == (
        kept.checkout.token
    )
    assert CreditAccount.objects.get().held == kept.total
    assert differences() == []


def test_an_overdue_charge_shows_on_the_order_and_blocks_new_draws(
    credit_company, credit_checkout
):
    order_id, total = place_order(credit_company, credit_checkout)
    CreditDraw.objects.update(due_date=timezone.localdate() - timedelta(days=10))
    CreditAccount.objects.update(block_when_overdue_days=7)
    buyer = ApiClient(user=credit_company.buyer)

    terms = data_of(buyer.post_graphql(ORDER_PAYMENT_TERMS, {"id": order_id}), "order")
    refused = pay_on_account(buyer, credit_checkout(credit_company.buyer, 1).id)

    assert terms["paymentTerms"]["isOverdue"] is True
    assert error_codes(refused) == [("id", "OVERDUE")]


def test_another_customer_cannot_read_an_orders_terms(
    credit_company, credit_checkout, buyer_in_other_group
):
    order_id, _ = place_order(credit_company, credit_checkout)

    response = ApiClient(user=buyer_in_other_group).post_graphql(
        ORDER_PAYMENT_TERMS, {"id": order_id}
    )

    # Saleor shows an order to whoever knows its ID; its terms are not shown
    assert response.json()["data"]["order"]["paymentTerms"] is None
    assert Order.objects.count() == 1


def test_a_hold_whose_order_hook_never_ran_is_charged_by_the_sweep(
    credit_company, credit_checkout
):
    # given: an order placed while the hook did not run (the plugin was off)
    from saleor_b2b_groups.credit.draws import charge_missed
    from saleor_b2b_groups.credit.tasks import release_expired_credit_holds_task

    order_id, total = place_order(credit_company, credit_checkout)
    draw = CreditDraw.objects.get()
    CreditDraw.objects.update(status=DrawStatus.HELD, order_id=None, due_date=None)
    CreditLedgerEntry.objects.filter(type=LedgerEntryType.CHARGE).delete()
    CreditAccount.objects.update(outstanding=0, held=total)
    assert differences() == []

    # when the periodic task runs (twice)
    release_expired_credit_holds_task()
    assert charge_missed() == 0

    # then: charged once, not released
    draw.refresh_from_db()
    assert draw.status == DrawStatus.CHARGED
    assert ledger_types() == [LedgerEntryType.HOLD, LedgerEntryType.CHARGE]
    assert account_figures() == (total, Decimal(0))
    assert differences() == []
