"""What Saleor's order and transaction events do to the ledger.

* The order of a checkout paid on account is created: the hold becomes a charge
  (Saleor's ``order_created`` hook, after the order's commit; idempotent).
* The order is cancelled: a hold still open is released; a charge is credited back
  by what is still outstanding on it.
* Staff act on the order's on-account transaction in the dashboard
  (``transactionRequestAction``; other gateways' transactions are ignored):
  CANCEL releases the hold (or credits the order's outstanding charge), CHARGE
  records that the company paid (a ``PAYMENT``: Saleor's charged amount of an
  on-account transaction is what the company has paid), REFUND credits the
  account (a ``CREDIT``: a return or refund after payment).
"""

from decimal import Decimal
from typing import Any

from django.utils import timezone
from saleor.payment import TransactionAction, TransactionEventType
from saleor.payment.models import TransactionEvent, TransactionItem
from saleor.payment.transaction_item_calculations import recalculate_transaction_amounts
from saleor.payment.utils import (
    create_transaction_event_from_request_and_webhook_response,
)

from . import ON_ACCOUNT_GATEWAY, DrawStatus, LedgerEntryType, draws
from .models import CreditDraw


def order_created(order: Any) -> bool:
    """Charge the hold of the order's checkout; False when there is none."""
    if not order.checkout_token:
        return False
    draw = (
        CreditDraw.objects.filter(
            checkout_token=order.checkout_token, status=DrawStatus.HELD
        )
        .only("pk")
        .first()
    )
    return draw is not None and draws.charge(draw.pk, order)


def order_cancelled(order: Any, *, user=None, app=None) -> None:
    for draw in CreditDraw.objects.filter(order_id=order.pk).only("pk", "status"):
        _reverse(draw.pk, "The order was cancelled.", user=user, app=app)
    if order.checkout_token:
        held = CreditDraw.objects.filter(
            checkout_token=order.checkout_token, status=DrawStatus.HELD
        )
        for draw in held.only("pk"):
            draws.release(draw.pk, "The order was cancelled.", user=user, app=app)


def _reverse(draw_id: int, reason: str, *, user=None, app=None) -> None:
    """Release a held draw, or credit what is still outstanding on a charge."""
    draw = CreditDraw.objects.get(pk=draw_id)
    if draw.status == DrawStatus.HELD:
        draws.release(draw_id, reason, user=user, app=app)
    elif draw.status == DrawStatus.CHARGED and draw.amount > draw.settled:
        draws.settle(
            draw_id,
            LedgerEntryType.CREDIT,
            draw.amount - draw.settled,
            reason=reason,
            user=user,
            app=app,
        )


def is_on_account(item: TransactionItem) -> bool:
    return item.app_identifier == ON_ACCOUNT_GATEWAY


def transaction_action_requested(action_data: Any, action: str) -> None:
    """Handle staff's request on an on-account transaction; ignore the others.

    Answers through Saleor's own ``create_transaction_event_from_request_and_
    webhook_response``, as its gift-card gateway does, so the order's payment
    statuses follow."""
    item = action_data.transaction
    if not is_on_account(item):
        return
    draw = CreditDraw.objects.filter(transaction_id=item.pk).first()
    request_event = action_data.event
    amount = Decimal(action_data.action_value)
    user, app = request_event.user, request_event.app
    if draw is None:
        result = f"{action}_failure"
    elif action == TransactionAction.CANCEL:
        _reverse(draw.pk, "Cancelled by staff.", user=user, app=app)
        result = TransactionEventType.CANCEL_SUCCESS
    else:
        entry_type, reason = (
            (LedgerEntryType.PAYMENT, "Charged by staff in Saleor.")
            if action == TransactionAction.CHARGE
            else (LedgerEntryType.CREDIT, "Refunded by staff in Saleor.")
        )
        entry = draws.settle(
            draw.pk, entry_type, amount, reason=reason, user=user, app=app
        )
        result = (
            (
                TransactionEventType.CHARGE_SUCCESS
                if action == TransactionAction.CHARGE
                else TransactionEventType.REFUND_SUCCESS
            )
            if entry is not None
            else f"{action}_failure"
        )
    create_transaction_event_from_request_and_webhook_response(
        request_event,
        None,
        transaction_webhook_response={
            "result": result.upper(),
            "pspReference": f"{item.psp_reference}-{request_event.pk}",
            "amount": amount,
            "actions": _actions_after(item, action, amount, result),
        },
    )


def _actions_after(item: TransactionItem, action: str, amount: Decimal, result: str):
    authorized = item.authorized_value
    charged = item.charged_value
    if result.endswith("success"):
        if action == TransactionAction.CANCEL:
            authorized -= amount
        elif action == TransactionAction.CHARGE:
            authorized -= amount
            charged += amount
        else:
            charged -= amount
    actions = []
    if authorized > 0:
        actions += [TransactionAction.CHARGE.upper(), TransactionAction.CANCEL.upper()]
    if charged > 0:
        actions.append(TransactionAction.REFUND.upper())
    return actions


def record_payment_on_transaction(draw: CreditDraw, amount: Decimal) -> None:
    """An ERP payment against an order: Saleor's on-account transaction shows it
    charged (the order is paid in Saleor as far as the company paid)."""
    if draw.transaction_id is None:
        return
    locked = (
        TransactionItem.objects.select_for_update(of=["self"])
        .filter(pk=draw.transaction_id)
        .first()
    )
    if locked is None:
        return
    amount = min(amount, locked.authorized_value)
    if amount <= 0:
        return
    TransactionEvent.objects.create(
        transaction=locked,
        type=TransactionEventType.CHARGE_SUCCESS,
        amount_value=amount,
        currency=locked.currency,
        psp_reference=locked.psp_reference,
        include_in_calculations=True,
        app_identifier=ON_ACCOUNT_GATEWAY,
        created_at=timezone.now(),
        message="Paid on account (recorded from the ERP).",
    )
    recalculate_transaction_amounts(locked)
