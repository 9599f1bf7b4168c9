"""Group prices follow the staff mutations that build a draft order."""

from collections.abc import Callable

from saleor.core.db.connection import allow_writer
from saleor.graphql.core import ResolveInfo
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise

from ...activation import is_plugin_active
from ...pricing.orders import apply_group_prices_to_order
from ..schema_extension import ResolverWrapper

#: Saleor mutations after which a draft line's price may differ.
REPRICING_MUTATIONS = [
    "draft_order_create",
    "draft_order_update",
    "order_lines_create",
    "order_line_update",
]


def _reprice_after(resolve: Callable) -> Callable:
    def resolve_and_reprice(root, info: ResolveInfo, **kwargs):
        result = resolve(root, info, **kwargs)
        order = getattr(result, "order", None)
        order = getattr(order, "node", order)
        if order is None or getattr(result, "errors", None):
            return result
        with allow_writer():
            manager = get_plugin_manager_promise(info.context).get()
            if is_plugin_active(manager) and apply_group_prices_to_order(order):
                # The payload's own line objects must show the new prices.
                for line in _payload_lines(result):
                    line.refresh_from_db()
        return result

    return resolve_and_reprice


def _payload_lines(result) -> list:
    lines = []
    for attribute in ("order_lines", "order_line"):
        value = getattr(result, attribute, None)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            lines.append(getattr(item, "node", item))
    return lines


DRAFT_ORDER_REPRICING = [
    ResolverWrapper("Mutation", name, _reprice_after) for name in REPRICING_MUTATIONS
]
