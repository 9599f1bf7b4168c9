"""Who may see a request and who may decide its pending level (separation of duties).

- A level is decided by a member, in an active group, of the level's group with
  the level's role: approvers (``APPROVER``) of the purchasing group, or managers
  (``MANAGER``) of the group higher up that the rule names. Nobody else: not an
  approver of another branch, not a manager of a group the level does not name.
- Staff and apps with ``MANAGE_CHECKOUTS`` may decide any level.
- Nobody decides on their own checkout: not the buyer who requested, not the
  checkout's customer, whatever their role or permissions.
- One person decides one level of a request: whoever decided a level cannot
  decide a later one, so two levels always take two people. Apps (integrations
  acting for the ERP) are not people and are not bound by this.
- A request is visible to staff and apps with ``MANAGE_CHECKOUTS``, to its buyer,
  and to the members who may decide one of its levels; to anyone else it does not
  exist (a refused lookup says "not found", whatever the ID).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from ..groups.fetch import CustomerGroupsInfo, MembershipInfo
from . import ApprovalState
from .error_codes import CheckoutApprovalErrorCode
from .state import ApprovalView, LevelView


@dataclass(frozen=True)
class Actor:
    """Who is asking: a customer or staff user, or an app."""

    user_id: int | None = None
    app_id: int | None = None
    #: The user's effective groups (None for apps and users in no group).
    groups: CustomerGroupsInfo | None = None
    manages_checkouts: bool = False

    @property
    def is_app(self) -> bool:
        return self.app_id is not None


@dataclass(frozen=True)
class Refusal:
    code: CheckoutApprovalErrorCode
    message: str


def holds_level(actor: Actor, level: LevelView) -> bool:
    if actor.groups is None or level.group is None:
        return False
    return any(
        m.group.pk == level.group.pk and m.role == level.role
        for m in actor.groups.memberships
    )


def is_own(view: ApprovalView, actor: Actor) -> bool:
    if actor.user_id is None:
        return False
    buyers = {view.snapshot.user_id if view.snapshot else None}
    if view.request is not None:
        buyers.add(view.request.requested_by_id)
    return actor.user_id in buyers


def can_see(view: ApprovalView, actor: Actor) -> bool:
    if actor.manages_checkouts or is_own(view, actor):
        return True
    return any(holds_level(actor, level) for level in view.levels)


def refusal(view: ApprovalView, actor: Actor) -> Refusal | None:
    """Why ``actor`` may not decide the pending level now; None when they may."""
    if view.request is None or not can_see(view, actor):
        return Refusal(
            CheckoutApprovalErrorCode.NOT_FOUND, "Checkout approval not found."
        )
    if is_own(view, actor):
        return Refusal(
            CheckoutApprovalErrorCode.OWN_CHECKOUT,
            "Nobody may decide on their own checkout.",
        )
    if view.state == ApprovalState.STALE:
        return Refusal(CheckoutApprovalErrorCode.CHECKOUT_CHANGED, view.message)
    if view.state == ApprovalState.EXPIRED:
        return Refusal(CheckoutApprovalErrorCode.EXPIRED, view.message)
    level = view.pending_level
    if level is None:
        return Refusal(
            CheckoutApprovalErrorCode.NOT_PENDING,
            f"Nothing to decide: the approval is {view.state.replace('_', ' ')}.",
        )
    if not actor.is_app and any(
        d.user_id == actor.user_id for d in view.decisions if d.user_id
    ):
        return Refusal(
            CheckoutApprovalErrorCode.ALREADY_DECIDED,
            "You decided an earlier level of this request; another person must "
            "decide this one.",
        )
    if actor.manages_checkouts or holds_level(actor, level):
        return None
    return Refusal(
        CheckoutApprovalErrorCode.NOT_ELIGIBLE,
        f"Level {level.index + 1} is decided by the {level.role}s of "
        f"{level.group.name if level.group else 'a group that no longer exists'}.",
    )


def eligible_members(
    view: ApprovalView, memberships: Iterable[MembershipInfo]
) -> list[MembershipInfo]:
    """Of the members of the pending level's group, those who may decide it now."""
    level = view.pending_level
    if level is None or level.group is None:
        return []
    excluded = {d.user_id for d in view.decisions if d.user_id}
    if view.request is not None and view.request.requested_by_id:
        excluded.add(view.request.requested_by_id)
    if view.snapshot is not None and view.snapshot.user_id:
        excluded.add(view.snapshot.user_id)
    return [
        m
        for m in memberships
        if m.group.pk == level.group.pk
        and m.role == level.role
        and m.membership.user_id not in excluded
    ]
