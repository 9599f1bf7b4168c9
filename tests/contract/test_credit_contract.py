"""What company credit relies on in Saleor 3.23 (by signature and behaviour, never
source text); fails loudly when an upgrade moves it."""

import inspect

from saleor.payment import TransactionAction, TransactionEventType
from saleor.payment.interface import TransactionActionData
from saleor.payment.models import TransactionItem
from saleor.payment.transaction_item_calculations import recalculate_transaction_amounts
from saleor.payment.utils import (
    create_transaction_event_from_request_and_webhook_response,
    process_order_or_checkout_with_transaction,
)
from saleor.plugins.base_plugin import BasePlugin

from saleor_b2b_groups.plugin import CustomerGroupsPlugin


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_transaction_helpers_credit_calls_keep_their_signatures():
    assert parameters(process_order_or_checkout_with_transaction)[:4] == [
        "transaction",
        "manager",
        "user",
        "app",
    ]
    assert parameters(create_transaction_event_from_request_and_webhook_response) == [
        "request_event",
        "app",
        "transaction_webhook_response",
    ]
    assert parameters(recalculate_transaction_amounts)[0] == "transaction"
    fields = {f.name for f in TransactionItem._meta.get_fields()}
    assert {"app_identifier", "checkout", "order", "available_actions"} <= fields


def test_the_plugin_hooks_credit_implements_exist_in_saleor():
    for hook in (
        "order_created",
        "order_cancelled",
        "transaction_charge_requested",
        "transaction_cancelation_requested",
        "transaction_refund_requested",
    ):
        assert hook in BasePlugin.__annotations__, hook
        assert hook in CustomerGroupsPlugin.__dict__, hook
    action_fields = set(TransactionActionData.__dataclass_fields__)
    assert {"transaction", "action_value", "event"} <= action_fields


def test_the_transaction_enums_credit_answers_with_exist():
    assert {TransactionAction.CHARGE, TransactionAction.CANCEL} <= {
        value for value, _ in TransactionAction.CHOICES
    }
    for event_type in (
        TransactionEventType.AUTHORIZATION_SUCCESS,
        TransactionEventType.CANCEL_SUCCESS,
        TransactionEventType.CHARGE_SUCCESS,
        TransactionEventType.REFUND_SUCCESS,
    ):
        assert event_type in {value for value, _ in TransactionEventType.CHOICES}
