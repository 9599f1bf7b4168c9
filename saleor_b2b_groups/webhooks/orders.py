"""``order_placed``: an order of a group member, with its group and price lists.

Saleor calls the plugin's ``order_created`` hook once the order's transaction has
committed, and offers no hook inside it. So this is the one event of the contract
that is not written in its change's transaction: the hook writes it right after, and
a catch-up (:func:`emit_missed_orders_placed`, run by the periodic sweep) writes it
for any recent order whose hook never ran (a process killed in between). Both go
through :func:`emit_order_placed`, which writes the event at most once per order.
"""

from datetime import datetime, timedelta

import graphene
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from saleor.order import OrderStatus
from saleor.order.models import Order

from ..activation import is_plugin_active_in_database
from ..groups.models import CustomerGroupMembership
from . import ErpEventType, payloads
from .events import emit, queue_lock_key
from .models import OutboxEvent

#: Orders younger than this are left to their own hook.
CATCH_UP_GRACE = timedelta(minutes=2)
#: How far back the catch-up looks (the sweep runs every minute).
CATCH_UP_WINDOW = timedelta(hours=24)


def emit_order_placed(order: Order) -> bool:
    """Write ``order_placed`` for ``order`` unless it exists; True when written.

    Serialised per order by an advisory lock, so the hook and the catch-up never
    write it twice.
    """
    aggregate_id = graphene.Node.to_global_id("Order", order.pk)
    with transaction.atomic():
        with connection.cursor() as cursor:
            key = queue_lock_key(0, ErpEventType.ORDER_PLACED, aggregate_id)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        if _already_emitted([aggregate_id]):
            return False
        payload = payloads.order_placed(order)
        if payload is None:
            return False
        emit(ErpEventType.ORDER_PLACED, order, payload)
    return True


def emit_missed_orders_placed(now: datetime | None = None) -> int:
    """``order_placed`` for recent orders of group members that have none.

    Looks at orders placed between ``CATCH_UP_WINDOW`` and ``CATCH_UP_GRACE`` ago:
    two queries to find them, whatever the number of orders. Returns how many
    events it wrote.
    """
    if not is_plugin_active_in_database():
        return 0
    now = now or timezone.now()
    members = CustomerGroupMembership.objects.filter(user_id=OuterRef("user_id"))
    orders = list(
        Order.objects.filter(
            created_at__gte=now - CATCH_UP_WINDOW,
            created_at__lte=now - CATCH_UP_GRACE,
        )
        .exclude(status__in=[OrderStatus.DRAFT, OrderStatus.EXPIRED])
        .filter(Exists(members))
        .only("pk")
    )
    by_id = {graphene.Node.to_global_id("Order", order.pk): order for order in orders}
    missing = set(by_id) - _already_emitted(list(by_id))
    written = 0
    for aggregate_id in sorted(missing):
        order = Order.objects.select_related("user", "channel").get(
            pk=by_id[aggregate_id].pk
        )
        written += emit_order_placed(order)
    return written


def _already_emitted(aggregate_ids: list[str]) -> set[str]:
    if not aggregate_ids:
        return set()
    return set(
        OutboxEvent.objects.filter(
            event_type=ErpEventType.ORDER_PLACED,
            aggregate_type="order",
            aggregate_id__in=aggregate_ids,
        ).values_list("aggregate_id", flat=True)
    )
