"""The one state machine: a checkout's approval state, derived, never stored.

A request records what was asked and decided (``ApprovalStatus``: pending, then
approved or rejected; superseded by a newer request). The state a checkout is in
(``ApprovalState``) is derived from that record *and* from the checkout and the
policy as they are now, so that nothing has to notice a change for it to count:

1. No group, no request needed: the buyer is in no (active) customer group, or
   the purchasing group's policy asks for no level now -> NOT_REQUIRED.
2. Asked for, not requested -> REQUIRED. A buyer in several groups who has not
   named the purchasing group is REQUIRED when any of their groups' policies asks
   for approval.
3. Requested: REJECTED once a level rejected; otherwise STALE when the checkout's
   fingerprint is not the requested one, or the policy now asks for other levels
   (or the buyer left the purchasing group); otherwise EXPIRED once past
   ``expires_at``; otherwise PENDING (level n of m) or APPROVED.

A checkout that no longer exists keeps its last request's record: APPROVED (or
NOT_REQUIRED) when an order was placed from it, EXPIRED otherwise.

Deriving reads; it never writes. Reading a checkout (which may make Saleor
recalculate its prices) changes the state only if the content really changed.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ..groups.fetch import CustomerGroupsInfo
from ..groups.models import CustomerGroup
from ..groups.terms import TERMS, effective_term
from . import ApprovalDecision, ApprovalState, ApprovalStatus, LevelState
from .fingerprint import CheckoutSnapshot
from .models import CheckoutApproval, CheckoutApprovalDecision, CheckoutApprovalLevel
from .policy import ApprovalPolicy, RequiredLevel, required_levels


@dataclass
class LevelView:
    index: int
    group: CustomerGroup | None
    role: str
    levels_up: int
    reasons: list[str]
    state: str
    decision: CheckoutApprovalDecision | None = None
    #: Escalated to staff: no member could decide it (``approvals.escalation``).
    escalated: bool = False


@dataclass
class ApprovalView:
    """Everything about a checkout's approval that anyone may be shown."""

    state: str
    message: str
    checkout_token: UUID
    #: The purchasing group; None while it is not known.
    group: CustomerGroup | None = None
    #: The request this state is about, if any.
    request: CheckoutApproval | None = None
    levels: list[LevelView] = field(default_factory=list)
    decisions: list[CheckoutApprovalDecision] = field(default_factory=list)
    #: The checkout as it is now; None when it no longer exists.
    snapshot: CheckoutSnapshot | None = None
    #: The buyer's groups whose policies ask for approval, when the purchasing
    #: group must be named first.
    groups_requiring_approval: list[CustomerGroup] = field(default_factory=list)

    @property
    def pending_level(self) -> LevelView | None:
        if self.state != ApprovalState.PENDING:
            return None
        return next((lv for lv in self.levels if lv.state == LevelState.PENDING), None)

    @property
    def allows_order(self) -> bool:
        return self.state in ApprovalState.ALLOWS_ORDER


def policy_of(lineage: Sequence[CustomerGroup]) -> ApprovalPolicy:
    return ApprovalPolicy.from_json(
        effective_term(TERMS["approval_policy"], lineage).value
    )


def validity_hours_of(lineage: Sequence[CustomerGroup]) -> int:
    return effective_term(TERMS["approval_validity_hours"], lineage).value


def levels_required(
    buyer: CustomerGroupsInfo,
    group: CustomerGroup,
    snapshot: CheckoutSnapshot,
    ancestry: Callable[[], dict[int, set[int]]],
) -> list[RequiredLevel]:
    lineage = buyer.lineage(group)
    policy = policy_of(lineage)
    if not policy.rules:
        return []
    categories = ancestry() if policy.category_ids else {}
    return required_levels(policy, lineage, snapshot.facts(categories))


def purchasing_groups(buyer: CustomerGroupsInfo | None) -> list[CustomerGroup]:
    """The groups a buyer may buy for: every group they are a member of."""
    if buyer is None:
        return []
    groups: dict[int, CustomerGroup] = {}
    for membership in buyer.memberships:
        groups.setdefault(membership.group.pk, membership.group)
    return list(groups.values())


def _preview(levels: list[RequiredLevel]) -> list[LevelView]:
    return [
        LevelView(
            index,
            level.group,
            level.role,
            level.levels_up,
            list(level.reasons),
            LevelState.WAITING,
        )
        for index, level in enumerate(levels)
    ]


def _recorded(
    request: CheckoutApproval,
    levels: Sequence[CheckoutApprovalLevel],
    decisions: Sequence[CheckoutApprovalDecision],
) -> list[LevelView]:
    by_level = {decision.level: decision for decision in decisions}
    views = []
    for level in sorted(levels, key=lambda lv: lv.index):
        decision = by_level.get(level.index)
        if decision is not None:
            state = (
                LevelState.APPROVED
                if decision.decision == ApprovalDecision.APPROVED
                else LevelState.REJECTED
            )
        elif (
            request.status == ApprovalStatus.PENDING
            and level.index == request.current_level
        ):
            state = LevelState.PENDING
        else:
            state = LevelState.WAITING
        views.append(
            LevelView(
                level.index,
                level.group,
                level.role,
                level.levels_up,
                list(level.reasons),
                state,
                decision,
                level.escalated,
            )
        )
    return views


def _group_names(groups: Sequence[CustomerGroup]) -> str:
    return ", ".join(group.name for group in groups)


