import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.types import NonNullList

from ....groups import services
from ....groups.error_codes import CustomerGroupErrorCode
from ...core import ADDED_IN_B2B_01
from ..types import CustomerGroup as CustomerGroupType
from .base import (
    CustomerGroupInput,
    CustomerGroupMutation,
    CustomerGroupWarning,
    apply_group_input,
    clean_group_input,
    error,
    get_group_or_error,
    group_warnings,
)


class CustomerGroupUpdate(CustomerGroupMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    warnings = NonNullList(
        CustomerGroupWarning,
        required=True,
        default_value=[],
        description=(
            "What was stored as asked but may not do what was meant: an approval "
            "threshold in a currency no channel sells in."
        ),
    )

    class Arguments:
        id = graphene.ID(description="ID of the group.")
        external_reference = graphene.String(
            description="External reference of the group."
        )
        input = CustomerGroupInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates a customer group. Setting `parent` moves the group and everything "
            "below it; a group cannot move under itself or its descendants."
            + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input, id=None, external_reference=None
    ):
        group = get_group_or_error(id=id, external_reference=external_reference)
        parent = apply_group_input(group, clean_group_input(info, group, input))
        try:
            services.save_group(group, parent)
        except services.CycleError as e:
            raise ValidationError(
                {"parent": error(str(e), CustomerGroupErrorCode.CYCLE)}
            ) from e
        except services.TakenError as e:
            raise ValidationError(
                {"slug": error(str(e), CustomerGroupErrorCode.UNIQUE)}
            ) from e
        return cls(customer_group=group, warnings=group_warnings(input, group))
