"""The summary against the ledger: every difference, per account and sub-limit."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from .ledger import EFFECTS


@dataclass(frozen=True)
class Difference:
    kind: str  # "account" or "sub_limit"
    id: int
    figure: str  # "outstanding" or "held"
    summary: Decimal
    ledger: Decimal


def _effect_sql(column: int) -> str:
    cases = " ".join(
        f"WHEN '{entry_type}' THEN {effect[column]}"
        for entry_type, effect in EFFECTS.items()
    )
    return f"SUM(e.amount * (CASE e.type {cases} ELSE 0 END))"


def differences() -> list[Difference]:
    """Recompute every figure from the ledger (two queries) and compare."""
    outstanding, held = _effect_sql(0), _effect_sql(1)
    found: list[Difference] = []
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT a.id, a.outstanding, a.held,
                   COALESCE(x.outstanding, 0), COALESCE(x.held, 0)
            FROM saleor_b2b_groups_creditaccount a
            LEFT JOIN (
                SELECT e.account_id, {outstanding} AS outstanding, {held} AS held
                FROM saleor_b2b_groups_creditledgerentry e GROUP BY e.account_id
            ) x ON x.account_id = a.id
            ORDER BY a.id
            """
        )
        found += _compare("account", cursor.fetchall())
        cursor.execute(
            f"""
            SELECT s.id, s.outstanding, s.held,
                   COALESCE(x.outstanding, 0), COALESCE(x.held, 0)
            FROM saleor_b2b_groups_creditsublimit s
            LEFT JOIN (
                SELECT u.sub_id, {outstanding} AS outstanding, {held} AS held
                FROM saleor_b2b_groups_creditledgerentry e,
                     unnest(e.sub_limit_ids) AS u(sub_id)
                GROUP BY u.sub_id
            ) x ON x.sub_id = s.id
            ORDER BY s.id
            """
        )
        found += _compare("sub_limit", cursor.fetchall())
    return found


def _compare(kind: str, rows) -> list[Difference]:
    found = []
    for pk, outstanding, held, ledger_outstanding, ledger_held in rows:
        if outstanding != ledger_outstanding:
            found.append(
                Difference(kind, pk, "outstanding", outstanding, ledger_outstanding)
            )
        if held != ledger_held:
            found.append(Difference(kind, pk, "held", held, ledger_held))
    return found
