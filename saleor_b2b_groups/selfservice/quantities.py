"""The one place quantity rules plug into quick order and requisition lists.

Quantity rules (minimum, maximum, increment per group) are their own feature; it
registers a check here at start-up (``register_quantity_check``) and every path
that turns rows into checkout lines (``lines.add_rows_to_checkout``) asks each
registered check. With none registered, every quantity from 1 up is allowed.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..buyers.context import BuyerContext


@dataclass(frozen=True)
class QuantityRequest:
    """One row about to become a checkout line: ``quantity`` units of a variant,
    ``total`` of them in the checkout once added (existing lines included)."""

    key: int
    variant_id: int
    quantity: int
    total: int


#: A check returns, for the rows it refuses, their key -> a message.
QuantityCheck = Callable[[BuyerContext, int, Sequence[QuantityRequest]], dict[int, str]]

QUANTITY_CHECKS: list[QuantityCheck] = []


def register_quantity_check(check: QuantityCheck) -> QuantityCheck:
    """Add a check (``check(buyer, channel_id, requests)``); usable as a decorator."""
    if check not in QUANTITY_CHECKS:
        QUANTITY_CHECKS.append(check)
    return check


def quantity_refusals(
    buyer: BuyerContext, channel_id: int, requests: Sequence[QuantityRequest]
) -> dict[int, str]:
    refused: dict[int, str] = {}
    for check in QUANTITY_CHECKS:
        for key, message in check(buyer, channel_id, requests).items():
            refused.setdefault(key, message)
    return refused
