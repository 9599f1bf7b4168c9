"""A price list's catalog objects shown in the list's own channel."""

from promise import Promise
from saleor.graphql.channel.dataloaders.by_self import ChannelByIdLoader
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import ChannelContext

from ..dataloaders import (
    PriceListByIdLoader,
)


def in_channel_of(price_list_id: int, info: ResolveInfo, node_promise: Promise):
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
