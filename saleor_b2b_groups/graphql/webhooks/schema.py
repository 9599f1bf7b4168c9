"""ERP endpoints, the delivery log and redelivery: staff and apps with MANAGE_APPS."""

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import create_connection_slice
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_WEBHOOKS
from saleor.graphql.core.fields import ConnectionField, PermissionsField
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.scalars import UUID
from saleor.graphql.core.types import BaseInputObjectType, Error, NonNullList
from saleor.graphql.core.utils import from_global_id_or_error

from ... import models
from ...webhooks.delivery import redeliver
from ...webhooks.error_codes import ErpIntegrationErrorCode
from ...webhooks.events import schedule_delivery
from ...webhooks.target_url import target_url_problem
from ..core import ADDED_IN_B2B_01
from .types import (
    PERMISSIONS,
    ErpEndpoint,
    ErpEventDelivery,
    ErpEventDeliveryCountableConnection,
    ErpEventDeliveryStatusEnum,
    ErpEventTypeEnum,
    ErpIntegrationErrorCodeEnum,
)


class ErpIntegrationError(Error):
    code = ErpIntegrationErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        doc_category = DOC_CATEGORY_WEBHOOKS


def error(message: str, code: ErpIntegrationErrorCode) -> ValidationError:
    return ValidationError(message, code=code.value)


def get_or_error(model, type_name: str, global_id: str, field: str = "id"):
    try:
        _, pk = from_global_id_or_error(global_id, type_name, raise_error=True)
        instance = model.objects.filter(pk=pk).first()
    except Exception as e:
        raise ValidationError(
            {field: error(str(e), ErpIntegrationErrorCode.GRAPHQL_ERROR)}
        ) from e
    if instance is None:
        raise ValidationError(
            {field: error(f"{type_name} not found.", ErpIntegrationErrorCode.NOT_FOUND)}
        )
    return instance


class ErpEndpointInput(BaseInputObjectType):
    name = graphene.String(description="Name of the endpoint.")
    target_url = graphene.String(
        description=(
            "HTTP(S) URL events are POSTed to; a host Saleor's HTTP IP filter "
            "refuses (loopback, link-local, private) is refused: FORBIDDEN_ADDRESS."
        )
    )
    secret_key = graphene.String(
        description="HMAC-SHA256 key of `Saleor-Signature`; write-only. Empty: JWS."
    )
    events = NonNullList(ErpEventTypeEnum, description="Types to send; empty: all.")
    is_active = graphene.Boolean(
        description="Inactive: paused; events are queued and sent once active."
    )

    class Meta:
        doc_category = DOC_CATEGORY_WEBHOOKS


def clean_endpoint_input(endpoint: models.ErpEndpoint, data: dict) -> None:
    errors: dict[str, ValidationError] = {}
    creating = endpoint.pk is None
    if "name" in data or creating:
        endpoint.name = (data.get("name") or "").strip()
        if not endpoint.name:
            errors["name"] = error(
                "Name is required.", ErpIntegrationErrorCode.REQUIRED
            )
    if "target_url" in data or creating:
        url = (data.get("target_url") or "").strip()
        if problem := target_url_problem(url):
            errors["target_url"] = error(*problem)
        endpoint.target_url = url
    if "secret_key" in data:
        endpoint.secret_key = data["secret_key"] or ""
    if "events" in data:
        endpoint.events = sorted(set(data["events"] or []))
    if "is_active" in data:
        if data["is_active"] is None:
            errors["is_active"] = error(
                "isActive cannot be null.", ErpIntegrationErrorCode.REQUIRED
            )
        else:
            endpoint.is_active = data["is_active"]
    if errors:
        raise ValidationError(errors)


class EndpointMutation(BaseMutation):
    erp_endpoint = graphene.Field(ErpEndpoint, description="The endpoint.")

    class Meta:
        abstract = True


