"""Celery tasks of this package: Celery's autodiscovery imports this module."""

from .credit.tasks import release_expired_credit_holds_task
from .webhooks.tasks import deliver_due_erp_events_task, deliver_erp_events_task

__all__ = [
    "deliver_due_erp_events_task",
    "deliver_erp_events_task",
    "release_expired_credit_holds_task",
]
