"""Approvals' inherited terms: the approval policy and how long approvals last."""

from ..groups.terms import Term, register_term
from .policy import clean_approval_policy, clean_validity_hours

APPROVAL_POLICY = register_term(
    Term(
        field="approval_policy",
        default=None,
        description=(
            "When the group's checkouts need approval and by whom (none: no "
            "approval needed); a group's own policy replaces the inherited one."
        ),
        clean=clean_approval_policy,
    )
)
APPROVAL_VALIDITY_HOURS = register_term(
    Term(
        field="approval_validity_hours",
        default=168,
        description=(
            "Hours an approval request, and an approval, stays valid after its "
            "latest event."
        ),
        clean=clean_validity_hours,
    )
)
