"""The bench database: made once per dataset, reused while the dataset is the same.

Its name comes from the dataset's key (``benchdata.Size.key``: the size and the
seeding code) and Saleor's version, so a run with the same sizes finds the
database a previous run seeded, and a changed seeder or size gets a new one. A new
database is a copy of the migrated Saleor template the tests build
(``tests/database.py``: ``CREATE DATABASE ... TEMPLATE``, about a second instead of
Saleor's five minutes of migrations), then this package's migrations, then the
seed (``b2b_bench_seed``), each in a child process as a user would run them. The
seed records itself on the bench channel; a database without that record (a seed
that died) is dropped and made again.
"""

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from saleor_b2b_groups import benchdata

from .client import BenchError

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "b2b_bench_"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"

Log = Callable[[str], None]


def server_url() -> str:
    """The PostgreSQL server: ``$DATABASE_URL``'s (any database name), else local."""
    return os.environ.get("DATABASE_URL") or DEFAULT_SERVER


def database_url(name: str) -> str:
    parts = urlsplit(server_url())
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(size: benchdata.Size) -> str:
    text = f"{size.key()} saleor {version('saleor')}"
    return PREFIX + hashlib.sha256(text.encode()).hexdigest()[:12]


def connect(name: str = "postgres", **kwargs: Any) -> psycopg.Connection:
    try:
        return psycopg.connect(database_url(name), **kwargs)
    except psycopg.OperationalError as error:
        raise BenchError(
            f"Cannot connect to PostgreSQL at {database_url(name)} ({error}). Start "
            "it, or point DATABASE_URL at a server where this user may create "
            "databases."
        ) from error


def exists(name: str) -> bool:
    with connect(autocommit=True) as admin:
        row = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return row.fetchone() is not None


def read_marker(name: str) -> dict[str, Any] | None:
    """The seed's record in database ``name``, or None when it has none."""
    with connect(name) as connection:
        try:
            row = connection.execute(
                "SELECT private_metadata -> %s FROM channel_channel WHERE slug = %s",
                [benchdata.MARKER_KEY, benchdata.CHANNEL_SLUG],
            ).fetchone()
        except psycopg.errors.UndefinedTable:
            return None
    return row[0] if row else None


def pending_migrations(name: str) -> bool:
    """Whether this package has migration files database ``name`` has not applied."""
    on_disk = {
        path.stem
        for path in (ROOT / "saleor_b2b_groups" / "migrations").glob("[0-9]*.py")
    }
    with connect(name) as connection:
        applied = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM django_migrations WHERE app = %s",
                ["saleor_b2b_groups"],
            )
        }
    return bool(on_disk - applied)


#: Saleor's settings for the server and every child, where they differ from its
#: defaults (the report shows them).
SALEOR_SETTINGS = {
    "DEBUG": "False",
    "PLAYGROUND_ENABLED": "False",
    "DB_CONN_MAX_AGE": "600",
    "JWT_TTL_ACCESS": "1 day",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "ALLOWED_CLIENT_HOSTS": "127.0.0.1,localhost",
    "SEND_USAGE_TELEMETRY": "False",
}


@cache
def rsa_private_key() -> str:
    """A signing key for this run's tokens (Saleor needs one without DEBUG)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


def child_environment(name: str) -> dict[str, str]:
    """Saleor's settings, on database ``name``; tasks run eagerly, as in the server."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL_REPLICA",
            "CELERY_BROKER_URL",
            "CACHE_URL",
            "REDIS_URL",
        }
    }
    env.update(SALEOR_SETTINGS)
    env.update(
        DJANGO_SETTINGS_MODULE="saleor.settings",
        DATABASE_URL=database_url(name),
        SECRET_KEY=secret_key(),
        RSA_PRIVATE_KEY=rsa_private_key(),
        # Saleor's own deprecation warnings are not the benchmark's business.
        PYTHONWARNINGS="ignore",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        PYTHONUNBUFFERED="1",
    )
    return env


@cache
def secret_key() -> str:
    return os.urandom(32).hex()


def run_child(name: str, args: list[str], what: str, *, capture: bool = False) -> str:
    """Run ``python <args>`` against database ``name``; its output goes to ours
    (stdout returned instead when ``capture``)."""
    process = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=child_environment(name),
        stdout=subprocess.PIPE if capture else None,
        text=True,
        check=False,
    )
    if process.returncode != 0:
        print(process.stdout or "", end="", flush=True)
        raise BenchError(f"{what} failed (exit {process.returncode}); see above.")
    return process.stdout or ""


def template_name() -> str:
    """The migrated Saleor template of the tests (built once, ~5 min, if missing)."""
    output = run_child(
        "postgres", ["-m", "bench.tasks", "template"], "The template", capture=True
    )
    return output.strip().splitlines()[-1]


def create_from_template(name: str, template: str) -> None:
    with connect(autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        deadline = time.monotonic() + 60
        while True:  # the template is briefly busy while a test run copies it
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except psycopg.errors.ObjectInUse:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)


def drop(name: str) -> None:
    with connect(autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed_arguments(size: benchdata.Size) -> list[str]:
    arguments = []
    for key, value in size.as_dict().items():
        arguments += [f"--{key.replace('_', '-')}", str(value)]
    return arguments


def bench_databases() -> list[str]:
    with connect(autocommit=True) as admin:
        return [
            row[0]
            for row in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{PREFIX}%"]
            )
        ]


def drop_outdated(size: benchdata.Size, keep: str, log: Log) -> None:
    """Drop bench databases of the same size seeded by other (older) seeding code."""
    for name in bench_databases():
        if name == keep:
            continue
        try:
            marker = read_marker(name)
        except psycopg.Error:
            continue  # in use or broken: leave it to --drop-databases
        if marker is not None and marker.get("size") == size.as_dict():
            drop(name)
            log(f"Dropped {name}: the same size, seeded by older code")


def prepare(
    size: benchdata.Size, *, reseed: bool, log: Log, name: str | None = None
) -> tuple[str, dict]:
    """The name and seed record of a database holding the dataset of ``size``
    (``name``: that database instead of the one named after the dataset)."""
    name = name or database_name(size)
    if exists(name) and not reseed:
        marker = read_marker(name)
        if marker is not None and marker.get("key") == size.key():
            if pending_migrations(name):
                log(f"Migrating {name} (new migrations of this package)")
                run_child(
                    name,
                    ["-m", "django", "migrate", "--no-input"],
                    "Migrating",
                    capture=True,
                )
            log(f"Reusing the bench database {name} (seeded in {marker['seconds']} s)")
            return name, marker
        log(f"{name} holds no complete seed: making it again")
    started = time.monotonic()
    drop_outdated(size, name, log)
    template = template_name()
    log(f"Creating {name} from the Saleor template {template}")
    create_from_template(name, template)
    try:
        log("Applying this package's migrations")
        run_child(
            name, ["-m", "django", "migrate", "--no-input"], "Migrating", capture=True
        )
        log("Seeding (python -m django b2b_bench_seed)")
        run_child(
            name, ["-m", "django", "b2b_bench_seed", *seed_arguments(size)], "Seeding"
        )
    except BaseException:
        drop(name)
        raise
    marker = read_marker(name)
    if marker is None:
        drop(name)
        raise BenchError("The seed finished without recording itself.")
    log(f"Bench database {name} ready in {time.monotonic() - started:.0f} s")
    return name, marker


def drop_all(log: Log) -> None:
    """Drop every bench database on the server."""
    for name in bench_databases():
        drop(name)
        log(f"Dropped {name}")
