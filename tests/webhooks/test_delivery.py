"""Delivery to a real HTTP receiver on loopback: signed, in order, retried, logged."""

from datetime import timedelta

import graphene
import jwt
from django.utils import timezone
from saleor.core.jwt_manager import get_jwt_manager

from saleor_b2b_groups.webhooks import DeliveryStatus, ErpEventType, payloads
from saleor_b2b_groups.webhooks.delivery import backoff_seconds, redeliver
from saleor_b2b_groups.webhooks.events import aggregate_of, emit
from saleor_b2b_groups.webhooks.models import ErpEndpoint, EventDelivery
from saleor_b2b_groups.webhooks.tasks import (
    deliver_due_erp_events_task,
    deliver_erp_events_task,
)
from tests.fixtures.groups import create_group
from tests.fixtures.webhooks import unused_port_url
from tests.graphql.groups.utils import group_id

UPDATED = ErpEventType.CUSTOMER_GROUP_UPDATED


def emit_committed(capture, group, name: str | None = None):
    """An update of ``group`` (renamed to ``name``), committed."""
    if name is not None:
        group.name = name
        group.save()
    with capture(execute=True):
        return emit(UPDATED, group, payloads.customer_group(group))


def make_due():
    """Time passes: every pending retry falls due."""
    EventDelivery.objects.filter(status=DeliveryStatus.PENDING).update(
        next_retry_at=timezone.now() - timedelta(seconds=1)
    )


def test_event_is_delivered_on_commit_signed_like_saleor(
    erp_endpoint, erp_receiver, django_capture_on_commit_callbacks
):
    # given
    group = create_group("ACME")

    # when
    event = emit_committed(django_capture_on_commit_callbacks, group, "ACME Corp")

    # then
    [request] = erp_receiver.received
    assert request.signature_valid()
    assert request.headers["Saleor-Event"] == UPDATED
    assert request.headers["B2B-Event-Id"] == str(event.id)
    assert request.headers["Idempotency-Key"] == str(event.id)
    assert request.headers["B2B-Sequence"] == "1"
    assert request.headers["B2B-Aggregate"] == f"customer_group:{group_id(group)}"
    assert request.json == {
        "id": str(event.id),
        "type": UPDATED,
        "version": 1,
        "occurredAt": event.created_at.isoformat(),
        "aggregate": {"type": "customer_group", "id": group_id(group)},
        "sequence": 1,
        "data": payloads.customer_group(group),
    }
    assert request.json["data"]["group"]["name"] == "ACME Corp"
    delivery = EventDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCESS
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert delivery.delivered_at is not None


def test_without_a_secret_the_signature_is_saleors_jws(
    erp_endpoint, erp_receiver, django_capture_on_commit_callbacks
):
    # given
    erp_endpoint.secret_key = ""
    erp_endpoint.save()

    # when
    emit_committed(django_capture_on_commit_callbacks, create_group("ACME"))

    # then the detached JWS verifies with Saleor's public key (its JWKS)
    [request] = erp_receiver.received
    header = jwt.get_unverified_header(request.headers["Saleor-Signature"])
    assert header["alg"] == "RS256"
    jwt.api_jws.decode(
        request.headers["Saleor-Signature"],
        key=get_jwt_manager().get_public_key(),
        algorithms=["RS256"],
        detached_payload=request.body,
    )


def test_failures_are_retried_with_backoff_then_marked_failed(
    erp_endpoint, erp_receiver, erp_retry_settings, django_capture_on_commit_callbacks
):
    # given the ERP answers 500
    erp_receiver.mode = "error"

    # when
    emit_committed(django_capture_on_commit_callbacks, create_group("ACME"))

    # then one attempt, a retry scheduled after the base delay
    delivery = EventDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code == 500
    assert delivery.last_error == "HTTP 500"
    wait = (delivery.next_retry_at - delivery.updated_at).total_seconds()
    assert 9 < wait <= 10
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [10, 20, 40]

    # when the retries fall due, up to the limit (3)
    for _ in range(2):
        make_due()
        deliver_due_erp_events_task.delay()

    # then
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert delivery.next_retry_at is None
    assert len(erp_receiver.received) == 3
    assert (
        list(delivery.attempt_log.values_list("status_code", "error"))
        == [(500, "HTTP 500")] * 3
    )


