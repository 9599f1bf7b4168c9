from collections import defaultdict
from collections.abc import Iterable

from saleor.graphql.core.dataloaders import DataLoader

from ...groups.fetch import CustomerGroupsInfo, fetch_customer_groups_infos
from ...groups.models import CustomerGroup, CustomerGroupMembership


class CustomerGroupByIdLoader(DataLoader[int, CustomerGroup | None]):
    context_key = "b2b_customer_group_by_id"

    def batch_load(self, keys: Iterable[int]):
        groups = CustomerGroup.objects.using(self.database_connection_name).in_bulk(
            keys
        )
        return [groups.get(key) for key in keys]


class AncestorsByCustomerGroupLoader(DataLoader[CustomerGroup, list[CustomerGroup]]):
    """Ancestors of each group, root first: one query for any number and depth."""

    context_key = "b2b_ancestors_by_customer_group"

    def batch_load(self, keys: Iterable[CustomerGroup]):
        keys = list(keys)
        ids = {pk for group in keys for pk in group.ancestor_ids}
        by_id = CustomerGroup.objects.using(self.database_connection_name).in_bulk(ids)
        return [
            [by_id[pk] for pk in group.ancestor_ids if pk in by_id] for group in keys
        ]


class ChildrenByCustomerGroupIdLoader(DataLoader[int, list[CustomerGroup]]):
    context_key = "b2b_children_by_customer_group_id"

    def batch_load(self, keys: Iterable[int]):
        children = defaultdict(list)
        for group in CustomerGroup.objects.using(self.database_connection_name).filter(
            parent_id__in=keys
        ):
            children[group.parent_id].append(group)
        return [children[key] for key in keys]


class MembershipsByCustomerGroupIdLoader(
    DataLoader[int, list[CustomerGroupMembership]]
):
    context_key = "b2b_memberships_by_customer_group_id"

    def batch_load(self, keys: Iterable[int]):
        memberships = defaultdict(list)
        for membership in (
            CustomerGroupMembership.objects.using(self.database_connection_name)
            .filter(group_id__in=keys)
            .order_by("pk")
        ):
            memberships[membership.group_id].append(membership)
        return [memberships[key] for key in keys]


class MembershipsByUserIdLoader(DataLoader[int, list[CustomerGroupMembership]]):
    """Every membership of each user, active groups or not (the admin's view)."""

    context_key = "b2b_memberships_by_user_id"

    def batch_load(self, keys: Iterable[int]):
        memberships = defaultdict(list)
        for membership in (
            CustomerGroupMembership.objects.using(self.database_connection_name)
            .filter(user_id__in=keys)
            .select_related("group")
            .order_by("pk")
        ):
            memberships[membership.user_id].append(membership)
        return [memberships[key] for key in keys]


class CustomerGroupsInfoByUserIdLoader(DataLoader[int, CustomerGroupsInfo]):
    """A customer's effective groups, once per request, for every feature."""

    context_key = "b2b_customer_groups_info_by_user_id"

    def batch_load(self, keys: Iterable[int]):
        keys = list(keys)
        infos = fetch_customer_groups_infos(keys, self.database_connection_name)
        return [infos[key] for key in keys]
