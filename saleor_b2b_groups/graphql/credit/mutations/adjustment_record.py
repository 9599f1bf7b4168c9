import graphene
from saleor.graphql.app.dataloaders import get_app_promise
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types import BaseInputObjectType

from ....credit import payments
from ....credit.accounts import CreditError
from ....credit.models import CreditAccount as CreditAccountModel
from ...core import ADDED_IN_B2B_01
from ..types import CreditAccount, CreditLedgerEntry
from .base import PAYMENT_PERMISSIONS, CreditErrorType, from_domain, not_found, pk_of


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


class CreditAdjustmentRecord(BaseMutation):
    entry = graphene.Field(CreditLedgerEntry, description="The adjustment's entry.")
    credit_account = graphene.Field(CreditAccount, description="The account.")
    created = graphene.Boolean(
        description="False when the reference was recorded before (nothing changed)."
    )

    class Arguments:
        account = graphene.ID(required=True, description="The credit account.")
        input = CreditAdjustmentInput(required=True, description="The adjustment.")

    class Meta:
        description = (
            "Records a staff correction of the outstanding amount, with a reason."
            + ADDED_IN_B2B_01
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
        app = get_app_promise(info.context).get()
        try:
            recorded = payments.record_adjustment(
                pk,
                amount=input["amount"],
                currency=input["currency"],
                reason=input["reason"],
                external_reference=input.get("external_reference"),
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
