import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core import ResolveInfo

from ....groups import services
from ....groups.error_codes import CustomerGroupErrorCode
from ...core import ADDED_IN_B2B_01, mutation_plugin_manager
from ..types import CustomerGroup as CustomerGroupType
from .base import (
    CustomerGroupMutation,
    error,
    get_group_or_error,
)


class CustomerGroupDelete(CustomerGroupMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The deleted group.")

    class Arguments:
        id = graphene.ID(description="ID of the group.")
        external_reference = graphene.String(
            description="External reference of the group."
        )

    class Meta:
        description = (
            "Deletes a customer group that has no child groups (move or delete those "
            "first). Its memberships are removed with it; the customers stay, and "
            "each gets a CUSTOMER_UPDATED event." + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id=None, external_reference=None
    ):
        group = get_group_or_error(id=id, external_reference=external_reference)
        group_pk = group.pk
        try:
            services.delete_group(group, mutation_plugin_manager(info))
        except services.HasChildrenError as e:
            raise ValidationError(
                {"id": error(str(e), CustomerGroupErrorCode.HAS_CHILDREN)}
            ) from e
        group.pk = group_pk  # keep the ID in the response, as Saleor's deletes do
        return cls(customer_group=group)
