import graphene
from saleor.graphql.core import ResolveInfo

from .... import models
from ....webhooks import endpoints
from ...core import ADDED_IN_B2B_01
from ...lookups import get_or_error
from .base import CODES, EndpointMutation


class ErpEndpointDelete(EndpointMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the endpoint.")

    class Meta:
        description = "Removes an ERP endpoint and its delivery log." + ADDED_IN_B2B_01

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id):  # type: ignore[override]
        endpoint = get_or_error(models.ErpEndpoint, CODES, id=id)
        endpoints.delete_endpoint(endpoint)
        return cls(erp_endpoint=endpoint)
