"""What the approval mutations share: the error type, ID lookups, refusals."""

from collections.abc import Callable
from uuid import UUID

from django.core.exceptions import ValidationError
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.types import Error

from .... import ids
from ....approvals.actions import ApprovalError
from ....approvals.error_codes import CheckoutApprovalErrorCode
from ..enums import CheckoutApprovalErrorCodeEnum


class CheckoutApprovalError(Error):
    code = CheckoutApprovalErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


def error(
    field: str | None, message: str, code: CheckoutApprovalErrorCode
) -> ValidationError:
    invalid = ValidationError(message, code=code.value)
    return ValidationError({field: invalid}) if field else invalid


def as_validation_error(e: ApprovalError) -> ValidationError:
    return error(e.field, e.message, e.code)


def run[T](action: Callable[[], T]) -> T:
    """Run a domain transition; its refusal becomes the mutation's error."""
    try:
        return action()
    except ApprovalError as e:
        raise as_validation_error(e) from e


def parse_id(value: str, types: tuple[str, ...], field: str) -> tuple[str, str]:
    """(type, pk) of a global ID of one of ``types``, or a GRAPHQL_ERROR."""
    try:
        return ids.decode(value, *types)
    except ids.InvalidId as e:
        raise error(field, str(e), CheckoutApprovalErrorCode.GRAPHQL_ERROR) from e


def checkout_token(value: str, field: str = "id") -> UUID:
    _, pk = parse_id(value, ("Checkout",), field)
    try:
        return UUID(pk)
    except ValueError as e:
        raise error(
            field, "Invalid checkout ID.", CheckoutApprovalErrorCode.GRAPHQL_ERROR
        ) from e


def integer_pk(value: str, types: tuple[str, ...], field: str) -> tuple[str, int]:
    type_name, pk = parse_id(value, types, field)
    if type_name == "Checkout":
        return type_name, 0
    try:
        return type_name, int(pk)
    except ValueError as e:
        raise error(
            field, "Invalid ID.", CheckoutApprovalErrorCode.GRAPHQL_ERROR
        ) from e
