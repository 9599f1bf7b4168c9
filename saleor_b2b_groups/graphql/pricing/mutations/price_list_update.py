import graphene
from django.db import transaction
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.mutations import BaseMutation

from ....pricing import changes
from ...core import ADDED_IN_B2B_01
from ..types import PriceList as PriceListType
from .base import PERMISSIONS, PriceListError, get_price_list_or_error
from .price_list_input import (
    PriceListInput,
    apply_price_list_input,
    clean_price_list_input,
)


class PriceListUpdate(BaseMutation):
    price_list = graphene.Field(PriceListType, description="The price list.")

    class Arguments:
        id = graphene.ID(description="ID of the price list.")
        external_reference = graphene.String(
            description="External reference of the price list."
        )
        input = PriceListInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates a price list. Its channel (and so its currency) never changes: "
            "make another list for another channel." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input, id=None, external_reference=None
    ):
        price_list = get_price_list_or_error(
            id=id,
            external_reference=external_reference,
            id_arg="id",
            ref_arg="externalReference",
        )
        cleaned = clean_price_list_input(price_list, input)
        if changed := apply_price_list_input(price_list, cleaned):
            with transaction.atomic():
                price_list.save()
                changes.price_lists_changed(
                    [changes.PriceListChange(price_list, fields=sorted(changed))]
                )
        return cls(price_list=price_list)
