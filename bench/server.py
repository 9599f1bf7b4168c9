"""One real Saleor server on loopback for the whole run, as close to production as
works here.

``uvicorn bench.asgi:application`` (Saleor's ASGI app plus the query-count header),
one worker, on a free 127.0.0.1 port, with ``database.SALEOR_SETTINGS``:
``DEBUG=False``, the playground off, persistent database connections
(``DB_CONN_MAX_AGE``), a signing key of its own, access tokens that outlive the
run, and no usage telemetry. Without a Celery broker Saleor runs its tasks
eagerly, inside the request that queues them, in both modes alike (see the
notes in docs/development/benchmarks.md on what that means for checkout numbers).
"""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .client import BenchError, HttpTransport
from .database import ROOT, child_environment

HOST = "127.0.0.1"
READY_TIMEOUT = 300
STOP_TIMEOUT = 30


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/graphql/"

    def transport(self) -> HttpTransport:
        return HttpTransport(HOST, self.port)

    def stop(self) -> None:
        """Stop the server (its own process group, which this run started)."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


def start(database: str, log: Path, port: int | None = None) -> Server:
    """Start the server on ``database`` and wait until it answers GraphQL."""
    port = port or free_port()
    env = child_environment(database)
    env["PUBLIC_URL"] = f"http://{HOST}:{port}/"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bench.asgi:application",
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                "1",
                "--lifespan",
                "off",
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as one
        )
    server = Server(process, port, log)
    try:
        _wait_until_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: Server) -> None:
    transport = server.transport()
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(
                f"The server exited ({server.process.returncode}) before answering:\n"
                + server.log_tail()
            )
        try:
            answer = transport.post("{ shop { name } }", {}, None)
        except (OSError, ValueError):
            time.sleep(0.5)
            continue
        finally:
            transport.close()
        if answer.queries is None:
            raise BenchError("The server does not send the query-count header.")
        return
    raise BenchError(
        f"The server did not answer within {READY_TIMEOUT} s:\n" + server.log_tail()
    )
