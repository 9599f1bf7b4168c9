"""Orders a request has shown through ``me.groupOrders``.

Fields on Saleor's ``Order`` that only its customer may read (the approval it was
placed with, its purchasing group) are open to a colleague who sees the order
through ``groupOrders``: that resolver notes the orders it returned on the request,
so those fields need no second look at roles (no query per row).
"""

from collections.abc import Iterable

from saleor.graphql.core.context import SaleorContext

_ATTRIBUTE = "_b2b_group_orders_seen"


def note_seen(context: SaleorContext, order_pks: Iterable) -> None:
    seen = context.__dict__.setdefault(_ATTRIBUTE, set())
    seen.update(order_pks)


def was_seen(context: SaleorContext, order_pk) -> bool:
    return order_pk in context.__dict__.get(_ATTRIBUTE, ())
