import graphene
from saleor.graphql.core import ResolveInfo

from ....pricing import services
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup
from ..types import PriceList
from .assignments import AssignmentArguments, find_group_and_list
from .base import (
    PriceListMutation,
)


class CustomerGroupPriceListUnassign(PriceListMutation):
    customer_group = graphene.Field(CustomerGroup, description="The group.")
    price_list = graphene.Field(PriceList, description="The price list.")

    class Arguments(AssignmentArguments):
        pass

    class Meta:
        description = (
            "Takes a price list back from a customer group. Idempotent: a list not "
            "assigned to the group is not an error." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, **keys
    ):
        found_group, found_list = find_group_and_list(**keys)
        services.unassign(found_group, found_list)
        return cls(customer_group=found_group, price_list=found_list)
