import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.mutations import BaseMutation

from ....credit import accounts
from ....credit.models import CreditSubLimit as CreditSubLimitModel
from ...core import ADDED_IN_B2B_01
from ..types import CreditSubLimit
from .base import ACCOUNT_PERMISSIONS, CreditErrorType, not_found, pk_of


class CreditSubLimitDelete(BaseMutation):
    credit_sub_limit = graphene.Field(
        CreditSubLimit, description="The deleted sub-limit."
    )

    class Arguments:
        id = graphene.ID(required=True, description="The sub-limit.")

    class Meta:
        description = (
            "Removes a sub-limit: the group draws on the whole pool again."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS
        permissions = ACCOUNT_PERMISSIONS
        error_type_class = CreditErrorType
        error_type_field = "credit_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id
    ):
        pk = pk_of(id, "CreditSubLimit", "id")
        if not CreditSubLimitModel.objects.filter(pk=pk).exists():
            raise not_found("id", "Sub-limit")
        sub = accounts.delete_sub_limit(pk)
        sub.id = pk
        return cls(credit_sub_limit=sub)
