import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.scalars import PositiveDecimal
from saleor.graphql.core.types import BaseInputObjectType

from ....credit import payments
from ...core import ADDED_IN_B2B_01
from .base import (
    PAYMENT_PERMISSIONS,
    LedgerRecordMutation,
    uuid_of,
)


class CreditPaymentInput(BaseInputObjectType):
    amount = PositiveDecimal(required=True, description="The amount paid.")
    currency = graphene.String(required=True, description="The account's currency.")
    external_reference = graphene.String(
        required=True,
        description="The ERP's document number: recorded once per account.",
    )
    order = graphene.ID(
        description="The order paid (its on-account charge); omitted: the account."
    )

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CreditPaymentRecord(LedgerRecordMutation):
    class Arguments:
        account = graphene.ID(required=True, description="The credit account.")
        input = CreditPaymentInput(required=True, description="The payment.")

    class Meta:
        description = (
            "Records a payment received (by the ERP): the outstanding amount goes "
            "down. Idempotent by externalReference." + ADDED_IN_B2B_01
        )
        permissions = PAYMENT_PERMISSIONS

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, account, input
    ):
        def write(pk: int, **who):
            order = input.get("order")
            return payments.record_payment(
                pk,
                amount=input["amount"],
                currency=input["currency"],
                external_reference=input["external_reference"],
                order_id=uuid_of(order, "Order", "order") if order else None,
                **who,
            )

        return cls.record(info, account, write)
