"""Who a requestor is in group terms, once per requestor object.

Saleor hands its read paths a requestor (``User``, ``App`` or None) and no request
context (``ProductsQueryset.visible_to_user``). The GraphQL view loads a fresh
``User`` for every request, so a cache on the instance lives exactly as long as the
request, the way Saleor caches ``User.effective_permissions`` on it. Pricing
(``graphql/buyer.py``) and visibility share it: the plugin's state and the buyer's
groups cost one query each per request, whoever asks first.
"""

from typing import Any

from django.utils.functional import LazyObject, empty
from saleor.account.models import User

from .activation import is_plugin_active_in_database
from .groups.fetch import CustomerGroupsInfo, fetch_customer_groups_info

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
    """A user's effective groups; None while the plugin is inactive.

    ``known_activity``: whether the plugin is active, when the caller knows without
    a query (the request's plugin manager). Not for apps or anonymous visitors:
    they belong to no group.
    """
    if not isinstance(user, User) or user.pk is None:
        return None
    cache = requestor_cache(user, database)
    if "groups" not in cache:
        active = known_activity
        if active is None:
            active = is_plugin_active_in_database(database)
        cache["groups"] = (
            fetch_customer_groups_info(user.pk, database) if active else None
        )
    return cache["groups"]
