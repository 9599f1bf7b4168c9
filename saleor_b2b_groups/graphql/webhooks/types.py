from typing import Any

import graphene
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.doc_category import DOC_CATEGORY_WEBHOOKS
from saleor.graphql.core.scalars import JSON, UUID, DateTime
from saleor.graphql.core.types import BaseEnum, ModelObjectType, NonNullList
from saleor.permission.enums import AppPermission

from ... import models
from ...webhooks import DeliveryStatus, ErpEventType
from ...webhooks.error_codes import ErpIntegrationErrorCode
from ..core import ADDED_IN_B2B_01
from .payload_access import can_read_payload

#: Endpoints and deliveries: like Saleor's webhooks, managed with MANAGE_APPS.
PERMISSIONS = (AppPermission.MANAGE_APPS,)

ErpEventTypeEnum: Any = graphene.Enum(
    "ErpEventTypeEnum", [(value.upper(), value) for value in ErpEventType.ALL]
)
ErpEventTypeEnum.doc_category = DOC_CATEGORY_WEBHOOKS  # type: ignore[attr-defined]
ErpIntegrationErrorCodeEnum: Any = graphene.Enum.from_enum(ErpIntegrationErrorCode)
ErpIntegrationErrorCodeEnum.doc_category = DOC_CATEGORY_WEBHOOKS  # type: ignore[attr-defined]


class ErpEventDeliveryStatusEnum(BaseEnum):
    PENDING = DeliveryStatus.PENDING
    SUCCESS = DeliveryStatus.SUCCESS
    FAILED = DeliveryStatus.FAILED

    class Meta:
        doc_category = DOC_CATEGORY_WEBHOOKS


class ErpEndpoint(ModelObjectType[models.ErpEndpoint]):
    id = graphene.GlobalID(required=True, description="ID of the endpoint.")
    name = graphene.String(required=True, description="Name of the endpoint.")
    target_url = graphene.String(required=True, description="Where events are POSTed.")
    events = NonNullList(
        ErpEventTypeEnum,
        required=True,
        description="Event types sent; empty: every type.",
    )
    is_active = graphene.Boolean(
        required=True, description="Inactive: paused; its events wait for it."
    )
    has_secret_key = graphene.Boolean(
        required=True,
        description=(
            "Whether requests are signed with HMAC-SHA256 of the secret (the secret "
            "itself is never returned); otherwise with Saleor's JWS."
        ),
    )
    created_at = DateTime(required=True, description="When it was added.")

    class Meta:
        description = "An ERP endpoint that receives B2B events." + ADDED_IN_B2B_01
        interfaces = [graphene.relay.Node]
        model = models.ErpEndpoint
        doc_category = DOC_CATEGORY_WEBHOOKS

    @staticmethod
    def resolve_has_secret_key(root: models.ErpEndpoint, _info):
        return bool(root.secret_key)


class ErpEvent(graphene.ObjectType):
    id = UUID(required=True, description="The event id: the idempotency key.")
    type = ErpEventTypeEnum(required=True, description="The event type.")
    aggregate_type = graphene.String(required=True, description="What it is about.")
    aggregate_id = graphene.String(required=True, description="Its global ID.")
    sequence = graphene.Int(required=True, description="Number within the aggregate.")
    payload = JSON(
        description=(
            "The `data` of the event; null unless the caller may read that data in "
            "Saleor: MANAGE_USERS for groups and memberships, MANAGE_DISCOUNTS for "
            "price lists, MANAGE_PRODUCTS for a group's catalog rules "
            "(MANAGE_CHANNELS for a channel's), MANAGE_CHECKOUTS for approvals, "
            "MANAGE_ORDERS for orders."
        )
    )
    occurred_at = DateTime(
        required=True, description="When it happened: its change committed."
    )

    class Meta:
        description = "An event of the ERP contract." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_WEBHOOKS

    @staticmethod
    def resolve_type(root: models.OutboxEvent, _info):
        return root.event_type

    @staticmethod
    def resolve_payload(root: models.OutboxEvent, info):
        return root.payload if can_read_payload(info, root) else None

    @staticmethod
    def resolve_occurred_at(root: models.OutboxEvent, _info):
        return root.created_at


class ErpEventDeliveryAttempt(graphene.ObjectType):
    created_at = DateTime(required=True, description="When it was tried.")
    status_code = graphene.Int(description="HTTP status; null when none came back.")
    error = graphene.String(required=True, description="What went wrong, if anything.")
    duration_ms = graphene.Int(required=True, description="How long it took.")
    response_body = graphene.String(required=True, description="Start of the answer.")

    class Meta:
        description = "One HTTP attempt of a delivery." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_WEBHOOKS


class ErpEventDelivery(ModelObjectType[models.EventDelivery]):
    id = graphene.GlobalID(required=True, description="ID of the delivery.")
    event = graphene.Field(ErpEvent, required=True, description="The event.")
    endpoint = graphene.Field(ErpEndpoint, required=True, description="Its endpoint.")
    status = ErpEventDeliveryStatusEnum(required=True, description="Its state.")
    attempts = graphene.Int(required=True, description="Attempts so far.")
    last_status_code = graphene.Int(description="HTTP status of the last attempt.")
    last_error = graphene.String(required=True, description="Error of the last one.")
    next_retry_at = DateTime(description="When the next attempt is due.")
    delivered_at = DateTime(description="When the endpoint accepted it.")
    created_at = DateTime(required=True, description="When it was queued.")
    attempt_log = NonNullList(
        ErpEventDeliveryAttempt, required=True, description="Every attempt."
    )

    class Meta:
        description = "An event's delivery to one endpoint." + ADDED_IN_B2B_01
        interfaces = [graphene.relay.Node]
        model = models.EventDelivery
        doc_category = DOC_CATEGORY_WEBHOOKS

    @staticmethod
    def resolve_attempt_log(root: models.EventDelivery, _info):
        return root.attempt_log.all()


class ErpEventDeliveryCountableConnection(CountableConnection):
    class Meta:
        doc_category = DOC_CATEGORY_WEBHOOKS
        node = ErpEventDelivery
