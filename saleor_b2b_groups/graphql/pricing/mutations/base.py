"""What the price list mutations share: the error type, lookups, ID decoding."""

from typing import Any, ClassVar

import graphene
from django.core.exceptions import ValidationError
from graphene.utils.str_converters import to_camel_case
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.enums import ErrorPolicy
from saleor.graphql.core.types import Error

from .... import ids
from ....groups.models import CustomerGroup
from ....pricing import services
from ....pricing.bulk import MAX_ROWS, DeleteOutcome, RowError
from ....pricing.error_codes import PriceListErrorCode
from ....pricing.models import PriceList
from ...lookups import error, get_or_error
from ...mutation_base import FeatureMutation
from ..enums import PriceListErrorCodeEnum
from ..types import ADMIN_PERMISSIONS
from ..types import PriceList as PriceListType

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


class PriceListMutation(FeatureMutation):
    """What every pricing mutation shares (see ``FeatureMutation``)."""

    DEFAULTS = {
        "doc_category": DOC_CATEGORY_DISCOUNTS,
        "permissions": PERMISSIONS,
        "error_type_class": PriceListError,
    }

    class Meta:
        abstract = True


class PriceListArguments:
    """The price list a mutation works on: by ID or by the ERP's reference."""

    price_list = graphene.ID(description="ID of the price list.")
    price_list_external_reference = graphene.String(
        description="Or the price list's external reference."
    )


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


class PriceListRowsUpsert(PriceListMutation):
    """A bulk upsert of one kind of a price list's rows (entries, rules): find the
    list, read the rows, write them with the change announced, answer per row.

    A subclass declares ``results`` and its rows' argument, and sets ``ROWS`` (the
    argument's name), ``RESULT`` and ``RESULT_FIELD`` (the result type and its
    row's field), ``read_row``, ``upsert`` (the ``pricing.bulk`` function) and
    ``CHANGE`` (the ``PriceListChange`` field it fills).
    """

    count = graphene.Int(
        required=True,
        default_value=0,
        description="Rows stored as asked: created, updated or already equal.",
    )
    price_list = graphene.Field(PriceListType, description="The price list.")

    ROWS: ClassVar[str]
    RESULT: ClassVar[Any]
    RESULT_FIELD: ClassVar[str]
    CHANGE: ClassVar[str]
    read_row: ClassVar[Any]  # a staticmethod: row input -> pricing.bulk row
    upsert: ClassVar[Any]  # a staticmethod: pricing.bulk.upsert_entries or _rules

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls,
        _root,
        info,
        /,
        *,
        price_list=None,
        price_list_external_reference=None,
        error_policy=None,
        **arguments,
    ):
        rows = arguments[cls.ROWS]
        found = get_price_list_or_error(
            id=price_list, external_reference=price_list_external_reference
        )
        check_batch_size(len(rows), cls.ROWS)
        outcome = services.upsert_rows(
            found,
            [cls.read_row(row) for row in rows],
            cls.upsert,
            cls.CHANGE,
            all_or_nothing=all_or_nothing(error_policy),
        )
        return cls(
            count=outcome.count,
            price_list=found,
            results=[
                cls.RESULT(
                    **{cls.RESULT_FIELD: row},
                    errors=[
                        row_error_type(e, index) for e in outcome.errors.get(index, [])
                    ],
                )
                for index, row in enumerate(outcome.rows)
            ],
            errors=bulk_errors(outcome.errors),
        )


class PriceListRowsDelete(PriceListMutation):
    """A bulk delete of one kind of a price list's rows, by ID, by external
    reference, or by the kind's natural key (``KEYS``: the argument, read into
    ``pricing.bulk`` keys by ``read_keys``). Any error and nothing is deleted.

    A subclass sets ``ROW_TYPE`` (the rows' GraphQL type), ``KEYS``, ``read_keys``,
    ``delete`` (the ``pricing.bulk`` function) and ``CHANGE``.
    """

    price_list = graphene.Field(PriceListType, description="The price list.")

    ROW_TYPE: ClassVar[str]
    KEYS: ClassVar[str]
    CHANGE: ClassVar[str]
    read_keys: ClassVar[Any]  # a staticmethod: the KEYS argument -> bulk keys
    delete: ClassVar[Any]  # a staticmethod: pricing.bulk.delete_entries or _rules

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls,
        _root,
        info,
        /,
        *,
        price_list=None,
        price_list_external_reference=None,
        ids=None,
        external_references=None,
        **arguments,
    ):
        found = get_price_list_or_error(
            id=price_list, external_reference=price_list_external_reference
        )
        ids, references = ids or [], external_references or []
        keys = arguments.get(cls.KEYS) or []
        check_batch_size(len(ids) + len(references) + len(keys), "ids")
        outcome = services.delete_rows(
            found,
            cls.delete,
            cls.CHANGE,
            ids=decode_ids(ids, cls.ROW_TYPE, "ids"),
            external_references=references,
            **{cls.KEYS: cls.read_keys(keys)},
        )
        raise_delete_errors(outcome)
        return cls(count=len(outcome.deleted_ids), price_list=found)
