"""The buyer context: built here, taken by every feature, never worked out again.

See the package docstring (``buyers``) for the rules. Entry points:

* :func:`of_requestor` -- the customer behind a request (Saleor's read paths hand
  over a requestor and nothing else). Cached on the ``User`` object, which Saleor's
  GraphQL view loads afresh for every request, so the cache lives exactly as long
  as the request -- the way Saleor caches ``User.effective_permissions``. This is
  the one per-request cache: pricing, visibility and approvals share it, and
  derived per-request values (the buyer's catalog) hang on the context
  (:meth:`BuyerContext.derived`).
* :func:`of_checkout` / :func:`of_checkout_info` -- the buyer of a checkout (its
  customer; a guest checkout has none, see the package docstring), reusing the
  request's context when the requestor is that customer.
* :func:`of_customer` / :func:`of_customers` -- a customer named by ID (staff
  paths, orders, events, lists): read fresh, one query for any number.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.functional import LazyObject, empty
from saleor.account.models import User

from ..groups.fetch import (
    CustomerGroupsInfo,
    fetch_customer_groups_info,
    fetch_customer_groups_infos,
)
from ..groups.models import CustomerGroup

T = TypeVar("T")

_CACHE_ATTRIBUTE = "_b2b_buyer_cache"


@dataclass(frozen=True)
class BuyerContext:
    """Who buys, in which groups, under which terms.

    ``groups`` is what features read: the purchasing group and its ancestors when
    one applies, otherwise every membership (see ``buyers``). ``all_groups`` keeps
    every active membership, for what is not about buying (an approver's rights,
    the customer's own list of groups).
    """

    customer_id: int | None
    #: The memberships whose terms apply, with their ancestors.
    groups: CustomerGroupsInfo
    #: Every active membership of the customer, with their ancestors.
    all_groups: CustomerGroupsInfo
    #: The group the customer buys for: the one they selected (while still a
    #: member), or their only group; None for several groups and none selected.
    purchasing_group: CustomerGroup | None = None
    #: Whether the plugin is active; None when not known (a customer in no group,
    #: read without the plugin's state: they get Saleor's behaviour either way).
    plugin_active: bool | None = None
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_member(self) -> bool:
        return self.groups.is_member

    @property
    def group_ids(self) -> set[int]:
        return self.groups.group_ids

    @property
    def purchasing_group_is_named(self) -> bool:
        """True when the customer chose the group, not merely has one."""
        return (
            self.purchasing_group is not None
            and self.all_groups.selected_group_id == self.purchasing_group.pk
        )

    def lineage(self, group: CustomerGroup) -> list[CustomerGroup]:
        return self.groups.lineage(group)

    def purchasing_lineage(self) -> list[CustomerGroup]:
        """The purchasing group up to its root; [] when none applies."""
        if self.purchasing_group is None:
            return []
        return self.groups.lineage(self.purchasing_group)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """A value derived from this context, computed once per context (a
        feature's per-request cache: the buyer's catalog, say)."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]


def from_groups(info: CustomerGroupsInfo) -> BuyerContext:
    """Apply the purchasing-group rule to a customer's groups."""
    member_groups: dict[int, CustomerGroup] = {}
    for membership in info.memberships:
        member_groups.setdefault(membership.group.pk, membership.group)
    purchasing = member_groups.get(info.selected_group_id or 0)
    if purchasing is None and len(member_groups) == 1:
        purchasing = next(iter(member_groups.values()))
    groups = info
    if purchasing is not None and len(member_groups) > 1:
        groups = _scoped(info, purchasing)
    return BuyerContext(
        customer_id=info.user_id,
        groups=groups,
        all_groups=info,
        purchasing_group=purchasing,
        plugin_active=info.plugin_active,
    )


def _scoped(info: CustomerGroupsInfo, group: CustomerGroup) -> CustomerGroupsInfo:
    """``info`` reduced to the memberships in ``group`` and its lineage."""
    scoped = CustomerGroupsInfo(
        user_id=info.user_id,
        plugin_active=info.plugin_active,
        selected_group_id=info.selected_group_id,
    )
    scoped.memberships = [m for m in info.memberships if m.group.pk == group.pk]
    scoped.groups = {
        pk: info.groups[pk] for pk in group.lineage_ids if pk in info.groups
    }
    return scoped


def nobody(plugin_active: bool | None = None) -> BuyerContext:
    """No customer: an anonymous visitor, an app, a guest checkout."""
    empty_info = CustomerGroupsInfo(user_id=None, plugin_active=plugin_active)
    return BuyerContext(
        customer_id=None,
        groups=empty_info,
        all_groups=empty_info,
        plugin_active=plugin_active,
    )


def unwrap(requestor: Any) -> Any:
    """The object behind Saleor's lazy ``context.user``."""
    if isinstance(requestor, LazyObject):
        lazy: Any = requestor
        if lazy._wrapped is empty:
            lazy._setup()
        return lazy._wrapped
    return requestor


def forget(requestor: Any) -> None:
    """Drop what was cached on a long-lived requestor object (tests, tasks, and a
    write that changes the customer's groups or purchasing group)."""
    if requestor is not None:
        unwrap(requestor).__dict__.pop(_CACHE_ATTRIBUTE, None)


def _cache(user: User, database: str) -> dict[str, Any]:
    caches = user.__dict__.setdefault(_CACHE_ATTRIBUTE, {})
    return caches.setdefault(database, {})


def of_requestor(
    requestor: Any, database: str = "default", *, known_activity: bool | None = None
) -> BuyerContext | None:
    """The buyer behind a request; None while the plugin is known to be inactive.

    Apps and anonymous visitors are nobody (:func:`nobody`). ``known_activity``:
    whether the plugin is active, when the caller knows without a query (the
    request's plugin manager, a plugin hook). Otherwise the plugin's state comes
    with the groups, in the same query; for a customer in no group it stays
    unknown, which costs nothing: such a customer gets Saleor's behaviour, and
    visibility checks the state in SQL.
    """
    requestor = unwrap(requestor)
    if not isinstance(requestor, User) or requestor.pk is None:
        return None if known_activity is False else nobody(known_activity)
    cache = _cache(requestor, database)
    if "buyer" not in cache:
        if known_activity is False:
            cache["buyer"] = None
        else:
            info = fetch_customer_groups_info(
                requestor.pk,
                database,
                with_plugin_state=known_activity is None,
                group_extras=GROUP_EXTRAS,
            )
            if known_activity:
                info.plugin_active = True
            cache["buyer"] = None if info.plugin_active is False else from_groups(info)
    return cache["buyer"]


def is_built(requestor: Any, database: str = "default") -> bool:
    """Whether this request's context of ``requestor`` exists already (a lookup,
    for callers on a hot path that set things up only when it is first built)."""
    user = unwrap(requestor)
    return isinstance(user, User) and "buyer" in _cache(user, database)


def known_for(
    requestor: Any, customer_id: int | None, database: str = "default"
) -> BuyerContext | None:
    """The context of ``customer_id`` if this request has already built it."""
    user = unwrap(requestor)
    if customer_id is None or not isinstance(user, User) or user.pk != customer_id:
        return None
    return _cache(user, database).get("buyer")


def of_customer(customer_id: int | None, database: str = "default") -> BuyerContext:
    """A customer named by ID, read fresh (one query)."""
    if customer_id is None:
        return nobody()
    return from_groups(fetch_customer_groups_info(customer_id, database))


def of_customers(
    customer_ids: Iterable[int], database: str = "default"
) -> dict[int, BuyerContext]:
    """Many customers at once: one query whatever their number."""
    ids = list(customer_ids)
    if not ids:
        return {}
    infos = fetch_customer_groups_infos(ids, database)
    return {pk: from_groups(info) for pk, info in infos.items()}


def of_checkout(
    checkout: Any, *, requestor: Any = None, database: str = "default"
) -> BuyerContext:
    """The buyer of a checkout: its customer, or nobody for a guest checkout.

    When ``requestor`` is the checkout's customer, the request's context is reused
    (one read of the groups per request, shared with visibility's check).
    """
    if checkout.user_id is None:
        return nobody(True)
    known = known_for(requestor, checkout.user_id, database)
    if known is not None:
        return known
    user = getattr(checkout, "user", None) if _user_loaded(checkout) else None
    if user is not None:
        return of_requestor(user, database, known_activity=True) or nobody(False)
    return of_customer(checkout.user_id, database)


def of_checkout_info(checkout_info: Any, database: str = "default") -> BuyerContext:
    """The buyer of the checkout Saleor is completing or calculating."""
    user = checkout_info.user
    if user is None or checkout_info.checkout.user_id is None:
        return nobody(True)
    return of_requestor(user, database, known_activity=True) or nobody(False)


def _user_loaded(checkout: Any) -> bool:
    return checkout._meta.get_field("user").is_cached(checkout)


#: Per-group columns a feature reads with a requestor's groups, in the same query:
#: attribute name -> SQL expression on the group ``g`` (see
#: ``groups.fetch.fetch_customer_groups_infos``). Features register theirs at import
#: (visibility: the group's catalog rules).
GROUP_EXTRAS: dict[str, str] = {}


def register_group_extra(name: str, sql: str) -> None:
    GROUP_EXTRAS[name] = sql
