import graphene
from django.db import transaction
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.mutations import BaseMutation

from ....pricing import changes
from ....pricing.models import PriceList
from ...core import ADDED_IN_B2B_01
from ..types import PriceList as PriceListType
from .base import PERMISSIONS, PriceListError
from .price_list_input import (
    PriceListCreateInput,
    apply_price_list_input,
    clean_price_list_input,
)


class PriceListCreate(BaseMutation):
    price_list = graphene.Field(PriceListType, description="The new price list.")

    class Arguments:
        input = PriceListCreateInput(required=True, description="The price list.")

    class Meta:
        description = (
            "Creates a price list in a channel, in the channel's currency. Add prices "
            "with priceListEntriesBulkUpsert and priceListRulesBulkUpsert; give it "
            "to groups with customerGroupPriceListAssign." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input
    ):
        price_list = PriceList()
        apply_price_list_input(price_list, clean_price_list_input(price_list, input))
        with transaction.atomic():
            price_list.save()
            changes.price_lists_changed(
                [changes.PriceListChange(price_list, changes.CREATED)]
            )
        return cls(price_list=price_list)
