"""Giving price lists to customer groups, and taking them back."""

import graphene
from saleor.graphql.core import ResolveInfo

from ....groups.models import CustomerGroup as CustomerGroupModel
from ....pricing import services
from ....pricing.models import PriceList as PriceListModel
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup
from ..types import CustomerGroupPriceList as CustomerGroupPriceListType
from ..types import PriceList
from .base import (
    PriceListArguments,
    PriceListMutation,
    get_group_or_error,
    get_price_list_or_error,
)


class AssignmentArguments(PriceListArguments):
    group = graphene.ID(description="ID of the customer group.")
    group_external_reference = graphene.String(
        description="Or the group's external reference."
    )


def find_group_and_list(
    *,
    group: str | None = None,
    group_external_reference: str | None = None,
    price_list: str | None = None,
    price_list_external_reference: str | None = None,
) -> tuple[CustomerGroupModel, PriceListModel]:
    """The group and the list an assignment mutation names (``AssignmentArguments``)."""
    return (
        get_group_or_error(id=group, external_reference=group_external_reference),
        get_price_list_or_error(
            id=price_list, external_reference=price_list_external_reference
        ),
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
