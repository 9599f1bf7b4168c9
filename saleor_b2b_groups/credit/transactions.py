"""Saleor transactions of payments on account.

The package creates the transaction itself (``checkoutPayOnAccount``), as Saleor's
``transactionCreate`` does, instead of registering an App for
``transactionInitialize``: the hold and the authorization are then written in one
database transaction, with no webhook round trip, and a buyer needs no
``HANDLE_PAYMENTS`` app. The transaction carries ``ON_ACCOUNT_GATEWAY`` as its
``app_identifier``, so staff and the package recognise it.
"""

from decimal import Decimal

from django.utils import timezone
from saleor.payment import TransactionAction, TransactionEventType
from saleor.payment.models import TransactionEvent, TransactionItem
from saleor.payment.transaction_item_calculations import recalculate_transaction_amounts

from . import ON_ACCOUNT_GATEWAY, ON_ACCOUNT_METHOD_TYPE


def transaction_name(payment_terms_days: int) -> str:
    """What staff see in the dashboard: "On account, net 30"."""
    if payment_terms_days:
        return f"On account, net {payment_terms_days}"
    return "On account"


def authorize(
    *, checkout, amount: Decimal, currency: str, name: str, psp_reference: str, user
) -> TransactionItem:
    """A transaction authorized for ``amount`` on ``checkout``."""
    item = TransactionItem.objects.create(
        checkout_id=checkout.pk,
        name=name,
        psp_reference=psp_reference,
        currency=currency,
        available_actions=[TransactionAction.CANCEL],
        app_identifier=ON_ACCOUNT_GATEWAY,
        user=user,
        payment_method_type=ON_ACCOUNT_METHOD_TYPE,
        payment_method_name=name,
        use_old_id=False,
    )
    TransactionEvent.objects.create(
        transaction=item,
        type=TransactionEventType.AUTHORIZATION_SUCCESS,
        amount_value=amount,
        currency=currency,
        psp_reference=psp_reference,
        include_in_calculations=True,
        app_identifier=ON_ACCOUNT_GATEWAY,
        user=user,
        created_at=timezone.now(),
        message=name,
    )
    recalculate_transaction_amounts(item)
    return item


def cancel_authorization(transaction_id: int, amount: Decimal) -> None:
    """Whatever the transaction still authorizes is cancelled (the hold released)."""
    item = (
        TransactionItem.objects.select_for_update(of=["self"])
        .filter(pk=transaction_id)
        .first()
    )
    if item is None or item.authorized_value <= 0:
        return
    TransactionEvent.objects.create(
        transaction=item,
        type=TransactionEventType.CANCEL_SUCCESS,
        amount_value=min(amount, item.authorized_value),
        currency=item.currency,
        psp_reference=item.psp_reference,
        include_in_calculations=True,
        app_identifier=ON_ACCOUNT_GATEWAY,
        created_at=timezone.now(),
        message="Hold released.",
    )
    recalculate_transaction_amounts(item)
    item.available_actions = []
    item.save(update_fields=["available_actions", "modified_at"])
