"""``Order.paymentTerms``: the terms of an order paid on account."""

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SyncWebhookControlContext
from saleor.graphql.order.types import Order

from ..approvals.order_fields import may_see_order
from ..core import ADDED_IN_B2B_01
from ..schema_extension import TypeExtension
from .dataloaders import ChargedDrawByOrderIdLoader
from .types import OrderPaymentTerms


class OrderCreditPaymentTerms(TypeExtension):
    extends = Order

    payment_terms = graphene.Field(
        OrderPaymentTerms,
        description=(
            "Days, due date and outstanding amount of an order paid on account; "
            "null otherwise. For the order's customer and staff with "
            "MANAGE_ORDERS." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_payment_terms(root: SyncWebhookControlContext, info: ResolveInfo):
        order = root.node
        if not may_see_order(order, info):
            return None
        return ChargedDrawByOrderIdLoader(info.context).load(str(order.pk))
