"""Celery tasks of this package: Celery's autodiscovery imports this module."""

from .credit.tasks import release_expired_credit_holds_task
from .segments.tasks import (
    recompute_customer_segments_task,
    recompute_segment_task,
    recompute_segments_task,
)
from .webhooks.tasks import deliver_due_erp_events_task, deliver_erp_events_task

__all__ = [
    "deliver_due_erp_events_task",
    "deliver_erp_events_task",
    "recompute_customer_segments_task",
    "recompute_segment_task",
    "recompute_segments_task",
    "release_expired_credit_holds_task",
]
