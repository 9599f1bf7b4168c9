from saleor.graphql.core import ResolveInfo

from .... import models
from ....webhooks import endpoints
from ...core import ADDED_IN_B2B_01
from .base import EndpointMutation, ErpEndpointInput, as_validation_error


class ErpEndpointCreate(EndpointMutation):
    class Arguments:
        input = ErpEndpointInput(required=True, description="The endpoint.")

    class Meta:
        description = "Adds an ERP endpoint; it gets events from now on." + (
            ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, input):  # type: ignore[override]
        endpoint = models.ErpEndpoint()
        try:
            endpoints.apply_endpoint_input(endpoint, input)
        except endpoints.EndpointInputError as e:
            raise as_validation_error(e) from e
        return cls(erp_endpoint=endpoints.save_endpoint(endpoint))
