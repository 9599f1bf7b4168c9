import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.types import NonNullList

from ....groups import CustomerGroupRole, services
from ...core import ADDED_IN_B2B_01, mutation_plugin_manager
from .members import (
    CustomerGroupMemberInput,
    MemberMutation,
    membership_error,
    reject_duplicates,
    resolve_user_ids,
)


class CustomerGroupMembersAdd(MemberMutation):
    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")
        members = NonNullList(
            CustomerGroupMemberInput, required=True, description="Customers to add."
        )

    class Meta:
        description = (
            "Adds customers to a group with a role. Fails as a whole, changing "
            "nothing, if any customer is unknown or already a member. Each added "
            "customer gets a CUSTOMER_UPDATED event." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, members
    ):
        global_ids = [member["user"] for member in members]
        reject_duplicates(global_ids, "members")
        customer_group = cls.group_of(group)
        pks = resolve_user_ids(global_ids, "members")
        try:
            services.add_members(
                customer_group,
                [
                    (pks[member["user"]], member.get("role") or CustomerGroupRole.BUYER)
                    for member in members
                ],
                mutation_plugin_manager(info),
            )
        except services.MembershipError as e:
            raise membership_error(e, "members", pks) from e
        return cls(customer_group=customer_group)
