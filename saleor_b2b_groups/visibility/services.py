"""Every write to catalog visibility, validated here and announced to the ERP.

A group's catalog settings and rules, and a channel's access policy, change only
through these functions: each checks what it is given, writes all or nothing, and
emits ``catalog_rules_changed`` in the same transaction (the outbox) when something
changed. The GraphQL layer parses IDs and maps ``CatalogInputError`` to its codes.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from saleor.channel.models import Channel
from saleor.product.models import Category, Collection, Product

from ..groups.models import CustomerGroup
from ..groups.terms import TERMS
from . import RuleScope
from .error_codes import CatalogVisibilityErrorCode as Code
from .events import emit_channel_access_changed, emit_group_catalog_changed
from .models import CatalogRule, ChannelAccessPolicy

#: Rules one call may set or delete.
MAX_RULES = 1000

TARGET_MODELS: dict[str, Any] = {
    RuleScope.PRODUCT: Product,
    RuleScope.CATEGORY: Category,
    RuleScope.COLLECTION: Collection,
}

#: Leave a setting as it is.
UNCHANGED: Any = object()


class CatalogInputError(ValueError):
    """Refused input; ``indexes``: the rules at fault, ``pks``: the unknown ones."""

    def __init__(
        self,
        field: str,
        message: str,
        code: Code,
        *,
        index: int | None = None,
        pks: Sequence[int] = (),
    ) -> None:
        super().__init__(message)
        self.field, self.code, self.index, self.pks = field, code, index, list(pks)


@dataclass(frozen=True)
class RuleSpec:
    """One rule to set: include or exclude one product, category or collection."""

    effect: str
    scope: str
    target_id: int


def _locked(group: CustomerGroup) -> CustomerGroup:
    """One writer of a group's catalog at a time."""
    return CustomerGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)


def clean_allowed_channels(pks: list[int] | None) -> list[int] | None:
    """Existing channels only, and what the ``allowed_channels`` term accepts."""
    if pks is None:
        return None
    found = set(Channel.objects.filter(pk__in=pks).values_list("pk", flat=True))
    if missing := [pk for pk in pks if pk not in found]:
        raise CatalogInputError(
            "allowed_channels", "Channels not found.", Code.NOT_FOUND, pks=missing
        )
    term = TERMS["allowed_channels"]
    try:
        return term.clean(pks) if term.clean else pks
    except ValueError as e:
        raise CatalogInputError("allowed_channels", str(e), Code.REQUIRED) from e


def update_group_catalog(
    group: CustomerGroup,
    *,
    catalog_mode: str | None = UNCHANGED,
    allowed_channels: list[int] | None = UNCHANGED,
) -> CustomerGroup:
    """Set the group's own catalog mode and allowed channels (None: inherit)."""
    if allowed_channels is not UNCHANGED:
        allowed_channels = clean_allowed_channels(allowed_channels)
    with transaction.atomic():
        group = _locked(group)
        update_fields = []
        if catalog_mode is not UNCHANGED:
            group.catalog_mode = catalog_mode
            update_fields.append("catalog_mode")
        if allowed_channels is not UNCHANGED:
            group.allowed_channels = allowed_channels
            update_fields.append("allowed_channels")
        if update_fields:
            group.save(update_fields=[*update_fields, "updated_at"])
            emit_group_catalog_changed(group)
    return group


def clean_rules(rules: Sequence[RuleSpec]) -> list[CatalogInputError]:
    """Every problem of a call's rules at once: too many, repeated, unknown target."""
    if len(rules) > MAX_RULES:
        return [
            CatalogInputError(
                "rules", f"At most {MAX_RULES} rules per call.", Code.INVALID
            )
        ]
    problems = []
    seen: set[tuple[str, int]] = set()
    wanted: dict[str, set[int]] = {}
    for index, rule in enumerate(rules):
        key = (rule.scope, rule.target_id)
        if key in seen:
            problems.append(
                CatalogInputError(
                    "rules",
                    f"The {rule.scope} is listed twice.",
                    Code.DUPLICATED,
                    index=index,
                )
            )
        seen.add(key)
        wanted.setdefault(rule.scope, set()).add(rule.target_id)
    existing = {
        scope: set(
            TARGET_MODELS[scope].objects.filter(pk__in=pks).values_list("pk", flat=True)
        )
        for scope, pks in wanted.items()
    }
    for index, rule in enumerate(rules):
        if rule.target_id not in existing[rule.scope]:
            problems.append(
                CatalogInputError(
                    "rules",
                    f"The {rule.scope} does not exist.",
                    Code.NOT_FOUND,
                    index=index,
                )
            )
    return problems


def set_catalog_rules(
    group: CustomerGroup, rules: Sequence[RuleSpec]
) -> list[CatalogRule]:
    """Set rules on the group; a rule on a target it has a rule on replaces it.

    The caller has checked ``rules`` with ``clean_rules``.
    """
    with transaction.atomic():
        group = _locked(group)
        current = {
            (rule.scope, rule.target_id): rule
            for rule in CatalogRule.objects.filter(group=group)
        }
        to_update, to_create, result = [], [], []
        now = timezone.now()
        for spec in rules:
            rule = current.get((spec.scope, spec.target_id))
            if rule is None:
                rule = CatalogRule(
                    group=group,
                    effect=spec.effect,
                    scope=spec.scope,
                    **{f"{spec.scope}_id": spec.target_id},
                )
                to_create.append(rule)
            elif rule.effect != spec.effect:
                rule.effect = spec.effect
                rule.updated_at = now
                to_update.append(rule)
            result.append(rule)
        CatalogRule.objects.bulk_create(to_create)
        CatalogRule.objects.bulk_update(to_update, ["effect", "updated_at"])
        if to_create or to_update:
            emit_group_catalog_changed(group)
    return result


def delete_catalog_rules(group: CustomerGroup, rule_pks: Sequence[int]) -> int:
    """Delete rules of the group, all or none: rules of other groups refuse."""
    with transaction.atomic():
        group = _locked(group)
        found = set(
            CatalogRule.objects.filter(group=group, pk__in=rule_pks).values_list(
                "pk", flat=True
            )
        )
        if missing := [pk for pk in rule_pks if pk not in found]:
            raise CatalogInputError(
                "rules", "Not rules of this group.", Code.NOT_FOUND, pks=missing
            )
        deleted, _ = CatalogRule.objects.filter(pk__in=found).delete()
        if deleted:
            emit_group_catalog_changed(group)
    return deleted


def set_channel_access(channel: Channel, access: str) -> ChannelAccessPolicy:
    """Make a channel public or B2B-only."""
    with transaction.atomic():
        policies = ChannelAccessPolicy.objects.select_for_update()
        policy, created = policies.get_or_create(
            channel=channel, defaults={"access": access}
        )
        changed = created or policy.access != access
        if not created and changed:
            policy.access = access
            policy.save(update_fields=["access", "updated_at"])
        if changed:
            emit_channel_access_changed(policy)
    return policy
