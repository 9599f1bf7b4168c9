import graphene
from saleor.graphql.core import ResolveInfo

from ....pricing import services
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup
from ..types import CustomerGroupPriceList as CustomerGroupPriceListType
from ..types import PriceList
from .assignments import AssignmentArguments, find_group_and_list
from .base import (
    PriceListMutation,
)


class CustomerGroupPriceListAssign(PriceListMutation):
    assignment = graphene.Field(
        CustomerGroupPriceListType, description="The assignment."
    )
    customer_group = graphene.Field(CustomerGroup, description="The group.")
    price_list = graphene.Field(PriceList, description="The price list.")

    class Arguments(AssignmentArguments):
        priority = graphene.Int(
            default_value=0,
            description=(
                "Higher wins for groups whose price conflict policy is PRIORITY. "
                "Default: 0."
            ),
        )

    class Meta:
        description = (
            "Assigns a price list to a customer group (and so to every group below "
            "it), or changes the priority of an assignment. Idempotent."
            + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, priority=0, **keys
    ):
        found_group, found_list = find_group_and_list(**keys)
        assignment = services.assign(found_group, found_list, priority or 0)
        return cls(
            assignment=assignment, customer_group=found_group, price_list=found_list
        )
