import graphene
from saleor.graphql.core import ResolveInfo

from .... import models
from ....webhooks import endpoints
from ...core import ADDED_IN_B2B_01
from ...lookups import get_or_error
from .base import CODES, EndpointMutation, ErpEndpointInput, as_validation_error


class ErpEndpointUpdate(EndpointMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the endpoint.")
        input = ErpEndpointInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Changes an ERP endpoint. Reactivating it resumes its pending deliveries."
            + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id, input):  # type: ignore[override]
        endpoint = get_or_error(models.ErpEndpoint, CODES, id=id)
        try:
            endpoints.apply_endpoint_input(endpoint, input)
        except endpoints.EndpointInputError as e:
            raise as_validation_error(e) from e
        return cls(erp_endpoint=endpoints.save_endpoint(endpoint))
