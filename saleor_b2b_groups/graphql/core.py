"""Helpers shared by this package's GraphQL modules."""

from promise import Promise
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SaleorContext
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise

from ..activation import is_plugin_active

#: Appended to the description of every field this package adds.
ADDED_IN_B2B_01 = "\n\nAdded in saleor-b2b-groups 0.1."


def plugin_active_promise(context: SaleorContext) -> Promise[bool]:
    """Resolve whether the plugin is active, with the request's plugin manager."""
    return get_plugin_manager_promise(context).then(is_plugin_active)


def plugin_active(info: ResolveInfo) -> bool:
    return plugin_active_promise(info.context).get()
