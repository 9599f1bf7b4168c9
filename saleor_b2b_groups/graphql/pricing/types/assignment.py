import graphene
from graphene import relay
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import ModelObjectType

from ....pricing import models
from ...core import ADDED_IN_B2B_01
from ...groups.dataloaders import CustomerGroupByIdLoader
from ...groups.types import CustomerGroup
from ..dataloaders import (
    PriceListByIdLoader,
)
from .price_list import PriceList


class CustomerGroupPriceList(ModelObjectType[models.CustomerGroupPriceList]):
    id = graphene.GlobalID(required=True, description="The ID of the assignment.")
    group = graphene.Field(CustomerGroup, required=True, description="The group.")
    price_list = graphene.Field(PriceList, required=True, description="The price list.")
    priority = graphene.Int(
        required=True,
        description="Higher wins for groups whose price conflict policy is PRIORITY.",
    )

    class Meta:
        description = (
            "A price list assigned to a customer group, and so to every group "
            "below it." + ADDED_IN_B2B_01
        )
        interfaces = [relay.Node]
        model = models.CustomerGroupPriceList
        doc_category = DOC_CATEGORY_DISCOUNTS

    @staticmethod
    def resolve_group(root: models.CustomerGroupPriceList, info: ResolveInfo):
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_price_list(root: models.CustomerGroupPriceList, info: ResolveInfo):
        return PriceListByIdLoader(info.context).load(root.price_list_id)
