"""What the price list mutations share: the error type, lookups, ID decoding."""

from collections.abc import Callable
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from graphene.utils.str_converters import to_camel_case
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.enums import ErrorPolicy
from saleor.graphql.core.types import Error

from .... import ids
from ....groups.models import CustomerGroup
from ....pricing import changes
from ....pricing.bulk import MAX_ROWS, DeleteOutcome, RowError
from ....pricing.error_codes import PriceListErrorCode
from ....pricing.models import PriceList
from ...lookups import error, get_or_error
from ..enums import PriceListErrorCodeEnum
from ..types import ADMIN_PERMISSIONS

PERMISSIONS = tuple(ADMIN_PERMISSIONS)

ERROR_POLICY_DESCRIPTION = (
    "REJECT_EVERYTHING (default): any failed row and nothing is written. "
    "REJECT_FAILED_ROWS: the valid rows are written. IGNORE_FAILED: as "
    "REJECT_FAILED_ROWS (a row has no valid part to save alone)."
)
BATCH_DESCRIPTION = f"At most {MAX_ROWS} per call."


class PriceListError(Error):
    code = PriceListErrorCodeEnum(description="The error code.", required=True)
    index = graphene.Int(
        description=(
            "The input row the error is about, from 0; null when the error is "
            "about the whole call."
        )
    )

    class Meta:
        description = "An error of a price list mutation, or of one row of a bulk one."
        doc_category = DOC_CATEGORY_DISCOUNTS


def row_error_type(row_error: RowError, index: int) -> PriceListError:
    return PriceListError(
        field=to_camel_case(row_error.field) if row_error.field else None,
        message=row_error.message,
        code=row_error.code.value,
        index=index,
    )


def bulk_errors(errors: dict[int, list[RowError]]) -> list[PriceListError]:
    """Every row error, by row: the call's ``errors``."""
    return [
        row_error_type(row_error, index)
        for index in sorted(errors)
        for row_error in errors[index]
    ]


def all_or_nothing(error_policy: str | None) -> bool:
    return error_policy in (None, ErrorPolicy.REJECT_EVERYTHING)


def decode_ids(global_ids: list[str], type_name: str, field: str) -> list[int]:
    """Primary keys of ``global_ids``; a ``GRAPHQL_ERROR`` on ``field`` if any is
    malformed."""
    try:
        return [ids.pk_of(global_id, type_name) for global_id in global_ids]
    except ValueError as e:
        raise ValidationError(
            {field: error(str(e), PriceListErrorCode.GRAPHQL_ERROR)}
        ) from e


def get_price_list_or_error(
    *,
    id: str | None = None,
    external_reference: str | None = None,
    id_arg: str = "priceList",
    ref_arg: str = "priceListExternalReference",
) -> PriceList:
    """A price list by global ID or external reference (exactly one of them).

    ``id_arg`` and ``ref_arg``: the mutation's argument names, for errors.
    """
    return get_or_error(
        PriceList,
        PriceListErrorCode,
        id=id,
        external_reference=external_reference,
        id_arg=id_arg,
        ref_arg=ref_arg,
    )


def get_group_or_error(
    *, id: str | None = None, external_reference: str | None = None
) -> CustomerGroup:
    return get_or_error(
        CustomerGroup,
        PriceListErrorCode,
        id=id,
        external_reference=external_reference,
        id_arg="group",
        ref_arg="groupExternalReference",
    )


def check_batch_size(count: int, field: str) -> None:
    if count > MAX_ROWS:
        raise ValidationError(
            {
                field: error(
                    f"At most {MAX_ROWS} rows per call; got {count}.",
                    PriceListErrorCode.TOO_MANY_ROWS,
                )
            }
        )


def raise_delete_errors(outcome: DeleteOutcome) -> None:
    if outcome.errors:
        raise ValidationError(
            {
                e.field or "ids": ValidationError(e.message, code=e.code.value)
                for e in outcome.errors
            }
        )


def upsert_rows(
    mutation: Any,
    *,
    price_list: str | None,
    price_list_external_reference: str | None,
    rows: list,
    field: str,
    read_row: Callable[[Any], Any],
    upsert: Callable[..., Any],
    change: str,
    result_type: Any,
    result_field: str,
    error_policy: str | None,
):
    """The body every bulk upsert of a price list's rows shares: find the list,
    read the rows, write them in one transaction with the change announced, and
    answer with a result per row (``result_type(**{result_field: row}, errors)``)."""
    found = get_price_list_or_error(
        id=price_list, external_reference=price_list_external_reference
    )
    check_batch_size(len(rows), field)
    read = [read_row(row) for row in rows]
    with transaction.atomic():
        outcome = upsert(found, read, all_or_nothing=all_or_nothing(error_policy))
        changes.price_lists_changed(
            [changes.PriceListChange(found, **{change: outcome.written})]
        )
    return mutation(
        count=outcome.count,
        price_list=found,
        results=[
            result_type(
                **{result_field: row},
                errors=[
                    row_error_type(e, index) for e in outcome.errors.get(index, [])
                ],
            )
            for index, row in enumerate(outcome.rows)
        ],
        errors=bulk_errors(outcome.errors),
    )
