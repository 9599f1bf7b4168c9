"""Giving price lists to customer groups, and taking them back."""

import graphene

from ....groups.models import CustomerGroup as CustomerGroupModel
from ....pricing.models import PriceList as PriceListModel
from .base import (
    PriceListArguments,
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
