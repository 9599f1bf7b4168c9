import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.types import NonNullList

from .... import ids, models
from ....webhooks import endpoints
from ...core import ADDED_IN_B2B_01
from ...lookups import field_error
from ..types import ErpEventDelivery
from .base import CODES, ErpIntegrationMutation


def deliveries_or_error(global_ids: list[str]) -> list[models.EventDelivery]:
    """Every delivery named, in order; one unknown or malformed ID refuses all."""
    try:
        pks = [ids.pk_of(gid, "ErpEventDelivery") for gid in global_ids]
    except ids.InvalidId as e:
        raise field_error("ids", str(e), CODES.GRAPHQL_ERROR) from e
    found = models.EventDelivery.objects.in_bulk(pks)
    if missing := [
        gid for gid, pk in zip(global_ids, pks, strict=True) if pk not in found
    ]:
        message = f"ErpEventDelivery not found: {', '.join(missing)}."
        raise field_error("ids", message, CODES.NOT_FOUND)
    return [found[pk] for pk in pks]


class ErpEventRedeliver(ErpIntegrationMutation):
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

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, ids):  # type: ignore[override]
        deliveries = endpoints.redeliver_events(deliveries_or_error(ids))
        return cls(deliveries=deliveries)
