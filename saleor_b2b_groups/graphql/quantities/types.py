"""GraphQL types of quantity rules: the admin's rule and the buyer's effective one."""

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import Error, ModelObjectType
from saleor.graphql.product.types import (
    Category,
    Collection,
    Product,
    ProductVariant,
)
from saleor.permission.enums import ProductPermissions

from ...quantities.models import QuantityRule as QuantityRuleModel
from ..core import ADDED_IN_B2B_01
from ..groups.types import CustomerGroup
from .enums import QuantityErrorCodeEnum, QuantityRuleErrorCodeEnum, QuantityScopeEnum

ADMIN_PERMISSIONS = [ProductPermissions.MANAGE_PRODUCTS]


class QuantityRule(ModelObjectType[QuantityRuleModel]):
    id = graphene.GlobalID(required=True)
    group = graphene.Field(CustomerGroup, required=True)
    scope = QuantityScopeEnum(required=True)
    variant = graphene.Field(ProductVariant, description="The variant (VARIANT).")
    product = graphene.Field(Product, description="The product (PRODUCT).")
    category = graphene.Field(
        Category, description="The category, with its subcategories (CATEGORY)."
    )
    collection = graphene.Field(Collection, description="The collection (COLLECTION).")
    minimum = graphene.Int(description="Fewest units per checkout; null: 1.")
    increment = graphene.Int(description="Units come in multiples of it (pack size).")
    maximum = graphene.Int(description="Most units per checkout; null: no maximum.")
    created_at = DateTime(required=True)
    updated_at = DateTime(required=True)

    class Meta:
        description = (
            "How many units of the targeted variants a group's members, and the "
            "members of the groups below it, may buy per checkout." + ADDED_IN_B2B_01
        )
        interfaces = [graphene.relay.Node]
        model = QuantityRuleModel
        doc_category = DOC_CATEGORY_PRODUCTS

    @staticmethod
    def resolve_scope(root: QuantityRuleModel, _info: ResolveInfo):
        return root.scope

    # Targets are admin reads (MANAGE_PRODUCTS): no channel context needed.
    @staticmethod
    def resolve_variant(root: QuantityRuleModel, _info: ResolveInfo):
        from saleor.graphql.core.context import ChannelContext

        return root.variant and ChannelContext(root.variant, None)

    @staticmethod
    def resolve_product(root: QuantityRuleModel, _info: ResolveInfo):
        from saleor.graphql.core.context import ChannelContext

        return root.product and ChannelContext(root.product, None)

    @staticmethod
    def resolve_collection(root: QuantityRuleModel, _info: ResolveInfo):
        from saleor.graphql.core.context import ChannelContext

        return root.collection and ChannelContext(root.collection, None)


class EffectiveQuantityRule(graphene.ObjectType):
    minimum = graphene.Int(
        description="Fewest units of the variant per checkout; null: no minimum."
    )
    increment = graphene.Int(
        description="Quantities must be a multiple of it (pack size); null: any."
    )
    maximum = graphene.Int(
        description=(
            "Most units per checkout; null: the group sets none (the variant's "
            "own quantityLimitPerCustomer may still apply)."
        )
    )
    smallest = graphene.Int(
        description="The smallest quantity allowed; null: none is (conflicting rules)."
    )

    class Meta:
        description = (
            "The quantity rule that applies to the signed-in buyer for a variant: "
            "its groups' rule on the most specific scope, the nearest group's."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS


class QuantityProblem(graphene.ObjectType):
    code = QuantityErrorCodeEnum(required=True)
    message = graphene.String(required=True)
    variant = graphene.ID(description="The variant's ID; null for an order limit.")
    quantity = graphene.Int(description="The units asked for.")
    suggestions = graphene.List(
        graphene.NonNull(graphene.Int),
        required=True,
        description="The nearest valid quantities, ascending.",
    )

    class Meta:
        description = "A quantity or order total the buyer's rules refuse." + (
            ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS


class QuantityRuleError(Error):
    code = QuantityRuleErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        description = "An error of a quantity rule mutation." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_PRODUCTS
