"""``Checkout.approval``: where a checkout's approval stands, as completion sees it."""

import graphene
from saleor.core.db.connection import allow_writer
from saleor.graphql.checkout.dataloaders.calculations import (
    CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader,
)
from saleor.graphql.checkout.types import Checkout
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SyncWebhookControlContext

from ...approvals.actions import view_of
from ..core import ADDED_IN_B2B_01, plugin_active_promise
from ..schema_extension import TypeExtension
from .types import CheckoutApprovalStatus


class CheckoutApprovalField(TypeExtension):
    extends = Checkout

    approval = graphene.Field(
        CheckoutApprovalStatus,
        description=(
            "Whether the checkout needs approval before it can be completed, and "
            "where that stands, after Saleor's price calculation (the same one "
            "`totalPrice` shows). Null while the plugin is inactive." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_approval(root: SyncWebhookControlContext, info: ResolveInfo):
        checkout = root.node

        def derive(data):
            with allow_writer():
                return view_of(*data)

        def if_active(active: bool):
            if not active:
                return None
            return (
                CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader(
                    info.context
                )
                .load((checkout.pk, root.allow_sync_webhooks, False))
                .then(derive)
            )

        return plugin_active_promise(info.context).then(if_active)
