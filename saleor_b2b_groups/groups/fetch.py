"""A customer's effective groups: their own groups plus all their ancestors.

Built once per request (``CustomerGroupsInfoByUserIdLoader`` in GraphQL, or
``fetch_customer_groups_info`` elsewhere) and shared by every feature that depends
on who the buyer is. Two queries for any number of users, whatever the depth.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
    user_ids: Iterable[int], database: str = "default"
) -> dict[int, CustomerGroupsInfo]:
    """Effective groups of many customers in two queries."""
    user_ids = list(user_ids)
    memberships = list(
        CustomerGroupMembership.objects.using(database)
        .filter(user_id__in=user_ids)
        .select_related("group")
    )
    needed = set()
    for membership in memberships:
        needed.update(membership.group.lineage_ids)
    groups_by_id = {
        group.pk: group
        for group in CustomerGroup.objects.using(database).filter(pk__in=needed)
    }
    by_user: dict[int, list[CustomerGroupMembership]] = defaultdict(list)
    for membership in memberships:
        by_user[membership.user_id].append(membership)
    return {
        user_id: build_customer_groups_info(user_id, by_user[user_id], groups_by_id)
        for user_id in user_ids
    }


def fetch_customer_groups_info(
    user_id: int | None, database: str = "default"
) -> CustomerGroupsInfo:
    if user_id is None:
        return CustomerGroupsInfo(user_id=None)
    return fetch_customer_groups_infos([user_id], database)[user_id]
