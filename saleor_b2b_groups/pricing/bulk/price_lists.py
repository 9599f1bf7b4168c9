"""Whole price lists in bulk, keyed by external reference: the ERP's path in.

One row is one list: its own fields, its fixed prices (entries), its percentage
rules and the groups it is given to. The list is found by its external reference
(or created); its entries and rules are upserted exactly as
``priceListEntriesBulkUpsert`` and ``priceListRulesBulkUpsert`` do
(``upsert_entries``, ``upsert_rules``), its assignments by group external
reference. Entries, rules and assignments the row does not name are kept.

A row states the list's own fields in full: an omitted ``isActive`` is true,
omitted validity bounds are none, an omitted ``capAtChannelPrice`` is false. A list
never changes channel (nor so currency). Used by ``priceListBulkUpsert`` and
``b2b_import`` alike; repeating a call changes nothing and raises no event.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.text import slugify
from saleor.channel.models import Channel

from ...groups.models import CustomerGroup
from ...validation import input_problem, slug_problem
from .. import changes
from ..error_codes import PriceListErrorCode as Code
from ..models import CustomerGroupPriceList, PriceList, PriceListEntry, PriceListRule
from .base import (
    MAX_REFERENCE_LENGTH,
    MAX_ROWS,
    BulkOutcome,
    RowError,
    TooManyRows,
    refuse_unstorable,
)
from .entries import EntryRow, upsert_entries
from .rules import RuleRow, upsert_rules

#: Price lists per call (their entries, rules and assignments count in MAX_ROWS).
MAX_PRICE_LISTS = 1000
NAME_LENGTH = 250
SLUG_LENGTH = 255

#: The list's own fields a row sets, and their value when omitted.
LIST_FIELDS = {
    "name": None,
    "is_active": True,
    "valid_from": None,
    "valid_to": None,
    "cap_at_channel_price": False,
}


@dataclass
class AssignmentRow:
    """The list given to a group (by the group's external reference)."""

    group_external_reference: str | None
    priority: int = 0


@dataclass
class PriceListRow:
    external_reference: str | None
    name: str | None
    #: The channel's slug; required for a new list, else must be the list's.
    channel: str | None = None
    #: For a new list; default: from the external reference.
    slug: str | None = None
    #: Optional check: when given, must be the channel's currency.
    currency: str | None = None
    is_active: bool | None = True
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    cap_at_channel_price: bool | None = False
    entries: list[EntryRow] = field(default_factory=list)
    rules: list[RuleRow] = field(default_factory=list)
    groups: list[AssignmentRow] = field(default_factory=list)
    #: Errors the caller found reading the row.
    errors: list[RowError] = field(default_factory=list)


@dataclass
class PriceListRowOutcome:
    price_list: PriceList | None = None
    #: The list's own errors (its fields).
    errors: list[RowError] = field(default_factory=list)
    entries: BulkOutcome[PriceListEntry] | None = None
    rules: BulkOutcome[PriceListRule] | None = None
    #: Errors of its assignments, by their index in the row's ``groups``.
    group_errors: dict[int, list[RowError]] = field(default_factory=dict)
    change: changes.PriceListChange | None = None

    def error_paths(self) -> list[tuple[str, RowError]]:
        """Every error of the row with its path in the row: ``entries.3.price``."""
        found = [(_camel(e.field or "externalReference"), e) for e in self.errors]
        for family, outcome in (("entries", self.entries), ("rules", self.rules)):
            for index, errors in sorted((outcome.errors if outcome else {}).items()):
                found += [
                    (f"{family}.{index}.{_camel(e.field or '')}".rstrip("."), e)
                    for e in errors
                ]
        for index, errors in sorted(self.group_errors.items()):
            found += [(f"groups.{index}.groupExternalReference", e) for e in errors]
        return found

    @property
    def failed(self) -> bool:
        return bool(self.error_paths())


@dataclass
class PriceListBulkOutcome:
    rows: list[PriceListRowOutcome]

    @property
    def count(self) -> int:
        """Lists stored as asked (each, with all its entries, rules and groups)."""
        return sum(1 for row in self.rows if row.price_list and not row.failed)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def check_size(rows: Sequence[PriceListRow]) -> None:
    if len(rows) > MAX_PRICE_LISTS:
        raise TooManyRows(f"At most {MAX_PRICE_LISTS} price lists per call.")
    nested = sum(len(r.entries) + len(r.rules) + len(r.groups) for r in rows)
    if nested > MAX_ROWS:
        raise TooManyRows(
            f"At most {MAX_ROWS} entries, rules and groups in all per call; "
            f"got {nested}."
        )


def upsert_price_lists(
    rows: Sequence[PriceListRow], *, all_or_nothing: bool = True
) -> PriceListBulkOutcome:
    """Create or update price lists with their entries, rules and groups.

    ``all_or_nothing``: any error anywhere and nothing is written; otherwise a list
    whose own fields are refused is skipped whole, and refused entries, rules and
    assignments are skipped one by one.
    """
    check_size(rows)
    rows = refuse_unstorable(rows)
    outcomes = [PriceListRowOutcome(errors=list(row.errors)) for row in rows]
    with transaction.atomic():
        references = [_reference(row) for row in rows]
        stored = {
            p.external_reference: p
            for p in PriceList.objects.select_for_update()
            .filter(external_reference__in=[r for r in references if r])
            .order_by("pk")
        }
        channels = {
            c.slug: c
            for c in Channel.objects.filter(
                slug__in={r.channel for r in rows if r.channel}
            )
        }
        new_slugs = _check_lists(rows, references, stored, channels, outcomes)
        groups = _groups(rows)
        assignments = _stored_assignments(stored.values())
        for index, (row, reference, outcome) in enumerate(
            zip(rows, references, outcomes, strict=True)
        ):
            if outcome.errors or reference is None:
                continue
            _write_list(
                row,
                stored.get(reference) or new_slugs[index],
                channels,
                groups,
                assignments,
                outcome,
                all_or_nothing,
            )
        if all_or_nothing and any(outcome.failed for outcome in outcomes):
            transaction.set_rollback(True)
            for outcome in outcomes:
                outcome.price_list, outcome.change = None, None
            return PriceListBulkOutcome(outcomes)
        changes.price_lists_changed(o.change for o in outcomes if o.change)
    return PriceListBulkOutcome(outcomes)


def _reference(row: PriceListRow) -> str | None:
    return (row.external_reference or "").strip() or None


def _check_lists(rows, references, stored, channels, outcomes) -> dict[int, str]:
    """The list fields' errors, before anything is written; the new lists' slugs."""
    seen: dict[str, int] = {}
    new_slugs: dict[int, str] = {}
    for index, (row, reference) in enumerate(zip(rows, references, strict=True)):
        errors = outcomes[index].errors
        if any(e.code == Code.INVALID for e in row.errors):
            continue  # a value PostgreSQL cannot store: that error says it all
        if reference is None:
            errors.append(RowError("external_reference", "Required.", Code.REQUIRED))
        elif len(reference) > MAX_REFERENCE_LENGTH:
            message = f"At most {MAX_REFERENCE_LENGTH} characters."
            errors.append(RowError("external_reference", message, Code.INVALID))
        elif reference in seen:
            message = f"Also in row {seen[reference]}."
            errors.append(
                RowError("external_reference", message, Code.DUPLICATED_INPUT_ITEM)
            )
        else:
            seen[reference] = index
        name = (row.name or "").strip()
        if not name:
            errors.append(RowError("name", "A price list needs a name.", Code.REQUIRED))
        elif len(name) > NAME_LENGTH:
            message = f"At most {NAME_LENGTH} characters."
            errors.append(RowError("name", message, Code.INVALID))
        for flag in ("is_active", "cap_at_channel_price"):
            if getattr(row, flag) is None:
                errors.append(RowError(flag, "Cannot be null.", Code.REQUIRED))
        if row.valid_from and row.valid_to and row.valid_to <= row.valid_from:
            message = "validTo must be after validFrom."
            errors.append(RowError("valid_to", message, Code.INVALID))
        existing = stored.get(reference) if reference else None
        channel = channels.get(row.channel) if row.channel else None
        if row.channel and channel is None:
            message = f"No channel '{row.channel}'."
            errors.append(RowError("channel", message, Code.NOT_FOUND))
        elif existing is None and not row.channel:
            message = "A new price list needs its channel (slug)."
            errors.append(RowError("channel", message, Code.REQUIRED))
        elif existing is not None and channel and channel.pk != existing.channel_id:
            message = "A price list never changes channel: make another list."
            errors.append(RowError("channel", message, Code.INVALID))
        currency = (
            existing.currency
            if existing
            else channel.currency_code
            if channel
            else None
        )
        if row.currency and currency and row.currency != currency:
            message = f"The price list is in {currency}, not {row.currency}."
            errors.append(RowError("currency", message, Code.INVALID_CURRENCY))
        if existing is None and reference:
            new_slugs[index] = (row.slug or "").strip() or slugify(
                reference, allow_unicode=True
            )
    _check_slugs(new_slugs, outcomes)
    return new_slugs


def _check_slugs(new_slugs: dict[int, str], outcomes) -> None:
    taken = set(
        PriceList.objects.filter(slug__in=set(new_slugs.values())).values_list(
            "slug", flat=True
        )
    )
    first: dict[str, int] = {}
    for index, slug in new_slugs.items():
        errors = outcomes[index].errors
        if not slug or len(slug) > SLUG_LENGTH:
            message = f"Give a slug of 1 to {SLUG_LENGTH} characters."
            errors.append(RowError("slug", message, Code.INVALID))
        elif problem := slug_problem(slug):
            errors.append(RowError("slug", problem, Code.INVALID))
        elif slug in taken:
            message = f"Slug '{slug}' is taken: give the row a slug of its own."
            errors.append(RowError("slug", message, Code.UNIQUE))
        elif slug in first:
            message = f"Row {first[slug]} makes the same slug '{slug}': give a slug."
            errors.append(RowError("slug", message, Code.UNIQUE))
        else:
            first[slug] = index


def _groups(rows: Sequence[PriceListRow]) -> dict[str, CustomerGroup]:
    references = {
        (a.group_external_reference or "").strip()
        for row in rows
        for a in row.groups
        if a.group_external_reference
        and not input_problem(a.group_external_reference, "group_external_reference")
    }
    if not references:
        return {}
    found = CustomerGroup.objects.filter(external_reference__in=references)
    return {g.external_reference: g for g in found if g.external_reference}


def _stored_assignments(lists) -> dict[tuple[int, int], CustomerGroupPriceList]:
    ids = [p.pk for p in lists]
    if not ids:
        return {}
    found = CustomerGroupPriceList.objects.filter(price_list_id__in=ids)
    return {(a.price_list_id, a.group_id): a for a in found}


def _write_list(
    row: PriceListRow,
    price_list: PriceList | str,
    channels: dict[str, Channel],
    groups: dict[str, CustomerGroup],
    assignments: dict[tuple[int, int], CustomerGroupPriceList],
    outcome: PriceListRowOutcome,
    all_or_nothing: bool,
) -> None:
    """``price_list``: the stored list, or the slug of the new one."""
    creating = isinstance(price_list, str)
    values = {
        "name": (row.name or "").strip(),
        "is_active": row.is_active,
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
        "cap_at_channel_price": row.cap_at_channel_price,
    }
    if isinstance(price_list, str):
        channel = channels[row.channel or ""]
        price_list = PriceList(
            slug=price_list,
            external_reference=_reference(row),
            channel=channel,
            currency=channel.currency_code,
        )
    changed = [
        name for name, value in values.items() if getattr(price_list, name) != value
    ]
    for name, value in values.items():
        setattr(price_list, name, value)
    if creating or changed:
        price_list.save()
    outcome.price_list = price_list
    outcome.entries = upsert_entries(
        price_list, row.entries, all_or_nothing=all_or_nothing
    )
    outcome.rules = upsert_rules(price_list, row.rules, all_or_nothing=all_or_nothing)
    added, changed_assignments = _write_assignments(
        row, price_list, groups, assignments, outcome
    )
    outcome.change = changes.PriceListChange(
        price_list,
        changes.CREATED if creating else changes.UPDATED,
        fields=changed,
        entries_upserted=outcome.entries.written,
        rules_upserted=outcome.rules.written,
        assignments_added=added,
        assignments_changed=changed_assignments,
    )


def _write_assignments(row, price_list, groups, assignments, outcome):
    added: list[CustomerGroupPriceList] = []
    changed: list[CustomerGroupPriceList] = []
    seen: dict[int, int] = {}
    errors: dict[int, list[RowError]] = defaultdict(list)
    for index, assignment_row in enumerate(row.groups):
        reference = (assignment_row.group_external_reference or "").strip()
        group = groups.get(reference)
        if found := input_problem(reference, "group_external_reference"):
            errors[index].append(RowError("group", found[1], Code.INVALID))
        elif not reference:
            errors[index].append(RowError("group", "Required.", Code.REQUIRED))
        elif group is None:
            message = f"No group '{reference}'."
            errors[index].append(RowError("group", message, Code.NOT_FOUND))
        elif group.pk in seen:
            message = f"Also in groups.{seen[group.pk]}."
            errors[index].append(RowError("group", message, Code.DUPLICATED_INPUT_ITEM))
        else:
            seen[group.pk] = index
    outcome.group_errors = dict(errors)
    for index, assignment_row in enumerate(row.groups):
        if index in errors:
            continue
        group = groups[(assignment_row.group_external_reference or "").strip()]
        priority = assignment_row.priority or 0
        stored = assignments.get((price_list.pk, group.pk))
        if stored is None:
            added.append(
                CustomerGroupPriceList(
                    price_list=price_list, group=group, priority=priority
                )
            )
        elif stored.priority != priority:
            stored.priority = priority
            changed.append(stored)
    CustomerGroupPriceList.objects.bulk_create(added)
    CustomerGroupPriceList.objects.bulk_update(changed, ["priority"])
    return added, changed
