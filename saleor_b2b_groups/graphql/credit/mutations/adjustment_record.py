from functools import partial

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types import BaseInputObjectType

from ....credit import payments
from ...core import ADDED_IN_B2B_01
from .base import PAYMENT_PERMISSIONS, LedgerRecordMutation


class CreditAdjustmentInput(BaseInputObjectType):
    amount = Decimal(
        required=True,
        description="Positive: the company owes more; negative: less. Not zero.",
    )
    currency = graphene.String(required=True, description="The account's currency.")
    reason = graphene.String(required=True, description="Why.")
    external_reference = graphene.String(
        description="The ERP's document number: recorded once per account."
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CreditAdjustmentRecord(LedgerRecordMutation):
    class Arguments:
        account = graphene.ID(required=True, description="The credit account.")
        input = CreditAdjustmentInput(required=True, description="The adjustment.")

    class Meta:
        description = (
            "Records a staff correction of the outstanding amount, with a reason."
            + ADDED_IN_B2B_01
        )
        permissions = PAYMENT_PERMISSIONS

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, account, input
    ):
        return cls.record(
            info,
            account,
            partial(
                payments.record_adjustment,
                amount=input["amount"],
                currency=input["currency"],
                reason=input["reason"],
                external_reference=input.get("external_reference"),
            ),
        )
