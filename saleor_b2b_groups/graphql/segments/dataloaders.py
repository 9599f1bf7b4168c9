from collections.abc import Iterable

from saleor.graphql.core.dataloaders import DataLoader

from ...segments.models import CustomerGroupSegment


class SegmentByCustomerGroupIdLoader(DataLoader[int, CustomerGroupSegment | None]):
    context_key = "b2b_segment_by_customer_group_id"

    def batch_load(self, keys: Iterable[int]):
        segments = {
            segment.group_id: segment
            for segment in CustomerGroupSegment.objects.using(
                self.database_connection_name
            ).filter(group_id__in=keys)
        }
        return [segments.get(key) for key in keys]
