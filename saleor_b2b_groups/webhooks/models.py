import uuid

from django.contrib.postgres.fields import ArrayField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from . import DeliveryStatus, ErpEventType


class AggregateSequence(models.Model):
    """The last sequence number given to an aggregate's events.

    One row per aggregate, bumped with ``INSERT ... ON CONFLICT DO UPDATE`` in the
    emitting transaction: concurrent changes of one aggregate serialise on this row,
    so numbers are gap-free and in commit order.
    """

    aggregate_type = models.CharField(max_length=64)
    aggregate_id = models.CharField(max_length=255)
    last_sequence = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["aggregate_type", "aggregate_id"],
                name="erp_aggregatesequence_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.aggregate_type}:{self.aggregate_id}={self.last_sequence}"


class OutboxEvent(models.Model):
    """An event, written in the same transaction as the change it reports.

    ``id`` is the idempotency key the receiver deduplicates on: a redelivery carries
    the same id.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=64, choices=ErpEventType.CHOICES)
    aggregate_type = models.CharField(max_length=64)
    aggregate_id = models.CharField(max_length=255)
    sequence = models.PositiveBigIntegerField()
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("created_at", "sequence")
        constraints = [
            models.UniqueConstraint(
                fields=["aggregate_type", "aggregate_id", "sequence"],
                name="erp_outboxevent_sequence_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.aggregate_id}#{self.sequence}"


class ErpEndpoint(models.Model):
    """Where events go. ``secret_key`` is write-only in the API."""

    name = models.CharField(max_length=255)
    target_url = models.URLField(max_length=2048)
    #: HMAC-SHA256 key of ``Saleor-Signature``; empty: a JWS signed with Saleor's key.
    secret_key = models.CharField(max_length=255, blank=True, default="")
    #: Event types sent to this endpoint; empty: every type.
    events = ArrayField(
        models.CharField(max_length=64, choices=ErpEventType.CHOICES),
        default=list,
        blank=True,
    )
    #: Inactive: paused. Its events are still queued, and sent once it is active.
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name

    def wants(self, event_type: str) -> bool:
        """Whether events of this type are queued for this endpoint."""
        return not self.events or event_type in self.events


class EventDelivery(models.Model):
    """One event to one endpoint: its state and retry schedule."""

    event = models.ForeignKey(
        OutboxEvent, related_name="deliveries", on_delete=models.CASCADE
    )
    endpoint = models.ForeignKey(
        ErpEndpoint, related_name="deliveries", on_delete=models.CASCADE
    )
    #: Copied from the event, so that "the next one for this aggregate" is one index.
    aggregate_type = models.CharField(max_length=64)
    aggregate_id = models.CharField(max_length=255)
    sequence = models.PositiveBigIntegerField()
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.CHOICES, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    next_retry_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "endpoint"], name="erp_eventdelivery_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["endpoint", "aggregate_type", "aggregate_id", "sequence"],
                name="erp_delivery_queue_idx",
                condition=~models.Q(status=DeliveryStatus.SUCCESS),
            ),
            models.Index(
                fields=["status", "next_retry_at"], name="erp_delivery_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} to {self.endpoint_id}: {self.status}"


class DeliveryAttempt(models.Model):
    """The log of every HTTP attempt of a delivery."""

    delivery = models.ForeignKey(
        EventDelivery, related_name="attempt_log", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    duration_ms = models.PositiveIntegerField(default=0)
    response_body = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.delivery_id}: {self.status_code or self.error}"
