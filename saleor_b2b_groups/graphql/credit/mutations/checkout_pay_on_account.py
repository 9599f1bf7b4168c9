import graphene
from saleor.checkout.models import Checkout as CheckoutModel
from saleor.core.db.connection import allow_writer
from saleor.graphql.checkout.types import Checkout
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SyncWebhookControlContext
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.payment.types import TransactionItem
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise
from saleor.permission.auth_filters import AuthorizationFilters

from ....activation import is_plugin_active
from ....buyers.context import of_checkout
from ....credit.accounts import CreditError
from ....credit.checkout import pay_on_account
from ....credit.error_codes import CreditErrorCode
from ...core import ADDED_IN_B2B_01
from .base import CreditErrorType, CreditMutation, error, from_domain, uuid_of


class CheckoutPayOnAccount(CreditMutation):
    checkout = graphene.Field(Checkout, description="The checkout, now authorized.")
    transaction = graphene.Field(
        TransactionItem,
        description='The Saleor transaction authorized on account ("On account, '
        'net 30").',
    )

    class Arguments:
        id = graphene.ID(required=True, description="ID of the checkout.")

    class Meta:
        description = (
            "Pays the checkout on account: holds its total on the credit account "
            "the buyer's purchasing group draws on, and authorizes a transaction "
            "for it, so checkoutComplete places the order. After a change of the "
            "checkout, paying again replaces the hold." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
        error_type_class = CreditErrorType
        error_type_field = "credit_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id
    ):
        user = info.context.user
        assert user is not None  # the mutation's permissions require one
        token = uuid_of(id, "Checkout", "id")
        with allow_writer():
            manager = get_plugin_manager_promise(info.context).get()
            if not is_plugin_active(manager):
                raise error("id", "Credit is switched off.", CreditErrorCode.INACTIVE)
            checkout = CheckoutModel.objects.filter(token=token).first()
            if checkout is None:
                raise error("id", "Checkout not found.", CreditErrorCode.NOT_FOUND)
            if checkout.user_id != user.pk:
                raise error(
                    "id",
                    "Only the checkout's customer pays it on account.",
                    CreditErrorCode.NOT_BUYER,
                )
            buyer = of_checkout(checkout, requestor=user)
            try:
                paid = pay_on_account(checkout, buyer, user=user, manager=manager)
            except CreditError as e:
                raise from_domain(e) from e
            checkout.refresh_from_db()
        return cls(
            checkout=SyncWebhookControlContext(node=checkout),
            transaction=paid.transaction,
        )
