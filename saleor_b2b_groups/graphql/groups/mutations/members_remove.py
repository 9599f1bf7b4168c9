import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.types import NonNullList

from ....groups import services
from ...core import ADDED_IN_B2B_01, mutation_plugin_manager
from .members import (
    MemberMutation,
    membership_error,
    reject_duplicates,
    resolve_user_ids,
)


class CustomerGroupMembersRemove(MemberMutation):
    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")
        users = NonNullList(
            graphene.ID, required=True, description="Customers to remove."
        )

    class Meta:
        description = (
            "Removes customers from a group. Fails as a whole, changing nothing, if "
            "any of them is not a member. Each removed customer gets a "
            "CUSTOMER_UPDATED event." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, users
    ):
        reject_duplicates(users, "users")
        customer_group = cls.group_of(group)
        pks = resolve_user_ids(users, "users")
        try:
            services.remove_members(
                customer_group, pks.values(), mutation_plugin_manager(info)
            )
        except services.MembershipError as e:
            raise membership_error(e, "users", pks) from e
        return cls(customer_group=customer_group)
