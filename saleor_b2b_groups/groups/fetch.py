"""A customer's effective groups: their own groups plus all their ancestors.

Built once per request (``CustomerGroupsInfoByUserIdLoader`` in GraphQL, or
``fetch_customer_groups_info`` elsewhere) and shared by every feature that depends
on who the buyer is. One query for any number of users, whatever the depth.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from saleor.plugins.models import PluginConfiguration

from .. import PLUGIN_ID
from ..activation import default_active
from ..buyers.models import PurchasingGroupSelection
from .models import CustomerGroup, CustomerGroupMembership


@dataclass(frozen=True)
class MembershipInfo:
    membership: CustomerGroupMembership
    group: CustomerGroup

    @property
    def role(self) -> str:
        return self.membership.role


@dataclass
class CustomerGroupsInfo:
    """Who a customer is, in group terms, for the rest of the request."""

    user_id: int | None
    #: The customer's own memberships in active groups (every ancestor active too).
    memberships: list[MembershipInfo] = field(default_factory=list)
    #: Every effective group by id: the member groups and all their ancestors.
    groups: dict[int, CustomerGroup] = field(default_factory=dict)
    #: Whether the plugin is active, when fetched along (``with_plugin_state``);
    #: None when not asked, or when the customer has no membership row to carry it.
    plugin_active: bool | None = None
    #: The group the customer chose to buy for (``buyers``), as stored: it may no
    #: longer be one of their active groups; ``buyers.BuyerContext`` decides.
    selected_group_id: int | None = None

    @property
    def is_member(self) -> bool:
        return bool(self.memberships)

    @property
    def group_ids(self) -> set[int]:
        return set(self.groups)

    def lineage(self, group: CustomerGroup) -> list[CustomerGroup]:
        """The group, then its parent, up to the root."""
        return [self.groups[pk] for pk in group.lineage_ids if pk in self.groups]


def lineage_is_active(group: CustomerGroup, groups: dict[int, CustomerGroup]) -> bool:
    return all(
        groups[pk].is_active if pk in groups else False for pk in group.lineage_ids
    )


def build_customer_groups_info(
    user_id: int | None,
    memberships: Sequence[CustomerGroupMembership],
    groups_by_id: dict[int, CustomerGroup],
) -> CustomerGroupsInfo:
    """Keep the memberships whose group and every ancestor are active."""
    info = CustomerGroupsInfo(user_id=user_id)
    for membership in memberships:
        group = groups_by_id.get(membership.group_id)
        if group is None or not lineage_is_active(group, groups_by_id):
            continue
        info.memberships.append(MembershipInfo(membership, group))
        for pk in group.lineage_ids:
            info.groups[pk] = groups_by_id[pk]
    return info


def fetch_customer_groups_infos(
    user_ids: Iterable[int],
    database: str = "default",
    *,
    with_plugin_state=False,
    group_extras: Mapping[str, str] | None = None,
) -> dict[int, CustomerGroupsInfo]:
    """Effective groups of many customers in one query, whatever the depth.

    Each row is a group in the lineage of one of the customers' memberships, with
    that membership's columns alongside. ``with_plugin_state``: each row also
    carries whether the plugin is active (``activation``), so that a caller that
    needs both pays one query. ``group_extras``: attribute name -> an SQL
    expression on the group ``g`` (a correlated subquery, say), loaded onto each
    group by the same query (how a feature reads its per-group data along).
    """
    user_ids = list(user_ids)
    groups = CustomerGroup._meta.db_table
    memberships_table = CustomerGroupMembership._meta.db_table
    selections = PurchasingGroupSelection._meta.db_table
    state, state_params = _plugin_state_sql() if with_plugin_state else ("NULL", [])
    extras = "".join(
        f", ({expression}) AS {name}"
        for name, expression in (group_extras or {}).items()
    )
    sql = f"""
        SELECT g.*, m.id AS b2b_membership_id, m.user_id AS b2b_user_id,
               m.group_id AS b2b_group_id, m.role AS b2b_role,
               m.created_at AS b2b_created_at, {state} AS b2b_plugin_active,
               (SELECT s.group_id FROM {selections} s WHERE s.user_id = m.user_id)
                 AS b2b_selected_group_id{extras}
        FROM {memberships_table} m
        JOIN {groups} mg ON mg.id = m.group_id
        JOIN {groups} g ON g.id = mg.id OR g.id = ANY(mg.ancestor_ids)
        WHERE m.user_id = ANY(%s)
        ORDER BY m.id
    """  # table names are Django's; values are parameters
    groups_by_id: dict[int, CustomerGroup] = {}
    memberships: dict[int, CustomerGroupMembership] = {}
    plugin_active = None
    selected: dict[int, int | None] = {}
    rows = CustomerGroup.objects.using(database).raw(sql, [*state_params, user_ids])
    for group in rows:
        plugin_active = group.b2b_plugin_active
        selected[group.b2b_user_id] = group.b2b_selected_group_id
        groups_by_id.setdefault(group.pk, group)
        memberships.setdefault(
            group.b2b_membership_id,
            CustomerGroupMembership(
                id=group.b2b_membership_id,
                user_id=group.b2b_user_id,
                group_id=group.b2b_group_id,
                role=group.b2b_role,
                created_at=group.b2b_created_at,
            ),
        )
    by_user: dict[int, list[CustomerGroupMembership]] = defaultdict(list)
    for membership in memberships.values():
        by_user[membership.user_id].append(membership)
    infos = {}
    for user_id in user_ids:
        info = build_customer_groups_info(user_id, by_user[user_id], groups_by_id)
        info.plugin_active = plugin_active if by_user[user_id] else None
        info.selected_group_id = selected.get(user_id)
        infos[user_id] = info
    return infos


def _plugin_state_sql() -> tuple[str, list]:
    """``activation.is_plugin_active_in_database`` as an SQL expression."""
    table = PluginConfiguration._meta.db_table
    return (
        f"COALESCE((SELECT active FROM {table} WHERE identifier = %s "
        "AND channel_id IS NULL ORDER BY id LIMIT 1), %s)",
        [PLUGIN_ID, default_active()],
    )


def fetch_customer_groups_info(
    user_id: int | None,
    database: str = "default",
    *,
    with_plugin_state=False,
    group_extras: Mapping[str, str] | None = None,
) -> CustomerGroupsInfo:
    if user_id is None:
        return CustomerGroupsInfo(user_id=None)
    return fetch_customer_groups_infos(
        [user_id],
        database,
        with_plugin_state=with_plugin_state,
        group_extras=group_extras,
    )[user_id]
