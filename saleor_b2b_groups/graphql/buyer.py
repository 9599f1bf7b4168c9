"""The buyer of a GraphQL request: ``buyers.context`` with the request's facts."""

from saleor.core.db.connection import allow_writer_in_context
from saleor.graphql.core.context import SaleorContext, get_database_connection_name

from ..buyers.context import BuyerContext, is_built, of_requestor
from .core import loaded_plugin_activity
from .groups.dataloaders import CustomerGroupsInfoByUserIdLoader


def request_buyer(context: SaleorContext) -> BuyerContext | None:
    """The requesting customer's buyer context, when they are a group member.

    None for anonymous visitors, apps, customers in no active group, and whenever
    the plugin is inactive: every caller then keeps Saleor's behaviour unchanged.

    Built once per request (cached on the request's user, see ``buyers.context``)
    with plain queries, not dataloader promises: waiting on a promise in the middle
    of a page would flush the request's dataloader queue and split Saleor's own
    batched queries into one batch per row.
    """
    if getattr(context, "app", None):
        return None
    user = getattr(context, "user", None)
    if not user:  # a lazy object wrapping None for anonymous visitors
        return None
    database = get_database_connection_name(context)
    if is_built(user, database):  # every row of a page after the first
        buyer = of_requestor(user, database)
        return buyer if buyer is not None and buyer.is_member else None
    # In a mutation's payload the database is the writer, which Saleor allows
    # explicitly.
    with allow_writer_in_context(context):
        buyer = of_requestor(
            user, database, known_activity=loaded_plugin_activity(context)
        )
    if buyer is None:  # the plugin is inactive
        return None
    CustomerGroupsInfoByUserIdLoader(context).prime(user.pk, buyer.all_groups)
    return buyer if buyer.is_member else None
