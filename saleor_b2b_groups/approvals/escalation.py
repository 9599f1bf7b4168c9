"""A level no member can decide is escalated to staff, never left pending.

Nobody decides on their own checkout, and one person decides one level
(``eligibility``). So a level can have nobody to decide it: the buyer is the only
manager the level names (a manager's own checkout), the only approver of the
purchasing group (an approver's own checkout), or the only holder left has
already decided an earlier level. Such a request would stay ``PENDING`` until it
expires. Instead, the moment the level becomes the pending one (at the request,
or when the level before it is approved), it is marked ``escalated``: it is then
for staff and apps with ``MANAGE_CHECKOUTS`` (who may decide any level anyway),
``approval.message`` says so, and ``checkout_approval_escalated`` tells the ERP.
The level's group and role stay as the policy asked, for the record; a member
added later may still decide it.
"""

from django.db.models import Q

from ..groups.models import CustomerGroupMembership
from . import ApprovalStatus
from .models import CheckoutApproval, CheckoutApprovalDecision, CheckoutApprovalLevel


def escalate_if_undecidable(
    approval: CheckoutApproval,
    levels: list[CheckoutApprovalLevel],
    decisions: list[CheckoutApprovalDecision],
    buyer_id: int | None = None,
) -> CheckoutApprovalLevel | None:
    """Mark the pending level escalated when no member may decide it; that level.

    Call in the transaction that made it the pending level.
    """
    if approval.status != ApprovalStatus.PENDING:
        return None
    level = next((lv for lv in levels if lv.index == approval.current_level), None)
    if level is None or level.escalated:
        return None
    excluded = {d.user_id for d in decisions if d.user_id}
    excluded |= {pk for pk in (approval.requested_by_id, buyer_id) if pk}
    deciders = CustomerGroupMembership.objects.filter(
        Q(group_id=level.group_id),
        role=level.role,
        group__is_active=True,
        user__is_active=True,
    ).exclude(user_id__in=excluded)
    if level.group_id is not None and deciders.exists():
        return None
    level.escalated = True
    level.save(update_fields=["escalated"])
    return level


def escalation_reason(level: CheckoutApprovalLevel) -> str:
    group = level.group.name if level.group else "a group that no longer exists"
    return (
        f"No {level.role} of {group} other than the buyer or an earlier decider "
        f"may decide level {level.index + 1}: it is escalated to staff "
        "(MANAGE_CHECKOUTS)."
    )
