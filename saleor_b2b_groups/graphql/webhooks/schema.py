"""ERP endpoints, the delivery log and redelivery: staff and apps with MANAGE_APPS."""

import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.connection import create_connection_slice
from saleor.graphql.core.context import get_database_connection_name
from saleor.graphql.core.doc_category import DOC_CATEGORY_WEBHOOKS
from saleor.graphql.core.fields import ConnectionField, PermissionsField
from saleor.graphql.core.scalars import UUID
from saleor.graphql.core.types import BaseInputObjectType, NonNullList
from saleor.graphql.core.utils import from_global_id_or_error

from ... import models
from ..core import ADDED_IN_B2B_01
from .mutations import (
    ErpEndpointCreate,
    ErpEndpointDelete,
    ErpEndpointUpdate,
    ErpEventRedeliver,
)
from .types import (
    PERMISSIONS,
    ErpEndpoint,
    ErpEventDeliveryCountableConnection,
    ErpEventDeliveryStatusEnum,
    ErpEventTypeEnum,
)


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
