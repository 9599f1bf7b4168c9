import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.types import BaseEnum

from ...approvals import (
    AmountType,
    ApprovalDecision,
    ApprovalState,
    ApprovalStatus,
    Approver,
    LevelState,
    RuleKind,
)
from ...approvals.error_codes import CheckoutApprovalErrorCode


class CheckoutApprovalStateEnum(BaseEnum):
    NOT_REQUIRED = ApprovalState.NOT_REQUIRED
    REQUIRED = ApprovalState.REQUIRED
    PENDING = ApprovalState.PENDING
    APPROVED = ApprovalState.APPROVED
    REJECTED = ApprovalState.REJECTED
    STALE = ApprovalState.STALE
    EXPIRED = ApprovalState.EXPIRED

    class Meta:
        description = (
            "The state of a checkout's approval: derived from its request and from "
            "the checkout and policy as they are now. An order may be created in "
            "NOT_REQUIRED and APPROVED only."
        )
        doc_category = DOC_CATEGORY_CHECKOUT


class CheckoutApprovalStatusEnum(BaseEnum):
    PENDING = ApprovalStatus.PENDING
    APPROVED = ApprovalStatus.APPROVED
    REJECTED = ApprovalStatus.REJECTED
    SUPERSEDED = ApprovalStatus.SUPERSEDED

    class Meta:
        description = (
            "What is recorded on a request (a request may be APPROVED and yet stale "
            "or expired: see its state)."
        )
        doc_category = DOC_CATEGORY_CHECKOUT


class CheckoutApprovalDecisionEnum(BaseEnum):
    APPROVED = ApprovalDecision.APPROVED
    REJECTED = ApprovalDecision.REJECTED

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class CheckoutApprovalLevelStateEnum(BaseEnum):
    APPROVED = LevelState.APPROVED
    REJECTED = LevelState.REJECTED
    PENDING = LevelState.PENDING
    WAITING = LevelState.WAITING

    class Meta:
        description = "PENDING: the level deciding now; WAITING: a level after it."
        doc_category = DOC_CATEGORY_CHECKOUT


class CheckoutApproverEnum(BaseEnum):
    GROUP_APPROVERS = Approver.GROUP_APPROVERS
    ANCESTOR_MANAGERS = Approver.ANCESTOR_MANAGERS

    class Meta:
        description = (
            "Who decides a level: the members with role APPROVER of the buyer's "
            "purchasing group, or the members with role MANAGER of the group "
            "`levelsUp` levels above it."
        )
        doc_category = DOC_CATEGORY_CHECKOUT


class ApprovalRuleKindEnum(BaseEnum):
    TOTAL_ABOVE = RuleKind.TOTAL_ABOVE
    CATEGORIES = RuleKind.CATEGORIES

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


class ApprovalAmountTypeEnum(BaseEnum):
    GROSS = AmountType.GROSS
    NET = AmountType.NET

    class Meta:
        description = "Which checkout total a threshold compares with."
        doc_category = DOC_CATEGORY_CHECKOUT


class CheckoutApprovalActorKindEnum(BaseEnum):
    CUSTOMER = "customer"
    STAFF = "staff"
    APP = "app"

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


CheckoutApprovalErrorCodeEnum = graphene.Enum.from_enum(CheckoutApprovalErrorCode)
CheckoutApprovalErrorCodeEnum.doc_category = DOC_CATEGORY_CHECKOUT
