"""Catalog visibility in the GraphQL API: admin fields, mutations, the support field."""

import graphene
from saleor.account.models import User
from saleor.channel.models import Channel as ChannelModel
from saleor.core.db.connection import allow_writer
from saleor.graphql.account.types import User as UserType
from saleor.graphql.channel.dataloaders.by_self import ChannelByIdLoader
from saleor.graphql.channel.types import Channel
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.fields import PermissionsField
from saleor.graphql.core.types import NonNullList
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.core.validators import validate_one_of_args_is_in_query
from saleor.permission.utils import message_one_of_permissions_required
from saleor.product.models import Product, ProductVariant

from ...groups.models import CustomerGroup as CustomerGroupModel
from ...groups.terms import TERMS, EffectiveTerm
from ...visibility import ChannelAccess
from ...visibility.explain import explain_visibility
from ..core import ADDED_IN_B2B_01
from ..groups.types import CustomerGroup, CustomerGroupTerms
from ..schema_extension import TypeExtension
from .dataloaders import (
    CatalogRulesByCustomerGroupIdLoader,
    ChannelAccessByChannelIdLoader,
)
from .enums import CatalogModeEnum, ChannelAccessEnum
from .mutations import (
    ChannelAccessUpdate,
    CustomerGroupCatalogRulesDelete,
    CustomerGroupCatalogRulesSet,
    CustomerGroupCatalogUpdate,
)
from .types import (
    ADMIN_PERMISSIONS,
    SUPPORT_PERMISSIONS,
    CatalogRule,
    ProductVisibility,
    check_can_manage_catalog,
)


def _channels(info: ResolveInfo, channel_ids: list[int] | None):
    if channel_ids is None:
        return None

    def existing(channels):
        return [channel for channel in channels if channel is not None]

    return ChannelByIdLoader(info.context).load_many(channel_ids).then(existing)


class CustomerGroupCatalog(TypeExtension):
    extends = CustomerGroup

    catalog_mode = CatalogModeEnum(
        description="The group's own catalog mode; null inherits the parent's."
        + ADDED_IN_B2B_01
    )
    allowed_channels = NonNullList(
        Channel,
        description=(
            "The group's own allowed channels; null inherits the parent's."
            + ADDED_IN_B2B_01
        ),
    )
    # Not a PermissionsField: its check is dropped when the field carries its own
    # resolver, as a TypeExtension's fields do; the resolver checks instead.
    catalog_rules = NonNullList(
        CatalogRule,
        required=True,
        description=(
            "The group's own catalog rules; its members also get those of the "
            "groups above it."
            + ADDED_IN_B2B_01
            + message_one_of_permissions_required(ADMIN_PERMISSIONS)
        ),
    )

    @staticmethod
    def resolve_catalog_mode(root: CustomerGroupModel, _info: ResolveInfo):
        return root.catalog_mode

    @staticmethod
    def resolve_allowed_channels(root: CustomerGroupModel, info: ResolveInfo):
        return _channels(info, root.allowed_channels)

    @staticmethod
    def resolve_catalog_rules(root: CustomerGroupModel, info: ResolveInfo):
        check_can_manage_catalog(info)
        return CatalogRulesByCustomerGroupIdLoader(info.context).load(root.pk)


class CustomerGroupTermsCatalog(TypeExtension):
    extends = CustomerGroupTerms

    catalog_mode = CatalogModeEnum(
        required=True, description=TERMS["catalog_mode"].description + ADDED_IN_B2B_01
    )
    allowed_channels = NonNullList(
        Channel,
        description=TERMS["allowed_channels"].description + ADDED_IN_B2B_01,
    )

    @staticmethod
    def resolve_catalog_mode(root: dict[str, EffectiveTerm], _info: ResolveInfo):
        return root["catalog_mode"].value

    @staticmethod
    def resolve_allowed_channels(root: dict[str, EffectiveTerm], info: ResolveInfo):
        return _channels(info, root["allowed_channels"].value)


class ChannelCustomerGroupAccess(TypeExtension):
    extends = Channel

    customer_group_access = ChannelAccessEnum(
        required=True,
        description=(
            "Who may see the channel's catalog and check out in it." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_customer_group_access(root, info: ResolveInfo):
        return (
            ChannelAccessByChannelIdLoader(info.context)
            .load(root.pk)
            .then(lambda access: access or ChannelAccess.PUBLIC)
        )


class CatalogVisibilityQueries(graphene.ObjectType):
    product_visibility = PermissionsField(
        ProductVisibility,
        customer=graphene.Argument(
            graphene.ID,
            description="The customer; omit for an anonymous visitor.",
        ),
        product=graphene.Argument(graphene.ID, description="The product."),
        variant=graphene.Argument(
            graphene.ID, description="A variant (its product is checked)."
        ),
        channel=graphene.Argument(
            graphene.String, required=True, description="Slug of the channel."
        ),
        description=(
            "Whether a customer can see and buy a product in a channel, and why "
            "not: for support staff." + ADDED_IN_B2B_01
        ),
        permissions=SUPPORT_PERMISSIONS,
        doc_category=DOC_CATEGORY_PRODUCTS,
    )

    @staticmethod
    def resolve_product_visibility(
        _root, info: ResolveInfo, *, channel, customer=None, product=None, variant=None
    ):
        validate_one_of_args_is_in_query("product", product, "variant", variant)
        # Support staff ask about the state now: read the primary database.
        with allow_writer():
            return _product_visibility(channel, customer, product, variant)


def _product_visibility(channel, customer, product, variant):
    variant_instance = None
    if variant:
        _, pk = from_global_id_or_error(variant, "ProductVariant", raise_error=True)
        variant_instance = ProductVariant.objects.filter(pk=pk).first()
        product_instance = variant_instance.product if variant_instance else None
    else:
        _, pk = from_global_id_or_error(product, "Product", raise_error=True)
        product_instance = Product.objects.filter(pk=pk).first()
    channel_instance = ChannelModel.objects.filter(slug=channel).first()
    customer_instance = None
    if customer:
        _, user_pk = from_global_id_or_error(customer, UserType, raise_error=True)
        customer_instance = User.objects.filter(pk=user_pk).first()
        if customer_instance is None:
            return None
    if product_instance is None or channel_instance is None:
        return None
    explanation = explain_visibility(
        customer_instance, product_instance, channel_instance, variant_instance
    )
    result = ProductVisibility(
        can_see=explanation.can_see,
        can_buy=explanation.can_buy,
        reasons=[
            {
                "code": reason.code.value,
                "message": reason.message,
                "membership_group": reason.membership_group,
                "group": reason.group,
                "rule": reason.rule,
            }
            for reason in explanation.reasons
        ],
    )
    # What other features explain about the same customer and product
    # (quantities.support: the quantity rules).
    result.b2b_subject = (customer_instance, product_instance, variant_instance)  # type: ignore[attr-defined]
    return result


class CatalogVisibilityMutations(graphene.ObjectType):
    customer_group_catalog_update = CustomerGroupCatalogUpdate.Field()
    customer_group_catalog_rules_set = CustomerGroupCatalogRulesSet.Field()
    customer_group_catalog_rules_delete = CustomerGroupCatalogRulesDelete.Field()
    channel_access_update = ChannelAccessUpdate.Field()


TYPE_EXTENSIONS: list[type[TypeExtension]] = [
    CustomerGroupCatalog,
    CustomerGroupTermsCatalog,
    ChannelCustomerGroupAccess,
]
