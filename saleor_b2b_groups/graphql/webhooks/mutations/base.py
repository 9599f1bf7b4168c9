"""What the ERP integration mutations share: errors, the endpoint input, look-ups."""

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.doc_category import DOC_CATEGORY_WEBHOOKS
from saleor.graphql.core.types import BaseInputObjectType, Error, NonNullList

from ....webhooks.endpoints import EndpointInputError
from ....webhooks.error_codes import ErpIntegrationErrorCode
from ...lookups import error
from ...mutation_base import FeatureMutation
from ..types import (
    PERMISSIONS,
    ErpEndpoint,
    ErpEventTypeEnum,
    ErpIntegrationErrorCodeEnum,
)


class ErpIntegrationError(Error):
    code = ErpIntegrationErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        doc_category = DOC_CATEGORY_WEBHOOKS


class ErpIntegrationMutation(FeatureMutation):
    """What every ERP integration mutation shares (see ``FeatureMutation``)."""

    DEFAULTS = {
        "doc_category": DOC_CATEGORY_WEBHOOKS,
        "permissions": PERMISSIONS,
        "error_type_class": ErpIntegrationError,
        "error_type_field": "erp_integration_errors",
    }

    class Meta:
        abstract = True


class EndpointMutation(ErpIntegrationMutation):
    erp_endpoint = graphene.Field(ErpEndpoint, description="The endpoint.")

    class Meta:
        abstract = True


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


def as_validation_error(e: EndpointInputError) -> ValidationError:
    return ValidationError(
        {field: error(message, code) for field, (message, code) in e.problems.items()}
    )


CODES = ErpIntegrationErrorCode
