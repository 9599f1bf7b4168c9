"""GraphQL types of checkout approvals, one module per concept."""

from .actors import ActorValue, CheckoutApprovalActor, actor_of_user
from .approval import (
    MANAGE_CHECKOUTS,
    ApprovalViewFields,
    CheckoutApproval,
    CheckoutApprovalCountableConnection,
    CheckoutApprovalStatus,
    can_see_checkout,
)
from .decisions import CheckoutApprovalDecision, CheckoutApprovalLevel
from .lines import CheckoutApprovalLine, snapshot_lines
from .policies import ApprovalPolicy, ApprovalRule

__all__ = [
    "MANAGE_CHECKOUTS",
    "ActorValue",
    "ApprovalPolicy",
    "ApprovalRule",
    "ApprovalViewFields",
    "CheckoutApproval",
    "CheckoutApprovalActor",
    "CheckoutApprovalCountableConnection",
    "CheckoutApprovalDecision",
    "CheckoutApprovalLevel",
    "CheckoutApprovalLine",
    "CheckoutApprovalStatus",
    "actor_of_user",
    "can_see_checkout",
    "snapshot_lines",
]
