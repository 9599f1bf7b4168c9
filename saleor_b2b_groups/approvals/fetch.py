"""Approval states of many requests at once, for lists: a fixed number of queries.

The checkouts are read as stored (their last calculated prices), not recalculated:
a list shows each request's state as of its checkout's last calculation. A single
checkout (``Checkout.approval``, completion, decisions) is always derived after
Saleor's price calculation.
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from uuid import UUID

from django.utils import timezone
from saleor.order.models import Order

from ..buyers.context import of_customers
from .fingerprint import category_ancestry, load_snapshots
from .models import CheckoutApproval, CheckoutApprovalDecision, CheckoutApprovalLevel
from .state import ApprovalView, derive_status


def fetch_views(
    approvals: Iterable[CheckoutApproval], database: str = "default"
) -> dict[int, ApprovalView]:
    approvals = list(approvals)
    if not approvals:
        return {}
    ids = [approval.pk for approval in approvals]
    levels = defaultdict(list)
    for level in (
        CheckoutApprovalLevel.objects.using(database)
        .filter(approval_id__in=ids)
        .select_related("group")
    ):
        levels[level.approval_id].append(level)
    decisions = defaultdict(list)
    for decision in CheckoutApprovalDecision.objects.using(database).filter(
        approval_id__in=ids
    ):
        decisions[decision.approval_id].append(decision)
    tokens = {a.checkout_token for a in approvals}
    latest = dict(
        CheckoutApproval.objects.using(database)
        .filter(checkout_token__in=tokens)
        .order_by("checkout_token", "-requested_at", "-pk")
        .distinct("checkout_token")
        .values_list("checkout_token", "pk")
    )
    snapshots = load_snapshots(tokens, database)
    buyer_ids = {s.user_id for s in snapshots.values() if s.user_id}
    buyers = {
        pk: buyer.groups for pk, buyer in of_customers(buyer_ids, database).items()
    }
    gone = [
        str(a.checkout_token) for a in approvals if a.checkout_token not in snapshots
    ]
    ordered: set[UUID] = set()
    if gone:
        ordered = {
            UUID(token)
            for token in Order.objects.using(database)
            .filter(checkout_token__in=gone)
            .values_list("checkout_token", flat=True)
        }

    @cache
    def ancestry() -> dict[int, set[int]]:
        ids = {pk for s in snapshots.values() for pk in s.category_ids}
        return category_ancestry(ids, database)

    now = timezone.now()
    views = {}
    for approval in approvals:
        snapshot = snapshots.get(approval.checkout_token)
        views[approval.pk] = derive_status(
            checkout_token=approval.checkout_token,
            snapshot=snapshot,
            buyer=buyers.get(snapshot.user_id)
            if snapshot and snapshot.user_id
            else None,
            request=approval,
            levels=levels[approval.pk],
            decisions=decisions[approval.pk],
            ancestry=ancestry,
            now=now,
            order_placed=approval.checkout_token in ordered,
            is_latest=latest.get(approval.checkout_token) == approval.pk,
        )
    return views
