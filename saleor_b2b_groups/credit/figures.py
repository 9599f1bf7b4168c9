"""The balance of an account or sub-limit: derived here, and nowhere else."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol


class HasFigures(Protocol):
    limit: Decimal
    outstanding: Decimal
    held: Decimal


@dataclass(frozen=True)
class Figures:
    """An account's (or a sub-limit's) figures, in the account's currency."""

    currency: str
    limit: Decimal
    #: Charged minus paid and credited, plus adjustments.
    outstanding: Decimal
    #: Held for checkouts paid on account and not yet ordered.
    held: Decimal

    @property
    def available(self) -> Decimal:
        """What is left to draw; below zero after an allowed excess."""
        return self.limit - self.outstanding - self.held


def figures_of(row: HasFigures, currency: str) -> Figures:
    return Figures(
        currency=currency,
        limit=row.limit,
        outstanding=row.outstanding,
        held=row.held,
    )


def available_through(figures: list[Figures]) -> Decimal:
    """What a group may draw: the least available of its pool and its sub-limits."""
    return min(f.available for f in figures)
