from collections import defaultdict
from collections.abc import Iterable

from saleor.graphql.core.dataloaders import DataLoader

from ...groups.models import CustomerGroup
from ...selfservice.models import RequisitionListLine
from ..groups.dataloaders import CustomerGroupByIdLoader


class PlacedGroupIdByOrderIdLoader(DataLoader[object, int | None]):
    context_key = "b2b_placed_group_id_by_order_id"

    def batch_load(self, keys: Iterable):
        from ...selfservice.models import PlacedOrderGroup

        rows = dict(
            PlacedOrderGroup.objects.using(self.database_connection_name)
            .filter(order_id__in=list(keys))
            .values_list("order_id", "group_id")
        )
        return [rows.get(key) for key in keys]


def purchasing_group_of_order(context, order_pk):
    def group(group_id: int | None):
        if group_id is None:
            return None
        return CustomerGroupByIdLoader(context).load(group_id)

    return PlacedGroupIdByOrderIdLoader(context).load(order_pk).then(group)


class LinesByRequisitionListIdLoader(DataLoader[int, list[RequisitionListLine]]):
    context_key = "b2b_lines_by_requisition_list_id"

    def batch_load(self, keys: Iterable[int]):
        lines = defaultdict(list)
        for line in (
            RequisitionListLine.objects.using(self.database_connection_name)
            .filter(requisition_list_id__in=list(keys))
            .order_by("pk")
        ):
            lines[line.requisition_list_id].append(line)
        return [lines[key] for key in keys]


__all__ = [
    "CustomerGroup",
    "LinesByRequisitionListIdLoader",
    "PlacedGroupIdByOrderIdLoader",
    "purchasing_group_of_order",
]
