"""Celery tasks of segments (discovered via ``saleor_b2b_groups.tasks``).

* ``recompute_segments_task``: every group with rules, periodically (Celery beat),
  so that rules on time ("in the last 365 days") follow the calendar.
* ``recompute_segment_task``: one group, after its rules changed.
* ``recompute_customer_segments_task``: the customers something changed for (an
  order, an address, metadata), debounced: the changes of a customer within
  ``DEBOUNCE_SECONDS`` make one recompute.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from saleor.account.models import User
from saleor.celeryconf import app
from saleor.core.db.connection import allow_writer
from saleor.plugins.manager import get_plugins_manager

from ..activation import is_plugin_active_in_database
from . import services
from .models import CustomerGroupSegment

#: Every group recomputed this often (seconds).
RECOMPUTE_INTERVAL_SECONDS = 3600.0
#: A customer's changes within this many seconds make one incremental recompute.
DEBOUNCE_SECONDS = 5


def _manager():
    return get_plugins_manager(allow_replica=False)


@app.task(name="saleor_b2b_groups.recompute_segments", ignore_result=True)
def recompute_segments_task() -> None:
    with allow_writer():
        if is_plugin_active_in_database():
            services.recompute_all(_manager())


@app.task(name="saleor_b2b_groups.recompute_segment", ignore_result=True)
def recompute_segment_task(group_id: int) -> None:
    with allow_writer():
        segment = (
            CustomerGroupSegment.objects.select_related("group")
            .filter(group_id=group_id)
            .first()
        )
        if segment is not None:
            services.recompute_group(segment, _manager())


def _debounce_key(user_id: int) -> str:
    return f"saleor-b2b-groups:segments:customer:{user_id}"


@app.task(name="saleor_b2b_groups.recompute_customer_segments", ignore_result=True)
def recompute_customer_segments_task(user_ids: list[int]) -> None:
    cache.delete_many([_debounce_key(user_id) for user_id in user_ids])
    with allow_writer():
        services.recompute_customers(user_ids, _manager())


def schedule_customers(user_ids: Iterable[int]) -> None:
    """Recompute these customers' segments once the current transaction commits,
    unless a recompute of theirs is already waiting. Not while a recompute
    writes: the CUSTOMER_UPDATED it fires is its own doing."""
    if services.recomputing():
        return
    due = [
        user_id
        for user_id in sorted({u for u in user_ids if u})
        if cache.add(_debounce_key(user_id), 1, timeout=DEBOUNCE_SECONDS * 2)
    ]
    if due and CustomerGroupSegment.objects.exists():
        transaction.on_commit(
            lambda: recompute_customer_segments_task.apply_async(
                (due,), countdown=DEBOUNCE_SECONDS
            )
        )
    elif due:
        cache.delete_many([_debounce_key(user_id) for user_id in due])


def customers_with_default_address(address) -> list[int]:
    """The customers whose default billing or shipping address this is."""
    return list(
        User.objects.filter(
            Q(default_billing_address_id=address.pk)
            | Q(default_shipping_address_id=address.pk)
        ).values_list("pk", flat=True)
    )


def schedule_group(group_id: int) -> None:
    transaction.on_commit(lambda: recompute_segment_task.delay(group_id))


app.conf.beat_schedule["saleor-b2b-groups-recompute-segments"] = {
    "task": recompute_segments_task.name,
    "schedule": RECOMPUTE_INTERVAL_SECONDS,
}
