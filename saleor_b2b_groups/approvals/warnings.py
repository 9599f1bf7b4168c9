"""Warnings about a policy that is valid but may not do what the admin meant.

A threshold's currency must be an ISO 4217 code (refused otherwise), but a valid
code that no channel sells in is accepted: the channel may come later. Until then
the rule never applies, since it counts only checkouts in its currency; so the
mutation that sets it answers with a warning (``CURRENCY_NOT_IN_ANY_CHANNEL``)
and stores the policy all the same.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from saleor.channel.models import Channel


class ApprovalPolicyWarningCode(Enum):
    CURRENCY_NOT_IN_ANY_CHANNEL = "currency_not_in_any_channel"


@dataclass(frozen=True)
class PolicyWarning:
    code: ApprovalPolicyWarningCode
    message: str
    #: The rule's index in the policy (0 for the first).
    rule: int


def policy_warnings(policy: dict[str, Any] | None) -> list[PolicyWarning]:
    """Warnings about a policy as stored (``clean_approval_policy``'s result)."""
    rules = (policy or {}).get("rules") or []
    wanted = {rule.get("currency") for rule in rules if rule.get("currency")}
    if not wanted:
        return []
    sold = set(
        Channel.objects.filter(currency_code__in=wanted).values_list(
            "currency_code", flat=True
        )
    )
    return [
        PolicyWarning(
            ApprovalPolicyWarningCode.CURRENCY_NOT_IN_ANY_CHANNEL,
            f"Rule {index + 1}: no channel sells in {rule['currency']}, so the rule "
            "applies to no checkout until one does.",
            index,
        )
        for index, rule in enumerate(rules)
        if rule.get("currency") and rule["currency"] not in sold
    ]
