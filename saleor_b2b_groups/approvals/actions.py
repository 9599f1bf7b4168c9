"""Every transition of a checkout's approval: request, approve, reject.

Each runs in one transaction that locks the checkout's row first (as Saleor's own
checkout writes and completion do, so the lock order is the same everywhere), then
the request's row, and derives the state again from what it reads under those
locks. So two approvers deciding at once make one decision, each level once; and
a decision is recorded only for the very content that was requested (what the
approver saw): a checkout changed meanwhile is refused as CHECKOUT_CHANGED, and a
change committed after the decision makes the approval STALE. The ERP event of a
transition is written in its transaction (``webhooks.events.emit``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from uuid import UUID

import graphene
from django.db import transaction
from django.utils import timezone
from saleor.account.models import User
from saleor.checkout.calculations import fetch_checkout_data
from saleor.checkout.fetch import fetch_checkout_info, fetch_checkout_lines
from saleor.checkout.lock_objects import checkout_qs_select_for_update
from saleor.checkout.models import Checkout
from saleor.plugins.manager import PluginsManager

from ..buyers.context import BuyerContext, of_checkout_info, of_customer
from ..buyers.services import PurchasingGroupError, select_purchasing_group
from ..groups.fetch import CustomerGroupsInfo
from ..pricing.checkout import apply_group_prices
from ..webhooks import ErpEventType
from ..webhooks.events import Aggregate, emit
from . import ApprovalDecision, ApprovalState, ApprovalStatus
from . import payloads as approval_payloads
from .eligibility import Actor, holds_level, refusal
from .error_codes import CheckoutApprovalErrorCode
from .escalation import escalate_if_undecidable
from .fingerprint import CheckoutSnapshot, category_ancestry, snapshot_of
from .models import CheckoutApproval, CheckoutApprovalDecision, CheckoutApprovalLevel
from .state import (
    ApprovalView,
    derive_status,
    levels_required,
    purchasing_groups,
    validity_hours_of,
)

#: Longest note or comment kept.
MAX_TEXT = 2000


class ApprovalError(Exception):
    """A refused transition; nothing was changed."""

    def __init__(
        self, code: CheckoutApprovalErrorCode, message: str, field: str | None = "id"
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def lazy_ancestry(snapshot: CheckoutSnapshot | None) -> Callable[[], dict]:
    """The category ancestry of a snapshot's lines, loaded once if a rule needs it."""

    @cache
    def load() -> dict[int, set[int]]:
        return category_ancestry(snapshot.category_ids) if snapshot else {}

    return load


def approval_aggregate(approval: CheckoutApproval) -> Aggregate:
    """Approval events are about the request: one ordered stream per request.

    Not the checkout: its global ID is its token, a bearer key in Saleor.
    """
    return Aggregate(
        "checkout_approval", graphene.Node.to_global_id("CheckoutApproval", approval.pk)
    )


def latest_request(token: UUID, *, lock: bool = False) -> CheckoutApproval | None:
    qs = CheckoutApproval.objects.filter(checkout_token=token).select_related("group")
    if lock:
        qs = qs.select_for_update(of=("self",))
    return qs.order_by("-requested_at", "-pk").first()


def request_parts(
    request: CheckoutApproval | None,
) -> tuple[list[CheckoutApprovalLevel], list[CheckoutApprovalDecision]]:
    if request is None:
        return [], []
    levels = list(request.levels.select_related("group").order_by("index"))
    decisions = list(request.decisions.order_by("level"))
    return levels, decisions


def view_of(
    checkout_info,
    lines,
    *,
    buyer: CustomerGroupsInfo | None = None,
    request: CheckoutApproval | None = None,
) -> ApprovalView:
    """The state of a checkout Saleor holds in memory, after its calculations.

    ``request``: the one to derive from; by default the checkout's latest.
    """
    snapshot = snapshot_of(checkout_info, lines)
    if buyer is None:
        buyer = of_checkout_info(checkout_info).groups
    if request is None:
        request = latest_request(checkout_info.checkout.token)
    levels, decisions = request_parts(request)
    return derive_status(
        checkout_token=checkout_info.checkout.token,
        snapshot=snapshot,
        buyer=buyer,
        request=request,
        levels=levels,
        decisions=decisions,
        ancestry=lazy_ancestry(snapshot),
        now=timezone.now(),
    )


def _locked_checkout(token: UUID) -> Checkout | None:
    return (
        checkout_qs_select_for_update()
        .filter(token=token)
        .select_related("channel", "shipping_address", "billing_address")
        .first()
    )


def _calculated(checkout: Checkout, manager: PluginsManager, requestor):
    """The checkout's info and lines after Saleor's price calculation."""
    lines, _ = fetch_checkout_lines(checkout)
    checkout_info = fetch_checkout_info(checkout, lines, manager)
    return fetch_checkout_data(checkout_info, manager, lines, requestor=requestor).get()


def _clip(text: str | None) -> str:
    return (text or "").strip()[:MAX_TEXT]


