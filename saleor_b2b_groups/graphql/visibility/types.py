import graphene
from graphene import relay
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import Error, ModelObjectType, NonNullList
from saleor.graphql.product.dataloaders import (
    CategoryByIdLoader,
    CollectionByIdLoader,
    ProductByIdLoader,
)
from saleor.permission.enums import AccountPermissions, ProductPermissions
from saleor.permission.utils import one_of_permissions_or_auth_filter_required

from ... import models
from ..core import ADDED_IN_B2B_01
from ..groups.dataloaders import CustomerGroupByIdLoader
from .enums import (
    CatalogRuleEffectEnum,
    CatalogRuleScopeEnum,
    CatalogVisibilityErrorCodeEnum,
    ProductVisibilityReasonCodeEnum,
)

#: Catalog rules, group catalog settings and their changes.
ADMIN_PERMISSIONS = [ProductPermissions.MANAGE_PRODUCTS]
#: Explaining what a customer may see and buy (support staff).
SUPPORT_PERMISSIONS = [
    AccountPermissions.MANAGE_USERS,
    ProductPermissions.MANAGE_PRODUCTS,
]


def check_can_manage_catalog(info: ResolveInfo) -> None:
    if not one_of_permissions_or_auth_filter_required(info.context, ADMIN_PERMISSIONS):
        raise PermissionDenied(permissions=ADMIN_PERMISSIONS)


class CatalogVisibilityError(Error):
    code = CatalogVisibilityErrorCodeEnum(description="The error code.", required=True)
    index = graphene.Int(
        description="The input rule the error is about, from 0; null for the call."
    )

    class Meta:
        description = "An error of a catalog visibility mutation." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_PRODUCTS


class CatalogRule(ModelObjectType[models.CatalogRule]):
    id = graphene.GlobalID(required=True, description="The ID of the rule.")
    group = graphene.Field(
        "saleor_b2b_groups.graphql.groups.types.CustomerGroup",
        required=True,
        description="The group whose members (and those below it) the rule is for.",
    )
    effect = CatalogRuleEffectEnum(required=True, description="Include or exclude.")
    scope = CatalogRuleScopeEnum(required=True, description="What the rule is about.")
    product = graphene.Field(
        "saleor.graphql.product.types.Product", description="The product (PRODUCT)."
    )
    category = graphene.Field(
        "saleor.graphql.product.types.Category",
        description="The category, with its subcategories (CATEGORY).",
    )
    collection = graphene.Field(
        "saleor.graphql.product.types.Collection",
        description="The collection (COLLECTION).",
    )
    created_at = DateTime(required=True)
    updated_at = DateTime(required=True)

    class Meta:
        description = (
            "Shows or hides a product, a category or a collection for a group's "
            "members." + ADDED_IN_B2B_01
        )
        interfaces = [relay.Node]
        model = models.CatalogRule
        doc_category = DOC_CATEGORY_PRODUCTS

    @staticmethod
    def resolve_group(root: models.CatalogRule, info: ResolveInfo):
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_product(root: models.CatalogRule, info: ResolveInfo):
        if root.product_id is None:
            return None
        from saleor.graphql.core.context import ChannelContext

        return (
            ProductByIdLoader(info.context)
            .load(root.product_id)
            .then(lambda p: ChannelContext(p, channel_slug=None) if p else None)
        )

    @staticmethod
    def resolve_category(root: models.CatalogRule, info: ResolveInfo):
        if root.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.category_id)

    @staticmethod
    def resolve_collection(root: models.CatalogRule, info: ResolveInfo):
        if root.collection_id is None:
            return None
        from saleor.graphql.core.context import ChannelContext

        return (
            CollectionByIdLoader(info.context)
            .load(root.collection_id)
            .then(lambda c: ChannelContext(c, channel_slug=None) if c else None)
        )


class ProductVisibilityReason(graphene.ObjectType):
    code = ProductVisibilityReasonCodeEnum(required=True, description="The reason.")
    message = graphene.String(required=True, description="In words.")
    membership_group = graphene.Field(
        "saleor_b2b_groups.graphql.groups.types.CustomerGroup",
        description="The customer's group whose membership this is about.",
    )
    group = graphene.Field(
        "saleor_b2b_groups.graphql.groups.types.CustomerGroup",
        description=(
            "The group whose rule or term decided: the member group or an ancestor; "
            "null when a default applies."
        ),
    )
    rule = graphene.Field(CatalogRule, description="The deciding rule, if any.")

    class Meta:
        description = "One reason in a product visibility answer." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_PRODUCTS


class ProductVisibility(graphene.ObjectType):
    can_see = graphene.Boolean(
        required=True,
        description="Whether the storefront shows the customer the product.",
    )
    can_buy = graphene.Boolean(
        required=True,
        description="Whether the customer can put it in a checkout and order it.",
    )
    reasons = NonNullList(
        ProductVisibilityReason,
        required=True,
        description=(
            "Saleor's own conditions that fail, then one reason per membership "
            "of the customer (or why no group applies)."
        ),
    )

    class Meta:
        description = (
            "Whether a customer can see and buy a product in a channel, and why."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS
