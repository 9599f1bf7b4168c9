import graphene
from django.core.exceptions import ValidationError
from saleor.core.db.connection import allow_writer
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import Error
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise
from saleor.permission.auth_filters import AuthorizationFilters

from ....activation import is_plugin_active
from ....buyers.error_codes import PurchasingGroupErrorCode
from ....buyers.services import PurchasingGroupError, select_purchasing_group
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup
from ..enums import PurchasingGroupErrorCodeEnum


class PurchasingGroupErrorType(Error):
    code = PurchasingGroupErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        doc_category = DOC_CATEGORY_USERS
        name = "PurchasingGroupError"


def _error(message: str, code: PurchasingGroupErrorCode) -> ValidationError:
    return ValidationError({"group": ValidationError(message, code=code.value)})


def _group_pk(global_id: str) -> int:
    """The pk of a CustomerGroup ID; a typed error for anything else."""
    invalid = _error(
        "Expected the ID of a CustomerGroup.", PurchasingGroupErrorCode.GRAPHQL_ERROR
    )
    try:
        _, pk = from_global_id_or_error(global_id, "CustomerGroup", raise_error=True)
        group_pk = int(pk)
    except Exception as e:
        raise invalid from e
    if not 0 < group_pk < 2**31:
        raise invalid
    return group_pk


class PurchasingGroupSelect(BaseMutation):
    purchasing_group = graphene.Field(
        CustomerGroup,
        description="The group the customer now buys for; null: none selected.",
    )

    class Arguments:
        group = graphene.ID(
            description=(
                "One of the customer's groups; null clears the choice (with several "
                "groups, the best price among them and the strictest approval apply)."
            )
        )

    class Meta:
        description = (
            "Selects the customer group the signed-in customer buys for: the "
            "storefront's prices and catalog, and every checkout of the customer "
            "(prices, visibility, approval) follow that group's lineage only."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = PurchasingGroupErrorType
        error_type_field = "purchasing_group_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group=None
    ):
        user = info.context.user
        assert user is not None  # the mutation's permissions require one
        group_id = _group_pk(group) if group else None
        with allow_writer():
            manager = get_plugin_manager_promise(info.context).get()
            if not is_plugin_active(manager):
                raise _error(
                    "Customer groups are switched off.",
                    PurchasingGroupErrorCode.INACTIVE,
                )
            try:
                selected = select_purchasing_group(user, group_id)
            except PurchasingGroupError as e:
                raise _error(e.message, e.code) from e
        return cls(purchasing_group=selected)
