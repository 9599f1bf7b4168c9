import graphene
from saleor.graphql.app.dataloaders import get_app_promise
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.scalars import PositiveDecimal
from saleor.graphql.core.types import BaseInputObjectType

from ....credit import payments
from ....credit.accounts import CreditError
from ....credit.models import CreditAccount as CreditAccountModel
from ...core import ADDED_IN_B2B_01
from ..types import CreditAccount, CreditLedgerEntry
from .base import (
    PAYMENT_PERMISSIONS,
    CreditErrorType,
    from_domain,
    not_found,
    pk_of,
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


class CreditPaymentRecord(BaseMutation):
    entry = graphene.Field(CreditLedgerEntry, description="The payment's entry.")
    credit_account = graphene.Field(CreditAccount, description="The account.")
    created = graphene.Boolean(
        description="False when the reference was recorded before (nothing changed)."
    )

    class Arguments:
        account = graphene.ID(required=True, description="The credit account.")
        input = CreditPaymentInput(required=True, description="The payment.")

    class Meta:
        description = (
            "Records a payment received (by the ERP): the outstanding amount goes "
            "down. Idempotent by externalReference." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_USERS
        permissions = PAYMENT_PERMISSIONS
        error_type_class = CreditErrorType
        error_type_field = "credit_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, account, input
    ):
        pk = pk_of(account, "CreditAccount", "account")
        if not CreditAccountModel.objects.filter(pk=pk).exists():
            raise not_found("account", "Credit account")
        order_id = (
            uuid_of(input["order"], "Order", "order") if input.get("order") else None
        )
        app = get_app_promise(info.context).get()
        try:
            recorded = payments.record_payment(
                pk,
                amount=input["amount"],
                currency=input["currency"],
                external_reference=input["external_reference"],
                order_id=order_id,
                user=info.context.user,
                app=app,
            )
        except CreditError as e:
            raise from_domain(e) from e
        return cls(
            entry=recorded.entry,
            credit_account=CreditAccountModel.objects.get(pk=pk),
            created=recorded.created,
        )
