"""The one way to raise an ERP event: ``emit``, inside the change's transaction."""

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import graphene
from django.db import connection, models, transaction

from . import ErpEventType
from .models import ErpEndpoint, EventDelivery, OutboxEvent

#: Aggregate type names for models; others use their model name.
AGGREGATE_TYPES = {
    "customergroup": "customer_group",
    "pricelist": "price_list",
    "order": "order",
    "checkout": "checkout",
}


@dataclass(frozen=True)
class Aggregate:
    """What an event is about: its type and its Relay global ID."""

    type: str
    id: str


def aggregate_of(instance: models.Model | Aggregate) -> Aggregate:
    if isinstance(instance, Aggregate):
        return instance
    type_name = instance.__class__.__name__
    model_name = instance._meta.model_name or type_name.lower()
    return Aggregate(
        AGGREGATE_TYPES.get(model_name, model_name),
        graphene.Node.to_global_id(type_name, instance.pk),
    )


def emit(
    event_type: str, aggregate: models.Model | Aggregate, payload: dict[str, Any]
) -> OutboxEvent:
    """Write an event in the current transaction; deliver it once that commits.

    If the caller's transaction rolls back, the event never existed.
    """
    return emit_many([(event_type, aggregate, payload)])[0]


def emit_many(
    events: Iterable[tuple[str, models.Model | Aggregate, dict[str, Any]]],
) -> list[OutboxEvent]:
    """``emit`` for a batch: a fixed number of queries whatever its size."""
    rows = [(t, aggregate_of(a), p) for t, a, p in events]
    if not rows:
        return []
    for event_type, _, _ in rows:
        if event_type not in ErpEventType.ALL:
            raise ValueError(f"Unknown ERP event type {event_type!r}.")
    # No savepoint: an event that cannot be written fails its change with it.
    with transaction.atomic(savepoint=False):
        last = _allocate_sequences(Counter(aggregate for _, aggregate, _ in rows))
        next_number = {key: value - count for key, (value, count) in last.items()}
        outbox = []
        for event_type, aggregate, payload in rows:
            next_number[aggregate] += 1
            outbox.append(
                OutboxEvent(
                    event_type=event_type,
                    aggregate_type=aggregate.type,
                    aggregate_id=aggregate.id,
                    sequence=next_number[aggregate],
                    payload=payload,
                )
            )
        OutboxEvent.objects.bulk_create(outbox)
        # Inactive endpoints too: deactivating pauses an endpoint, its deliveries
        # wait for it to be active again, so that it never misses an event.
        endpoints = list(ErpEndpoint.objects.all())
        deliveries = [
            EventDelivery(
                event=event,
                endpoint=endpoint,
                aggregate_type=event.aggregate_type,
                aggregate_id=event.aggregate_id,
                sequence=event.sequence,
            )
            for event in outbox
            for endpoint in endpoints
            if endpoint.wants(event.event_type)
        ]
        EventDelivery.objects.bulk_create(deliveries)
    active = {endpoint.pk for endpoint in endpoints if endpoint.is_active}
    queues = sorted(
        {
            (d.endpoint_id, d.aggregate_type, d.aggregate_id)
            for d in deliveries
            if d.endpoint_id in active
        }
    )
    if queues:
        transaction.on_commit(lambda: schedule_delivery(queues))
    return outbox


def _allocate_sequences(
    counts: Counter[Aggregate],
) -> dict[Aggregate, tuple[int, int]]:
    """Bump each aggregate's counter by its count; return (new last, count).

    One upsert in a fixed key order: concurrent emitters of the same aggregate wait
    for each other's commit on the counter row, so numbers follow commit order, and
    fixed lock order rules out deadlocks between batches.
    """
    keys = sorted(counts, key=lambda a: (a.type, a.id))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO saleor_b2b_groups_aggregatesequence
                (aggregate_type, aggregate_id, last_sequence)
            SELECT * FROM unnest(%s::varchar[], %s::varchar[], %s::bigint[])
            ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE
                SET last_sequence = saleor_b2b_groups_aggregatesequence.last_sequence
                    + EXCLUDED.last_sequence
            RETURNING aggregate_type, aggregate_id, last_sequence
            """,
            [
                [a.type for a in keys],
                [a.id for a in keys],
                [counts[a] for a in keys],
            ],
        )
        returned = cursor.fetchall()
    return {Aggregate(t, i): (last, counts[Aggregate(t, i)]) for t, i, last in returned}


def schedule_delivery(queues: Iterable[tuple[int, str, str]]) -> None:
    from .tasks import deliver_erp_events_task

    for endpoint_id, aggregate_type, aggregate_id in queues:
        deliver_erp_events_task.delay(endpoint_id, aggregate_type, aggregate_id)


def queue_lock_key(endpoint_id: int, aggregate_type: str, aggregate_id: str) -> int:
    """A 64-bit advisory lock key for one endpoint's queue of one aggregate."""
    digest = hashlib.blake2b(
        f"b2b-erp:{endpoint_id}:{aggregate_type}:{aggregate_id}".encode(),
        digest_size=8,
    ).digest()
    return int.from_bytes(digest, "big", signed=True)
