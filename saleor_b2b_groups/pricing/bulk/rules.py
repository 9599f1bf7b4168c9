"""Percentage rules in bulk: upsert by (scope, target) or reference, delete."""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Model, Q
from saleor.product.models import Category, Collection, Product

from .. import DiscountScope
from ..error_codes import PriceListErrorCode as Code
from ..models import PriceList, PriceListRule
from .base import (
    BulkOutcome,
    DeleteOutcome,
    Errors,
    RowError,
    check_size,
    decimal_places,
    delete_ids,
    find_variants,
    ids_in_list,
    lock_price_list,
    not_priced_in_channel,
    one_of,
    plan,
    reference_errors,
    references,
    refuse_unstorable,
    start_errors,
    write,
)

#: The ``PriceListRule`` field holding each scope's target.
TARGET_FIELDS = {
    DiscountScope.VARIANT: "variant_id",
    DiscountScope.PRODUCT: "product_id",
    DiscountScope.CATEGORY: "category_id",
    DiscountScope.COLLECTION: "collection_id",
}
_TARGET_MODELS: dict[str, type[Model]] = {
    DiscountScope.PRODUCT: Product,
    DiscountScope.CATEGORY: Category,
    DiscountScope.COLLECTION: Collection,
}


@dataclass
class RuleRow:
    """One percentage off the channel price, for a scope of the catalog."""

    scope: str | None
    percentage: Decimal | None
    #: The target's id, and the scope its kind stands for (a variant id stands for
    #: VARIANT); both None for ALL.
    target_id: int | None = None
    target_scope: str | None = None
    external_reference: str | None = None
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class TargetKey:
    scope: str
    #: None for ALL.
    target_id: int | None = None


def rule_key(rule: PriceListRule) -> tuple[str, int | None]:
    if rule.scope == DiscountScope.ALL:
        return (rule.scope, None)
    return (rule.scope, getattr(rule, TARGET_FIELDS[rule.scope]))


def target_filter(keys: Sequence[TargetKey]) -> Q:
    """Rules at any of ``keys``: one condition per scope, whatever their number."""
    targets: dict[str, set[int]] = defaultdict(set)
    for key in keys:
        targets[key.scope].add(key.target_id or 0)
    condition = Q(pk__in=[])
    for scope, ids in targets.items():
        if scope == DiscountScope.ALL:
            condition |= Q(scope=scope)
        elif scope in TARGET_FIELDS:
            field = f"{TARGET_FIELDS[scope]}__in"
            condition |= Q(scope=scope, **{field: one_of(ids, "integer")})
    return condition


def upsert_rules(
    price_list: PriceList, rows: Sequence[RuleRow], *, all_or_nothing: bool = True
) -> BulkOutcome[PriceListRule]:
    """Create or update percentage rules of ``price_list``; see the package doc."""
    check_size(len(rows))
    rows = refuse_unstorable(rows)
    errors = start_errors(rows)
    with transaction.atomic():
        price_list = lock_price_list(price_list)
        for index, row in enumerate(rows):
            errors[index].extend(_value_errors(row))
        _check_targets(price_list.channel_id, rows, errors)
        keys: list[Hashable | None] = [
            None
            if any(e.field in ("scope", "target") for e in errors[index])
            else TargetKey(row.scope, row.target_id)  # type: ignore[arg-type]
            for index, row in enumerate(rows)
        ]
        stored = PriceListRule.objects.filter(price_list=price_list).filter(
            Q(external_reference__in=one_of(references(rows), "text"))
            | target_filter([key for key in keys if isinstance(key, TargetKey)])
        )
        targets = plan(
            rows,
            keys,
            stored,
            lambda rule: TargetKey(*rule_key(rule)),
            key_field="target",
            key_name="target",
            errors=errors,
        )
        return write(
            PriceListRule,
            price_list,
            rows,
            targets,
            errors,
            all_or_nothing=all_or_nothing,
            key=("scope", *TARGET_FIELDS.values()),
            values=lambda index: _values(rows[index]),
        )