@dataclass(frozen=True)
class RequestInput:
    checkout_token: UUID
    requestor: User
    group_id: int | None = None
    note: str = ""


def request_approval(data: RequestInput, manager: PluginsManager) -> ApprovalView:
    """The buyer asks for approval of their checkout as it is now.

    Asking again while a request for the same content and group is pending or
    approved changes nothing and returns it. Otherwise a new request replaces the
    open one (which becomes SUPERSEDED). A request whose policy asks for no level
    is recorded too (NOT_REQUIRED): it records the purchasing group.
    """
    with transaction.atomic():
        checkout = _locked_checkout(data.checkout_token)
        if checkout is None:
            raise ApprovalError(
                CheckoutApprovalErrorCode.NOT_FOUND, "Checkout not found."
            )
        if checkout.user_id != data.requestor.pk:
            raise ApprovalError(
                CheckoutApprovalErrorCode.NOT_BUYER,
                "Only the checkout's customer may request its approval.",
            )
        context = of_customer(data.requestor.pk)
        if not context.is_member:
            raise ApprovalError(
                CheckoutApprovalErrorCode.NOT_BUYER,
                "Approval is for members of customer groups; this customer is in none.",
            )
        context = _name_purchasing_group(context, data)
        buyer = context.groups
        group = _purchasing_group(purchasing_groups(buyer), data.group_id)
        if not checkout.lines.exists():
            raise ApprovalError(
                CheckoutApprovalErrorCode.NO_LINES,
                "The checkout has no lines to approve.",
            )
        apply_group_prices(checkout, manager, context)  # approve what will be paid
        checkout_info, lines = _calculated(checkout, manager, data.requestor)
        snapshot = snapshot_of(checkout_info, lines)
        current = latest_request(checkout.token, lock=True)
        if current is not None and current.group_id == group.pk:
            existing = view_of(checkout_info, lines, buyer=buyer, request=current)
            if existing.state in (ApprovalState.PENDING, ApprovalState.APPROVED) or (
                existing.state == ApprovalState.NOT_REQUIRED
                and current.status in ApprovalStatus.OPEN
                and current.fingerprint == snapshot.fingerprint
            ):
                return existing
        needed = levels_required(buyer, group, snapshot, lazy_ancestry(snapshot))
        CheckoutApproval.objects.filter(
            checkout_token=checkout.token, status__in=ApprovalStatus.OPEN
        ).update(status=ApprovalStatus.SUPERSEDED, updated_at=timezone.now())
        now = timezone.now()
        validity = validity_hours_of(buyer.lineage(group))
        approval = CheckoutApproval.objects.create(
            checkout_token=checkout.token,
            channel_id=checkout.channel_id,
            group=group,
            requested_by=data.requestor,
            requested_by_email=data.requestor.email,
            note=_clip(data.note),
            status=ApprovalStatus.PENDING if needed else ApprovalStatus.APPROVED,
            level_count=len(needed),
            fingerprint=snapshot.fingerprint,
            snapshot=snapshot.as_json(),
            currency=snapshot.currency,
            total_net_amount=snapshot.total_net,
            total_gross_amount=snapshot.total_gross,
            validity_hours=validity,
            requested_at=now,
            decided_at=None if needed else now,
            expires_at=now + timedelta(hours=validity),
        )
        created = CheckoutApprovalLevel.objects.bulk_create(
            [
                CheckoutApprovalLevel(
                    approval=approval,
                    index=index,
                    group=level.group,
                    role=level.role,
                    levels_up=level.levels_up,
                    reasons=list(level.reasons),
                )
                for index, level in enumerate(needed)
            ]
        )
        escalated = escalate_if_undecidable(
            approval, created, [], buyer_id=checkout.user_id
        )
        view = view_of(checkout_info, lines, buyer=buyer, request=approval)
        emit(
            ErpEventType.CHECKOUT_APPROVAL_REQUESTED,
            approval_aggregate(approval),
            approval_payloads.requested(view),
        )
        if escalated is not None:
            _emit_escalated(approval, view, escalated)
        return view


def _name_purchasing_group(context: BuyerContext, data: RequestInput) -> BuyerContext:
    """Naming a group in the request names the buyer's purchasing group (see
    ``buyers``): the checkout is then priced and approved under it alike."""
    if data.group_id is None or context.purchasing_group_is_named:
        if (
            data.group_id is not None
            and context.purchasing_group is not None
            and context.purchasing_group.pk != data.group_id
        ):
            raise ApprovalError(
                CheckoutApprovalErrorCode.PURCHASING_GROUP_MISMATCH,
                f"The buyer buys for {context.purchasing_group.name}: select "
                "another purchasing group first (purchasingGroupSelect).",
                field="group",
            )
        return context
    if context.purchasing_group is not None:
        if context.purchasing_group.pk == data.group_id:
            return context  # their only group
        raise ApprovalError(
            CheckoutApprovalErrorCode.NOT_A_MEMBER,
            "The buyer is not a member of this group.",
            field="group",
        )
    try:
        select_purchasing_group(data.requestor, data.group_id)
    except PurchasingGroupError as e:
        raise ApprovalError(
            CheckoutApprovalErrorCode.NOT_A_MEMBER, e.message, field="group"
        ) from e
    return of_customer(data.requestor.pk)


