"""The approval an order was placed with, on Saleor's ``Order``."""

import graphene
from promise import Promise
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SyncWebhookControlContext
from saleor.graphql.order.types import Order
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.order.models import Order as OrderModel
from saleor.permission.enums import OrderPermissions

from ...approvals.models import CheckoutApproval as CheckoutApprovalModel
from ..core import ADDED_IN_B2B_01
from ..schema_extension import TypeExtension
from ..selfservice.seen import was_seen
from .dataloaders import OrderApprovalByCheckoutTokenLoader, OrderByCheckoutTokenLoader
from .types import CheckoutApproval


def may_see_order(order: OrderModel, info: ResolveInfo) -> bool:
    requestor = get_user_or_app_from_context(info.context)
    if not requestor:
        return False
    if requestor.has_perm(OrderPermissions.MANAGE_ORDERS):
        return True
    if was_seen(info.context, order.pk):  # a colleague's, shown by groupOrders
        return True
    return (
        order.user_id is not None
        and order.user_id == requestor.pk
        and (getattr(info.context, "app", None) is None)
    )


def resolve_order_of_approval(approval: CheckoutApprovalModel, info: ResolveInfo):
    def visible(order: OrderModel | None):
        if order is None or not may_see_order(order, info):
            return None
        return SyncWebhookControlContext(node=order, allow_sync_webhooks=False)

    return (
        OrderByCheckoutTokenLoader(info.context)
        .load(str(approval.checkout_token))
        .then(visible)
    )


class OrderCheckoutApproval(TypeExtension):
    extends = Order

    checkout_approval = graphene.Field(
        CheckoutApproval,
        description=(
            "The approval the order was placed with: who approved each level and "
            "when. Null when the checkout needed none. For the order's customer "
            "and staff with MANAGE_ORDERS." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_checkout_approval(root: SyncWebhookControlContext, info: ResolveInfo):
        order = root.node
        if not may_see_order(order, info) or not order.checkout_token:
            return Promise.resolve(None)
        return OrderApprovalByCheckoutTokenLoader(info.context).load(
            order.checkout_token
        )
