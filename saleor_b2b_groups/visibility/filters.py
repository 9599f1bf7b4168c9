"""The SQL filters that enforce a requestor's catalog, set-based, on every read path.

Who the requestor is decides the filter (:func:`audience_of`):

* the plugin inactive: no filter, vanilla Saleor;
* a customer in no group, an app, an anonymous visitor: Saleor's catalog, except on
  a B2B-only channel, where they see nothing (a subquery on the channel's policy:
  no extra query; for apps and visitors the plugin's state is a subquery too);
* a group member: the union of their admitted memberships' catalogs
  (``MembershipCatalog.product_expression``), computed in the same SQL query as
  Saleor's own filter, from the rules loaded once per request.

Staff and apps with one of Saleor's ``ALL_PRODUCTS_PERMISSIONS`` never get here
(``querysets``). Filters return ``None`` (nothing to add), :data:`NOTHING` or a
``Q``.
"""

from functools import reduce
from operator import or_
from typing import Any, Final

from django.db.models import Exists, OuterRef, Q, QuerySet
from saleor.account.models import User
from saleor.channel.models import Channel
from saleor.plugins.models import PluginConfiguration
from saleor.product.models import CollectionProduct

from .. import PLUGIN_ID
from ..activation import default_active
from ..buyers.context import BuyerContext, of_requestor, unwrap
from . import ChannelAccess
from .catalog import BuyerCatalog, MembershipCatalog, load_buyer_catalog
from .models import ChannelAccessPolicy

#: The filter that lets nothing through.
NOTHING: Final = Q(pk__in=[])


class Audience:
    """Requestors that have no catalog of their own."""

    #: The plugin is inactive: vanilla Saleor.
    INACTIVE = "inactive"
    #: A customer in no active group (the plugin is known to be active).
    NON_MEMBER = "non_member"
    #: An app, an anonymous visitor, or a customer in no group while the plugin's
    #: state is not known: the state is checked in SQL, at no extra query.
    ANONYMOUS = "anonymous"


def audience_of(
    requestor: Any, database: str, *, known_activity: bool | None = None
) -> BuyerCatalog | str:
    """The requestor's catalog, or its :class:`Audience`, from the buyer context
    (``buyers``), computed once per context.

    ``known_activity``: whether the plugin is active, when the caller knows.
    """
    if not isinstance(unwrap(requestor), User):
        return Audience.ANONYMOUS
    buyer = of_requestor(requestor, database, known_activity=known_activity)
    if buyer is None:
        return Audience.INACTIVE
    return buyer.derived("catalog", lambda: _catalog_of(buyer, database))


def _catalog_of(buyer: BuyerContext, database: str) -> BuyerCatalog | str:
    if not buyer.is_member:
        return Audience.NON_MEMBER if buyer.plugin_active else Audience.ANONYMOUS
    return load_buyer_catalog(buyer.groups, database)


def plugin_active_condition() -> Q:
    """True while the plugin is active, as SQL (mirrors ``activation``)."""
    configurations = PluginConfiguration.objects.filter(
        identifier=PLUGIN_ID, channel__isnull=True
    )
    if default_active():
        return Q(~Exists(configurations.filter(active=False)))
    return Q(Exists(configurations.filter(active=True)))


def _open_to_non_members(audience: str, **channel: Any) -> Q:
    """Not a B2B-only channel (``channel_id=`` or ``channel__slug=``)."""
    b2b_only = ChannelAccessPolicy.objects.filter(
        access=ChannelAccess.B2B_ONLY, **channel
    )
    if audience == Audience.ANONYMOUS:
        b2b_only = b2b_only.filter(plugin_active_condition())
    return Q(~Exists(b2b_only))


def _union(conditions: list[Q]) -> Q | None:
    return reduce(or_, conditions) if conditions else NOTHING


def members_products(
    memberships: list[MembershipCatalog], product_field: str, category_field: str
) -> Q | None:
    conditions = []
    for membership in memberships:
        expression = membership.product_expression(product_field, category_field)
        value = getattr(expression, "value", None)
        if value is True:
            return None  # this membership shows everything
        if value is not False:
            conditions.append(Q(expression))
    return _union(conditions)


def product_filter(
    requestor: Any,
    channel: Channel,
    database: str,
    *,
    product_field: str = "pk",
    category_field: str = "category_id",
) -> Q | None:
    """Products (or, with the fields named, variants) the requestor may see."""
    audience = audience_of(requestor, database)
    if audience == Audience.INACTIVE:
        return None
    if isinstance(audience, str):
        return _open_to_non_members(audience, channel_id=channel.pk)
    return members_products(
        audience.admitted(channel.pk), product_field, category_field
    )


def collection_filter(requestor: Any, channel_slug: str, database: str) -> Q | None:
    """A collection is visible when it holds a product the requestor may see (or
    the member's catalog is open and ruleless, as in Saleor)."""
    audience = audience_of(requestor, database)
    if audience == Audience.INACTIVE:
        return None
    if isinstance(audience, str):
        return _open_to_non_members(audience, channel__slug=channel_slug)
    conditions = []
    for membership in audience.memberships:
        admitted = Q()
        if membership.allowed_channels is not None:
            admitted = Q(
                Exists(
                    Channel.objects.filter(
                        slug=channel_slug, pk__in=membership.allowed_channels
                    )
                )
            )
        products = membership.product_expression("product_id", "product__category_id")
        value = getattr(products, "value", None)
        if value is False:
            continue
        if value is True:
            conditions.append(admitted)
            continue
        holds_visible = CollectionProduct.objects.filter(
            collection_id=OuterRef("pk")
        ).filter(products)
        conditions.append(admitted & Q(Exists(holds_visible)))
    if any(not condition for condition in conditions):
        return None  # an admitted, open, ruleless membership: everything
    return _union(conditions)


def apply(queryset: QuerySet, condition: Q | None) -> QuerySet:
    if condition is None:
        return queryset
    if condition is NOTHING:
        return queryset.none()
    return queryset.filter(condition)
