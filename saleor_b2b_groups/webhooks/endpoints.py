"""ERP endpoints and redelivery: every write to them, checked here.

``erpEndpointCreate``/``Update``/``Delete`` and ``erpEventRedeliver`` write through
these functions; the GraphQL layer finds the objects and maps ``EndpointInputError``
to ``ErpIntegrationErrorCode``.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from .delivery import redeliver
from .error_codes import ErpIntegrationErrorCode
from .events import schedule_delivery
from .models import ErpEndpoint, EventDelivery
from .target_url import target_url_problem


class EndpointInputError(ValueError):
    """Refused input: ``problems`` maps each field to (message, code)."""

    def __init__(self, problems: dict[str, tuple[str, ErpIntegrationErrorCode]]):
        super().__init__("; ".join(message for message, _ in problems.values()))
        self.problems = problems


def apply_endpoint_input(endpoint: ErpEndpoint, data: dict[str, Any]) -> None:
    """Set what ``data`` gives on ``endpoint``, or raise ``EndpointInputError``."""
    problems: dict[str, tuple[str, ErpIntegrationErrorCode]] = {}
    creating = endpoint.pk is None
    if "name" in data or creating:
        endpoint.name = (data.get("name") or "").strip()
        if not endpoint.name:
            problems["name"] = ("Name is required.", ErpIntegrationErrorCode.REQUIRED)
    if "target_url" in data or creating:
        url = (data.get("target_url") or "").strip()
        if problem := target_url_problem(url):
            problems["target_url"] = problem
        endpoint.target_url = url
    if "secret_key" in data:
        endpoint.secret_key = data["secret_key"] or ""
    if "events" in data:
        endpoint.events = sorted(set(data["events"] or []))
    if "is_active" in data:
        if data["is_active"] is None:
            problems["is_active"] = (
                "isActive cannot be null.",
                ErpIntegrationErrorCode.REQUIRED,
            )
        else:
            endpoint.is_active = data["is_active"]
    if problems:
        raise EndpointInputError(problems)


def save_endpoint(endpoint: ErpEndpoint) -> ErpEndpoint:
    """Store the endpoint; an active one resumes its pending deliveries."""
    with transaction.atomic():
        endpoint.save()
        if endpoint.is_active:
            _resume(EventDelivery.objects.filter(endpoint=endpoint))
    return endpoint


def delete_endpoint(endpoint: ErpEndpoint) -> None:
    """Remove the endpoint and its delivery log (its ID stays on the object)."""
    pk = endpoint.pk
    endpoint.delete()
    endpoint.pk = pk


def redeliver_events(deliveries: Iterable[EventDelivery]) -> list[EventDelivery]:
    """Queue deliveries again, with the same event id, in order per aggregate."""
    deliveries = list(deliveries)
    with transaction.atomic():
        redeliver(deliveries)
        _resume(EventDelivery.objects.filter(pk__in=[d.pk for d in deliveries]))
    for delivery in deliveries:
        delivery.refresh_from_db()
    return deliveries


def _resume(deliveries: QuerySet[EventDelivery]) -> None:
    queues = set(
        deliveries.exclude(status="success").values_list(
            "endpoint_id", "aggregate_type", "aggregate_id"
        )
    )
    if queues:
        transaction.on_commit(lambda: schedule_delivery(sorted(queues)))
