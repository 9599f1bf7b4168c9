"""What entry and rule bulk writes share: errors, keys and conflicts, set-based SQL."""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Protocol, cast

from django.db import connection
from django.db.models import DecimalField, Exists, Field, Model, OuterRef, Q
from django.db.models.expressions import RawSQL
from saleor.product.models import ProductVariant, ProductVariantChannelListing

from ...validation import input_problem
from ..error_codes import PriceListErrorCode as Code
from ..models import PriceList, PriceListEntry, PriceListRule

#: Rows (or keys, for deletes) per call; larger imports take several calls.
MAX_ROWS = 10_000
#: The longest external reference a row may carry (the column's length).
MAX_REFERENCE_LENGTH = 250

Errors = dict[int, list["RowError"]]


class TooManyRows(ValueError):
    """A call larger than ``MAX_ROWS``."""


@dataclass(frozen=True)
class RowError:
    #: The row's input field the error is about (snake case), or None.
    field: str | None
    message: str
    code: Code


class Row(Protocol):
    external_reference: str | None
    #: Errors the caller found while reading the row (e.g. a malformed ID).
    errors: list[RowError]


@dataclass
class BulkOutcome[M: (PriceListEntry, PriceListRule)]:
    """Per input row: the stored row (written or unchanged), or None and errors."""

    rows: list[M | None]
    errors: Errors
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: The rows created or updated (not those already equal): what changed.
    written: list[M] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    @property
    def count(self) -> int:
        """Rows now stored as the call asked: written or already equal."""
        return self.created + self.updated + self.unchanged


@dataclass
class DeleteOutcome:
    deleted_ids: list[int]
    #: Refused keys; nothing is deleted then.
    errors: list[RowError] = field(default_factory=list)
    #: The deleted rows as they were.
    deleted: list = field(default_factory=list)


def check_size(count: int) -> None:
    if count > MAX_ROWS:
        raise TooManyRows(f"At most {MAX_ROWS} rows per call; got {count}.")


def lock_price_list(price_list: PriceList) -> PriceList:
    """Re-read the list under a row lock: one writer of its rows at a time."""
    return PriceList.objects.select_for_update().get(pk=price_list.pk)


def refuse_unstorable[R: Row](rows: Sequence[R]) -> list[R]:
    """Rows PostgreSQL could not even compare (a NUL, an over-long value) refused.

    Such a row gets an ``INVALID`` error on the field, and those values are
    blanked, so they reach no query; the other rows go on (under
    ``REJECT_FAILED_ROWS``, they are written). Limits: ``saleor_b2b_groups.validation``.
    """
    checked: list[R] = []
    for row in rows:
        texts = {
            f.name: getattr(row, f.name)
            for f in fields(row)  # type: ignore[arg-type]
            if isinstance(getattr(row, f.name), str)
        }
        found = input_problem(texts)
        if found is None:
            checked.append(row)
            continue
        name, message = found
        error = RowError(name, message, Code.INVALID)
        blanked = {k: None for k, v in texts.items() if input_problem(v, k)}
        checked.append(
            replace(row, **blanked, errors=[*row.errors, error])  # type: ignore[type-var]
        )
    return checked


def start_errors(rows: Sequence[Row]) -> Errors:
    errors: Errors = defaultdict(list)
    for index, row in enumerate(rows):
        errors[index].extend(row.errors)
    return errors


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def reference_errors(reference: str | None) -> list[RowError]:
    if reference is not None and len(reference) > MAX_REFERENCE_LENGTH:
        message = f"At most {MAX_REFERENCE_LENGTH} characters."
        return [RowError("external_reference", message, Code.INVALID)]
    return []


def one_of(values: Iterable[int] | Iterable[str], db_type: str) -> RawSQL:
    """For ``<field>__in``: one array parameter, not a placeholder per value.

    Thousands of placeholders cost more to build and parse than the query to run.
    """
    return RawSQL(f"SELECT unnest(%s::{db_type}[])", [list(values)])


def references(rows: Iterable[Row]) -> set[str]:
    return {row.external_reference for row in rows if row.external_reference}


@dataclass(frozen=True)
class VariantFound:
    id: int
    sku: str | None
    external_reference: str | None
    #: Whether it has a price in the channel asked about.
    is_priced: bool


