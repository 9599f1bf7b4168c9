"""Approval policy and validity on the customer group types and inputs.

Both are inherited terms (``groups.terms``): ``clean_group_input`` cleans them by
name like every term, so nothing else is needed for ``customerGroupCreate`` and
``customerGroupUpdate`` to set them (null: inherit the parent's again).
"""

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.scalars import PositiveDecimal
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ...approvals import AmountType
from ...approvals.policy import ApprovalPolicy as ApprovalPolicyValue
from ...groups.models import CustomerGroup as CustomerGroupModel
from ...groups.terms import TERMS, EffectiveTerm
from ..core import ADDED_IN_B2B_01
from ..groups.mutations.base import CustomerGroupInput
from ..groups.mutations.group_create import CustomerGroupCreateInput
from ..groups.types import CustomerGroup, CustomerGroupTerms
from ..schema_extension import TypeExtension
from .enums import ApprovalAmountTypeEnum, CheckoutApproverEnum
from .types import ApprovalPolicy


class ApprovalThresholdInput(BaseInputObjectType):
    amount = PositiveDecimal(required=True, description="Above this amount...")
    currency = graphene.String(
        required=True, description="...of checkouts in this currency only."
    )
    amount_type = ApprovalAmountTypeEnum(
        default_value=AmountType.GROSS,
        description="Compare the gross (default) or the net total.",
    )

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class ApprovalRuleInput(BaseInputObjectType):
    name = graphene.String(
        description="Shown to buyers and approvers as the reason; generated if empty."
    )
    total_above = ApprovalThresholdInput(
        description="Approval when the checkout's total is above an amount."
    )
    categories = NonNullList(
        graphene.ID,
        description=(
            "Or: approval when a line's product is in one of these categories or "
            "below them."
        ),
    )
    approver = CheckoutApproverEnum(required=True, description="Who decides.")
    levels_up = graphene.Int(
        description=(
            "ANCESTOR_MANAGERS: how many levels above the purchasing group "
            "(1, the parent, by default)."
        )
    )

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class ApprovalPolicyInput(BaseInputObjectType):
    rules = NonNullList(
        ApprovalRuleInput,
        required=True,
        description="The rules; an empty list means no approval for this group.",
    )

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


POLICY_DESCRIPTION = (
    "The group's own approval policy; null inherits the parent's." + ADDED_IN_B2B_01
)
VALIDITY_DESCRIPTION = (
    "Hours an approval request and an approval stay valid; null inherits the "
    "parent's." + ADDED_IN_B2B_01
)


def policy_value(data) -> ApprovalPolicyValue | None:
    return None if data is None else ApprovalPolicyValue.from_json(data)


class CustomerGroupApprovalTerms(TypeExtension):
    extends = CustomerGroup

    approval_policy = graphene.Field(ApprovalPolicy, description=POLICY_DESCRIPTION)
    approval_validity_hours = graphene.Int(description=VALIDITY_DESCRIPTION)

    @staticmethod
    def resolve_approval_policy(root: CustomerGroupModel, _info: ResolveInfo):
        return policy_value(root.approval_policy)

    @staticmethod
    def resolve_approval_validity_hours(root: CustomerGroupModel, _info: ResolveInfo):
        return root.approval_validity_hours


class CustomerGroupTermsApproval(TypeExtension):
    extends = CustomerGroupTerms

    approval_policy = graphene.Field(
        ApprovalPolicy,
        required=True,
        description=TERMS["approval_policy"].description + ADDED_IN_B2B_01,
    )
    approval_validity_hours = graphene.Int(
        required=True,
        description=TERMS["approval_validity_hours"].description + ADDED_IN_B2B_01,
    )

    @staticmethod
    def resolve_approval_policy(root: dict[str, EffectiveTerm], _info: ResolveInfo):
        return ApprovalPolicyValue.from_json(root["approval_policy"].value)

    @staticmethod
    def resolve_approval_validity_hours(
        root: dict[str, EffectiveTerm], _info: ResolveInfo
    ):
        return root["approval_validity_hours"].value


class CustomerGroupInputApproval(TypeExtension):
    extends = CustomerGroupInput

    approval_policy = ApprovalPolicyInput(description=POLICY_DESCRIPTION)
    approval_validity_hours = graphene.Int(description=VALIDITY_DESCRIPTION)


class CustomerGroupCreateInputApproval(TypeExtension):
    """The create input copied its parent's fields when it was declared."""

    extends = CustomerGroupCreateInput

    approval_policy = ApprovalPolicyInput(description=POLICY_DESCRIPTION)
    approval_validity_hours = graphene.Int(description=VALIDITY_DESCRIPTION)
