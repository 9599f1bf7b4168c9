"""Decisions and levels of a checkout approval."""

import graphene
from saleor.graphql.account.dataloaders import UserByUserIdLoader
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.scalars import DateTime
from saleor.graphql.core.types import ModelObjectType, NonNullList

from ....approvals.models import CheckoutApprovalDecision as DecisionModel
from ....approvals.state import LevelView
from ...core import ADDED_IN_B2B_01
from ...groups.enums import CustomerGroupRoleEnum
from ...groups.types import CustomerGroup
from ..enums import (
    CheckoutApprovalDecisionEnum,
    CheckoutApprovalLevelStateEnum,
)
from .actors import ActorValue, CheckoutApprovalActor, actor_of_user


class CheckoutApprovalDecision(ModelObjectType[DecisionModel]):
    level = graphene.Int(required=True, description="The level decided (1: first).")
    decision = CheckoutApprovalDecisionEnum(required=True, description="The decision.")
    decided_by = graphene.Field(
        CheckoutApprovalActor, required=True, description="Who decided."
    )
    as_staff = graphene.Boolean(
        required=True,
        description=(
            "Decided with MANAGE_CHECKOUTS rather than as a member of the level's "
            "group."
        ),
    )
    comment = graphene.String(
        required=True, description="The approver's comment, or the rejection reason."
    )
    created_at = DateTime(required=True, description="When.")

    class Meta:
        description = "A decision on one level of a checkout approval." + (
            ADDED_IN_B2B_01
        )
        model = DecisionModel
        doc_category = DOC_CATEGORY_CHECKOUT

    @staticmethod
    def resolve_level(root: DecisionModel, _info: ResolveInfo):
        return root.level + 1

    @staticmethod
    def resolve_decided_by(root: DecisionModel, info: ResolveInfo):
        if root.app_id:
            return ActorValue(kind="app", name=root.actor_name, app_id=root.app_id)
        if not root.user_id:
            return ActorValue(
                kind="staff" if root.as_staff else "customer",
                name=root.actor_name or root.actor_email,
                email=root.actor_email or None,
            )
        return (
            UserByUserIdLoader(info.context)
            .load(root.user_id)
            .then(lambda user: actor_of_user(user, root.actor_email))
        )


class CheckoutApprovalLevel(graphene.ObjectType):
    level = graphene.Int(required=True, description="1 for the first level.")
    group = graphene.Field(
        CustomerGroup, description="The group whose members decide this level."
    )
    role = CustomerGroupRoleEnum(
        required=True, description="The role those members have in that group."
    )
    levels_up = graphene.Int(
        required=True, description="0: the purchasing group; n: n levels above it."
    )
    reasons = NonNullList(
        graphene.String, required=True, description="The rules asking for it."
    )
    state = CheckoutApprovalLevelStateEnum(required=True)
    decision = graphene.Field(CheckoutApprovalDecision)
    escalated = graphene.Boolean(
        required=True,
        description=(
            "No member of the group other than the buyer or an earlier decider may "
            "decide this level: it is left to staff and apps with MANAGE_CHECKOUTS."
        ),
    )

    class Meta:
        description = "One level of a checkout approval." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_CHECKOUT

    @staticmethod
    def resolve_level(root: LevelView, _info: ResolveInfo):
        return root.index + 1
