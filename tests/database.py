"""A migrated copy of Saleor's database for every test run, in about a second.

Saleor's 1,400 migrations take about five minutes on an empty database, and its tests
cannot run without them. So the first run on a machine migrates Saleor once into a
*template* database, named after Saleor's version and the exact set of its migration
files; every run then drops its test database, copies it from the template
(``CREATE DATABASE ... TEMPLATE``, about a second) and applies only this package's
migrations on top, for real. A new Saleor release or migration gets a new template.
"""

import hashlib
import os
import sys
import time

import psycopg
import saleor
from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

OUR_APP = "saleor_b2b_groups"
TEMPLATE_LOCK_ID = 0x5A1E0B2B  # pg_advisory_lock key: one template build at a time


def _log(message: str) -> None:
    print(f"[test-db] {message}", file=sys.stderr, flush=True)


def template_name() -> str:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    keys = sorted(
        f"{app}.{name}" for app, name in loader.disk_migrations if app != OUR_APP
    )
    digest = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:10]
    version = saleor.__version__.replace(".", "_")
    return f"b2b_tpl_saleor_{version}_{digest}"


def _admin_connection(db: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
    )


def _exists(admin: psycopg.Connection, name: str) -> bool:
    row = admin.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [name]
    ).fetchone()
    return row is not None


def _drop(admin: psycopg.Connection, name: str) -> None:
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate_saleor_into(name: str) -> None:
    """Apply every migration but this package's to database ``name``."""
    connection = connections[settings.DATABASE_CONNECTION_DEFAULT_NAME]
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        executor = MigrationExecutor(connection)
        targets = [
            key for key in executor.loader.graph.leaf_nodes() if key[0] != OUR_APP
        ]
        plan = executor.migration_plan(targets)
        started = time.monotonic()
        done = 0

        def progress(action, migration=None, fake=False):
            nonlocal done
            if action == "apply_success":
                done += 1
                if done % 100 == 0 or done == len(plan):
                    elapsed = time.monotonic() - started
                    _log(f"  {done}/{len(plan)} migrations ({elapsed:.0f} s)")

        executor.progress_callback = progress
        executor.migrate(targets, plan=plan)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def ensure_template(db: dict) -> str:
    name = template_name()
    with _admin_connection(db) as admin:
        if _exists(admin, name):
            return name
        admin.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK_ID])
        try:
            if _exists(admin, name):
                return name
            building = f"{name}_building"
            _log(f"Building {name} once on this machine: Saleor's migrations, ~5 min.")
            _drop(admin, building)
            admin.execute(f'CREATE DATABASE "{building}"')
            _migrate_saleor_into(building)
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
            _log(f"Template {name} ready.")
        finally:
            admin.execute("SELECT pg_advisory_unlock(%s)", [TEMPLATE_LOCK_ID])
    return name


RUN_DATABASE_PREFIX = "test_b2b_run_"


def _drop_abandoned_run_databases(admin: psycopg.Connection) -> None:
    """Drop the databases of earlier runs whose process is gone."""
    rows = admin.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s",
        [f"{RUN_DATABASE_PREFIX}%"],
    ).fetchall()
    for (name,) in rows:
        pid = name.removeprefix(RUN_DATABASE_PREFIX).split("_")[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            _drop(admin, name)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def create_test_database_from_template() -> str:
    """Give this run its own fresh copy of the Saleor template; return its name.

    Each run (and each xdist worker) gets a database named after its process, so
    runs side by side on one machine never drop each other's database.
    """
    db = settings.DATABASES[settings.DATABASE_CONNECTION_DEFAULT_NAME]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    test_name = f"{RUN_DATABASE_PREFIX}{os.getpid()}{'_' + worker if worker else ''}"
    db.setdefault("TEST", {})["NAME"] = test_name
    template = ensure_template(db)
    for connection in connections.all():
        connection.close()
    with _admin_connection(db) as admin:
        _drop_abandoned_run_databases(admin)
        _drop(admin, test_name)
        admin.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
    return test_name


def drop_test_database(name: str) -> None:
    db = settings.DATABASES[settings.DATABASE_CONNECTION_DEFAULT_NAME]
    for connection in connections.all():
        connection.close()
    with _admin_connection(db) as admin:
        _drop(admin, name)
