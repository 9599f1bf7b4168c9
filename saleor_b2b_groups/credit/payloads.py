"""ERP payloads of credit events (see ``webhooks/schemas/credit_*.json``)."""

from typing import Any

import graphene

from ..webhooks.events import Aggregate
from ..webhooks.payloads import enum_value, global_id, group_reference, money
from .figures import Figures
from .models import CreditAccount, CreditLedgerEntry

AGGREGATE_TYPE = "credit_account"


def aggregate(account: CreditAccount) -> Aggregate:
    """Every event of an account, in one sequence (its ledger's order)."""
    return Aggregate(
        AGGREGATE_TYPE, graphene.Node.to_global_id("CreditAccount", account.pk)
    )


def figures(values: Figures) -> dict[str, Any]:
    currency = values.currency
    return {
        "limit": money(values.limit, currency),
        "outstanding": money(values.outstanding, currency),
        "held": money(values.held, currency),
        "available": money(values.available, currency),
    }


def account(row: CreditAccount, values: Figures, *, deleted: bool = False):
    group = row.group
    return {
        "account": {
            "id": graphene.Node.to_global_id("CreditAccount", row.pk),
            "group": group_reference(group),
            "currency": row.currency,
            "exceedPolicy": enum_value(row.exceed_policy),
            "blockWhenOverdueDays": row.block_when_overdue_days,
            "figures": figures(values),
            "subLimits": [
                {
                    "id": graphene.Node.to_global_id("CreditSubLimit", sub.pk),
                    "group": group_reference(sub.group),
                    "limit": money(sub.limit, row.currency),
                }
                for sub in row.sub_limits.select_related("group").order_by("pk")
            ],
        },
        "deleted": deleted,
    }


def ledger_entry(entry: CreditLedgerEntry, values: Figures) -> dict[str, Any]:
    draw = entry.draw
    return {
        "entry": {
            "id": graphene.Node.to_global_id("CreditLedgerEntry", entry.pk),
            "type": enum_value(entry.type),
            "amount": money(entry.amount, entry.currency),
            "group": global_id(entry.group),
            "checkoutToken": str(entry.checkout_token)
            if entry.checkout_token
            else None,
            "order": (
                graphene.Node.to_global_id("Order", entry.order_id)
                if entry.order_id
                else None
            ),
            "externalReference": entry.external_reference,
            "reason": entry.reason,
            "exceeded": entry.exceeded,
            "dueDate": (
                draw.due_date.isoformat()
                if draw is not None and draw.due_date
                else None
            ),
            "createdAt": entry.created_at.isoformat(),
        },
        "figures": figures(values),
    }
