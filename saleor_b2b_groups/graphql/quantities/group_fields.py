"""Quantity rules and order limits on the customer group types (admin)."""

from saleor.core.exceptions import PermissionDenied
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.scalars import PositiveDecimal
from saleor.graphql.core.types import NonNullList
from saleor.permission.utils import (
    message_one_of_permissions_required,
    one_of_permissions_or_auth_filter_required,
)

from ...groups.models import CustomerGroup as CustomerGroupModel
from ...groups.terms import TERMS, EffectiveTerm
from ..core import ADDED_IN_B2B_01
from ..groups.mutations.base import CustomerGroupInput
from ..groups.mutations.group_create import CustomerGroupCreateInput
from ..groups.types import CustomerGroup, CustomerGroupTerms
from ..schema_extension import TypeExtension
from .dataloaders import QuantityRulesByCustomerGroupIdLoader
from .types import ADMIN_PERMISSIONS, QuantityRule

MIN_DESCRIPTION = (
    "The group's own minimum order subtotal, in the channel's currency; null "
    "inherits the parent's." + ADDED_IN_B2B_01
)
MAX_DESCRIPTION = (
    "The group's own maximum order subtotal, in the channel's currency; null "
    "inherits the parent's." + ADDED_IN_B2B_01
)


class CustomerGroupQuantityRules(TypeExtension):
    extends = CustomerGroup

    quantity_rules = NonNullList(
        QuantityRule,
        required=True,
        description=(
            "The group's own quantity rules; its members also get those of the "
            "groups above it."
            + ADDED_IN_B2B_01
            + message_one_of_permissions_required(ADMIN_PERMISSIONS)
        ),
    )
    min_order_subtotal = PositiveDecimal(description=MIN_DESCRIPTION)
    max_order_subtotal = PositiveDecimal(description=MAX_DESCRIPTION)

    @staticmethod
    def resolve_quantity_rules(root: CustomerGroupModel, info: ResolveInfo):
        if not one_of_permissions_or_auth_filter_required(
            info.context, ADMIN_PERMISSIONS
        ):
            raise PermissionDenied(permissions=ADMIN_PERMISSIONS)
        return QuantityRulesByCustomerGroupIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_min_order_subtotal(root: CustomerGroupModel, _info: ResolveInfo):
        return root.min_order_subtotal

    @staticmethod
    def resolve_max_order_subtotal(root: CustomerGroupModel, _info: ResolveInfo):
        return root.max_order_subtotal


class CustomerGroupTermsOrderLimits(TypeExtension):
    extends = CustomerGroupTerms

    min_order_subtotal = PositiveDecimal(
        description=TERMS["min_order_subtotal"].description + ADDED_IN_B2B_01
    )
    max_order_subtotal = PositiveDecimal(
        description=TERMS["max_order_subtotal"].description + ADDED_IN_B2B_01
    )

    @staticmethod
    def resolve_min_order_subtotal(root: dict[str, EffectiveTerm], _info):
        return root["min_order_subtotal"].value

    @staticmethod
    def resolve_max_order_subtotal(root: dict[str, EffectiveTerm], _info):
        return root["max_order_subtotal"].value


class CustomerGroupInputOrderLimits(TypeExtension):
    """``clean_group_input`` cleans every term by name: nothing more to do."""

    extends = CustomerGroupInput

    min_order_subtotal = PositiveDecimal(description=MIN_DESCRIPTION)
    max_order_subtotal = PositiveDecimal(description=MAX_DESCRIPTION)


class CustomerGroupCreateInputOrderLimits(TypeExtension):
    """The create input copied its parent's fields when it was declared."""

    extends = CustomerGroupCreateInput

    min_order_subtotal = PositiveDecimal(description=MIN_DESCRIPTION)
    max_order_subtotal = PositiveDecimal(description=MAX_DESCRIPTION)


TYPE_EXTENSIONS: list[type[TypeExtension]] = [
    CustomerGroupQuantityRules,
    CustomerGroupTermsOrderLimits,
    CustomerGroupInputOrderLimits,
    CustomerGroupCreateInputOrderLimits,
]
