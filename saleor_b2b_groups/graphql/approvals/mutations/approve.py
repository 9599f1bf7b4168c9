import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT

from ....approvals import ApprovalDecision
from ...core import ADDED_IN_B2B_01
from .base import CheckoutApprovalError
from .decide import (
    DECIDER_PERMISSIONS,
    DECIDERS,
    ID_DESCRIPTION,
    CheckoutApprovalDecide,
)


class CheckoutApprove(CheckoutApprovalDecide):
    decision = ApprovalDecision.APPROVED

    class Arguments:
        id = graphene.ID(required=True, description=ID_DESCRIPTION)
        comment = graphene.String(description="A comment for the record.")

    class Meta:
        description = (
            "Approves the level of a checkout approval that is deciding now; the "
            "last level's approval makes the checkout APPROVED. Refused when the "
            "checkout changed since the request (CHECKOUT_CHANGED). "
            + DECIDERS
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT
        permissions = DECIDER_PERMISSIONS
        error_type_class = CheckoutApprovalError
        error_type_field = "checkout_approval_errors"

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, id, comment=None
    ):
        return cls.decide(info, id, comment or "")
