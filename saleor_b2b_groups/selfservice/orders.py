"""Which orders a buyer may see, by role (``me.groupOrders``, reorder).

A BUYER sees their own orders; an APPROVER also their group's; a MANAGER their
group's and every group's below it. An order's group is the one recorded when it
was placed (``PlacedOrderGroup``); an order without a recorded group counts for
every group its customer is an active member of. Draft orders are staff work in
progress and are never shown.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from saleor.order import OrderStatus
from saleor.order.models import Order

from ..buyers.context import BuyerContext, of_customer
from ..groups import CustomerGroupRole
from ..groups.models import CustomerGroup, CustomerGroupMembership
from .models import PlacedOrderGroup

HIDDEN_STATUSES = [OrderStatus.DRAFT]


def _scope_condition(group_ids: set[int], subtree_roots: set[int], database: str):
    """The groups whose orders a member sees beyond their own, as a subquery."""
    if not group_ids and not subtree_roots:
        return None
    condition = Q(pk__in=group_ids)
    for root in subtree_roots:
        condition |= Q(ancestor_ids__contains=[root])
    return CustomerGroup.objects.using(database).filter(condition).values("pk")


def seen_groups(buyer: BuyerContext, database: str = "default"):
    """The groups whose orders ``buyer`` sees besides their own, or None."""
    group_ids: set[int] = set()
    subtree_roots: set[int] = set()
    for membership in buyer.all_groups.memberships:
        if membership.role == CustomerGroupRole.APPROVER:
            group_ids.add(membership.group.pk)
        elif membership.role == CustomerGroupRole.MANAGER:
            group_ids.add(membership.group.pk)
            subtree_roots.add(membership.group.pk)
    return _scope_condition(group_ids, subtree_roots, database)


def in_groups(groups, database: str) -> Q:
    """Orders of ``groups`` (a subquery of group pks): recorded there, or with no
    group recorded and placed by a current member of one of them."""
    members = CustomerGroupMembership.objects.using(database).filter(
        user_id=OuterRef("user_id"), group_id__in=groups
    )
    recorded = PlacedOrderGroup.objects.using(database).filter(
        order_id=OuterRef("pk"), group_id__isnull=False
    )
    return Q(b2b_placed_group__group_id__in=groups) | (
        ~Exists(recorded) & Exists(members)
    )


def visible_orders(buyer: BuyerContext, database: str = "default") -> QuerySet:
    """Every order ``buyer`` may see, as one query."""
    qs = Order.objects.using(database).exclude(status__in=HIDDEN_STATUSES)
    condition = Q(user_id=buyer.customer_id)
    groups = seen_groups(buyer, database)
    if groups is not None:
        condition |= in_groups(groups, database)
    return qs.filter(condition)


def record_order_group(order: Order) -> None:
    """Remember the group ``order`` was bought for (the plugin's hook, once)."""
    if order.user_id is None:
        return
    buyer = of_customer(order.user_id)
    if not buyer.all_groups.memberships:
        return
    group = buyer.purchasing_group
    PlacedOrderGroup.objects.get_or_create(
        order_id=order.pk, defaults={"group_id": group.pk if group else None}
    )
