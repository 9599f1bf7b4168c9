"""What the credit mutations share: the error type, ID parsing, error mapping."""

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import Error
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.permission.enums import AccountPermissions, OrderPermissions

from ....credit.accounts import CreditError
from ....credit.error_codes import CreditErrorCode
from ..enums import CreditErrorCodeEnum

#: Accounts and sub-limits.
ACCOUNT_PERMISSIONS = (AccountPermissions.MANAGE_USERS,)
#: Payments and adjustments.
PAYMENT_PERMISSIONS = (OrderPermissions.MANAGE_ORDERS,)


class CreditErrorType(Error):
    code = CreditErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        doc_category = DOC_CATEGORY_USERS
        name = "CreditError"


def error(field: str, message: str, code: CreditErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def from_domain(e: CreditError) -> ValidationError:
    return error(e.field, e.message, e.code)


def pk_of(global_id: str, type_name: str, field: str) -> int:
    """The integer pk of a global ID of ``type_name``; a typed error otherwise."""
    invalid = error(
        field, f"Expected the ID of a {type_name}.", CreditErrorCode.GRAPHQL_ERROR
    )
    try:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
        value = int(pk)
    except Exception as e:
        raise invalid from e
    if not 0 < value < 2**31:
        raise invalid
    return value


def uuid_of(global_id: str, type_name: str, field: str):
    """The UUID pk of a global ID of ``type_name`` (orders, checkouts)."""
    import uuid

    try:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
        return uuid.UUID(str(pk))
    except Exception as e:
        raise error(
            field, f"Expected the ID of a {type_name}.", CreditErrorCode.GRAPHQL_ERROR
        ) from e


def not_found(field: str, what: str) -> ValidationError:
    return error(field, f"{what} not found.", CreditErrorCode.NOT_FOUND)


__all__ = ["graphene"]
