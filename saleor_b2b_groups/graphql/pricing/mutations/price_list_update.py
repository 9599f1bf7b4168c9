import graphene
from saleor.graphql.core import ResolveInfo

from ....pricing import services
from ...core import ADDED_IN_B2B_01
from ..types import PriceList as PriceListType
from .base import (
    PriceListMutation,
    get_price_list_or_error,
)
from .price_list_input import (
    PriceListInput,
    apply_price_list_input,
    clean_price_list_input,
)


class PriceListUpdate(PriceListMutation):
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
        changed = apply_price_list_input(price_list, cleaned)
        services.update_price_list(price_list, changed)
        return cls(price_list=price_list)
