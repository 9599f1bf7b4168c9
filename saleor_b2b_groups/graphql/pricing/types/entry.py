import graphene
from graphene import relay
from prices import Money
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import ModelObjectType
from saleor.graphql.core.types import Money as MoneyType
from saleor.graphql.product.dataloaders import (
    ProductVariantByIdLoader,
)

from ....pricing import models
from ...core import ADDED_IN_B2B_01
from ..dataloaders import (
    PriceListByIdLoader,
)
from .channel import in_channel_of
from .price_list import PriceList


class PriceListEntry(ModelObjectType[models.PriceListEntry]):
    id = graphene.GlobalID(required=True, description="The ID of the entry.")
    price_list = graphene.Field(PriceList, required=True)
    variant = graphene.Field(
        "saleor.graphql.product.types.ProductVariant",
        required=True,
        description="The variant, in the price list's channel.",
    )
    min_quantity = graphene.Int(
        required=True,
        description=(
            "The tier: this price applies from this many units in a line up to the "
            "next tier."
        ),
    )
    price = graphene.Field(
        MoneyType, required=True, description="The unit price, before taxes."
    )
    external_reference = graphene.String(description="The entry's key in the ERP.")

    class Meta:
        description = "A fixed unit price for a variant from a minimum quantity." + (
            ADDED_IN_B2B_01
        )
        interfaces = [relay.Node]
        model = models.PriceListEntry
        doc_category = DOC_CATEGORY_DISCOUNTS

    @staticmethod
    def resolve_price_list(root: models.PriceListEntry, info: ResolveInfo):
        return PriceListByIdLoader(info.context).load(root.price_list_id)

    @staticmethod
    def resolve_variant(root: models.PriceListEntry, info: ResolveInfo):
        variant = ProductVariantByIdLoader(info.context).load(root.variant_id)
        return in_channel_of(root.price_list_id, info, variant)

    @staticmethod
    def resolve_price(root: models.PriceListEntry, info: ResolveInfo):
        return (
            PriceListByIdLoader(info.context)
            .load(root.price_list_id)
            .then(lambda price_list: Money(root.price_amount, price_list.currency))
        )


class PriceListEntryCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS
        node = PriceListEntry
