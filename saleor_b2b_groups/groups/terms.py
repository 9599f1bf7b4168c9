"""Inherited terms: a group's value of a term is its own, or its nearest ancestor's.

Each term is a nullable column on ``CustomerGroup`` (null: inherit) registered in
``TERMS`` with the default that applies when no group up to the root sets it.
Resolution needs only the group's lineage, which callers load in one query
(``CustomerGroupsInfo``, or the GraphQL ancestors loader), so it costs no query.
Later features (pricing policy, catalog mode, channels, approvals, credit) add a
column and a ``Term``; nothing else changes.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..approvals.policy import clean_approval_policy, clean_validity_hours
from ..pricing import PriceConflictPolicy
from ..visibility import CatalogMode
from .models import CustomerGroup


@dataclass(frozen=True)
class Term:
    """One inheritable setting of a group."""

    #: The ``CustomerGroup`` field holding the group's own value (null: inherit).
    field: str
    #: What applies when neither the group nor any ancestor sets it.
    default: Any
    description: str
    #: Checks an admin's value (not None) and returns it; raises ``ValueError``
    #: with a message for the admin when it is not acceptable.
    clean: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class EffectiveTerm:
    term: Term
    value: Any
    #: The group whose own value applies; None when the default applies.
    source: CustomerGroup | None
    #: False only when the group itself sets the value.
    is_inherited: bool


def _clean_days(value: int) -> int:
    if value < 0:
        raise ValueError("Payment terms cannot be negative.")
    return value


def _clean_catalog_mode(value: str) -> str:
    allowed = [choice for choice, _label in CatalogMode.CHOICES]
    if value not in allowed:
        raise ValueError(f"Unknown catalog mode; use one of {allowed}.")
    return value


def _clean_allowed_channels(value: list[int]) -> list[int]:
    if not value:
        raise ValueError(
            "Allow at least one channel; null inherits the parent's channels."
        )
    return sorted(set(value))


def _clean_price_conflict_policy(value: str) -> str:
    allowed = [choice for choice, _label in PriceConflictPolicy.CHOICES]
    if value not in allowed:
        raise ValueError(f"Unknown price conflict policy; use one of {allowed}.")
    return value


TERMS: dict[str, Term] = {
    term.field: term
    for term in [
        Term(
            field="payment_terms_days",
            default=0,
            description="Days the group has to pay an invoice (0: pay on order).",
            clean=_clean_days,
        ),
        Term(
            field="price_conflict_policy",
            default=PriceConflictPolicy.LOWEST,
            description=(
                "How a price is picked when several of the group's price lists "
                "(its own and its ancestors') offer one."
            ),
            clean=_clean_price_conflict_policy,
        ),
        Term(
            field="catalog_mode",
            default=CatalogMode.OPEN,
            description=(
                "What the group's members see where no catalog rule speaks: "
                "everything (open) or nothing (restricted)."
            ),
            clean=_clean_catalog_mode,
        ),
        Term(
            field="allowed_channels",
            default=None,
            description=(
                "The channels the group's members may see and buy in; null: every "
                "channel."
            ),
            clean=_clean_allowed_channels,
        ),
        Term(
            field="approval_policy",
            default=None,
            description=(
                "When the group's checkouts need approval and by whom (none: no "
                "approval needed); a group's own policy replaces the inherited one."
            ),
            clean=clean_approval_policy,
        ),
        Term(
            field="approval_validity_hours",
            default=168,
            description=(
                "Hours an approval request, and an approval, stays valid after its "
                "latest event."
            ),
            clean=clean_validity_hours,
        ),
    ]
}


def effective_term(term: Term, lineage: Sequence[CustomerGroup]) -> EffectiveTerm:
    """``lineage`` is the group, then its parent, up to the root."""
    for depth, group in enumerate(lineage):
        value = getattr(group, term.field)
        if value is not None:
            return EffectiveTerm(term, value, group, is_inherited=depth > 0)
    return EffectiveTerm(term, term.default, None, is_inherited=True)


def effective_terms(lineage: Sequence[CustomerGroup]) -> dict[str, EffectiveTerm]:
    return {name: effective_term(term, lineage) for name, term in TERMS.items()}
