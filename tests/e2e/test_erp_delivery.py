"""ERP delivery end to end: real Saleor over HTTP, a real Celery worker on Redis, a real
HTTP receiver on loopback playing the ERP.

While the ERP is down -- refusing connections, then answering 500, then hanging past
the delivery timeout -- admins keep changing groups and every change succeeds. When
it is back, every event arrives, in per-aggregate order, signed, none missing. Then
the worker is killed (-9) between sending an event and recording the answer: once
restarted, it sends that event again, with the same id, once.
"""

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis

from tests.e2e.test_demo import _free_port, _post, _rsa_key
from tests.webhooks.contract import problems

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "127.0.0.1"
REDIS_DB = 13  # unlikely to be anyone else's
SECRET = "e2e-erp-secret"
TIMEOUT = 1.0  # seconds of one delivery attempt
START_TIMEOUT = 240

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from saleor.account.models import User
from saleor.plugins.models import PluginConfiguration
admin = User(email="admin@example.com", is_staff=True, is_superuser=True, is_active=True)
admin.set_password("admin")
admin.save()
PluginConfiguration.objects.update_or_create(
    identifier="saleor.b2b_groups", channel=None,
    defaults={"active": True, "name": "B2B customer groups", "configuration": []},
)
"""

TOKEN = """
mutation { tokenCreate(email: "admin@example.com", password: "admin") { token } }
"""
ENDPOINT_CREATE = """
mutation ($url: String!, $secret: String!) {
  erpEndpointCreate(input: {name: "ERP", targetUrl: $url, secretKey: $secret}) {
    erpEndpoint { id } errors { field code }
  }
}
"""
GROUP_CREATE = """
mutation ($name: String!, $ref: String!) {
  customerGroupCreate(input: {name: $name, externalReference: $ref}) {
    customerGroup { id } errors { field code }
  }
}
"""
GROUP_UPDATE = """
mutation ($ref: String!, $name: String!) {
  customerGroupUpdate(externalReference: $ref, input: {name: $name}) {
    customerGroup { id } errors { field code }
  }
}
"""
DELIVERIES = """
query ($after: String) {
  erpEventDeliveries(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { status attempts attemptLog { statusCode error }
                   event { id aggregateId sequence } } }
  }
}
"""


@dataclass
class Request:
    headers: dict[str, str]
    body: bytes
    accepted: bool

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Erp:
    """A ThreadingHTTPServer on a fixed loopback port, switched between modes:
    ``down`` (socket closed: connections refused), ``error`` (500), ``hang``
    (answers after the delivery timeout), ``block`` (holds the answer until
    ``release``), ``ok`` (200)."""

    port: int
    mode: str = "down"
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    released: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/erp/events"

    def switch(self, mode: str) -> None:
        self.mode = mode
        if mode == "down" and self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        elif mode != "down" and self.server is None:
            self._listen()

    def _listen(self) -> None:
        erp = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                mode = erp.mode
                erp.record(dict(self.headers), body, accepted=mode == "ok")
                if mode == "hang":
                    time.sleep(TIMEOUT * 2.5)
                if mode == "block":
                    erp.released.wait(60)
                status = 200 if mode == "ok" else 500
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender gave up (timed out, or was killed)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((HOST, self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def record(self, headers: dict, body: bytes, accepted: bool) -> None:
        with self.lock:
            self.requests.append(Request(headers, body, accepted))

    def received(self) -> list[Request]:
        with self.lock:
            return list(self.requests)


def wait_for(what: str, check, timeout: float, poll: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(poll)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class Stack:
    """Saleor on uvicorn and a Celery worker, each in a process group of its own."""

    env: dict[str, str]
    logs: Path
    api_url: str = ""
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        self.starts[name] += 1
        log = self.logs / f"{name}-{self.starts[name]}.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes[name] = process
        return process

    def log(self, name: str) -> Path:
        return self.logs / f"{name}-{self.starts[name]}.log"

    def start_worker(self) -> None:
        self.start(
            "worker",
            [
                PYTHON,
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
        )

    def wait_worker_ready(self) -> None:
        process = self.processes["worker"]

        def ready():
            if process.poll() is not None:
                pytest.fail("the worker exited:\n" + self.log("worker").read_text())
            return " ready." in self.log("worker").read_text()

        wait_for("the Celery worker", ready, START_TIMEOUT, poll=0.5)

    def kill(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.kill(name)


@pytest.fixture
def stack(demo_database, tmp_path) -> Iterator[Stack]:
    """On a database of its own, copied from the Saleor template (as the demo's)."""
    port = _free_port()
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONDONTWRITEBYTECODE", "TMPDIR"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        DJANGO_SETTINGS_MODULE="saleor.settings",
        DATABASE_URL=demo_database,
        SECRET_KEY=uuid.uuid4().hex,
        RSA_PRIVATE_KEY=_rsa_key(),
        DEBUG="True",
        ALLOWED_HOSTS=f"{HOST},localhost",
        SEND_USAGE_TELEMETRY="False",
        CELERY_BROKER_URL=f"redis://{HOST}:6379/{REDIS_DB}",
        HTTP_IP_FILTER_ALLOW_LOOPBACK_IPS="True",
        PYTHONUNBUFFERED="1",
        # Fast retries for the test: 0.3 s, 0.6 s, ... at most 1.5 s; never give up.
        B2B_ERP_TIMEOUT=str(TIMEOUT),
        B2B_ERP_RETRY_BASE_SECONDS="0.3",
        B2B_ERP_RETRY_MAX_SECONDS="1.5",
        B2B_ERP_MAX_ATTEMPTS="10000",
    )
    redis.Redis(host=HOST, port=6379, db=REDIS_DB).flushdb()
    running = Stack(env=env, logs=tmp_path, api_url=f"http://{HOST}:{port}/graphql/")
    try:
        setup = subprocess.run(
            [PYTHON, "-c", SETUP],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
        )
        assert setup.returncode == 0, setup.stdout + setup.stderr
        server = running.start(
            "server",
            [
                PYTHON,
                "-m",
                "uvicorn",
                "saleor.asgi:application",
                "--host",
                HOST,
                "--port",
                str(port),
            ],
        )
        running.start_worker()

        def serving():
            if server.poll() is not None:
                pytest.fail("uvicorn exited:\n" + running.log("server").read_text())
            try:
                return "data" in _post(running.api_url, "{ shop { name } }")
            except (OSError, ValueError):
                return False

        wait_for("Saleor on uvicorn", serving, START_TIMEOUT, poll=0.5)
        running.wait_worker_ready()
        yield running
    finally:
        running.stop_all()
        redis.Redis(host=HOST, port=6379, db=REDIS_DB).flushdb()


