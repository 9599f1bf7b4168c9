import graphene
from django.db.models import Q, QuerySet
from saleor.graphql.core.doc_category import DOC_CATEGORY_ORDERS
from saleor.graphql.core.types import DateRangeInput, NonNullList
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.order.enums import OrderStatusEnum
from saleor.graphql.utils.filters import filter_range_field

from ...groups.models import CustomerGroup
from ...selfservice.orders import in_groups


class GroupOrderFilterInput(graphene.InputObjectType):
    groups = NonNullList(
        graphene.ID, description="Orders of these groups (and the groups below them)."
    )
    buyers = NonNullList(graphene.ID, description="Orders placed by these customers.")
    status = NonNullList(OrderStatusEnum, description="Orders in these statuses.")
    created = DateRangeInput(description="Orders created in this date range.")
    search = graphene.String(
        description="An order number, or part of the customer's e-mail or name."
    )

    class Meta:
        doc_category = DOC_CATEGORY_ORDERS


def _pks(ids: list[str], type_name: str) -> list[int]:
    pks = []
    for global_id in ids:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
        try:
            value = int(pk)
        except ValueError:
            value = 0
        if 0 < value < 2**31:
            pks.append(value)
    return pks


def filter_group_orders(qs: QuerySet, data: dict | None, database: str) -> QuerySet:
    """Narrow the orders a buyer sees; never widens them."""
    if not data:
        return qs
    if data.get("groups") is not None:
        roots = _pks(data["groups"], "CustomerGroup")
        condition = Q(pk__in=roots)
        for root in roots:
            condition |= Q(ancestor_ids__contains=[root])
        groups = CustomerGroup.objects.using(database).filter(condition).values("pk")
        qs = qs.filter(in_groups(groups, database))
    if data.get("buyers") is not None:
        qs = qs.filter(user_id__in=_pks(data["buyers"], "User"))
    if data.get("status"):
        qs = qs.filter(status__in=data["status"])
    if data.get("created"):
        qs = filter_range_field(qs, "created_at__date", data["created"])
    search = (data.get("search") or "").strip()
    if search:
        condition = (
            Q(user_email__icontains=search)
            | Q(user__first_name__icontains=search)
            | Q(user__last_name__icontains=search)
        )
        if search.isdigit() and len(search) < 10:
            condition |= Q(number=int(search))
        qs = qs.filter(condition)
    return qs
