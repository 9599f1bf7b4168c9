import graphene
from graphene import relay
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.scalars import PositiveDecimal
from saleor.graphql.core.types import ModelObjectType
from saleor.graphql.product.dataloaders import (
    CategoryByIdLoader,
    CollectionByIdLoader,
    ProductByIdLoader,
    ProductVariantByIdLoader,
)

from ....pricing import models
from ...core import ADDED_IN_B2B_01
from ..dataloaders import (
    PriceListByIdLoader,
)
from ..enums import PriceListRuleScopeEnum
from .channel import in_channel_of
from .price_list import PriceList


class PriceListRule(ModelObjectType[models.PriceListRule]):
    id = graphene.GlobalID(required=True, description="The ID of the rule.")
    price_list = graphene.Field(PriceList, required=True)
    scope = PriceListRuleScopeEnum(required=True, description="What it applies to.")
    variant = graphene.Field(
        "saleor.graphql.product.types.ProductVariant",
        description="The target of a VARIANT rule.",
    )
    product = graphene.Field(
        "saleor.graphql.product.types.Product",
        description="The target of a PRODUCT rule.",
    )
    category = graphene.Field(
        "saleor.graphql.product.types.Category",
        description="The target of a CATEGORY rule (and its subcategories).",
    )
    collection = graphene.Field(
        "saleor.graphql.product.types.Collection",
        description="The target of a COLLECTION rule.",
    )
    percentage = PositiveDecimal(
        required=True, description="Percentage off the channel price, 0 to 100."
    )
    external_reference = graphene.String(description="The rule's key in the ERP.")

    class Meta:
        description = (
            "A percentage off the channel price for a scope of the catalog, where "
            "the list has no fixed price." + ADDED_IN_B2B_01
        )
        interfaces = [relay.Node]
        model = models.PriceListRule
        doc_category = DOC_CATEGORY_DISCOUNTS

    @staticmethod
    def resolve_price_list(root: models.PriceListRule, info: ResolveInfo):
        return PriceListByIdLoader(info.context).load(root.price_list_id)

    @staticmethod
    def resolve_variant(root: models.PriceListRule, info: ResolveInfo):
        if root.variant_id is None:
            return None
        variant = ProductVariantByIdLoader(info.context).load(root.variant_id)
        return in_channel_of(root.price_list_id, info, variant)

    @staticmethod
    def resolve_product(root: models.PriceListRule, info: ResolveInfo):
        if root.product_id is None:
            return None
        product = ProductByIdLoader(info.context).load(root.product_id)
        return in_channel_of(root.price_list_id, info, product)

    @staticmethod
    def resolve_category(root: models.PriceListRule, info: ResolveInfo):
        if root.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.category_id)

    @staticmethod
    def resolve_collection(root: models.PriceListRule, info: ResolveInfo):
        if root.collection_id is None:
            return None
        collection = CollectionByIdLoader(info.context).load(root.collection_id)
        return in_channel_of(root.price_list_id, info, collection)
