"""An approver's queue, in SQL: requests waiting at a level they may decide now."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from ..groups import CustomerGroupRole
from ..groups.fetch import CustomerGroupsInfo
from . import ApprovalStatus
from .models import CheckoutApprovalDecision, CheckoutApprovalLevel

DECIDING_ROLES = (CustomerGroupRole.APPROVER, CustomerGroupRole.MANAGER)


def decidable_by(qs: QuerySet, groups: CustomerGroupsInfo, now: datetime) -> QuerySet:
    """Pending, unexpired requests whose current level is the user's to decide.

    The user holds the current level's role in its group (in an active group), is
    not the buyer, and decided no earlier level (``eligibility``). A request whose
    checkout changed since is listed too, with state STALE: deciding it is refused.
    """
    holds = Q()
    for membership in groups.memberships:
        if membership.role in DECIDING_ROLES:
            holds |= Q(group_id=membership.group.pk, role=membership.role)
    user_id = groups.user_id
    if not holds or user_id is None:
        return qs.none()
    level_is_theirs = CheckoutApprovalLevel.objects.using(qs.db).filter(
        holds, approval_id=OuterRef("pk"), index=OuterRef("current_level")
    )
    decided_before = CheckoutApprovalDecision.objects.using(qs.db).filter(
        approval_id=OuterRef("pk"), user_id=user_id
    )
    return (
        qs.filter(status=ApprovalStatus.PENDING, expires_at__gt=now)
        .exclude(requested_by_id=user_id)
        .filter(Exists(level_is_theirs))
        .exclude(Exists(decided_before))
    )
