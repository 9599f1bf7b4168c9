"""The one writer of the ledger and of the figures' summary.

``post`` appends an entry and moves the summary of the account and of the entry's
sub-limits in the same transaction, under their row locks (the caller holds them:
``pool.lock``), and emits ``credit_ledger_entry_created``. Nothing else writes
``outstanding`` or ``held``.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from ..webhooks import ErpEventType
from ..webhooks.events import emit
from . import LedgerEntryType, payloads
from .figures import figures_of
from .models import CreditAccount, CreditLedgerEntry, CreditSubLimit

#: How an entry of each type moves (outstanding, held), per unit of its amount.
EFFECTS: dict[str, tuple[int, int]] = {
    LedgerEntryType.HOLD: (0, 1),
    LedgerEntryType.RELEASE: (0, -1),
    LedgerEntryType.CHARGE: (1, -1),
    LedgerEntryType.PAYMENT: (-1, 0),
    LedgerEntryType.CREDIT: (-1, 0),
    LedgerEntryType.ADJUSTMENT: (1, 0),
}


def post(
    account: CreditAccount,
    entry_type: str,
    amount: Decimal,
    *,
    sub_limits: Sequence[CreditSubLimit] = (),
    **fields: Any,
) -> CreditLedgerEntry:
    """Append an entry; ``account`` and ``sub_limits`` are locked by the caller."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Ledger entries are posted inside the lock's transaction.")
    outstanding_sign, held_sign = EFFECTS[entry_type]
    entry = CreditLedgerEntry.objects.create(
        account=account,
        type=entry_type,
        amount=amount,
        currency=account.currency,
        sub_limit_ids=[sub.pk for sub in sub_limits],
        **fields,
    )
    rows: list[CreditAccount | CreditSubLimit] = [account, *sub_limits]
    for row in rows:
        row.outstanding += outstanding_sign * amount
        row.held += held_sign * amount
        row.save(update_fields=["outstanding", "held", "updated_at"])
    emit(
        ErpEventType.CREDIT_LEDGER_ENTRY_CREATED,
        payloads.aggregate(account),
        payloads.ledger_entry(entry, figures_of(account, account.currency)),
    )
    return entry
