"""Every write of a group's membership rules, and the recomputes that follow them.

Memberships themselves are written by ``groups.services.apply_segment`` only (with
their ERP event and ``CUSTOMER_UPDATED``); this module decides whom it is given.
"""

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from saleor.plugins.manager import PluginsManager

from ..groups import MembershipSource
from ..groups import services as group_services
from ..groups.models import CustomerGroup, CustomerGroupMembership
from . import evaluation
from .models import CustomerGroupSegment
from .rules import clean_rules

_own = threading.local()


def recomputing() -> bool:
    """True while the on-commit callbacks of a recompute's own writes run (their
    ``CUSTOMER_UPDATED``): those must not schedule another recompute of the same
    customers (``tasks.schedule_customers``)."""
    return getattr(_own, "depth", 0) > 0


def _shift(step: int) -> None:
    _own.depth = getattr(_own, "depth", 0) + step


@contextmanager
def _recompute_scope() -> Iterator[None]:
    """Brackets the transaction's on-commit callbacks registered inside it, when
    and wherever the outermost transaction commits (callbacks run in order)."""
    outermost = not transaction.get_connection().in_atomic_block
    before = getattr(_own, "depth", 0)
    try:
        with transaction.atomic():
            transaction.on_commit(lambda: _shift(1))
            try:
                yield
            finally:
                transaction.on_commit(lambda: _shift(-1), robust=True)
    finally:
        if outermost:
            # the callbacks have run, or one raised and Django dropped the rest
            _own.depth = before


@dataclass
class Recompute:
    """What a recompute did."""

    matched: int
    added: list[int]
    removed: list[int]
    duration_ms: int


def set_rules(group: CustomerGroup, tree: dict) -> CustomerGroupSegment:
    """Store the group's rules (validated here; ``RuleError`` refuses, changing
    nothing). The members follow at the next recompute."""
    rules = clean_rules(tree)
    with transaction.atomic():
        segment, _ = CustomerGroupSegment.objects.select_for_update().get_or_create(
            group=group, defaults={"rules": rules}
        )
        if segment.rules != rules:
            segment.rules = rules
            segment.save(update_fields=["rules", "updated_at"])
    return segment


def delete_rules(group: CustomerGroup, manager: PluginsManager) -> list[int]:
    """Drop the group's rules and every membership they made; the removed
    customers. Manual members stay."""
    with _recompute_scope():
        CustomerGroupSegment.objects.filter(group=group).delete()
        _added, removed = group_services.apply_segment(group, [], manager)
    return removed


def recompute_group(
    segment: CustomerGroupSegment,
    manager: PluginsManager,
    now: datetime | None = None,
) -> Recompute:
    """Match every customer against the group's rules (one query) and apply the
    difference, in one transaction; record when and how long it took."""
    started = time.monotonic()
    with _recompute_scope():
        matched = evaluation.matching_ids(segment.rules, now)
        added, removed = group_services.apply_segment(segment.group, matched, manager)
        duration_ms = round((time.monotonic() - started) * 1000)
        CustomerGroupSegment.objects.filter(pk=segment.pk).update(
            last_computed_at=timezone.now(),
            last_duration_ms=duration_ms,
            last_matched_count=len(matched),
        )
    segment.refresh_from_db()
    return Recompute(len(matched), added, removed, duration_ms)


def recompute_all(manager: PluginsManager) -> dict[int, Recompute]:
    """Every group that has rules, one transaction each: {group id: result}."""
    return {
        segment.group_id: recompute_group(segment, manager)
        for segment in CustomerGroupSegment.objects.select_related("group")
    }


def recompute_customers(
    user_ids: Iterable[int], manager: PluginsManager
) -> dict[int, tuple[list[int], list[int]]]:
    """The incremental path: only these customers, against every segment.

    One query matches them against all the rules; only the groups whose
    memberships differ are written. {group id: (added, removed)} for those.
    """
    user_ids = sorted(set(user_ids))
    segments = {
        s.group_id: s for s in CustomerGroupSegment.objects.select_related("group")
    }
    if not segments or not user_ids:
        return {}
    matches = evaluation.matches_of(
        user_ids, {group_id: s.rules for group_id, s in segments.items()}
    )
    members: dict[int, dict[int, str]] = {group_id: {} for group_id in segments}
    for group_id, user_id, source in CustomerGroupMembership.objects.filter(
        group_id__in=segments, user_id__in=user_ids
    ).values_list("group_id", "user_id", "source"):
        members[group_id][user_id] = source
    changed = {}
    with _recompute_scope():
        for group_id, segment in segments.items():
            have, want = members[group_id], matches[group_id]
            leaving = {u for u, src in have.items() if src == MembershipSource.SEGMENT}
            if not (want - have.keys()) and not (leaving - want):
                continue  # nothing to write: no lock, no event
            added, removed = group_services.apply_segment(
                segment.group, want, manager, among=user_ids
            )
            if added or removed:
                changed[group_id] = (added, removed)
    return changed
