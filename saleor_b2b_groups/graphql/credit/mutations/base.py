"""What the credit mutations share: the error type, ID parsing, error mapping."""

from collections.abc import Callable
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.app.dataloaders import get_app_promise
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import Error
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.permission.enums import AccountPermissions, OrderPermissions

from .... import ids
from ....credit.accounts import CreditError
from ....credit.error_codes import CreditErrorCode
from ....credit.models import CreditAccount as CreditAccountModel
from ...mutation_base import FeatureMutation
from ..enums import CreditErrorCodeEnum
from ..types import CreditAccount, CreditLedgerEntry

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
    """The integer pk of a global ID of ``type_name``; a typed error otherwise (an
    out-of-range key too: PostgreSQL's integer could not even compare it)."""
    try:
        value = ids.pk_of(global_id, type_name)
    except ids.InvalidId as e:
        raise error(field, str(e), CreditErrorCode.GRAPHQL_ERROR) from e
    if not 0 < value < 2**31:
        message = f"Invalid ID: {global_id}. Expected: {type_name}."
        raise error(field, message, CreditErrorCode.GRAPHQL_ERROR)
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


class CreditMutation(FeatureMutation):
    """What every credit mutation shares (see ``FeatureMutation``); each names its
    permissions (accounts, payments, or the buyer's own checkout)."""

    DEFAULTS = {
        "doc_category": DOC_CATEGORY_USERS,
        "error_type_class": CreditErrorType,
        "error_type_field": "credit_errors",
    }

    class Meta:
        abstract = True


class LedgerRecordMutation(CreditMutation):
    """A payment or an adjustment the ERP or staff records on an account, once per
    external reference: the entry, the account after it, whether it was new."""

    entry = graphene.Field(CreditLedgerEntry, description="The recorded entry.")
    credit_account = graphene.Field(CreditAccount, description="The account.")
    created = graphene.Boolean(
        description="False when the reference was recorded before (nothing changed)."
    )

    class Meta:
        abstract = True

    @classmethod
    def record(cls, info, account: str, write: Callable[..., Any]):
        """``write(pk, user=, app=)`` on the existing account; its result answered."""
        pk = pk_of(account, "CreditAccount", "account")
        if not CreditAccountModel.objects.filter(pk=pk).exists():
            raise not_found("account", "Credit account")
        app = get_app_promise(info.context).get()
        try:
            recorded = write(pk, user=info.context.user, app=app)
        except CreditError as e:
            raise from_domain(e) from e
        return cls(
            entry=recorded.entry,
            credit_account=CreditAccountModel.objects.get(pk=pk),
            created=recorded.created,
        )