def derive_status(
    *,
    checkout_token: UUID,
    snapshot: CheckoutSnapshot | None,
    buyer: CustomerGroupsInfo | None,
    request: CheckoutApproval | None,
    levels: Sequence[CheckoutApprovalLevel] = (),
    decisions: Sequence[CheckoutApprovalDecision] = (),
    ancestry: Callable[[], dict[int, set[int]]],
    now: datetime,
    order_placed: bool = False,
    is_latest: bool = True,
) -> ApprovalView:
    """The state of a checkout's approval (see the module's docstring).

    ``request`` is the checkout's latest request, or (``is_latest`` False) an
    earlier one looked at on its own, from a list: that one keeps its outcome.
    ``levels`` and ``decisions`` are the request's.
    """
    view = ApprovalView(
        ApprovalState.NOT_REQUIRED,
        "This checkout needs no approval.",
        checkout_token,
        group=request.group if request else None,
        request=request,
        decisions=sorted(decisions, key=lambda d: d.level),
        snapshot=snapshot,
    )
    if request is not None:
        view.levels = _recorded(request, levels, decisions)

    if request is not None and (
        request.status == ApprovalStatus.SUPERSEDED or not is_latest
    ):
        # History: a newer request replaced it; a rejection stays a rejection.
        if request.status == ApprovalStatus.REJECTED:
            view.state = ApprovalState.REJECTED
            view.message = "Approval was rejected; a newer request followed."
        else:
            view.state = ApprovalState.STALE
            view.message = "A newer request for this checkout replaced this one."
        return view
    if snapshot is None:
        return _without_checkout(view, request, order_placed)

    groups = purchasing_groups(buyer)
    if buyer is None or not groups:
        view.message = "The buyer belongs to no customer group."
        return view

    if request is None:
        if len(groups) > 1:
            requiring = [
                g for g in groups if levels_required(buyer, g, snapshot, ancestry)
            ]
            if requiring:
                view.state = ApprovalState.REQUIRED
                view.groups_requiring_approval = requiring
                view.message = (
                    "This checkout needs approval under the policy of "
                    f"{_group_names(requiring)}: request approval naming the "
                    "purchasing group."
                )
            return view
        view.group = groups[0]

    group = view.group
    if group is None or group.pk not in {g.pk for g in groups}:
        view.state = ApprovalState.STALE
        view.message = (
            "The buyer is no longer a member of the purchasing group: request "
            "approval again."
        )
        return view

    needed = levels_required(buyer, group, snapshot, ancestry)
    if not needed:
        view.message = f"The policy of {group.name} asks for no approval."
        return view
    if request is None:
        view.state = ApprovalState.REQUIRED
        view.levels = _preview(needed)
        reasons = "; ".join(r for level in needed for r in level.reasons)
        view.message = f"This checkout needs approval ({reasons}): request it."
        return view

    if request.status == ApprovalStatus.REJECTED:
        view.state = ApprovalState.REJECTED
        rejection = next(
            (d for d in decisions if d.decision == ApprovalDecision.REJECTED), None
        )
        reason = f": {rejection.comment}" if rejection and rejection.comment else "."
        view.message = f"Approval was rejected{reason}"
        return view
    if request.fingerprint != snapshot.fingerprint:
        view.state = ApprovalState.STALE
        event = (
            "approved" if request.status == ApprovalStatus.APPROVED else ("requested")
        )
        view.message = (
            f"The checkout changed after approval was {event}: request approval again."
        )
        return view
    if [(lv.group.pk if lv.group else None, lv.role) for lv in view.levels] != [
        level.key for level in needed
    ]:
        view.state = ApprovalState.STALE
        view.message = (
            f"The approval policy of {group.name} changed since approval was "
            "requested: request approval again."
        )
        return view
    if now >= request.expires_at:
        view.state = ApprovalState.EXPIRED
        view.message = (
            f"The approval expired at {request.expires_at:%Y-%m-%d %H:%M %Z}: "
            "request approval again."
        )
        return view
    if request.status == ApprovalStatus.PENDING:
        view.state = ApprovalState.PENDING
        level = view.pending_level
        who = level.group.name if level and level.group else "an approver"
        view.message = (
            f"Waiting for approval at level {request.current_level + 1} of "
            f"{request.level_count} ({who})."
        )
        if level is not None and level.escalated:
            view.message = (
                f"Waiting for approval at level {request.current_level + 1} of "
                f"{request.level_count}: no {level.role} of {who} other than the "
                "buyer or an earlier decider may decide it, so it is escalated to "
                "staff."
            )
        return view
    view.state = ApprovalState.APPROVED
    view.message = "Approved."
    return view


def _without_checkout(
    view: ApprovalView, request: CheckoutApproval | None, order_placed: bool
) -> ApprovalView:
    if request is None:
        view.message = "The checkout no longer exists."
        return view
    if request.status == ApprovalStatus.REJECTED:
        view.state = ApprovalState.REJECTED
        view.message = "Approval was rejected."
    elif order_placed and request.status == ApprovalStatus.APPROVED:
        view.state = (
            ApprovalState.APPROVED
            if request.level_count
            else ApprovalState.NOT_REQUIRED
        )
        view.message = "The order was placed with this approval."
    else:
        view.state = ApprovalState.EXPIRED
        view.message = "The checkout no longer exists."
    return view
