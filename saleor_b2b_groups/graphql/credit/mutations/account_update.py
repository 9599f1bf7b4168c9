import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.scalars import PositiveDecimal
from saleor.graphql.core.types import BaseInputObjectType

from ....credit import accounts
from ....credit.accounts import CreditError
from ....credit.models import CreditAccount as CreditAccountModel
from ...core import ADDED_IN_B2B_01
from ..enums import CreditExceedPolicyEnum
from ..types import CreditAccount
from .base import (
    ACCOUNT_PERMISSIONS,
    CreditMutation,
    from_domain,
    not_found,
    pk_of,
)


class CreditAccountUpdateInput(BaseInputObjectType):
    currency = graphene.String(
        description="ISO 4217 code; only while the account has no entries."
    )
    limit = PositiveDecimal(description="The credit limit.")
    exceed_policy = CreditExceedPolicyEnum(description="What happens over the limit.")
    block_when_overdue_days = graphene.Int(
        description="Days overdue that block new on-account checkouts; null: never."
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CreditAccountUpdate(CreditMutation):
    credit_account = graphene.Field(CreditAccount, description="The account.")

    class Arguments:
        id = graphene.ID(required=True, description="The account.")
        input = CreditAccountUpdateInput(required=True, description="What changes.")

    class Meta:
        description = (
            "Changes a credit account's limit, policy or currency." + ADDED_IN_B2B_01
        )
        permissions = ACCOUNT_PERMISSIONS

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id, input
    ):
        pk = pk_of(id, "CreditAccount", "id")
        if not CreditAccountModel.objects.filter(pk=pk).exists():
            raise not_found("id", "Credit account")
        try:
            account = accounts.update_account(pk, **dict(input))
        except CreditError as e:
            raise from_domain(e) from e
        return cls(credit_account=account)