def deliveries(stack: Stack, token: str) -> list[dict]:
    nodes, after = [], None
    while True:
        page = _post(stack.api_url, DELIVERIES, {"after": after}, token)["data"][
            "erpEventDeliveries"
        ]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


def mutate(stack: Stack, token: str, query: str, variables: dict) -> None:
    answer = _post(stack.api_url, query, variables, token)
    assert "errors" not in answer, answer
    [result] = answer["data"].values()
    assert result["errors"] == [], result


def test_no_event_is_lost_while_the_erp_is_down_or_the_worker_crashes(stack):
    api = stack.api_url
    token = _post(api, TOKEN)["data"]["tokenCreate"]["token"]
    erp = Erp(port=_free_port())
    try:
        mutate(stack, token, ENDPOINT_CREATE, {"url": erp.url, "secret": SECRET})
        groups = ["ACC-A", "ACC-B", "ACC-C"]

        # while the ERP refuses connections, admins keep working
        for ref in groups:
            mutate(stack, token, GROUP_CREATE, {"name": ref, "ref": ref})
        wait_for(
            "refused attempts in the delivery log",
            lambda: any(
                "ConnectionError" in attempt["error"]
                for d in deliveries(stack, token)
                for attempt in d["attemptLog"]
            ),
            30,
        )
        # ... while it answers 500
        erp.switch("error")
        for ref in groups[:2]:
            mutate(stack, token, GROUP_UPDATE, {"ref": ref, "name": f"{ref} 2"})
        wait_for("a 500", lambda: erp.received(), 30)
        # ... while it hangs past the timeout
        erp.switch("hang")
        hung_from = len(erp.received())
        mutate(stack, token, GROUP_UPDATE, {"ref": "ACC-A", "name": "ACC-A 3"})
        mutate(stack, token, GROUP_UPDATE, {"ref": "ACC-C", "name": "ACC-C 2"})
        wait_for("a timed-out attempt", lambda: len(erp.received()) > hung_from, 30)
        assert not any(r.accepted for r in erp.received())

        # when the ERP is back
        erp.switch("ok")

        # then every event arrives
        log = wait_for(
            "every delivery to succeed",
            lambda: (found := deliveries(stack, token))
            and all(d["status"] == "SUCCESS" for d in found)
            and found,
            60,
        )
        assert len(log) == 3 + 2 + 2
        check_arrivals(erp, log)
        statuses = {a["statusCode"] for d in log for a in d["attemptLog"]}
        assert {None, 500, 200} <= statuses

        # when the worker is killed after sending, before recording the answer
        erp.released.clear()
        erp.switch("block")
        blocked_from = len(erp.received())
        mutate(stack, token, GROUP_UPDATE, {"ref": "ACC-B", "name": "ACC-B 3"})
        wait_for("the blocked request", lambda: len(erp.received()) > blocked_from, 30)
        [blocked] = erp.received()[blocked_from:]
        stack.kill("worker")
        erp.mode = "ok"
        erp.released.set()
        stack.start_worker()
        stack.wait_worker_ready()

        # then it is sent again, with the same id, once
        event_id = blocked.json["id"]
        wait_for(
            "the redelivery",
            lambda: any(
                r.accepted and r.json["id"] == event_id for r in erp.received()
            ),
            60,
        )
        time.sleep(2)  # room for a duplicate to show up, if there were one
        same = [r for r in erp.received() if r.json["id"] == event_id]
        assert [r.accepted for r in same] == [False, True]
        log = deliveries(stack, token)
        assert all(d["status"] == "SUCCESS" for d in log)
        check_arrivals(erp, log)
    finally:
        erp.switch("down")


def check_arrivals(erp: Erp, log: list[dict]) -> None:
    """Every logged event accepted; per aggregate, first acceptances in sequence
    order without gaps; every request signed and following the contract."""
    received = erp.received()
    for request in received:
        expected = hmac.new(SECRET.encode(), request.body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(expected, request.headers["Saleor-Signature"])
        assert request.headers["B2B-Event-Id"] == request.json["id"]
        assert problems(request.json) == [], request.json
    first_accepted: dict[str, dict] = {}
    for request in received:
        if request.accepted:
            first_accepted.setdefault(request.json["id"], request.json)
    assert {d["event"]["id"] for d in log} == set(first_accepted)
    by_aggregate: dict[str, list[int]] = defaultdict(list)
    for message in first_accepted.values():  # in arrival order
        by_aggregate[message["aggregate"]["id"]].append(message["sequence"])
    for aggregate, sequences in by_aggregate.items():
        assert sequences == list(range(1, len(sequences) + 1)), (aggregate, sequences)