class ErpEndpointCreate(EndpointMutation):
    class Arguments:
        input = ErpEndpointInput(required=True, description="The endpoint.")

    class Meta:
        description = "Adds an ERP endpoint; it gets events from now on." + (
            ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_WEBHOOKS
        permissions = PERMISSIONS
        error_type_class = ErpIntegrationError
        error_type_field = "erp_integration_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, input):  # type: ignore[override]
        endpoint = models.ErpEndpoint()
        clean_endpoint_input(endpoint, input)
        endpoint.save()
        return cls(erp_endpoint=endpoint)


class ErpEndpointUpdate(EndpointMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the endpoint.")
        input = ErpEndpointInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Changes an ERP endpoint. Reactivating it resumes its pending deliveries."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_WEBHOOKS
        permissions = PERMISSIONS
        error_type_class = ErpIntegrationError
        error_type_field = "erp_integration_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id, input):  # type: ignore[override]
        endpoint = get_or_error(models.ErpEndpoint, "ErpEndpoint", id)
        clean_endpoint_input(endpoint, input)
        endpoint.save()
        if endpoint.is_active:
            _resume(models.EventDelivery.objects.filter(endpoint=endpoint))
        return cls(erp_endpoint=endpoint)


class ErpEndpointDelete(EndpointMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the endpoint.")

    class Meta:
        description = "Removes an ERP endpoint and its delivery log." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_WEBHOOKS
        permissions = PERMISSIONS
        error_type_class = ErpIntegrationError
        error_type_field = "erp_integration_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id):  # type: ignore[override]
        endpoint = get_or_error(models.ErpEndpoint, "ErpEndpoint", id)
        pk = endpoint.pk
        endpoint.delete()
        endpoint.pk = pk
        return cls(erp_endpoint=endpoint)


def _resume(deliveries) -> None:
    queues = set(
        deliveries.exclude(status="success").values_list(
            "endpoint_id", "aggregate_type", "aggregate_id"
        )
    )
    if queues:
        transaction.on_commit(lambda: schedule_delivery(sorted(queues)))


class ErpEventRedeliver(BaseMutation):
    deliveries = NonNullList(
        ErpEventDelivery, required=True, description="The deliveries, queued again."
    )

    class Arguments:
        ids = NonNullList(
            graphene.ID, required=True, description="IDs of the deliveries."
        )

    class Meta:
        description = (
            "Sends events again, with the same event id, in sequence order per "
            "aggregate; a failed delivery stops later events of its aggregate to its "
            "endpoint until it is redelivered." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_WEBHOOKS
        permissions = PERMISSIONS
        error_type_class = ErpIntegrationError
        error_type_field = "erp_integration_errors"

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, ids):  # type: ignore[override]
        deliveries = [
            get_or_error(models.EventDelivery, "ErpEventDelivery", gid, "ids")
            for gid in ids
        ]
        with transaction.atomic():
            redeliver(deliveries)
            _resume(
                models.EventDelivery.objects.filter(pk__in=[d.pk for d in deliveries])
            )
        for delivery in deliveries:
            delivery.refresh_from_db()
        return cls(deliveries=deliveries)


class ErpEventDeliveryFilterInput(BaseInputObjectType):
    status = ErpEventDeliveryStatusEnum(description="Deliveries in this state.")
    endpoint = graphene.ID(description="Deliveries to this endpoint.")
    event_type = ErpEventTypeEnum(description="Deliveries of this event type.")
    aggregate_id = graphene.String(description="Deliveries about this object (ID).")
    event_id = UUID(description="Deliveries of this event.")

    class Meta:
        doc_category = DOC_CATEGORY_WEBHOOKS


class ErpIntegrationQueries(graphene.ObjectType):
    erp_endpoints = PermissionsField(
        NonNullList(ErpEndpoint),
        description="Every ERP endpoint." + ADDED_IN_B2B_01,
        permissions=list(PERMISSIONS),
        doc_category=DOC_CATEGORY_WEBHOOKS,
    )
    erp_event_deliveries = ConnectionField(
        ErpEventDeliveryCountableConnection,
        filter=ErpEventDeliveryFilterInput(description="Filtering options."),
        description="The delivery log, oldest first." + ADDED_IN_B2B_01,
        permissions=list(PERMISSIONS),
        doc_category=DOC_CATEGORY_WEBHOOKS,
    )

    @staticmethod
    def resolve_erp_endpoints(_root, info: ResolveInfo):
        return models.ErpEndpoint.objects.using(
            get_database_connection_name(info.context)
        ).all()

    @staticmethod
    def resolve_erp_event_deliveries(_root, info: ResolveInfo, **kwargs):
        qs = (
            models.EventDelivery.objects.using(
                get_database_connection_name(info.context)
            )
            .select_related("event", "endpoint")
            .prefetch_related("attempt_log")
        )
        filters = kwargs.get("filter") or {}
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        if filters.get("endpoint"):
            _, pk = from_global_id_or_error(
                filters["endpoint"], "ErpEndpoint", raise_error=True
            )
            qs = qs.filter(endpoint_id=int(pk)) if str(pk).isdigit() else qs.none()
        if filters.get("event_type"):
            qs = qs.filter(event__event_type=filters["event_type"])
        if filters.get("aggregate_id"):
            qs = qs.filter(aggregate_id=filters["aggregate_id"])
        if filters.get("event_id"):
            qs = qs.filter(event_id=filters["event_id"])
        return create_connection_slice(
            qs, info, kwargs, ErpEventDeliveryCountableConnection
        )


class ErpIntegrationMutations(graphene.ObjectType):
    erp_endpoint_create = ErpEndpointCreate.Field()
    erp_endpoint_update = ErpEndpointUpdate.Field()
    erp_endpoint_delete = ErpEndpointDelete.Field()
    erp_event_redeliver = ErpEventRedeliver.Field()
