"""Celery tasks of the ERP integration (discovered via ``saleor_b2b_groups.tasks``)."""

from celery.signals import worker_ready
from saleor.celeryconf import app
from saleor.core.db.connection import allow_writer

from .delivery import deliver_queue, due_queues
from .orders import emit_missed_orders_placed

SWEEP_INTERVAL_SECONDS = 60.0


@app.task(name="saleor_b2b_groups.deliver_erp_events", ignore_result=True)
def deliver_erp_events_task(
    endpoint_id: int, aggregate_type: str, aggregate_id: str
) -> None:
    """Deliver one aggregate's pending events to one endpoint, in order."""
    with allow_writer():
        retry_in = deliver_queue(endpoint_id, aggregate_type, aggregate_id)
    if retry_in is not None:
        deliver_erp_events_task.apply_async(
            (endpoint_id, aggregate_type, aggregate_id), countdown=retry_in
        )


@app.task(name="saleor_b2b_groups.deliver_due_erp_events", ignore_result=True)
def deliver_due_erp_events_task() -> None:
    """Pick up every due delivery whose task was lost (broker down, worker killed),
    after writing the ``order_placed`` events whose hook never ran."""
    with allow_writer():
        emit_missed_orders_placed()
        queues = due_queues()
    for queue in queues:
        deliver_erp_events_task.delay(*queue)


# Celery beat: the sweep, next to Saleor's own periodic tasks.
app.conf.beat_schedule["saleor-b2b-groups-deliver-due-erp-events"] = {
    "task": deliver_due_erp_events_task.name,
    "schedule": SWEEP_INTERVAL_SECONDS,
}


@worker_ready.connect(weak=False)
def _sweep_on_worker_start(**_kwargs) -> None:
    """A worker that starts (e.g. after a crash) resumes what was left pending."""
    deliver_due_erp_events_task.delay()
