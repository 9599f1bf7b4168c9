"""Payments and adjustments recorded by staff or the ERP: once per reference."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from . import LedgerEntryType, draws, ledger, pool
from .accounts import CreditError, clean_amount
from .error_codes import CreditErrorCode
from .models import CreditAccount, CreditDraw, CreditLedgerEntry


@dataclass(frozen=True)
class Recorded:
    entry: CreditLedgerEntry
    #: False when the reference was recorded before (an ERP's retry).
    created: bool


def record_payment(
    account_id: int,
    *,
    amount: Any,
    currency: str,
    external_reference: str,
    order_id=None,
    user=None,
    app=None,
) -> Recorded:
    """A payment received by the ERP, against an order paid on account or the
    account as a whole. A second call with the same reference returns the first
    entry and changes nothing."""
    account = CreditAccount.objects.get(pk=account_id)
    _check_currency(account, currency)
    value = clean_amount(amount, "amount", account.currency, allow_zero=False)
    with transaction.atomic():
        locked = pool.lock(account.pk, [])
        existing = _recorded(
            locked.account, LedgerEntryType.PAYMENT, external_reference
        )
        if existing is not None:
            return Recorded(existing, created=False)
        if order_id is not None:
            draw = CreditDraw.objects.filter(account=account, order_id=order_id).first()
            if draw is None:
                raise CreditError(
                    "order",
                    CreditErrorCode.NOT_FOUND,
                    "The order was not paid on this account.",
                )
            entry = draws.settle(
                draw.pk,
                LedgerEntryType.PAYMENT,
                value,
                external_reference=external_reference,
                user=user,
                app=app,
            )
            if entry is None:
                raise CreditError(
                    "order", CreditErrorCode.INVALID, "The order is not charged."
                )
            from .orders import record_payment_on_transaction

            record_payment_on_transaction(draw, value)
            return Recorded(entry, created=True)
        entry = ledger.post(
            locked.account,
            LedgerEntryType.PAYMENT,
            value,
            external_reference=external_reference,
            user=user,
            app=app,
        )
        return Recorded(entry, created=True)


def record_adjustment(
    account_id: int,
    *,
    amount: Any,
    currency: str,
    reason: str,
    external_reference: str | None = None,
    user=None,
    app=None,
) -> Recorded:
    """Staff's correction: a positive amount adds to what the company owes, a
    negative one takes off it. A reason is required."""
    account = CreditAccount.objects.get(pk=account_id)
    _check_currency(account, currency)
    try:
        signed = Decimal(str(amount))
    except Exception as e:
        raise CreditError("amount", CreditErrorCode.INVALID, "Not a number.") from e
    if not signed.is_finite() or signed == 0:
        raise CreditError("amount", CreditErrorCode.INVALID, "Not zero.")
    magnitude = clean_amount(abs(signed), "amount", account.currency)
    if not (reason or "").strip():
        raise CreditError("reason", CreditErrorCode.REQUIRED, "Say why.")
    with transaction.atomic():
        locked = pool.lock(account.pk, [])
        if external_reference:
            existing = _recorded(
                locked.account, LedgerEntryType.ADJUSTMENT, external_reference
            )
            if existing is not None:
                return Recorded(existing, created=False)
        entry = ledger.post(
            locked.account,
            LedgerEntryType.ADJUSTMENT,
            magnitude if signed > 0 else -magnitude,
            external_reference=external_reference or None,
            reason=reason.strip(),
            user=user,
            app=app,
        )
    return Recorded(entry, created=True)


def _recorded(account: CreditAccount, entry_type: str, reference: str):
    return CreditLedgerEntry.objects.filter(
        account=account, type=entry_type, external_reference=reference
    ).first()


def _check_currency(account: CreditAccount, currency: str) -> None:
    if (currency or "").upper() != account.currency:
        raise CreditError(
            "currency",
            CreditErrorCode.CURRENCY_MISMATCH,
            f"The account is in {account.currency}.",
        )