def test_refused_connections_and_timeouts_are_logged_and_retried(
    erp_endpoint, erp_receiver, erp_retry_settings, django_capture_on_commit_callbacks
):
    # given nothing listens
    ErpEndpoint.objects.update(target_url=unused_port_url())
    emit_committed(django_capture_on_commit_callbacks, create_group("ACME"))
    # and then the ERP hangs past the timeout
    ErpEndpoint.objects.update(target_url=erp_receiver.url)
    erp_receiver.mode, erp_receiver.hang_seconds = "hang", 2
    make_due()
    deliver_due_erp_events_task.delay()

    # then
    log = list(EventDelivery.objects.get().attempt_log.all())
    assert [entry.status_code for entry in log] == [None, None]
    assert "ConnectionError" in log[0].error
    assert "Timeout" in log[1].error

    # when it is back
    erp_receiver.mode = "ok"
    make_due()
    deliver_due_erp_events_task.delay()

    # then the same event arrives, once more, with the same id
    ids = [r.headers["B2B-Event-Id"] for r in erp_receiver.received]
    assert len(ids) == 2
    assert len(set(ids)) == 1
    assert EventDelivery.objects.get().status == DeliveryStatus.SUCCESS


def test_an_aggregates_next_event_waits_for_the_previous_one(
    erp_endpoint, erp_receiver, erp_retry_settings, django_capture_on_commit_callbacks
):
    # given the first event of an aggregate fails
    one, two = create_group("One"), create_group("Two")
    erp_receiver.mode = "error"
    emit_committed(django_capture_on_commit_callbacks, one)
    erp_receiver.mode = "ok"

    # when the next events of the same aggregate, and of another one, are emitted
    emit_committed(django_capture_on_commit_callbacks, one, "One again")
    emit_committed(django_capture_on_commit_callbacks, two)

    # then the other aggregate is not held up, this one is
    def sent():
        return [
            (e["data"]["group"]["slug"], e["sequence"]) for e in erp_receiver.events()
        ]

    assert sent() == [("one", 1), ("two", 1)]

    # when the retry falls due
    make_due()
    deliver_due_erp_events_task.delay()

    # then 1 then 2, in order
    assert sent() == [("one", 1), ("two", 1), ("one", 1), ("one", 2)]


def test_inactive_endpoint_is_paused_and_gets_everything_once_reactivated(
    erp_endpoint,
    erp_receiver,
    django_capture_on_commit_callbacks,
    staff_api_client,
    permission_manage_apps,
):
    # given
    group = create_group("ACME")
    emit_committed(django_capture_on_commit_callbacks, group)
    erp_endpoint.is_active = False
    erp_endpoint.save()

    # when
    emit_committed(django_capture_on_commit_callbacks, group, "ACME 2")
    deliver_due_erp_events_task.delay()

    # then the second event waits for the endpoint
    assert len(erp_receiver.received) == 1
    waiting = EventDelivery.objects.get(status=DeliveryStatus.PENDING)
    assert waiting.sequence == 2

    # when an admin reactivates it
    staff_api_client.user.user_permissions.add(permission_manage_apps)
    with django_capture_on_commit_callbacks(execute=True):
        staff_api_client.post_graphql(
            """
            mutation ($id: ID!) {
              erpEndpointUpdate(id: $id, input: {isActive: true}) { errors { code } }
            }
            """,
            {"id": graphene.Node.to_global_id("ErpEndpoint", erp_endpoint.pk)},
        )

    # then it gets what it missed
    assert [e["sequence"] for e in erp_receiver.events()] == [1, 2]


def test_redelivery_sends_the_same_event_again(
    erp_endpoint, erp_receiver, django_capture_on_commit_callbacks
):
    # given
    group = create_group("ACME")
    event = emit_committed(django_capture_on_commit_callbacks, group)

    # when
    redeliver(list(EventDelivery.objects.all()))
    aggregate = aggregate_of(group)
    deliver_erp_events_task.delay(erp_endpoint.pk, aggregate.type, aggregate.id)

    # then
    assert [r.headers["B2B-Event-Id"] for r in erp_receiver.received] == [
        str(event.id)
    ] * 2
    delivery = EventDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCESS
    assert delivery.attempt_log.count() == 2
