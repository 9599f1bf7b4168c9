"""Price lists and the price conflict policy on the customer group types."""

from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.types import NonNullList
from saleor.permission.utils import message_one_of_permissions_required

from ...groups.models import CustomerGroup as CustomerGroupModel
from ...groups.terms import TERMS, EffectiveTerm
from ..core import ADDED_IN_B2B_01
from ..groups.mutations.base import CustomerGroupInput
from ..groups.mutations.group_create import CustomerGroupCreateInput
from ..groups.types import CustomerGroup, CustomerGroupTerms
from ..schema_extension import TypeExtension
from .dataloaders import AssignmentsByCustomerGroupIdLoader
from .enums import PriceConflictPolicyEnum
from .types import (
    ADMIN_PERMISSIONS,
    CustomerGroupPriceList,
    check_can_manage_price_lists,
)

POLICY_INPUT_DESCRIPTION = (
    "How the group picks one price when several price lists offer one; null "
    "inherits the parent's." + ADDED_IN_B2B_01
)


class CustomerGroupPriceLists(TypeExtension):
    extends = CustomerGroup

    # Not a PermissionsField: Saleor's drops its check when the field carries its
    # resolver, as a TypeExtension's fields do; the resolver checks instead.
    price_lists = NonNullList(
        CustomerGroupPriceList,
        required=True,
        description=(
            "The price lists assigned to the group itself, highest priority first; "
            "its members also get those of the groups above it."
            + ADDED_IN_B2B_01
            + message_one_of_permissions_required(ADMIN_PERMISSIONS)
        ),
    )
    price_conflict_policy = PriceConflictPolicyEnum(
        description=(
            "The group's own price conflict policy; null inherits the parent's."
            + ADDED_IN_B2B_01
        )
    )

    @staticmethod
    def resolve_price_lists(root: CustomerGroupModel, info: ResolveInfo):
        check_can_manage_price_lists(info)
        return AssignmentsByCustomerGroupIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_price_conflict_policy(root: CustomerGroupModel, _info: ResolveInfo):
        return root.price_conflict_policy


class CustomerGroupTermsPriceConflictPolicy(TypeExtension):
    extends = CustomerGroupTerms

    price_conflict_policy = PriceConflictPolicyEnum(
        required=True,
        description=TERMS["price_conflict_policy"].description + ADDED_IN_B2B_01,
    )

    @staticmethod
    def resolve_price_conflict_policy(
        root: dict[str, EffectiveTerm], _info: ResolveInfo
    ):
        return root["price_conflict_policy"].value


class CustomerGroupInputPriceConflictPolicy(TypeExtension):
    """``clean_group_input`` cleans every term by name: nothing more to do."""

    extends = CustomerGroupInput

    price_conflict_policy = PriceConflictPolicyEnum(
        description=POLICY_INPUT_DESCRIPTION
    )


class CustomerGroupCreateInputPriceConflictPolicy(TypeExtension):
    """The create input copied its parent's fields when it was declared."""

    extends = CustomerGroupCreateInput

    price_conflict_policy = PriceConflictPolicyEnum(
        description=POLICY_INPUT_DESCRIPTION
    )


TYPE_EXTENSIONS: list[type[TypeExtension]] = [
    CustomerGroupPriceLists,
    CustomerGroupTermsPriceConflictPolicy,
    CustomerGroupInputPriceConflictPolicy,
    CustomerGroupCreateInputPriceConflictPolicy,
]
