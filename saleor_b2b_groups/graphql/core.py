"""Helpers shared by this package's GraphQL modules."""

from promise import Promise
from saleor.core.db.connection import allow_writer_in_context
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import (
    SaleorContext,
    get_database_connection_name,
    setup_context_user,
)
from saleor.graphql.plugins.dataloaders import (
    AnonymousPluginManagerLoader,
    PluginManagerByRequestorDataloader,
    get_plugin_manager_promise,
)
from saleor.plugins.manager import PluginsManager

from ..activation import is_plugin_active, is_plugin_active_in_database

#: Appended to the description of every field this package adds.
ADDED_IN_B2B_01 = "\n\nAdded in saleor-b2b-groups 0.1."


def plugin_active_promise(context: SaleorContext) -> Promise[bool]:
    """Resolve whether the plugin is active, with the request's plugin manager."""
    return get_plugin_manager_promise(context).then(is_plugin_active)


def plugin_active(info: ResolveInfo) -> bool:
    return plugin_active_promise(info.context).get()


def mutation_plugin_manager(info: ResolveInfo) -> PluginsManager:
    """The plugin manager Saleor's mutation is about to use, for a wrapper around it.

    ``BaseMutation.mutate`` resolves the lazy ``context.user`` before it asks for the
    manager, so an anonymous buyer gets the manager that authentication has already
    loaded. A wrapper that asked first would get a second manager for the unresolved
    proxy, and its configuration query: an inactive plugin would cost the mutation a
    query. Resolving the user here is what ``mutate`` does next anyway.
    """
    setup_context_user(info.context)
    return get_plugin_manager_promise(info.context).get()


def is_plugin_active_in_request(context: SaleorContext) -> bool:
    """Whether the plugin is active, for resolvers that must not wait on a promise.

    Asks the request's plugin manager when Saleor has already loaded it, as its
    mutations do before their payload resolves: no query, so an inactive plugin
    costs a mutation nothing. Otherwise reads the plugin's configuration row (one
    query). It never loads the manager itself: waiting on its dataloader in the
    middle of a page would flush the request's dataloader queue (see buyer.py).
    """
    known = loaded_plugin_activity(context)
    if known is not None:
        return known
    with allow_writer_in_context(context):  # the writer in a mutation's payload
        return is_plugin_active_in_database(get_database_connection_name(context))


def loaded_plugin_activity(context: SaleorContext) -> bool | None:
    """Whether the plugin is active, when the request's manager already knows (no
    query); None when Saleor has not loaded it."""
    manager = _loaded_plugin_manager(context)
    return is_plugin_active(manager) if manager is not None else None


def _loaded_plugin_manager(context: SaleorContext) -> PluginsManager | None:
    """The manager ``get_plugin_manager_promise`` gave this request, if loaded."""
    if getattr(context, "app", None):
        return None  # keyed by the app: not worth the lookup
    user = getattr(context, "user", None)
    if user:
        cached = PluginManagerByRequestorDataloader(context)._promise_cache.get(user)
    else:
        cached = AnonymousPluginManagerLoader(context)._promise_cache.get("Anonymous")
    if cached is None or not cached.is_fulfilled:
        return None
    manager = cached.get()  # fulfilled: returns at once, runs nothing
    return manager if manager.loaded_global else None
