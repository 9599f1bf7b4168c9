"""Quantity rules where other features turn rows into checkout lines.

Quick order and requisition lists ask ``selfservice.quantities`` before they add
lines; this registers the group's quantity rules there (``apps.HOOK_MODULES``), so
a row that breaks a rule is refused with ``QUANTITY_RULE`` and the rule's message.
"""

from collections.abc import Sequence

from ..buyers.context import BuyerContext
from ..selfservice.quantities import QuantityRequest, register_quantity_check
from .checks import check_quantities


@register_quantity_check
def quantity_rules(
    buyer: BuyerContext, channel_id: int, requests: Sequence[QuantityRequest]
) -> dict[int, str]:
    """Each row judged on its variant's units in the checkout once added."""
    keys_by_variant: dict[int, list[int]] = {}
    for request in requests:
        keys_by_variant.setdefault(request.variant_id, []).append(request.key)
    problems = check_quantities(
        buyer, channel_id, {(r.variant_id, r.total) for r in requests}
    )
    refused: dict[int, str] = {}
    for problem in problems:
        for key in keys_by_variant.get(problem.variant_id or 0, []):
            refused.setdefault(key, problem.message)
    return refused
