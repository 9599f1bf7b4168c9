"""Inherited terms: a group's value of a term is its own, or its nearest ancestor's.

Each term is a nullable column on ``CustomerGroup`` (null: inherit) registered in
``TERMS`` with the default that applies when no group up to the root sets it.
Resolution needs only the group's lineage, which callers load in one query
(``CustomerGroupsInfo``, or the GraphQL ancestors loader), so it costs no query.
Features (pricing policy, catalog mode, channels, approvals, credit) add a column
and register a ``Term`` from their own ``terms`` module (``register_term``), listed in
``apps.TERM_MODULES``: the groups package imports no feature.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

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


#: Every inheritable term, in registration order (the order of
#: ``CustomerGroupTermEnum``): this package's own first, then each feature's, as
#: ``apps.TERM_MODULES`` loads them.
TERMS: dict[str, Term] = {}


def register_term(term: Term) -> Term:
    """Make ``term`` an inherited term of every group (once, at start-up)."""
    registered = TERMS.setdefault(term.field, term)
    if registered is not term and registered != term:
        raise ValueError(f"The term {term.field!r} is registered twice.")
    return term


register_term(
    Term(
        field="payment_terms_days",
        default=0,
        description="Days the group has to pay an invoice (0: pay on order).",
        clean=_clean_days,
    )
)


def effective_term(term: Term, lineage: Sequence[CustomerGroup]) -> EffectiveTerm:
    """``lineage`` is the group, then its parent, up to the root."""
    for depth, group in enumerate(lineage):
        value = getattr(group, term.field)
        if value is not None:
            return EffectiveTerm(term, value, group, is_inherited=depth > 0)
    return EffectiveTerm(term, term.default, None, is_inherited=True)


def effective_terms(lineage: Sequence[CustomerGroup]) -> dict[str, EffectiveTerm]:
    return {name: effective_term(term, lineage) for name, term in TERMS.items()}
