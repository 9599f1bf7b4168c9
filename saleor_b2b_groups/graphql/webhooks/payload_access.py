"""Who may read an event's payload in the delivery log.

``MANAGE_APPS`` manages endpoints and deliveries, as in Saleor; it does not grant
the data the events carry. A payload is returned only to a caller who may read
that data through Saleor's API itself: orders with ``MANAGE_ORDERS``, groups and
memberships (customers' e-mails) with ``MANAGE_USERS``, price lists with
``MANAGE_DISCOUNTS``, a group's catalog rules with ``MANAGE_PRODUCTS`` (a channel's
access with ``MANAGE_CHANNELS``), approval requests (buyer, lines, totals) with
``MANAGE_CHECKOUTS``. Otherwise ``payload`` is null; the rest of the delivery
(type, aggregate, status, attempts) stays readable, to operate the integration.
"""

from saleor.graphql.core import ResolveInfo
from saleor.permission.enums import (
    AccountPermissions,
    BasePermissionEnum,
    ChannelPermissions,
    CheckoutPermissions,
    DiscountPermissions,
    OrderPermissions,
    ProductPermissions,
)
from saleor.permission.utils import one_of_permissions_or_auth_filter_required

from ...webhooks import ErpEventType
from ...webhooks.models import OutboxEvent

#: The permission each event type's payload needs.
PAYLOAD_PERMISSIONS: dict[str, BasePermissionEnum] = {
    ErpEventType.CUSTOMER_GROUP_CREATED: AccountPermissions.MANAGE_USERS,
    ErpEventType.CUSTOMER_GROUP_UPDATED: AccountPermissions.MANAGE_USERS,
    ErpEventType.CUSTOMER_GROUP_DELETED: AccountPermissions.MANAGE_USERS,
    ErpEventType.CUSTOMER_GROUP_MEMBERSHIP_CHANGED: AccountPermissions.MANAGE_USERS,
    ErpEventType.PRICE_LIST_CHANGED: DiscountPermissions.MANAGE_DISCOUNTS,
    ErpEventType.CATALOG_RULES_CHANGED: ProductPermissions.MANAGE_PRODUCTS,
    ErpEventType.CHECKOUT_APPROVAL_REQUESTED: CheckoutPermissions.MANAGE_CHECKOUTS,
    ErpEventType.CHECKOUT_APPROVAL_APPROVED: CheckoutPermissions.MANAGE_CHECKOUTS,
    ErpEventType.CHECKOUT_APPROVAL_REJECTED: CheckoutPermissions.MANAGE_CHECKOUTS,
    ErpEventType.CHECKOUT_APPROVAL_ESCALATED: CheckoutPermissions.MANAGE_CHECKOUTS,
    ErpEventType.ORDER_PLACED: OrderPermissions.MANAGE_ORDERS,
}
#: A channel's access rules are managed with MANAGE_CHANNELS.
CHANNEL_ACCESS = ("channel", ChannelPermissions.MANAGE_CHANNELS)

_CACHE = "_b2b_payload_permissions"


def payload_permission(event: OutboxEvent) -> BasePermissionEnum:
    if (
        event.event_type == ErpEventType.CATALOG_RULES_CHANGED
        and event.aggregate_type == CHANNEL_ACCESS[0]
    ):
        return CHANNEL_ACCESS[1]
    # an unknown type needs what no caller has by default: the strictest
    return PAYLOAD_PERMISSIONS.get(event.event_type, AccountPermissions.MANAGE_STAFF)


def can_read_payload(info: ResolveInfo, event: OutboxEvent) -> bool:
    """Checked once per permission and request, whatever the page size."""
    permission = payload_permission(event)
    cache: dict = info.context.__dict__.setdefault(_CACHE, {})
    if permission not in cache:
        cache[permission] = one_of_permissions_or_auth_filter_required(
            info.context, [permission]
        )
    return cache[permission]
