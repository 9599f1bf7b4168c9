import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT

from ....approvals import ApprovalDecision
from ....approvals.error_codes import CheckoutApprovalErrorCode
from ...core import ADDED_IN_B2B_01
from .base import CheckoutApprovalError, error
from .decide import (
    DECIDER_PERMISSIONS,
    DECIDERS,
    ID_DESCRIPTION,
    CheckoutApprovalDecide,
)


class CheckoutReject(CheckoutApprovalDecide):
    decision = ApprovalDecision.REJECTED

    class Arguments:
        id = graphene.ID(required=True, description=ID_DESCRIPTION)
        reason = graphene.String(required=True, description="Why: shown to the buyer.")

    class Meta:
        description = (
            "Rejects the checkout approval at the level that is deciding now: the "
            "request is REJECTED (the buyer may change the checkout and request "
            "again). " + DECIDERS + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = DECIDER_PERMISSIONS
        error_type_class = CheckoutApprovalError
        error_type_field = "checkout_approval_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id, reason
    ):
        if not (reason or "").strip():
            raise error(
                "reason",
                "Say why the checkout is rejected.",
                CheckoutApprovalErrorCode.REQUIRED,
            )
        return cls.decide(info, id, reason)
