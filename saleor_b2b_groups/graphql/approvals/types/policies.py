"""Approval policies and their rules, as the API shows them."""

import graphene
from prices import Money
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.types import Money as MoneyType
from saleor.graphql.core.types import NonNullList
from saleor.graphql.product.dataloaders import CategoryByIdLoader

from ....approvals import RuleKind
from ....approvals.policy import ApprovalPolicy as ApprovalPolicyValue
from ....approvals.policy import ApprovalRule as ApprovalRuleValue
from ...core import ADDED_IN_B2B_01
from ..enums import (
    ApprovalAmountTypeEnum,
    ApprovalRuleKindEnum,
    CheckoutApproverEnum,
)

# Policies ---------------------------------------------------------------------


class ApprovalRule(graphene.ObjectType):
    name = graphene.String(required=True, description="The admin's name for it.")
    description = graphene.String(
        required=True, description="The rule as a sentence: the reason buyers see."
    )
    kind = ApprovalRuleKindEnum(required=True, description="What the rule checks.")
    total_above = graphene.Field(
        MoneyType,
        description=(
            "TOTAL_ABOVE: approval is needed when the checkout's total, in this "
            "currency, is above this amount."
        ),
    )
    amount_type = ApprovalAmountTypeEnum(
        description="TOTAL_ABOVE: whether the gross or the net total is compared."
    )
    categories = NonNullList(
        "saleor.graphql.product.types.Category",
        required=True,
        description=(
            "CATEGORIES: approval is needed when a line's product is in one of "
            "these categories or below them."
        ),
    )
    approver = CheckoutApproverEnum(required=True, description="Who decides.")
    levels_up = graphene.Int(
        required=True,
        description=(
            "0: the purchasing group's approvers; n: the managers of the group n "
            "levels above it (the root when the tree is not that deep)."
        ),
    )

    class Meta:
        description = "One rule of an approval policy." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_CHECKOUT

    @staticmethod
    def resolve_description(root: ApprovalRuleValue, _info: ResolveInfo):
        return root.describe()

    @staticmethod
    def resolve_total_above(root: ApprovalRuleValue, _info: ResolveInfo):
        if root.kind != RuleKind.TOTAL_ABOVE or root.amount is None:
            return None
        return Money(root.amount, root.currency or "")

    @staticmethod
    def resolve_amount_type(root: ApprovalRuleValue, _info: ResolveInfo):
        return root.amount_type if root.kind == RuleKind.TOTAL_ABOVE else None

    @staticmethod
    def resolve_categories(root: ApprovalRuleValue, info: ResolveInfo):
        def present(categories):
            return [category for category in categories if category is not None]

        return (
            CategoryByIdLoader(info.context)
            .load_many(list(root.category_ids))
            .then(present)
        )


class ApprovalPolicy(graphene.ObjectType):
    rules = NonNullList(
        ApprovalRule,
        required=True,
        description="The rules; each matching rule asks for one level of approval.",
    )

    class Meta:
        description = (
            "When a group's checkouts need approval and by whom. A group's own "
            "policy replaces the one it would inherit; a policy without rules "
            "means no approval." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT

    @staticmethod
    def resolve_rules(root: ApprovalPolicyValue, _info: ResolveInfo):
        return list(root.rules)
