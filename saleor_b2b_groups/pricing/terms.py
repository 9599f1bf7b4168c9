"""Pricing's inherited term: how a group picks among its price lists' offers."""

from ..groups.terms import Term, register_term
from . import PriceConflictPolicy


def _clean_price_conflict_policy(value: str) -> str:
    allowed = [choice for choice, _label in PriceConflictPolicy.CHOICES]
    if value not in allowed:
        raise ValueError(f"Unknown price conflict policy; use one of {allowed}.")
    return value


PRICE_CONFLICT_POLICY = register_term(
    Term(
        field="price_conflict_policy",
        default=PriceConflictPolicy.LOWEST,
        description=(
            "How a price is picked when several of the group's price lists "
            "(its own and its ancestors') offer one."
        ),
        clean=_clean_price_conflict_policy,
    )
)
