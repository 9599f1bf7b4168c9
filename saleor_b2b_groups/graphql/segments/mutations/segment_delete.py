import graphene
from saleor.graphql.core import ResolveInfo

from ....segments import services
from ....segments.error_codes import CustomerGroupSegmentErrorCode
from ....segments.models import CustomerGroupSegment
from ...core import ADDED_IN_B2B_01, mutation_plugin_manager
from ...groups.types import CustomerGroup as CustomerGroupType
from ...lookups import field_error
from .base import CustomerGroupSegmentMutation, get_group


class CustomerGroupSegmentDelete(CustomerGroupSegmentMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    removed_count = graphene.Int(description="Segment members removed.")

    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")

    class Meta:
        description = (
            "Deletes a group's membership rules and the memberships they made; "
            "manual members stay." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group
    ):
        customer_group = get_group(group)
        if not CustomerGroupSegment.objects.filter(group=customer_group).exists():
            raise field_error(
                "group",
                "The group has no membership rules.",
                CustomerGroupSegmentErrorCode.NO_RULES,
            )
        removed = services.delete_rules(customer_group, mutation_plugin_manager(info))
        return cls(customer_group=customer_group, removed_count=len(removed))
