"""The ERP guide's reference receiver, fed by the package's real delivery.

``examples/erp_receiver.py`` is shown whole on ``docs/erp/receiver.md``; here it
receives events the way an ERP would: over HTTP from the delivery task, signed with
a secret or with Saleor's JWS, and again on redelivery.
"""

import importlib.util
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from saleor.core.jwt_manager import get_jwt_manager

from docsite.examples import ROOT
from saleor_b2b_groups.webhooks import ErpEventType, payloads
from saleor_b2b_groups.webhooks.delivery import redeliver
from saleor_b2b_groups.webhooks.events import aggregate_of, emit
from saleor_b2b_groups.webhooks.models import ErpEndpoint, EventDelivery
from saleor_b2b_groups.webhooks.signing import sign
from saleor_b2b_groups.webhooks.tasks import deliver_erp_events_task
from tests.fixtures.groups import create_group

spec = importlib.util.spec_from_file_location(
    "erp_receiver", ROOT / "examples" / "erp_receiver.py"
)
erp_receiver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(erp_receiver)

SECRET = "a-long-shared-secret"


def running(receiver):
    server = erp_receiver.serve(receiver, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/events"


@pytest.fixture
def jwks_url():
    body = json.dumps(get_jwt_manager().get_jwks()).encode()

    class JWKS(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), JWKS)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()


def emit_update(capture, group):
    with capture(execute=True):
        return emit(
            ErpEventType.CUSTOMER_GROUP_UPDATED, group, payloads.customer_group(group)
        )


@pytest.mark.parametrize("signed_with", ["secret", "jws"])
def test_the_reference_receiver_stores_each_event_once(
    signed_with, jwks_url, django_capture_on_commit_callbacks
):
    # given the receiver, and an endpoint pointing at it
    if signed_with == "secret":
        receiver = erp_receiver.Receiver(secret=SECRET)
    else:
        receiver = erp_receiver.Receiver(jwks_url=jwks_url)
    server, url = running(receiver)
    endpoint = ErpEndpoint.objects.create(
        name="ERP", target_url=url, secret_key=SECRET if signed_with == "secret" else ""
    )
    group = create_group("ACME")

    # when two events are delivered, then the first is redelivered
    first = emit_update(django_capture_on_commit_callbacks, group)
    second = emit_update(django_capture_on_commit_callbacks, group)
    redeliver(list(EventDelivery.objects.filter(event=first)))
    aggregate = aggregate_of(group)
    deliver_erp_events_task.delay(endpoint.pk, aggregate.type, aggregate.id)
    server.shutdown()

    # then each is stored once, in order, and every delivery succeeded
    assert [event["id"] for event in receiver.events] == [str(first.id), str(second.id)]
    assert [event["sequence"] for event in receiver.events] == [1, 2]
    deliveries = EventDelivery.objects.filter(endpoint=endpoint)
    assert {d.last_status_code for d in deliveries} == {200}
    assert sum(d.attempt_log.count() for d in deliveries) == 3


def test_the_reference_receiver_refuses_a_forged_event():
    receiver = erp_receiver.Receiver(secret=SECRET)
    body = json.dumps(
        {"id": "1", "sequence": 1, "aggregate": {"type": "customer_group", "id": "Q"}}
    ).encode()

    forged = receiver.handle(body, {"Saleor-Signature": sign(body, "another-secret")})
    genuine = receiver.handle(body, {"Saleor-Signature": sign(body, SECRET)})

    assert forged == (401, "bad signature")
    assert genuine == (200, "stored")
    assert len(receiver.events) == 1
