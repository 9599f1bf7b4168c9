"""Reorder (Saleor's ``checkoutCreateFromOrder``) of a company's order.

Saleor lets anyone who knows an order's ID create a checkout from it. An order of a
customer-group member is company business: a customer may reorder it only when
they may see it (``selfservice.orders``: their own, their group's as APPROVER,
their groups' below as MANAGER); anyone else gets Saleor's own ``ORDER_NOT_FOUND``,
so not even the order's existence is revealed. Staff with MANAGE_ORDERS and orders
of customers in no group keep Saleor's behaviour. The checkout is the reorderer's
own, and the visibility and repricing wrappers of that mutation then apply the
reorderer's catalog and prices.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from saleor.checkout.error_codes import CheckoutCreateFromOrderErrorCode
from saleor.core.db.connection import allow_writer
from saleor.graphql.checkout.mutations import CheckoutCreateFromOrder
from saleor.graphql.core import ResolveInfo
from saleor.order.models import Order
from saleor.permission.enums import OrderPermissions

from ...activation import is_plugin_active
from ...groups.models import CustomerGroupMembership
from ...selfservice.models import PlacedOrderGroup
from ...selfservice.orders import visible_orders
from ..buyer import request_buyer
from ..core import mutation_plugin_manager
from ..schema_extension import ResolverWrapper
from ..visibility.checkout import CannotTell, pk_of, request_user

NOT_FOUND_MESSAGE = "Couldn't resolve to a node: the order."


def _is_company_order(order: Order, customer_id: int) -> bool:
    return (
        PlacedOrderGroup.objects.filter(order_id=order.pk).exists()
        or CustomerGroupMembership.objects.filter(user_id=customer_id).exists()
    )


def may_reorder(info: ResolveInfo, global_id: str | None) -> bool:
    """False for a company's order the requestor may not see."""
    try:
        pk = pk_of(global_id, "Order")
        order = Order.objects.filter(pk=pk).only("pk", "user_id").first()
    except (CannotTell, ValueError, TypeError, ValidationError):
        return True  # Saleor reports malformed and unknown IDs itself
    if order is None or order.user_id is None:
        return True
    user = request_user(info)
    if user is not None and user.pk == order.user_id:
        return True
    requestor = getattr(info.context, "app", None) or user
    if requestor is not None and requestor.has_perm(OrderPermissions.MANAGE_ORDERS):
        return True
    if not _is_company_order(order, order.user_id):
        return True
    buyer = request_buyer(info.context)
    return buyer is not None and visible_orders(buyer).filter(pk=order.pk).exists()


def check_reorder_rights(resolve: Callable) -> Callable:
    @wraps(resolve)
    def resolve_if_visible(root, info: ResolveInfo, **kwargs):
        with allow_writer():
            if is_plugin_active(mutation_plugin_manager(info)) and not may_reorder(
                info, kwargs.get("id")
            ):
                error = ValidationError(
                    NOT_FOUND_MESSAGE,
                    code=CheckoutCreateFromOrderErrorCode.ORDER_NOT_FOUND.value,
                )
                return CheckoutCreateFromOrder.handle_errors(
                    ValidationError({"id": error})
                )
        return resolve(root, info, **kwargs)

    return resolve_if_visible


REORDER_RIGHTS = ResolverWrapper(
    "Mutation", "checkout_create_from_order", check_reorder_rights
)