def find_variants(
    channel_id: int, *, ids: set[int], skus: set[str], references: set[str]
) -> list[VariantFound]:
    """The named variants and whether each is priced in the channel: one query."""
    if not (ids or skus or references):
        return []
    priced = ProductVariantChannelListing.objects.filter(
        variant_id=OuterRef("pk"), channel_id=channel_id, price_amount__isnull=False
    )
    rows = (
        ProductVariant.objects.filter(
            Q(pk__in=one_of(ids, "integer"))
            | Q(sku__in=one_of(skus, "text"))
            | Q(external_reference__in=one_of(references, "text"))
        )
        .annotate(is_priced=Exists(priced))
        .values_list("pk", "sku", "external_reference", "is_priced")
    )
    return [VariantFound(*row) for row in rows]


def not_priced_in_channel(input_field: str) -> RowError:
    return RowError(
        input_field,
        "The variant has no price in the price list's channel.",
        Code.VARIANT_NOT_ASSIGNED_TO_CHANNEL,
    )


def plan[M: (PriceListEntry, PriceListRule)](
    rows: Sequence[Row],
    keys: Sequence[Hashable | None],
    stored: Iterable[M],
    stored_key: Callable[[M], Hashable],
    *,
    key_field: str,
    key_name: str,
    errors: Errors,
) -> dict[int, M | None]:
    """The stored row each valid input row updates (None: it creates one).

    ``keys`` are the rows' tiers (targets), None where unknown. Adds the conflicts
    (see the package doc) to ``errors``.
    """
    mark_duplicates(keys, key_field, f"Another row has this {key_name}.", errors)
    row_references = [row.external_reference or None for row in rows]
    mark_duplicates(
        row_references,
        "external_reference",
        "Another row has this external reference.",
        errors,
    )
    stored = list(stored)
    by_reference = {s.external_reference: s for s in stored if s.external_reference}
    by_key = {stored_key(s): s for s in stored}
    targets: dict[int, M | None] = {}
    for index, key in enumerate(keys):
        if errors[index] or key is None:
            continue
        reference = row_references[index]
        target = by_reference.get(reference) if reference else None
        holder = by_key.get(key)
        if target is None and holder is not None and not holder.external_reference:
            target = holder  # update it, adopting the row's reference if any
        elif target is None and holder is not None and reference is None:
            target = holder  # a row without a reference keeps the stored one
        if holder is not None and holder is not target:
            held_by = (
                f" (external reference '{holder.external_reference}')"
                if holder.external_reference
                else ""
            )
            message = f"Another {key_name} of the list{held_by} is at this {key_name}."
            errors[index].append(RowError(key_field, message, Code.UNIQUE))
            continue
        targets[index] = target
    # One stored row, one input row (e.g. one row by reference, one by tier).
    stored_ids: list[Hashable | None] = [None] * len(rows)
    for index, target in targets.items():
        stored_ids[index] = target.pk if target is not None else None
    message = f"Another row updates the same stored {key_name}."
    mark_duplicates(stored_ids, key_field, message, errors)
    return {index: target for index, target in targets.items() if not errors[index]}


def mark_duplicates(
    values: Sequence[Hashable | None], input_field: str, message: str, errors: Errors
) -> None:
    """An error on every row whose value another row of the call has too."""
    rows_by_value: dict[Hashable, list[int]] = defaultdict(list)
    for index, value in enumerate(values):
        if value is not None:
            rows_by_value[value].append(index)
    for indexes in rows_by_value.values():
        if len(indexes) > 1:
            for index in indexes:
                errors[index].append(
                    RowError(input_field, message, Code.DUPLICATED_INPUT_ITEM)
                )


def write[M: (PriceListEntry, PriceListRule)](
    model: type[M],
    price_list: PriceList,
    rows: Sequence[Row],
    targets: dict[int, M | None],
    errors: Errors,
    *,
    all_or_nothing: bool,
    values: Callable[[int], dict],
    key: tuple[str, ...],
) -> BulkOutcome[M]:
    """Create and update as planned: one INSERT and one UPDATE at most.

    ``values(index)``: the stored values row ``index`` asks for; ``key``: the
    attributes of the model's unique key within a list.
    """
    errors = {index: found for index, found in errors.items() if found}
    outcome: BulkOutcome[M] = BulkOutcome(rows=[None] * len(rows), errors=errors)
    if errors and all_or_nothing:
        return outcome
    to_create: list[M] = []
    to_update: list[M] = []
    for index, target in targets.items():
        wanted = values(index)
        if rows[index].external_reference:
            wanted["external_reference"] = rows[index].external_reference
        if target is None:
            instance = model(price_list=price_list, **wanted)
            to_create.append(instance)
        elif all(getattr(target, name) == value for name, value in wanted.items()):
            instance = target
            outcome.unchanged += 1
        else:
            instance = target
            for name, value in wanted.items():
                setattr(instance, name, value)
            to_update.append(instance)
        outcome.rows[index] = instance
    insert_all(model, to_create, key)
    update_all(model, to_update)
    outcome.created, outcome.updated = len(to_create), len(to_update)
    outcome.written = to_create + to_update
    return outcome


