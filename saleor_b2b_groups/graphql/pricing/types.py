import graphene
from graphene import relay
from prices import Money
from promise import Promise
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.channel.dataloaders.by_self import ChannelByIdLoader
from saleor.graphql.channel.types import Channel
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.context import ChannelContext
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.fields import ConnectionField
from saleor.graphql.core.scalars import DateTime, PositiveDecimal
from saleor.graphql.core.types import ModelObjectType, NonNullList
from saleor.graphql.core.types import Money as MoneyType
from saleor.graphql.meta.resolvers import resolve_metadata
from saleor.graphql.meta.types import ObjectWithMetadata
from saleor.graphql.product.dataloaders import (
    CategoryByIdLoader,
    CollectionByIdLoader,
    ProductByIdLoader,
    ProductVariantByIdLoader,
)
from saleor.permission.enums import DiscountPermissions
from saleor.permission.utils import one_of_permissions_or_auth_filter_required

from ...pricing import models
from ..core import ADDED_IN_B2B_01
from ..groups.dataloaders import CustomerGroupByIdLoader
from ..groups.types import CustomerGroup
from .dataloaders import (
    AssignmentsByPriceListIdLoader,
    PriceListByIdLoader,
    RulesByPriceListIdLoader,
)
from .entries_page import PriceListEntryFilterInput, resolve_entries
from .enums import PriceListRuleScopeEnum

#: Price lists are negotiated discounts: managed by whoever manages Saleor's
#: promotions and vouchers.
ADMIN_PERMISSIONS = [DiscountPermissions.MANAGE_DISCOUNTS]


def manage_price_lists_permissions(_info: ResolveInfo, _object_pk) -> list:
    """For Saleor's metadata mutations on a price list."""
    return list(ADMIN_PERMISSIONS)


def check_can_manage_price_lists(info: ResolveInfo) -> None:
    if not one_of_permissions_or_auth_filter_required(info.context, ADMIN_PERMISSIONS):
        raise PermissionDenied(permissions=ADMIN_PERMISSIONS)


def _in_channel_of(price_list_id: int, info: ResolveInfo, node_promise: Promise):
    """``node`` in the channel of the price list, as Saleor's product types want."""

    def with_channel(results):
        node, channel = results
        if node is None:
            return None
        return ChannelContext(node=node, channel_slug=channel.slug if channel else None)

    channel = (
        PriceListByIdLoader(info.context)
        .load(price_list_id)
        .then(
            lambda price_list: ChannelByIdLoader(info.context).load(
                price_list.channel_id
            )
        )
    )
    return Promise.all([node_promise, channel]).then(with_channel)


class PriceList(ModelObjectType[models.PriceList]):
    id = graphene.GlobalID(required=True, description="The ID of the price list.")
    name = graphene.String(required=True, description="Name of the price list.")
    slug = graphene.String(required=True, description="Slug of the price list.")
    channel = graphene.Field(
        Channel, required=True, description="The channel whose prices it replaces."
    )
    currency = graphene.String(
        required=True, description="The channel's currency: every price's currency."
    )
    is_active = graphene.Boolean(
        required=True, description="An inactive list offers no price."
    )
    valid_from = DateTime(description="No price before this time; null: no limit.")
    valid_to = DateTime(description="No price from this time on; null: no limit.")
    cap_at_channel_price = graphene.Boolean(
        required=True,
        description="Never charge more than the channel price, whatever the list says.",
    )
    external_reference = graphene.String(description="The list's key in the ERP.")
    entries = ConnectionField(
        lambda: PriceListEntryCountableConnection,
        filter=PriceListEntryFilterInput(description="Filtering options."),
        required=True,
        description="Fixed prices, by variant and minimum quantity (tiers).",
    )
    rules = NonNullList(
        lambda: PriceListRule,
        required=True,
        scope=PriceListRuleScopeEnum(description="Only the rules of this scope."),
        description="Percentages off the channel price, for scopes of the catalog.",
    )
    groups = NonNullList(
        lambda: CustomerGroupPriceList,
        required=True,
        description=(
            "The groups the list is assigned to (each passes it on to the groups "
            "below it), highest priority first."
        ),
    )
    created_at = DateTime(required=True)
    updated_at = DateTime(required=True)

    class Meta:
        description = (
            "Negotiated prices for customer groups in one channel: fixed prices with "
            "quantity tiers, and percentages off the channel price." + ADDED_IN_B2B_01
        )
        interfaces = [relay.Node, ObjectWithMetadata]
        model = models.PriceList
        doc_category = DOC_CATEGORY_DISCOUNTS

    @staticmethod
    def resolve_channel(root: models.PriceList, info: ResolveInfo):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_entries(root: models.PriceList, info: ResolveInfo, **kwargs):
        return resolve_entries(root, info, PriceListEntryCountableConnection, **kwargs)

    @staticmethod
    def resolve_rules(root: models.PriceList, info: ResolveInfo, scope=None):
        def of_scope(rules):
            return [rule for rule in rules if scope is None or rule.scope == scope]

        return RulesByPriceListIdLoader(info.context).load(root.pk).then(of_scope)

    @staticmethod
    def resolve_groups(root: models.PriceList, info: ResolveInfo):
        return AssignmentsByPriceListIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_private_metadata(root: models.PriceList, info: ResolveInfo):
        check_can_manage_price_lists(info)
        return resolve_metadata(root.private_metadata)

    @staticmethod
    def resolve_private_metafield(root: models.PriceList, info: ResolveInfo, *, key):
        check_can_manage_price_lists(info)
        return root.private_metadata.get(key)

    @staticmethod
    def resolve_private_metafields(
        root: models.PriceList, info: ResolveInfo, *, keys=None
    ):
        check_can_manage_price_lists(info)
        metadata = root.private_metadata
        return {k: v for k, v in metadata.items() if keys is None or k in keys}


#: For ``schema.METADATA_TYPES``: Saleor's metadata mutations on price lists.
PRICE_LIST_METADATA = (
    PriceList,
    manage_price_lists_permissions,
)


class PriceListCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS
        node = PriceList


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
        return _in_channel_of(root.price_list_id, info, variant)

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
        return _in_channel_of(root.price_list_id, info, variant)

    @staticmethod
    def resolve_product(root: models.PriceListRule, info: ResolveInfo):
        if root.product_id is None:
            return None
        product = ProductByIdLoader(info.context).load(root.product_id)
        return _in_channel_of(root.price_list_id, info, product)

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
        return _in_channel_of(root.price_list_id, info, collection)


class CustomerGroupPriceList(ModelObjectType[models.CustomerGroupPriceList]):
    id = graphene.GlobalID(required=True, description="The ID of the assignment.")
    group = graphene.Field(CustomerGroup, required=True, description="The group.")
    price_list = graphene.Field(PriceList, required=True, description="The price list.")
    priority = graphene.Int(
        required=True,
        description="Higher wins for groups whose price conflict policy is PRIORITY.",
    )

    class Meta:
        description = (
            "A price list assigned to a customer group, and so to every group "
            "below it." + ADDED_IN_B2B_01
        )
        interfaces = [relay.Node]
        model = models.CustomerGroupPriceList
        doc_category = DOC_CATEGORY_DISCOUNTS

    @staticmethod
    def resolve_group(root: models.CustomerGroupPriceList, info: ResolveInfo):
        return CustomerGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_price_list(root: models.CustomerGroupPriceList, info: ResolveInfo):
        return PriceListByIdLoader(info.context).load(root.price_list_id)
