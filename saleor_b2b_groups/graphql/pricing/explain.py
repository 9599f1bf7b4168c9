"""``ProductVariant.groupPrice``: what a customer pays for a variant, and why."""

import graphene
from django.core.exceptions import ValidationError
from saleor.channel.models import Channel
from saleor.core.db.connection import allow_writer_in_context
from saleor.core.exceptions import PermissionDenied
from saleor.graphql.account.types import User
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import ChannelContext, get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.types import Money, NonNullList
from saleor.graphql.core.utils import from_global_id_or_error
from saleor.graphql.product.types import ProductVariant
from saleor.permission.enums import AccountPermissions, DiscountPermissions
from saleor.permission.utils import one_of_permissions_or_auth_filter_required
from saleor.product.models import ProductVariant as ProductVariantModel

from ...buyers.context import BuyerContext, known_for, of_customer
from ...pricing.resolver import GroupPrice as GroupPriceResult
from ...pricing.resolver import PriceCandidate, PriceRequest, resolve_group_prices
from ..core import ADDED_IN_B2B_01, is_plugin_active_in_request
from ..groups.types import CustomerGroup
from ..schema_extension import TypeExtension

STAFF_PERMISSIONS = [
    AccountPermissions.MANAGE_USERS,
    DiscountPermissions.MANAGE_DISCOUNTS,
]


class GroupPriceCandidate(graphene.ObjectType):
    price = graphene.Field(Money, required=True, description="This list's price.")
    price_list_id = graphene.ID(required=True, description="ID of the price list.")
    price_list_name = graphene.String(required=True)
    price_list_slug = graphene.String(required=True)
    group = graphene.Field(
        CustomerGroup, required=True, description="The group the list is assigned to."
    )
    membership_group = graphene.Field(
        CustomerGroup,
        required=True,
        description="The customer's group whose hierarchy brought the list in.",
    )
    distance = graphene.Int(
        required=True, description="0: assigned to the customer's group; 1: its parent."
    )
    priority = graphene.Int(required=True, description="The assignment's priority.")
    kind = graphene.String(required=True, description="FIXED (a tier) or PERCENTAGE.")
    min_quantity = graphene.Int(description="The tier's minimum quantity.")
    scope = graphene.String(description="The percentage rule's scope.")
    percentage = graphene.Float(description="The percentage off the channel price.")
    is_capped = graphene.Boolean(
        required=True, description="Whether the channel-price cap lowered it."
    )
    is_winner = graphene.Boolean(required=True)

    class Meta:
        description = "One price list's offer for a variant." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_PRODUCTS


class GroupPrice(graphene.ObjectType):
    quantity = graphene.Int(required=True)
    price = graphene.Field(
        Money,
        required=True,
        description=(
            "The unit price before taxes and catalogue promotions: the group price, "
            "or the channel price when no group price applies."
        ),
    )
    channel_price = graphene.Field(Money, required=True, description="Saleor's price.")
    is_group_price = graphene.Boolean(required=True)
    reason = graphene.String(required=True, description="Why this price won.")
    candidates = NonNullList(GroupPriceCandidate, required=True)

    class Meta:
        description = (
            "A customer's price for a variant with its explanation: every price list "
            "that offered one, the winner and why." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS


def _candidate(
    candidate: PriceCandidate, winner: PriceCandidate
) -> GroupPriceCandidate:
    return GroupPriceCandidate(
        price=candidate.price,
        price_list_id=graphene.Node.to_global_id("PriceList", candidate.price_list.pk),
        price_list_name=candidate.price_list.name,
        price_list_slug=candidate.price_list.slug,
        group=candidate.group,
        membership_group=candidate.membership_group,
        distance=candidate.distance,
        priority=candidate.priority,
        kind=candidate.kind.upper(),
        min_quantity=candidate.min_quantity,
        scope=candidate.scope.upper() if candidate.scope else None,
        percentage=candidate.percentage,
        is_capped=candidate.capped,
        is_winner=candidate is winner,
    )


def _explained(result: GroupPriceResult) -> GroupPrice:
    return GroupPrice(
        quantity=result.quantity,
        price=result.price,
        channel_price=result.channel_price,
        is_group_price=True,
        reason=result.reason,
        candidates=[_candidate(c, result.winner) for c in result.candidates],
    )


class ProductVariantGroupPrice(TypeExtension):
    extends = ProductVariant

    group_price = graphene.Field(
        GroupPrice,
        quantity=graphene.Int(default_value=1, description="Units in the line."),
        customer=graphene.ID(
            description=(
                "The customer to price for; staff and apps with MANAGE_USERS or "
                "MANAGE_DISCOUNTS only. Default: the requesting customer."
            )
        ),
        description=(
            "The customer's price for this variant in the channel, with every "
            "candidate price list and why the winner won. Null without a channel, "
            "for anonymous requests, or while the plugin is inactive." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_group_price(
        root: ChannelContext[ProductVariantModel],
        info: ResolveInfo,
        *,
        quantity: int = 1,
        customer: str | None = None,
    ):
        if quantity < 1:
            raise ValidationError("quantity must be at least 1.", code="invalid")
        if customer:
            if not one_of_permissions_or_auth_filter_required(
                info.context, STAFF_PERMISSIONS
            ):
                raise PermissionDenied(permissions=STAFF_PERMISSIONS)
            _, user_id = from_global_id_or_error(customer, User, raise_error=True)
        else:
            user = info.context.user
            if getattr(info.context, "app", None) or not user:
                return None
            user_id = str(user.pk)
        if not root.channel_slug or not is_plugin_active_in_request(info.context):
            return None
        # In a mutation's payload the database is the writer, which Saleor allows
        # explicitly.
        with allow_writer_in_context(info.context):
            database = get_database_connection_name(info.context)
            user_pk = int(str(user_id))
            return _group_price(
                root,
                user_pk,
                quantity,
                database,
                known_buyer=known_for(info.context.user, user_pk, database),
            )


def _group_price(
    root: ChannelContext[ProductVariantModel],
    user_id: int,
    quantity: int,
    database: str,
    known_buyer: BuyerContext | None = None,
) -> GroupPrice | None:
    """The explained price of ``root`` for one customer, read from ``database``.

    ``known_buyer``: the customer's context, when this request has already built it.
    """
    channel = Channel.objects.using(database).filter(slug=root.channel_slug).first()
    listing = root.node.channel_listings.using(database).filter(channel=channel).first()
    if channel is None or listing is None or listing.price is None:
        return None
    buyer = known_buyer if known_buyer is not None else of_customer(user_id, database)
    request = PriceRequest(root.node.pk, quantity)
    result = resolve_group_prices(
        buyer.groups,
        channel.pk,
        [request],
        channel_prices={root.node.pk: listing.price},
        database=database,
    ).get(request)
    if result is not None:
        return _explained(result)
    return GroupPrice(
        quantity=quantity,
        price=listing.price,
        channel_price=listing.price,
        is_group_price=False,
        reason=(
            "no price list of the customer's groups prices this variant: "
            "the channel price applies"
        ),
        candidates=[],
    )
