"""Fixed prices (tiers) in bulk: upsert by tier or reference, delete by any key."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import get_currency_precision
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from ..error_codes import PriceListErrorCode as Code
from ..models import PriceList, PriceListEntry
from .base import (
    BulkOutcome,
    DeleteOutcome,
    Errors,
    RowError,
    VariantFound,
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

#: The largest price the column holds, exclusive.
MAX_PRICE = Decimal(10) ** (
    settings.DEFAULT_MAX_DIGITS - settings.DEFAULT_DECIMAL_PLACES
)


@dataclass
class EntryRow:
    """One fixed price; the variant by exactly one of id, SKU, external reference."""

    price_amount: Decimal | None
    min_quantity: int = 1
    variant_id: int | None = None
    variant_sku: str | None = None
    variant_external_reference: str | None = None
    #: When given, must be the list's currency.
    currency: str | None = None
    external_reference: str | None = None
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class TierKey:
    """Tiers of a variant (by id, SKU or external reference): one, or all of them."""

    variant_id: int | None = None
    variant_sku: str | None = None
    variant_external_reference: str | None = None
    #: None: every tier of the variant.
    min_quantity: int | None = None


def upsert_entries(
    price_list: PriceList, rows: Sequence[EntryRow], *, all_or_nothing: bool = True
) -> BulkOutcome[PriceListEntry]:
    """Create or update fixed prices of ``price_list``; see the package doc."""
    check_size(len(rows))
    rows = refuse_unstorable(rows)
    errors = start_errors(rows)
    with transaction.atomic():
        price_list = lock_price_list(price_list)
        for index, row in enumerate(rows):
            errors[index].extend(_value_errors(row, price_list.currency))
        variant_ids = _resolve_variants(price_list.channel_id, rows, errors)
        keys = [
            (variant_id, row.min_quantity) if variant_id is not None else None
            for variant_id, row in zip(variant_ids, rows, strict=True)
        ]
        stored = PriceListEntry.objects.filter(price_list=price_list).filter(
            Q(external_reference__in=one_of(references(rows), "text"))
            | Q(
                variant_id__in=one_of(
                    {pk for pk in variant_ids if pk is not None}, "integer"
                )
            )
        )
        targets = plan(
            rows,
            keys,
            stored,
            lambda entry: (entry.variant_id, entry.min_quantity),
            key_field="min_quantity",
            key_name="tier",
            errors=errors,
        )
        return write(
            PriceListEntry,
            price_list,
            rows,
            targets,
            errors,
            all_or_nothing=all_or_nothing,
            key=("variant_id", "min_quantity"),
            values=lambda index: {
                "variant_id": variant_ids[index],
                "min_quantity": rows[index].min_quantity,
                "price_amount": rows[index].price_amount,
            },
        )


def _value_errors(row: EntryRow, currency: str) -> list[RowError]:
    errors = []
    price = row.price_amount
    precision = get_currency_precision(currency)
    if price is None:
        errors.append(RowError("price", "A price is required.", Code.REQUIRED))
    elif not price.is_finite() or price < 0:
        message = "A price cannot be negative."
        errors.append(RowError("price", message, Code.INVALID_PRICE))
    elif price >= MAX_PRICE:
        message = f"A price must be below {MAX_PRICE}."
        errors.append(RowError("price", message, Code.INVALID_PRICE))
    elif decimal_places(price) > precision:
        message = f"{currency} prices take at most {precision} decimal places."
        errors.append(RowError("price", message, Code.INVALID_PRICE))
    if row.min_quantity is None or row.min_quantity < 1:
        message = "The minimum quantity is at least 1."
        errors.append(RowError("min_quantity", message, Code.INVALID))
    if row.currency is not None and row.currency != currency:
        message = f"The price list is in {currency}, not {row.currency}."
        errors.append(RowError("currency", message, Code.INVALID_CURRENCY))
    named = [
        value
        for value in (row.variant_id, row.variant_sku, row.variant_external_reference)
        if value is not None
    ]
    if len(named) != 1 and not row.errors:
        message = "Give exactly one of variant, variantSku, variantExternalReference."
        code = Code.INVALID if named else Code.REQUIRED
        errors.append(RowError("variant", message, code))
    errors.extend(reference_errors(row.external_reference))
    return errors


def _resolve_variants(
    channel_id: int, rows: Sequence[EntryRow], errors: Errors
) -> list[int | None]:
    """Each row's variant id; None, with an error, when unknown or not in the channel.

    One query for every row, whichever way each row names its variant.
    """
    found = _find(channel_id, rows)
    by_id = {v.id: v for v in found}
    by_sku = {v.sku: v for v in found if v.sku is not None}
    by_reference = {v.external_reference: v for v in found if v.external_reference}
    result: list[int | None] = []
    for index, row in enumerate(rows):
        variant: VariantFound | None
        if errors[index] and any(e.field == "variant" for e in errors[index]):
            result.append(None)
            continue
        if row.variant_id is not None:
            variant, input_field = by_id.get(row.variant_id), "variant"
        elif row.variant_sku is not None:
            variant, input_field = by_sku.get(row.variant_sku), "variant_sku"
        elif row.variant_external_reference is not None:
            variant = by_reference.get(row.variant_external_reference)
            input_field = "variant_external_reference"
        else:
            result.append(None)
            continue
        if variant is None:
            message = "Variant not found."
            errors[index].append(RowError(input_field, message, Code.NOT_FOUND))
            result.append(None)
        elif not variant.is_priced:
            errors[index].append(not_priced_in_channel(input_field))
            result.append(None)
        else:
            result.append(variant.id)
    return result


def _find(
    channel_id: int, keys: Sequence[EntryRow] | Sequence[TierKey]
) -> list[VariantFound]:
    return find_variants(
        channel_id,
        ids={k.variant_id for k in keys if k.variant_id is not None},
        skus={k.variant_sku for k in keys if k.variant_sku is not None},
        references={
            k.variant_external_reference
            for k in keys
            if k.variant_external_reference is not None
        },
    )


def delete_entries(
    price_list: PriceList,
    *,
    ids: Sequence[int] = (),
    external_references: Sequence[str] = (),
    tiers: Sequence[TierKey] = (),
) -> DeleteOutcome:
    """Delete entries by id, external reference or tier; idempotent.

    Keys that match nothing are not errors (deleting twice is deleting once); an id
    of another list's entry is refused (``NOT_FOUND``) and then nothing is deleted.
    """
    check_size(len(ids) + len(external_references) + len(tiers))
    with transaction.atomic():
        price_list = lock_price_list(price_list)
        outcome = ids_in_list(PriceListEntry, price_list, ids)
        if outcome.errors:
            return outcome
        pks = set(outcome.deleted_ids)
        if external_references:
            pks.update(
                PriceListEntry.objects.filter(
                    price_list=price_list,
                    external_reference__in=one_of(external_references, "text"),
                ).values_list("pk", flat=True)
            )
        if tiers:
            pks.update(_tier_entry_ids(price_list, tiers))
        return delete_ids(PriceListEntry, pks)


def _tier_entry_ids(price_list: PriceList, tiers: Sequence[TierKey]) -> set[int]:
    found = _find(price_list.channel_id, tiers)
    by_sku = {v.sku: v.id for v in found if v.sku is not None}
    by_reference = {v.external_reference: v.id for v in found if v.external_reference}
    wanted: dict[int, set[int | None]] = defaultdict(set)
    for tier in tiers:
        if tier.variant_id is not None:
            variant_id: int | None = tier.variant_id
        elif tier.variant_sku is not None:
            variant_id = by_sku.get(tier.variant_sku)
        else:
            variant_id = by_reference.get(tier.variant_external_reference or "")
        if variant_id is not None:
            wanted[variant_id].add(tier.min_quantity)
    stored = PriceListEntry.objects.filter(
        price_list=price_list, variant_id__in=one_of(wanted, "integer")
    ).values_list("pk", "variant_id", "min_quantity")
    return {
        pk
        for pk, variant_id, min_quantity in stored
        if None in wanted[variant_id] or min_quantity in wanted[variant_id]
    }
