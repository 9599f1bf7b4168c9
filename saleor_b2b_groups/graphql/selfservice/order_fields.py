"""``me.groupOrders`` and what a colleague reads of an order it shows."""

import graphene
from django.db.models import QuerySet
from promise import Promise
from saleor.account.models import User as UserModel
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import (
    create_connection_slice_for_sync_webhook_control_context,
)
from saleor.graphql.core.context import (
    SyncWebhookControlContext,
    get_database_connection_name,
)
from saleor.graphql.core.fields import ConnectionField
from saleor.graphql.order.types import Order, OrderCountableConnection, OrderLine
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.order.models import Order as OrderModel
from saleor.permission.auth_filters import AuthorizationFilters

from ...pricing import PRICE_OVERRIDE_REASON_PREFIX
from ...selfservice.orders import visible_orders
from ..approvals.order_fields import may_see_order
from ..buyer import request_buyer
from ..core import ADDED_IN_B2B_01
from ..groups.types import CustomerGroup
from ..schema_extension import TypeExtension
from .dataloaders import purchasing_group_of_order
from .filters import GroupOrderFilterInput, filter_group_orders
from .seen import note_seen
from .sorters import GroupOrderSortingInput, newest_first


class UserGroupOrders(TypeExtension):
    extends = User

    group_orders = ConnectionField(
        OrderCountableConnection,
        filter=GroupOrderFilterInput(description="Filtering options."),
        sort_by=GroupOrderSortingInput(description="Sort the orders; newest first."),
        description=(
            "The orders of the customer's company the customer may see: a BUYER "
            "their own, an APPROVER also their group's, a MANAGER their group's and "
            "every group's below it. Drafts are not shown. For the customer "
            "themself; empty for a customer in no group or while the plugin is "
            "inactive. Saleor's `orders` is unchanged." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_group_orders(root: UserModel, info: ResolveInfo, **kwargs):
        requestor = get_user_or_app_from_context(info.context)
        if requestor is None or requestor != root:
            raise PermissionDenied(permissions=[AuthorizationFilters.OWNER])
        database = get_database_connection_name(info.context)
        buyer = request_buyer(info.context)
        qs: QuerySet
        if buyer is None:
            qs = OrderModel.objects.none()
        else:
            qs = visible_orders(buyer, database)
            qs = filter_group_orders(qs, kwargs.get("filter"), database)
        if not kwargs.get("sort_by"):
            kwargs["sort_by"] = newest_first()
        page = create_connection_slice_for_sync_webhook_control_context(
            qs, info, kwargs, OrderCountableConnection, allow_sync_webhooks=False
        )
        note_seen(info.context, (edge.node.node.pk for edge in page.edges))
        return page


class OrderPurchasingGroup(TypeExtension):
    extends = Order

    purchasing_group = graphene.Field(
        CustomerGroup,
        description=(
            "The group the order was bought for, recorded when it was placed; null "
            "when none applied. For the order's customer, colleagues who see it "
            "through `me.groupOrders`, and staff with MANAGE_ORDERS." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_purchasing_group(root: SyncWebhookControlContext, info: ResolveInfo):
        order = root.node
        if not may_see_order(order, info):
            return Promise.resolve(None)
        return purchasing_group_of_order(info.context, order.pk)


class OrderLineGroupPriceList(TypeExtension):
    extends = OrderLine

    group_price_list = graphene.String(
        description=(
            "The slug of the group price list the line was priced from; null for "
            "Saleor's own price." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_group_price_list(root: SyncWebhookControlContext, _info: ResolveInfo):
        reason = root.node.price_override_reason or ""
        if not reason.startswith(PRICE_OVERRIDE_REASON_PREFIX):
            return None
        return reason.removeprefix(PRICE_OVERRIDE_REASON_PREFIX)


TYPE_EXTENSIONS = [UserGroupOrders, OrderPurchasingGroup, OrderLineGroupPriceList]
