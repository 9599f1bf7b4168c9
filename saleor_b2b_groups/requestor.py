"""Who a requestor is in group terms, once per requestor object.

Saleor hands its read paths a requestor (``User``, ``App`` or None) and no request
context (``ProductsQueryset.visible_to_user``). The GraphQL view loads a fresh
``User`` for every request, so a cache on the instance lives exactly as long as the
request, the way Saleor caches ``User.effective_permissions`` on it. Pricing
(``graphql/buyer.py``) and visibility share it: the plugin's state, the buyer's
groups and their catalog rules cost one query per request, whoever asks first.
"""

from typing import Any

from django.utils.functional import LazyObject, empty
from saleor.account.models import User

from .groups.fetch import CustomerGroupsInfo, fetch_customer_groups_info
from .visibility.catalog import GROUP_RULES, GROUP_RULES_SQL

_CACHE_ATTRIBUTE = "_b2b_requestor_cache"


def requestor_cache(requestor: Any, database: str) -> dict[str, Any]:
    """A dict living on the requestor object, per database; {} for None."""
    if requestor is None:
        return {}
    requestor = unwrap(requestor)
    caches = requestor.__dict__.setdefault(_CACHE_ATTRIBUTE, {})
    return caches.setdefault(database, {})


def unwrap(requestor: Any) -> Any:
    """The object behind Saleor's lazy ``context.user``."""
    if isinstance(requestor, LazyObject):
        lazy: Any = requestor
        if lazy._wrapped is empty:
            lazy._setup()
        return lazy._wrapped
    return requestor


def forget(requestor: Any) -> None:
    """Drop what was cached on a long-lived requestor object (tests, tasks)."""
    if requestor is not None:
        unwrap(requestor).__dict__.pop(_CACHE_ATTRIBUTE, None)


def customer_groups_of(
    user: Any, database: str, *, known_activity: bool | None = None
) -> CustomerGroupsInfo | None:
    """A user's effective groups; None while the plugin is known to be inactive.

    ``known_activity``: whether the plugin is active, when the caller knows without
    a query (the request's plugin manager). Otherwise the plugin's state comes with
    the groups, in the same query; for a customer in no group it stays unknown
    (``CustomerGroupsInfo.plugin_active`` is None), which costs nothing: such a
    customer gets Saleor's prices either way, and visibility checks the state in
    SQL. Not for apps or anonymous visitors: they belong to no group.
    """
    if not isinstance(user, User) or user.pk is None:
        return None
    cache = requestor_cache(user, database)
    if "groups" not in cache:
        if known_activity is False:
            cache["groups"] = None
        else:
            info = fetch_customer_groups_info(
                user.pk,
                database,
                with_plugin_state=known_activity is None,
                # the read paths filter by catalog: its rules come along
                group_extras={GROUP_RULES: GROUP_RULES_SQL},
            )
            if known_activity:
                info.plugin_active = True
            cache["groups"] = None if info.plugin_active is False else info
    return cache["groups"]


def groups_known_for(
    requestor: Any, user_id: int | None, database: str = "default"
) -> CustomerGroupsInfo | None:
    """The groups of ``user_id`` if this request has already read them, else None.

    A checkout mutation reads the buyer's groups for its visibility check before
    Saleor's mutation runs; re-pricing the lines after it, in the same request, may
    reuse them instead of reading them again (only when the checkout's customer is
    the requestor).
    """
    user = unwrap(requestor)
    if user_id is None or not isinstance(user, User) or user.pk != user_id:
        return None
    return requestor_cache(user, database).get("groups")
