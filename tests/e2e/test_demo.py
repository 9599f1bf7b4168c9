"""scripts/demo, end to end: a real Saleor over HTTP, with Saleor's catalog and ours.

The runner gets a database of its own, copied from the migrated Saleor template of
tests/database.py (about a second), so that it pays for this package's migrations,
Saleor's populatedb and the B2B demo (about a minute in all) but not for Saleor's 1,400
migrations (3-5 minutes). It runs as a user runs it (scripts/demo), on a free loopback
port, and stops with SIGINT, as on Ctrl-C.
"""

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

from saleor_b2b_groups import demo
from tests.database import ensure_template

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
READY_TIMEOUT = 900  # ~1 min when idle; room for a busy 2-core machine
STOP_TIMEOUT = 60
DATABASE_PREFIX = "b2b_e2e_demo_"  # then the test process's pid: see below

PRODUCTS_QUERY = """
query { products(first: 5, channel: "default-channel") { edges { node { name } } } }
"""
SHOP_QUERY = "query { shop { customerGroupsEnabled } }"
TEE_SKU = "328223581"  # populatedb's ASCII Tee M: demo.pricing prices it per account
VARIANT_PRICE_QUERY = """
query ($sku: String!) {
  productVariant(sku: $sku, channel: "default-channel") {
    id pricing { price { net { amount currency } } }
    one: groupPrice { price { amount } }
    ten: groupPrice(quantity: 10) { price { amount } }
  }
}
"""
SEARCH_QUERY = """
query ($search: String!, $channel: String!) {
  products(first: 20, channel: $channel, search: $search) {
    totalCount edges { node { name } }
  }
}
"""
CHECKOUT_CREATE = """
mutation ($variant: ID!) {
  checkoutCreate(input: {
    channel: "default-channel", email: "e2e@example.com",
    lines: [{variantId: $variant, quantity: 1}]
  }) {
    checkout { lines { unitPrice { net { amount } } } }
    errors { field code message }
  }
}
"""
#: Requests that fail: a syntax error, an unknown field, a malformed ID.
BAD_REQUESTS = [
    "{ shop {",
    "{ noSuchField }",
    '{ product(id: "not-an-id", channel: "default-channel") { name } }',
]
TOKEN_MUTATION = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { field message } }
}
"""


def _load_runner() -> Any:
    """scripts/demo.py as a module, for its example queries (no side effects)."""
    spec = importlib.util.spec_from_file_location(
        "demo_runner", ROOT / "scripts/demo.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _admin_connection() -> psycopg.Connection:
    db = settings.DATABASES[settings.DATABASE_CONNECTION_DEFAULT_NAME]
    return psycopg.connect(
        dbname="postgres",
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
    )


def _database_url(name: str) -> str:
    db = settings.DATABASES[settings.DATABASE_CONNECTION_DEFAULT_NAME]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}{port}/{name}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def _drop_abandoned_databases(admin: psycopg.Connection) -> None:
    """Drop the databases of earlier runs killed before their teardown."""
    rows = admin.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s",
        [f"{DATABASE_PREFIX}%"],
    ).fetchall()
    for (name,) in rows:
        pid = name.removeprefix(DATABASE_PREFIX).split("_")[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def demo_database(django_db_blocker) -> Iterator[str]:
    """A new database copied from the Saleor template; dropped afterwards."""
    with django_db_blocker.unblock():  # building the template, if ever, uses Django
        template = ensure_template(
            settings.DATABASES[settings.DATABASE_CONNECTION_DEFAULT_NAME]
        )
    name = f"{DATABASE_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with _admin_connection() as admin:
        _drop_abandoned_databases(admin)
        deadline = time.monotonic() + 60
        while True:  # the template is briefly busy while another copy is made
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                break
            except psycopg.errors.ObjectInUse:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
    try:
        yield _database_url(name)
    finally:
        with _admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


def _post(url: str, query: str, variables: dict | None = None, token: str = "") -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _post_any(url: str, query: str) -> dict:
    """The JSON answer, whatever the HTTP status (Saleor answers 400 to some)."""
    try:
        return _post(url, query)
    except urllib.error.HTTPError as error:
        return json.load(error)


def _wait_until_ready(url: str, process: subprocess.Popen, output: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"scripts/demo exited with {process.returncode} before serving:\n"
                + output.read_text()[-5000:]
            )
        try:
            _post(url, SHOP_QUERY)
            return
        except (OSError, ValueError):  # not listening yet, or not answering JSON
            time.sleep(1)
    pytest.fail(
        f"scripts/demo did not serve {url} within {READY_TIMEOUT} s:\n"
        + output.read_text()[-5000:]
    )


@dataclass
class RunningDemo:
    url: str
    process: subprocess.Popen
    output: Path

    def log_tail(self, chars: int = 3000) -> str:
        return self.output.read_text()[-chars:]


@pytest.fixture
def running_demo(demo_database: str, tmp_path: Path) -> Iterator[RunningDemo]:
    """scripts/demo serving on a free port of its own; killed if still running."""
    yield from _run_demo(demo_database, tmp_path)


def _run_demo(
    demo_database: str,
    tmp_path: Path,
    arguments: tuple[str, ...] = (),
    environment: dict[str, str] | None = None,
) -> Iterator[RunningDemo]:
    port = _free_port()
    output = tmp_path / "demo.log"
    env = {
        key: value
        for key, value in os.environ.items()
        # The test process's Django settings and anything that would point the
        # runner elsewhere stay here.
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL_REPLICA",
            "PUBLIC_URL",
            "ALLOWED_HOSTS",
            "CACHE_URL",
            "REDIS_URL",
            "CELERY_BROKER_URL",
        }
    }
    env.update(
        DATABASE_URL=demo_database,
        # Secrets of its own, so that the runner does not create them in .demo/.
        SECRET_KEY=uuid.uuid4().hex,
        RSA_PRIVATE_KEY=_rsa_key(),
        SEND_USAGE_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
        **(environment or {}),
    )
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [str(ROOT / "scripts/demo"), "--port", str(port), *arguments],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a terminal's Ctrl-C must not reach it
        )
    url = f"http://{HOST}:{port}/graphql/"
    try:
        _wait_until_ready(url, process, output)
        yield RunningDemo(url, process, output)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)


def test_demo_serves_saleor_catalog_with_plugin_active(running_demo: RunningDemo):
    url = running_demo.url

    # Saleor's demo catalog, through the real API
    products = _post(url, PRODUCTS_QUERY)
    assert "errors" not in products, products
    assert products["data"]["products"]["edges"], products

    # our first field: the plugin is active
    shop = _post(url, SHOP_QUERY)
    assert shop["data"] == {"shop": {"customerGroupsEnabled": True}}, shop

    # every printed login works
    tokens = {}
    for email, password, _ in demo.logins():
        answer = _post(url, TOKEN_MUTATION, {"email": email, "password": password})
        result = answer["data"]["tokenCreate"]
        assert result["token"], (email, answer)
        tokens[email] = result["token"]

    # two accounts' buyers see, and pay at checkout, their own price for one product
    buyers = {
        "anonymous": "",
        # Chicago: Northwind's European branches buy the tee by the case (demo.quantities)
        "northwind": tokens["carl.buyer@northwind.example"],
        "contoso": tokens["olivia.buyer@contoso.example"],
    }
    contract, seen, paid = {}, {}, {}
    for who, token in buyers.items():
        answer = _post(url, VARIANT_PRICE_QUERY, {"sku": TEE_SKU}, token=token)
        variant = answer["data"]["productVariant"]
        contract[who] = [
            variant[n]["price"]["amount"] if variant[n] else None
            for n in ("one", "ten")
        ]
        seen[who] = variant["pricing"]["price"]["net"]["amount"]
        answer = _post(url, CHECKOUT_CREATE, {"variant": variant["id"]}, token=token)
        created = answer["data"]["checkoutCreate"]
        assert created["errors"] == [], (who, answer)
        paid[who] = created["checkout"]["lines"][0]["unitPrice"]["net"]["amount"]
    # the price lists' prices, at 1 and 10 units (Northwind's tier from 10)
    assert contract == {
        "anonymous": [None, None],
        "northwind": [16.0, 14.5],
        "contoso": [18.0, 18.0],
    }, contract
    # what each sees is what each pays; populatedb's random catalogue promotions
    # may discount the tee, and then discount each base price alike
    assert paid == seen, (seen, paid)
    share = seen["anonymous"] / 20.0
    assert seen["northwind"] == pytest.approx(16.0 * share, abs=0.01), seen
    assert seen["contoso"] == pytest.approx(18.0 * share, abs=0.01), seen

    # Contoso sees only apparel; channel-pln is for group members only
    def found(token: str, search: str, channel: str = "default-channel") -> int:
        variables = {"search": search, "channel": channel}
        answer = _post(url, SEARCH_QUERY, variables, token=token)
        return answer["data"]["products"]["totalCount"]

    assert found(buyers["contoso"], "Juice") == 0
    assert found(buyers["contoso"], "Tee") > 0
    assert found(buyers["northwind"], "Juice") > 0
    assert found(buyers["anonymous"], "Juice", "channel-pln") == 0
    assert found(buyers["northwind"], "Juice", "channel-pln") > 0

    # every printed example query runs without errors, as the user it is for
    logins = demo.logins()
    buyer = next((email for email, _, who in logins if "buyer" in who), None)
    token_for = {
        "admin": tokens[demo.ADMIN_LOGIN[0]],
        "buyer": tokens[buyer or demo.ADMIN_LOGIN[0]],
        "anyone": "",
    }
    for audience, what, query in _load_runner().EXAMPLES:
        answer = _post(url, query, token=token_for[audience])
        assert "errors" not in answer, (audience, what, answer)

    # an anonymous client gets typed errors, never a stack trace; the playground
    # is still served
    for bad in BAD_REQUESTS:
        answer = _post_any(url, bad)
        assert answer["errors"], (bad, answer)
        for error in answer["errors"]:
            assert "stacktrace" not in json.dumps(error), (bad, answer)
    playground = urllib.request.Request(url, headers={"Accept": "text/html"})
    with urllib.request.urlopen(playground, timeout=30) as response:
        assert response.status == 200
        assert "<html" in response.read().decode().lower()

    # Ctrl-C stops it cleanly
    running_demo.process.send_signal(signal.SIGINT)
    try:
        code = running_demo.process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"scripts/demo ignored SIGINT:\n{running_demo.log_tail()}")
    log = running_demo.output.read_text()
    assert code == 0, running_demo.log_tail()
    assert "==> Stopped" in log, running_demo.log_tail()
    assert "Traceback" not in log, running_demo.log_tail()
    with pytest.raises(urllib.error.URLError):
        _post(url, SHOP_QUERY)


class FlakyReceiver(BaseHTTPRequestHandler):
    """An ERP receiver that fails its first delivery, then stores every event."""

    received: ClassVar[list[tuple[int, str]]] = []  # (status answered, event id)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        status = 500 if not self.received else 200
        self.received.append((status, body["id"]))
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


ENDPOINT_CREATE = """
mutation ($input: ErpEndpointInput!) {
  erpEndpointCreate(input: $input) { erpEndpoint { id } errors { field code message } }
}
"""
GROUP_UPDATE = """
mutation ($ref: String!) {
  customerGroupUpdate(externalReference: $ref, input: {description: "Retried"}) {
    customerGroup { id } errors { field code message }
  }
}
"""
DELIVERIES = """
query { erpEventDeliveries(first: 10) { edges { node { status attempts } } } }
"""


def test_demo_worker_retries_a_failed_erp_delivery(demo_database, tmp_path):
    # given: a receiver on this machine that refuses the first delivery
    FlakyReceiver.received = []
    receiver = HTTPServer((HOST, 0), FlakyReceiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    broker = f"redis://{HOST}:6379/{7 + os.getpid() % 8}"
    demos = _run_demo(
        demo_database,
        tmp_path,
        ("--worker",),
        {"CELERY_BROKER_URL": broker, "B2B_ERP_RETRY_BASE_SECONDS": "1"},
    )
    running = next(demos)
    try:
        url = running.url
        admin, password, _ = demo.ADMIN_LOGIN
        token = _post(url, TOKEN_MUTATION, {"email": admin, "password": password})[
            "data"
        ]["tokenCreate"]["token"]
        endpoint = {
            "name": "local ERP",
            "targetUrl": f"http://{HOST}:{receiver.server_port}/events",
            "events": ["CUSTOMER_GROUP_UPDATED"],
        }
        created = _post(url, ENDPOINT_CREATE, {"input": endpoint}, token=token)
        assert created["data"]["erpEndpointCreate"]["errors"] == [], created

        # when: a group changes
        updated = _post(url, GROUP_UPDATE, {"ref": "NW-EMEA"}, token=token)
        assert updated["data"]["customerGroupUpdate"]["errors"] == [], updated

        # then: the worker delivers, fails, and retries the same event by itself
        deadline = time.monotonic() + 90
        while len(FlakyReceiver.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert [status for status, _ in FlakyReceiver.received] == [500, 200], (
            FlakyReceiver.received,
            running.log_tail(),
        )
        assert len({event for _, event in FlakyReceiver.received}) == 1
        log = _post(url, DELIVERIES, token=token)["data"]["erpEventDeliveries"]
        assert [edge["node"] for edge in log["edges"]] == [
            {"status": "SUCCESS", "attempts": 2}
        ]
        assert "Celery worker ready" in running.output.read_text()
    finally:
        receiver.shutdown()
        with contextlib.suppress(StopIteration):
            next(demos)
