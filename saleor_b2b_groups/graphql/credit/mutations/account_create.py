import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.scalars import PositiveDecimal
from saleor.graphql.core.types import BaseInputObjectType

from ....credit import ExceedPolicy, accounts
from ....credit.accounts import CreditError
from ....groups.models import CustomerGroup
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


class CreditAccountCreateInput(BaseInputObjectType):
    group = graphene.ID(required=True, description="The group that owns it.")
    currency = graphene.String(required=True, description="ISO 4217 code.")
    limit = PositiveDecimal(required=True, description="The credit limit.")
    exceed_policy = CreditExceedPolicyEnum(description="BLOCK when omitted.")
    block_when_overdue_days = graphene.Int(
        description="Refuse new on-account checkouts while a charge is overdue by "
        "more than this many days."
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CreditAccountCreate(CreditMutation):
    credit_account = graphene.Field(CreditAccount, description="The new account.")

    class Arguments:
        input = CreditAccountCreateInput(required=True, description="The account.")

    class Meta:
        description = (
            "Opens a credit account for a group; the groups below it without an "
            "account of their own draw on it." + ADDED_IN_B2B_01
        )
        permissions = ACCOUNT_PERMISSIONS

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input
    ):
        group_pk = pk_of(input["group"], "CustomerGroup", "group")
        group = CustomerGroup.objects.filter(pk=group_pk).first()
        if group is None:
            raise not_found("group", "Group")
        try:
            account = accounts.create_account(
                group,
                currency=input["currency"],
                limit=input["limit"],
                exceed_policy=input.get("exceed_policy") or ExceedPolicy.BLOCK,
                block_when_overdue_days=input.get("block_when_overdue_days"),
            )
        except CreditError as e:
            raise from_domain(e) from e
        return cls(credit_account=account)
