import graphene
from saleor.graphql.core import ResolveInfo

from ....credit import accounts
from ....credit.models import CreditSubLimit as CreditSubLimitModel
from ...core import ADDED_IN_B2B_01
from ..types import CreditSubLimit
from .base import ACCOUNT_PERMISSIONS, CreditMutation, not_found, pk_of


class CreditSubLimitDelete(CreditMutation):
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
        permissions = ACCOUNT_PERMISSIONS

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
