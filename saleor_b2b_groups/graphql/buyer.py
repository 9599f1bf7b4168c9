"""Who the buyer of a GraphQL request is, in group terms: once per request."""

from saleor.core.db.connection import allow_writer_in_context
from saleor.graphql.core.context import SaleorContext, get_database_connection_name

from ..groups.fetch import CustomerGroupsInfo
from ..requestor import customer_groups_of
from .core import loaded_plugin_activity
from .groups.dataloaders import CustomerGroupsInfoByUserIdLoader

_CACHE_ATTRIBUTE = "_b2b_buyer_groups"


def buyer_groups(context: SaleorContext) -> CustomerGroupsInfo | None:
    """The requesting customer's effective groups; None when no group applies.

    None for anonymous visitors, apps, customers in no active group, and whenever
    the plugin is inactive: every caller then keeps Saleor's behaviour unchanged.

    Resolved once per request with plain queries, not dataloader promises: waiting on
    a promise in the middle of a page would flush the request's dataloader queue and
    split Saleor's own batched queries into one batch per row.
    """
    if hasattr(context, _CACHE_ATTRIBUTE):
        return getattr(context, _CACHE_ATTRIBUTE)
    info = _resolve(context)
    setattr(context, _CACHE_ATTRIBUTE, info)
    return info


def _resolve(context: SaleorContext) -> CustomerGroupsInfo | None:
    if getattr(context, "app", None):
        return None
    user = getattr(context, "user", None)
    if not user:  # a lazy object wrapping None for anonymous visitors
        return None
    # Shared with visibility, which may have asked first for the same user. In a
    # mutation's payload the database is the writer, which Saleor allows explicitly.
    with allow_writer_in_context(context):
        info = customer_groups_of(
            user,
            get_database_connection_name(context),
            known_activity=loaded_plugin_activity(context),
        )
    if info is None:  # the plugin is inactive
        return None
    CustomerGroupsInfoByUserIdLoader(context).prime(user.pk, info)
    return info if info.is_member else None
