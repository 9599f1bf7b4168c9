import graphene
from saleor.graphql.core import ResolveInfo

from ....segments import services
from ....segments.error_codes import CustomerGroupSegmentErrorCode
from ....segments.models import CustomerGroupSegment as SegmentModel
from ...core import ADDED_IN_B2B_01, mutation_plugin_manager
from ...groups.types import CustomerGroup as CustomerGroupType
from ...lookups import field_error
from ..types import CustomerGroupSegment
from .base import CustomerGroupSegmentMutation, get_group


class CustomerGroupSegmentRecompute(CustomerGroupSegmentMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    segment = graphene.Field(
        CustomerGroupSegment, description="The rules, with this recompute's stats."
    )
    matched_count = graphene.Int(description="Customers the rules match.")
    added_count = graphene.Int(description="Customers who joined the group.")
    removed_count = graphene.Int(description="Customers who left the group.")

    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")

    class Meta:
        description = (
            "Recomputes a group's segment members now, in one transaction: joins "
            "and leaves go to the ERP as customer_group_membership_changed with "
            "source SEGMENT." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group
    ):
        customer_group = get_group(group)
        segment = (
            SegmentModel.objects.select_related("group")
            .filter(group=customer_group)
            .first()
        )
        if segment is None:
            raise field_error(
                "group",
                "The group has no membership rules.",
                CustomerGroupSegmentErrorCode.NO_RULES,
            )
        result = services.recompute_group(segment, mutation_plugin_manager(info))
        return cls(
            customer_group=customer_group,
            segment=segment,
            matched_count=result.matched,
            added_count=len(result.added),
            removed_count=len(result.removed),
        )
