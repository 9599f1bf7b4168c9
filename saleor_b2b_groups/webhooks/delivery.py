"""Sending an endpoint's events, one aggregate at a time, in sequence order."""

import json
import os
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from requests import RequestException
from saleor.app.headers import AppHeaders
from saleor.core.http_client import HTTPClient
from saleor.core.utils import build_absolute_uri

from . import DeliveryStatus
from .events import queue_lock_key
from .models import DeliveryAttempt, ErpEndpoint, EventDelivery, OutboxEvent
from .signing import sign

EVENT_ID_HEADER = "B2B-Event-Id"
SEQUENCE_HEADER = "B2B-Sequence"
AGGREGATE_HEADER = "B2B-Aggregate"
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_LOGGED_BODY = 1000
#: ``version`` of the envelope: bumped only by an incompatible change.
ENVELOPE_VERSION = 1

DEFAULTS = {
    # attempts before a delivery is marked failed
    "B2B_ERP_MAX_ATTEMPTS": 12,
    # first retry after this many seconds, doubling each time ...
    "B2B_ERP_RETRY_BASE_SECONDS": 10.0,
    # ... up to this
    "B2B_ERP_RETRY_MAX_SECONDS": 3600.0,
    # HTTP timeout of one attempt
    "B2B_ERP_TIMEOUT": None,  # unset: Saleor's WEBHOOK_TIMEOUT
}


def _configured(name: str):
    value = getattr(settings, name, None)
    if value is None or value == "":
        value = os.environ.get(name) or None
    return value


def config(name: str) -> float:
    """A Django setting, else an environment variable, else the default."""
    value = _configured(name)
    return float(DEFAULTS[name] if value is None else value)  # type: ignore[arg-type]


def timeout() -> float | tuple[float, float]:
    """Of one attempt: ``B2B_ERP_TIMEOUT`` seconds, else Saleor's webhook timeout."""
    if _configured("B2B_ERP_TIMEOUT") is not None:
        return config("B2B_ERP_TIMEOUT")
    return settings.WEBHOOK_TIMEOUT


def backoff_seconds(attempts: int) -> float:
    """Exponential: base, 2*base, 4*base, ... capped."""
    base = config("B2B_ERP_RETRY_BASE_SECONDS")
    return min(base * 2 ** max(attempts - 1, 0), config("B2B_ERP_RETRY_MAX_SECONDS"))


def envelope(event: OutboxEvent) -> dict:
    """The body every endpoint receives: see ``schemas/envelope.json``."""
    return {
        "id": str(event.id),
        "type": event.event_type,
        "version": ENVELOPE_VERSION,
        "occurredAt": event.created_at.isoformat(),
        "aggregate": {"type": event.aggregate_type, "id": event.aggregate_id},
        "sequence": event.sequence,
        "data": event.payload,
    }


@dataclass
class Outcome:
    status_code: int | None
    error: str
    body: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def send(endpoint: ErpEndpoint, event: OutboxEvent) -> Outcome:
    body = json.dumps(envelope(event)).encode()
    domain = Site.objects.get_current().domain
    headers = {
        "Content-Type": "application/json",
        AppHeaders.EVENT_TYPE: event.event_type,
        AppHeaders.DOMAIN: domain,
        AppHeaders.SIGNATURE: sign(body, endpoint.secret_key),
        AppHeaders.API_URL: build_absolute_uri(reverse("api"), domain),
        EVENT_ID_HEADER: str(event.id),
        IDEMPOTENCY_HEADER: str(event.id),
        SEQUENCE_HEADER: str(event.sequence),
        AGGREGATE_HEADER: f"{event.aggregate_type}:{event.aggregate_id}",
    }
    started = time.monotonic()
    try:
        response = HTTPClient.send_request(
            "POST",
            endpoint.target_url,
            data=body,
            headers=headers,
            timeout=timeout(),
            allow_redirects=False,
        )
    except RequestException as e:  # refused, timed out, SSRF filter: all retried
        return Outcome(None, f"{type(e).__name__}: {e}"[:2000], "", _ms(started))
    error = "" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
    return Outcome(
        response.status_code, error, response.text[:MAX_LOGGED_BODY], _ms(started)
    )


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def deliver_queue(
    endpoint_id: int, aggregate_type: str, aggregate_id: str
) -> float | None:
    """Send an aggregate's undelivered events to one endpoint, oldest first.

    Stops at the first failure: event n+1 never goes before n is delivered. Returns
    the seconds until a retry is due, or None when nothing is left to schedule (all
    sent, not due yet, failed for good, or another worker holds the queue: it will
    see anything new, since it re-reads the queue until empty).
    """
    key = queue_lock_key(endpoint_id, aggregate_type, aggregate_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (locked,) = cursor.fetchone()
    if not locked:
        return 1.0  # the holder may be past its last read: look again shortly
    try:
        return _drain(endpoint_id, aggregate_type, aggregate_id)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _drain(endpoint_id: int, aggregate_type: str, aggregate_id: str) -> float | None:
    endpoint = ErpEndpoint.objects.filter(pk=endpoint_id, is_active=True).first()
    if endpoint is None:
        return None
    max_attempts = int(config("B2B_ERP_MAX_ATTEMPTS"))
    while True:
        delivery = (
            EventDelivery.objects.filter(
                endpoint_id=endpoint_id,
                aggregate_type=aggregate_type,
                aggregate_id=aggregate_id,
            )
            .exclude(status=DeliveryStatus.SUCCESS)
            .select_related("event")
            .order_by("sequence")
            .first()
        )
        if delivery is None or delivery.status == DeliveryStatus.FAILED:
            return None  # done, or blocked until the failed one is redelivered
        now = timezone.now()
        if delivery.next_retry_at and delivery.next_retry_at > now:
            return None  # its retry is scheduled already
        outcome = send(endpoint, delivery.event)
        now = timezone.now()
        DeliveryAttempt.objects.create(
            delivery=delivery,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
            response_body=outcome.body,
        )
        delivery.attempts += 1
        delivery.last_status_code = outcome.status_code
        delivery.last_error = outcome.error
        if outcome.ok:
            delivery.status = DeliveryStatus.SUCCESS
            delivery.delivered_at = now
            delivery.next_retry_at = None
            delivery.save()
            continue
        if delivery.attempts >= max_attempts:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_retry_at = None
            delivery.save()
            return None
        wait = backoff_seconds(delivery.attempts)
        delivery.next_retry_at = now + timedelta(seconds=wait)
        delivery.save()
        return wait


def due_queues(limit: int = 1000) -> list[tuple[int, str, str]]:
    """Queues with a pending delivery that is due: for the periodic sweep."""
    now = timezone.now()
    rows = (
        EventDelivery.objects.filter(
            status=DeliveryStatus.PENDING, endpoint__is_active=True
        )
        .exclude(next_retry_at__gt=now)
        .values_list("endpoint_id", "aggregate_type", "aggregate_id")
        .distinct()
        .order_by()[:limit]
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def redeliver(deliveries: list[EventDelivery]) -> None:
    """Send again now, whatever the state (a receiver deduplicates on the id)."""
    EventDelivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
        status=DeliveryStatus.PENDING, next_retry_at=None, attempts=0
    )
