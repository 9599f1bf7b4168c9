"""``order_placed``: an order of a group member, with its group and price lists."""

from django.db import transaction

from . import ErpEventType, payloads
from .events import emit


def emit_order_placed(order) -> None:
    """Called from the plugin's ``order_created`` hook.

    Saleor calls that hook once the order's transaction has committed, so this event
    is written in a transaction of its own right after it (the one event of the
    contract that is not in its change's transaction: Saleor offers no hook inside).
    """
    payload = payloads.order_placed(order)
    if payload is None:
        return
    with transaction.atomic():
        emit(ErpEventType.ORDER_PLACED, order, payload)
