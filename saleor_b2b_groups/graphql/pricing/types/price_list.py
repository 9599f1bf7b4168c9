import graphene
from django.utils.module_loading import import_string
from graphene import relay
from saleor.graphql.channel.dataloaders.by_self import ChannelByIdLoader
from saleor.graphql.channel.types import Channel
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.fields import ConnectionField
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import ModelObjectType, NonNullList
from saleor.graphql.meta.resolvers import resolve_metadata
from saleor.graphql.meta.types import ObjectWithMetadata

from ....pricing import models
from ...core import ADDED_IN_B2B_01
from ..dataloaders import (
    AssignmentsByPriceListIdLoader,
    RulesByPriceListIdLoader,
)
from ..entries_page import PriceListEntryFilterInput, resolve_entries
from ..enums import PriceListRuleScopeEnum
from .permissions import (
    check_can_manage_price_lists,
    manage_price_lists_permissions,
)

#: The types below name the list, and the list names them: by path.
ENTRIES_CONNECTION = (
    "saleor_b2b_groups.graphql.pricing.types.entry.PriceListEntryCountableConnection"
)


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
        ENTRIES_CONNECTION,
        filter=PriceListEntryFilterInput(description="Filtering options."),
        required=True,
        description="Fixed prices, by variant and minimum quantity (tiers).",
    )
    rules = NonNullList(
        "saleor_b2b_groups.graphql.pricing.types.rule.PriceListRule",
        required=True,
        scope=PriceListRuleScopeEnum(description="Only the rules of this scope."),
        description="Percentages off the channel price, for scopes of the catalog.",
    )
    groups = NonNullList(
        "saleor_b2b_groups.graphql.pricing.types.assignment.CustomerGroupPriceList",
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
        connection = import_string(ENTRIES_CONNECTION)
        return resolve_entries(root, info, connection, **kwargs)

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
