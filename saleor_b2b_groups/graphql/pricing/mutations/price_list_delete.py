import graphene
from django.db import transaction
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.mutations import BaseMutation

from ....pricing import changes
from ...core import ADDED_IN_B2B_01
from ..types import PriceList as PriceListType
from .base import PERMISSIONS, PriceListError, get_price_list_or_error


class PriceListDelete(BaseMutation):
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
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListError

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
        pk = price_list.pk
        with transaction.atomic():
            price_list.delete()
            price_list.pk = pk  # keep the ID in the response, as Saleor's deletes do
            changes.price_lists_changed(
                [changes.PriceListChange(price_list, changes.DELETED)]
            )
        return cls(price_list=price_list)
