"""Celery: holds expire on their own (Saleor releases an expired checkout's funds
only where the channel asks it to), and a hold whose order's hook never ran is
charged."""

from saleor.celeryconf import app
from saleor.core.db.connection import allow_writer

from ..activation import is_plugin_active_in_database
from .draws import charge_missed, release_expired

#: How often expired holds are released.
RELEASE_INTERVAL_SECONDS = 300


@app.task(name="saleor_b2b_groups.release_expired_credit_holds", ignore_result=True)
def release_expired_credit_holds_task() -> None:
    with allow_writer():
        if is_plugin_active_in_database():
            charge_missed()  # first: a checkout that became an order is charged
            release_expired()


app.conf.beat_schedule["saleor-b2b-groups-release-expired-credit-holds"] = {
    "task": release_expired_credit_holds_task.name,
    "schedule": RELEASE_INTERVAL_SECONDS,
}
