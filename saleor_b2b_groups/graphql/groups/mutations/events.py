"""Saleor's own events for changes this package makes to customers."""

from collections.abc import Iterable

from saleor.graphql.core import ResolveInfo
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise

from ....groups.customers import customers_updated


def notify_customers_updated(info: ResolveInfo, user_ids: Iterable[int]) -> None:
    """``groups.customers.customers_updated`` with the request's plugin manager."""
    user_ids = list(user_ids)
    if user_ids:
        customers_updated(get_plugin_manager_promise(info.context).get(), user_ids)