def _values(row: RuleRow) -> dict:
    return {
        "scope": row.scope,
        "percentage": row.percentage,
        **{
            target_field: row.target_id if row.scope == scope else None
            for scope, target_field in TARGET_FIELDS.items()
        },
    }


def _value_errors(row: RuleRow) -> list[RowError]:
    errors = []
    percentage = row.percentage
    if percentage is None:
        message = "A percentage is required."
        errors.append(RowError("percentage", message, Code.REQUIRED))
    elif not percentage.is_finite() or not 0 <= percentage <= 100:
        message = "A percentage is between 0 and 100."
        errors.append(RowError("percentage", message, Code.INVALID_PERCENTAGE))
    elif decimal_places(percentage) > 2:
        message = "A percentage takes at most 2 decimal places."
        errors.append(RowError("percentage", message, Code.INVALID_PERCENTAGE))
    scope = row.scope
    if scope not in DiscountScope.SPECIFICITY:
        errors.append(RowError("scope", "A scope is required.", Code.REQUIRED))
    elif any(e.field == "target" for e in row.errors):
        pass  # the target could not be read: that error says it all
    elif scope == DiscountScope.ALL and row.target_id is not None:
        message = "A rule on the whole catalog takes no target."
        errors.append(RowError("target", message, Code.INVALID))
    elif scope != DiscountScope.ALL and row.target_id is None:
        message = f"A {scope} rule needs its {scope} as target."
        errors.append(RowError("target", message, Code.REQUIRED))
    elif scope != DiscountScope.ALL and row.target_scope != scope:
        message = f"A {scope} rule needs a {scope} as target, not a {row.target_scope}."
        errors.append(RowError("target", message, Code.INVALID))
    errors.extend(reference_errors(row.external_reference))
    return errors


def _check_targets(channel_id: int, rows: Sequence[RuleRow], errors: Errors) -> None:
    """Unknown targets, and variants not priced in the channel: a query per kind.

    A variant rule needs the variant priced in the list's channel, as a fixed price
    does; products, categories and collections need only exist (a category rule
    also covers products listed later).
    """
    wanted: dict[str, set[int]] = defaultdict(set)
    for index, row in enumerate(rows):
        readable = not any(e.field in ("scope", "target") for e in errors[index])
        if row.scope in TARGET_FIELDS and row.target_id is not None and readable:
            wanted[row.scope].add(row.target_id)
    # target id -> whether it may carry a rule in this channel
    usable: dict[str, dict[int, bool]] = {}
    for scope, ids in wanted.items():
        if scope == DiscountScope.VARIANT:
            variants = find_variants(channel_id, ids=ids, skus=set(), references=set())
            usable[scope] = {v.id: v.is_priced for v in variants}
        else:
            found = _TARGET_MODELS[scope]._default_manager.filter(pk__in=ids)
            usable[scope] = dict.fromkeys(found.values_list("pk", flat=True), True)
    for index, row in enumerate(rows):
        target_id = row.target_id
        if row.scope not in wanted or target_id not in wanted[row.scope]:
            continue
        scope = row.scope
        if target_id not in usable[scope]:
            message = f"The {scope} does not exist."
            errors[index].append(RowError("target", message, Code.NOT_FOUND))
        elif not usable[scope][target_id]:
            errors[index].append(not_priced_in_channel("target"))


def delete_rules(
    price_list: PriceList,
    *,
    ids: Sequence[int] = (),
    external_references: Sequence[str] = (),
    targets: Sequence[TargetKey] = (),
) -> DeleteOutcome:
    """Delete rules by id, external reference or (scope, target); idempotent."""
    check_size(len(ids) + len(external_references) + len(targets))
    with transaction.atomic():
        price_list = lock_price_list(price_list)
        outcome = ids_in_list(PriceListRule, price_list, ids)
        if outcome.errors:
            return outcome
        pks = set(outcome.deleted_ids)
        if external_references or targets:
            pks.update(
                PriceListRule.objects.filter(price_list=price_list)
                .filter(
                    Q(external_reference__in=one_of(external_references, "text"))
                    | target_filter(targets)
                )
                .values_list("pk", flat=True)
            )
        return delete_ids(PriceListRule, pks)
