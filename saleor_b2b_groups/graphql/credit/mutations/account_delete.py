import graphene
from saleor.graphql.core import ResolveInfo

from ....credit import accounts
from ....credit.accounts import CreditError
from ....credit.models import CreditAccount as CreditAccountModel
from ...core import ADDED_IN_B2B_01
from ..types import CreditAccount
from .base import (
    ACCOUNT_PERMISSIONS,
    CreditMutation,
    from_domain,
    not_found,
    pk_of,
)


class CreditAccountDelete(CreditMutation):
    credit_account = graphene.Field(CreditAccount, description="The deleted account.")

    class Arguments:
        id = graphene.ID(required=True, description="The account.")

    class Meta:
        description = (
            "Deletes a credit account that has no ledger entries, with its "
            "sub-limits." + ADDED_IN_B2B_01
        )
        permissions = ACCOUNT_PERMISSIONS

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id
    ):
        pk = pk_of(id, "CreditAccount", "id")
        if not CreditAccountModel.objects.filter(pk=pk).exists():
            raise not_found("id", "Credit account")
        try:
            account = accounts.delete_account(pk)
        except CreditError as e:
            raise from_domain(e) from e
        account.id = pk
        return cls(credit_account=account)
