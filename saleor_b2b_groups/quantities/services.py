"""Writes of quantity rules: validated here, all or nothing, with their ERP event
(``quantity_rules_changed``) in the same transaction."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ..groups.models import CustomerGroup
from . import QuantityScope
from .error_codes import QuantityRuleErrorCode as Code
from .events import emit_quantity_rules_changed
from .models import QuantityRule
from .rules import EffectiveRule
from .tiers import unreachable_tiers

#: The largest quantity a rule may name (PostgreSQL's integer, with room).
MAX_QUANTITY = 1_000_000_000


@dataclass(frozen=True)
class RuleLimits:
    minimum: int | None = None
    increment: int | None = None
    maximum: int | None = None


def _error(field: str, message: str, code: Code = Code.INVALID) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def clean_limits(limits: RuleLimits) -> RuleLimits:
    """Refuse limits no quantity could meet, or that contradict each other."""
    values = {
        "minimum": limits.minimum,
        "increment": limits.increment,
        "maximum": limits.maximum,
    }
    if all(value is None for value in values.values()):
        raise _error(
            "minimum", "Set a minimum, an increment or a maximum.", Code.REQUIRED
        )
    for field, value in values.items():
        if value is not None and not 1 <= value <= MAX_QUANTITY:
            raise _error(field, f"{field} must be between 1 and {MAX_QUANTITY}.")
    minimum, increment, maximum = limits.minimum, limits.increment, limits.maximum
    if minimum is not None and maximum is not None and minimum > maximum:
        raise _error(
            "maximum", f"The maximum {maximum} is below the minimum {minimum}."
        )
    if increment is not None and minimum is not None and minimum % increment:
        raise _error(
            "minimum",
            f"The minimum {minimum} is not a multiple of the increment {increment}.",
        )
    if increment is not None and maximum is not None and maximum % increment:
        raise _error(
            "maximum",
            f"The maximum {maximum} is not a multiple of the increment {increment}.",
        )
    return limits


def set_rule(
    group: CustomerGroup, scope: str, target_id: int | None, limits: RuleLimits
) -> QuantityRule:
    """Create or replace the group's rule on the target.

    Refused (``TIER_UNREACHABLE``, on the limit to change) when it would make one
    of the group's price tiers unreachable (``tiers``).
    """
    clean_limits(limits)
    effective = EffectiveRule(limits.minimum, limits.increment, limits.maximum)
    unreachable = unreachable_tiers(group, scope, target_id, effective)
    if unreachable:
        limit = "maximum" if limits.maximum is not None else "increment"
        if limits.increment is None and limits.maximum is None:
            limit = "minimum"
        names = "; ".join(str(tier) for tier in unreachable[:5])
        raise _error(
            limit,
            f"These price tiers could not be reached under the rule: {names}.",
            Code.TIER_UNREACHABLE,
        )
    field = QuantityScope.TARGET_FIELDS.get(scope)
    lookup: dict[str, Any] = {
        f"{name}_id": None for name in QuantityScope.TARGET_FIELDS.values()
    }
    if field:
        lookup[f"{field}_id"] = target_id
    with transaction.atomic():
        rule, _created = QuantityRule.objects.select_for_update().update_or_create(
            group=group,
            scope=scope,
            **lookup,
            defaults={
                "minimum": limits.minimum,
                "increment": limits.increment,
                "maximum": limits.maximum,
            },
        )
        emit_quantity_rules_changed(group)
    return rule


def delete_rule(rule: QuantityRule) -> None:
    with transaction.atomic():
        group = rule.group
        rule.delete()
        emit_quantity_rules_changed(group)