def insert_all[M: (PriceListEntry, PriceListRule)](
    model: type[M], instances: list[M], key: tuple[str, ...]
) -> None:
    """One INSERT for any number of rows, from arrays; sets the new ids.

    ``key``: the attributes of a unique constraint, to match ids to instances.
    Django's ``bulk_create`` prepares each value of each row in Python: most of the
    time of a large upsert.
    """
    if not instances:
        return
    pk = model._meta.pk
    assert pk is not None
    columns: list[Field] = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = ", ".join(f'"{f.column}"' for f in columns)
    returning = ", ".join(
        f'"{cast(Field, model._meta.get_field(a)).column}"' for a in key
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{model._meta.db_table}" ({names}) '
            f"SELECT * FROM unnest({_arrays(columns)}) "
            f'RETURNING "{pk.column}", {returning}',
            _params(columns, instances),
        )
        ids = {tuple(row[1:]): row[0] for row in cursor.fetchall()}
    for instance in instances:
        instance.pk = ids[tuple(getattr(instance, a) for a in key)]
        instance._state.adding = False
        instance._state.db = connection.alias


def update_all[M: (PriceListEntry, PriceListRule)](
    model: type[M], instances: list[M]
) -> None:
    """One UPDATE for any number of rows, from arrays.

    Django's ``bulk_update`` builds a CASE per row and column: slow past a few
    thousand rows.
    """
    if not instances:
        return
    pk = model._meta.pk
    assert pk is not None
    columns: list[Field] = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.attname != "price_list_id"
    ]
    assignments = ", ".join(f'"{f.column}" = v."{f.column}"' for f in columns)
    names = ", ".join(f'"{f.column}"' for f in [pk, *columns])
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{model._meta.db_table}" AS t SET {assignments} '
            f"FROM unnest({_arrays([pk, *columns])}) AS v({names}) "
            f'WHERE t."{pk.column}" = v."{pk.column}"',
            _params([pk, *columns], instances),
        )


def _arrays(columns: Sequence[Field]) -> str:
    return ", ".join(f"%s::{f.db_type(connection)}[]" for f in columns)


def _params(columns: Sequence[Field], instances: Sequence[Model]) -> list[list]:
    """One array per column; values as psycopg adapts them (ints, Decimals, str)."""
    params = []
    for f in columns:
        values = [getattr(i, f.attname) for i in instances]
        if isinstance(f, DecimalField):
            values = [Decimal(v) if v is not None else None for v in values]
        params.append(values)
    return params


def ids_in_list(
    model: type[PriceListEntry | PriceListRule],
    price_list: PriceList,
    ids: Sequence[int],
) -> DeleteOutcome:
    """The ids that exist; an error if any is another list's."""
    if not ids:
        return DeleteOutcome(deleted_ids=[])
    owners = dict(
        model.objects.filter(pk__in=one_of(ids, "integer")).values_list(
            "pk", "price_list_id"
        )
    )
    foreign = [pk for pk in ids if owners.get(pk, price_list.pk) != price_list.pk]
    if foreign:
        message = f"Not in this price list: {', '.join(map(str, foreign))}."
        return DeleteOutcome(
            deleted_ids=[], errors=[RowError("ids", message, Code.NOT_FOUND)]
        )
    return DeleteOutcome(deleted_ids=[pk for pk in ids if pk in owners])


def delete_ids(
    model: type[PriceListEntry | PriceListRule], pks: set[int]
) -> DeleteOutcome:
    deleted: list = []
    if pks:
        found = model.objects.filter(pk__in=one_of(pks, "integer"))
        deleted = list(found.order_by("pk"))
        found.delete()
    return DeleteOutcome(deleted_ids=[row.pk for row in deleted], deleted=deleted)
