import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import NonNullList

from ....groups import services
from ....groups.error_codes import CustomerGroupErrorCode
from ....groups.models import CustomerGroup
from ...core import ADDED_IN_B2B_01
from ..types import CustomerGroup as CustomerGroupType
from .base import (
    CustomerGroupInput,
    CustomerGroupMutation,
    CustomerGroupWarning,
    apply_group_input,
    clean_group_input,
    error,
    group_warnings,
)


class CustomerGroupCreateInput(CustomerGroupInput):
    name = graphene.String(description="Name of the group.", required=True)

    class Meta:
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupCreate(CustomerGroupMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The new group.")
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
        input = CustomerGroupCreateInput(required=True, description="The group.")

    class Meta:
        description = "Creates a customer group, at the root or under a parent." + (
            ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, input
    ):
        group = CustomerGroup()
        parent = apply_group_input(group, clean_group_input(info, group, input))
        try:
            services.save_group(group, parent)
        except services.TakenError as e:
            # A concurrent request took the slug or reference after validation.
            raise ValidationError(
                {"slug": error(str(e), CustomerGroupErrorCode.UNIQUE)}
            ) from e
        return cls(customer_group=group, warnings=group_warnings(input, group))