def _purchasing_group(groups, group_id: int | None):
    if group_id is not None:
        group = next((g for g in groups if g.pk == group_id), None)
        if group is None:
            raise ApprovalError(
                CheckoutApprovalErrorCode.NOT_A_MEMBER,
                "The buyer is not a member of this group.",
                field="group",
            )
        return group
    if len(groups) > 1:
        raise ApprovalError(
            CheckoutApprovalErrorCode.REQUIRED,
            "The buyer belongs to several groups: name the purchasing group.",
            field="group",
        )
    return groups[0]


@dataclass(frozen=True)
class DecisionInput:
    actor: Actor
    decision: str
    comment: str = ""
    approval_id: int | None = None
    checkout_token: UUID | None = None


def decide(data: DecisionInput, manager: PluginsManager, requestor) -> ApprovalView:
    """Approve or reject the pending level of a request (see ``eligibility``).

    ``approval_id`` names the request the decider reviewed; ``checkout_token``
    means the checkout's latest request.
    """
    with transaction.atomic():
        found = (
            CheckoutApproval.objects.filter(pk=data.approval_id).first()
            if data.approval_id is not None
            else latest_request(data.checkout_token)
            if data.checkout_token
            else None
        )
        if found is None:
            raise ApprovalError(
                CheckoutApprovalErrorCode.NOT_FOUND, "Checkout approval not found."
            )
        checkout = _locked_checkout(found.checkout_token)
        approval = (
            CheckoutApproval.objects.select_for_update(of=("self",))
            .select_related("group")
            .get(pk=found.pk)
        )
        levels, decisions = request_parts(approval)
        checkout_info = lines = buyer = None
        if checkout is not None:
            checkout_info, lines = _calculated(checkout, manager, requestor)
            buyer = of_customer(checkout.user_id).groups

        def current_view() -> ApprovalView:
            if checkout_info is None:
                return derive_status(
                    checkout_token=approval.checkout_token,
                    snapshot=None,
                    buyer=None,
                    request=approval,
                    levels=levels,
                    decisions=decisions,
                    ancestry=dict,
                    now=timezone.now(),
                )
            return view_of(checkout_info, lines, buyer=buyer, request=approval)

        view = current_view()
        refused = refusal(view, data.actor)
        if refused is not None:
            raise ApprovalError(refused.code, refused.message)
        level = view.pending_level
        # refusal() made sure there is a pending level of an existing checkout
        assert level is not None
        assert view.snapshot is not None
        now = timezone.now()
        decision = CheckoutApprovalDecision.objects.create(
            approval=approval,
            level=level.index,
            decision=data.decision,
            user_id=data.actor.user_id,
            app_id=data.actor.app_id,
            actor_email=getattr(requestor, "email", "") or "",
            actor_name=_actor_name(requestor),
            as_staff=data.actor.manages_checkouts
            and not holds_level(data.actor, level),
            comment=_clip(data.comment),
            fingerprint=view.snapshot.fingerprint,
            created_at=now,
        )
        if data.decision == ApprovalDecision.REJECTED:
            approval.status = ApprovalStatus.REJECTED
            approval.decided_at = now
        else:
            approval.current_level = level.index + 1
            approval.expires_at = now + timedelta(hours=approval.validity_hours)
            if approval.current_level >= approval.level_count:
                approval.status = ApprovalStatus.APPROVED
                approval.decided_at = now
        approval.save(
            update_fields=[
                "status",
                "current_level",
                "decided_at",
                "expires_at",
                "updated_at",
            ]
        )
        escalated = escalate_if_undecidable(
            approval,
            levels,
            [*decisions, decision],
            buyer_id=checkout.user_id if checkout else None,
        )
        decided = current_view()
        emit(
            ErpEventType.CHECKOUT_APPROVAL_APPROVED
            if data.decision == ApprovalDecision.APPROVED
            else ErpEventType.CHECKOUT_APPROVAL_REJECTED,
            approval_aggregate(approval),
            approval_payloads.decided(decided, decision),
        )
        if escalated is not None:
            _emit_escalated(approval, decided, escalated)
        return decided


def _emit_escalated(
    approval: CheckoutApproval, view: ApprovalView, level: CheckoutApprovalLevel
) -> None:
    emit(
        ErpEventType.CHECKOUT_APPROVAL_ESCALATED,
        approval_aggregate(approval),
        approval_payloads.escalated(view, level),
    )


def _actor_name(requestor) -> str:
    if requestor is None:
        return ""
    if isinstance(requestor, User):
        return requestor.get_full_name() or requestor.email
    return getattr(requestor, "name", "") or ""
