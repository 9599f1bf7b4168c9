import graphene
from saleor.graphql.core import ResolveInfo

from ....pricing import services
from ....pricing.models import PriceList
from ...core import ADDED_IN_B2B_01
from ..types import PriceList as PriceListType
from .base import PriceListMutation
from .price_list_input import (
    PriceListCreateInput,
    apply_price_list_input,
    clean_price_list_input,
)


class PriceListCreate(PriceListMutation):
    price_list = graphene.Field(PriceListType, description="The new price list.")

    class Arguments:
        input = PriceListCreateInput(required=True, description="The price list.")

    class Meta:
        description = (
            "Creates a price list in a channel, in the channel's currency. Add prices "
            "with priceListEntriesBulkUpsert and priceListRulesBulkUpsert; give it "
            "to groups with customerGroupPriceListAssign." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input
    ):
        price_list = PriceList()
        apply_price_list_input(price_list, clean_price_list_input(price_list, input))
        services.create_price_list(price_list)
        return cls(price_list=price_list)
