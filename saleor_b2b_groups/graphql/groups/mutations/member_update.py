import graphene
from saleor.graphql.core import ResolveInfo

from ....groups import services
from ...core import ADDED_IN_B2B_01, mutation_plugin_manager
from ..enums import CustomerGroupRoleEnum
from .members import (
    MemberMutation,
    membership_error,
    resolve_user_ids,
)


class CustomerGroupMemberUpdate(MemberMutation):
    class Arguments:
        group = graphene.ID(required=True, description="ID of the group.")
        user = graphene.ID(required=True, description="ID of the member.")
        role = CustomerGroupRoleEnum(required=True, description="The new role.")

    class Meta:
        description = "Changes a member's role in a group." + ADDED_IN_B2B_01

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, group, user, role
    ):
        customer_group = cls.group_of(group)
        pks = resolve_user_ids([user], "user")
        try:
            services.change_role(
                customer_group, pks[user], role, mutation_plugin_manager(info)
            )
        except services.MembershipError as e:
            raise membership_error(e, "user", pks) from e
        return cls(customer_group=customer_group)
