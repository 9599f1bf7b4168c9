"""What an order line shows of a product the buyer can no longer see.

An order records what was bought: ``productName``, ``variantName``,
``productSku``, ``productVariantId``, quantities and prices are the line's own
copies, kept as ordered, and stay readable to whoever may read the order. The
live product behind the line is another matter: once the buyer's groups hide it
(or it moved to a channel the buyer may not see), ``OrderLine.variant`` is null
and ``OrderLine.thumbnail`` is null for that buyer, exactly as Saleor does for a
product that is no longer visible in the order's channel. So the description,
pricing, media and attributes of a hidden product are not readable through an
old order.

The rule is the catalog's (``visibility.filters.product_filter``), for the
requestor, in the order's channel; staff and apps holding one of Saleor's
``ALL_PRODUCTS_PERMISSIONS`` see every product, as everywhere else. One query per
channel per request, whatever the number of lines (a dataloader).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from promise import Promise
from saleor.channel.models import Channel
from saleor.graphql.channel.dataloaders.by_order import ChannelByOrderIdLoader
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.dataloaders import DataLoader
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.product.models import ProductVariant

from ...visibility.filters import apply, product_filter
from ...visibility.querysets import sees_everything
from ..schema_extension import ResolverWrapper


class VisibleVariantsByIdAndChannelIdLoader(DataLoader[tuple[int, int], bool]):
    """Whether the requestor may see each (variant, channel)'s product."""

    context_key = "b2b_visible_variants_by_id_and_channel_id"

    def batch_load(self, keys: Iterable[tuple[int, int]]):
        keys = list(keys)
        database = self.database_connection_name
        requestor = get_user_or_app_from_context(self.context)
        by_channel: dict[int, set[int]] = defaultdict(set)
        for variant_id, channel_id in keys:
            by_channel[channel_id].add(variant_id)
        channels = Channel.objects.using(database).in_bulk(list(by_channel))
        visible: set[tuple[int, int]] = set()
        for channel_id, variant_ids in by_channel.items():
            channel = channels.get(channel_id)
            if channel is None:
                continue
            condition = product_filter(
                requestor,
                channel,
                database,
                product_field="product_id",
                category_field="product__category_id",
            )
            found = apply(
                ProductVariant.objects.using(database).filter(pk__in=variant_ids),
                condition,
            ).values_list("pk", flat=True)
            visible.update((pk, channel_id) for pk in found)
        return [key in visible for key in keys]


def line_product_visible(info: ResolveInfo, line) -> Promise:
    """Promise of whether the requestor may see the line's product now."""
    if line.variant_id is None:
        return Promise.resolve(False)
    if sees_everything(get_user_or_app_from_context(info.context)):
        return Promise.resolve(True)

    def visible(channel) -> Promise | bool:
        if channel is None:
            return False
        return VisibleVariantsByIdAndChannelIdLoader(info.context).load(
            (line.variant_id, channel.pk)
        )

    return ChannelByOrderIdLoader(info.context).load(line.order_id).then(visible)


def _only_if_visible(resolve: Callable) -> Callable:
    def resolve_order_line_product_field(root, info: ResolveInfo, **kwargs):
        line = root.node

        def then(is_visible: bool):
            return resolve(root, info, **kwargs) if is_visible else None

        return line_product_visible(info, line).then(then)

    return resolve_order_line_product_field


ORDER_LINE_VISIBILITY = [
    ResolverWrapper("OrderLine", "variant", _only_if_visible),
    ResolverWrapper("OrderLine", "thumbnail", _only_if_visible),
]
