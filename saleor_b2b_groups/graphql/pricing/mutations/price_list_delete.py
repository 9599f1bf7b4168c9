import graphene
from saleor.graphql.core import ResolveInfo

from ....pricing import services
from ...core import ADDED_IN_B2B_01
from ..types import PriceList as PriceListType
from .base import (
    PriceListMutation,
    get_price_list_or_error,
)


class PriceListDelete(PriceListMutation):
    price_list = graphene.Field(PriceListType, description="The deleted price list.")

    class Arguments:
        id = graphene.ID(description="ID of the price list.")
        external_reference = graphene.String(
            description="External reference of the price list."
        )

    class Meta:
        description = (
            "Deletes a price list with its prices, rules and group assignments; "
            "placed orders keep their prices." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id=None, external_reference=None
    ):
        price_list = get_price_list_or_error(
            id=id,
            external_reference=external_reference,
            id_arg="id",
            ref_arg="externalReference",
        )
        services.delete_price_list(price_list)  # keeps the ID, as Saleor's deletes do
        return cls(price_list=price_list)
