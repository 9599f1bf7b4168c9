"""Celery tasks of this package: Celery's autodiscovery imports this module."""

from .webhooks.tasks import deliver_due_erp_events_task, deliver_erp_events_task

__all__ = ["deliver_due_erp_events_task", "deliver_erp_events_task"]
