"""Who is asking, in approval terms, once per request."""

from saleor.app.models import App
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import SaleorContext, get_database_connection_name
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.permission.enums import CheckoutPermissions

from ...approvals.eligibility import Actor
from ...buyers.context import of_customer

_CACHE_ATTRIBUTE = "_b2b_approval_actor"


def request_actor(context: SaleorContext) -> Actor | None:
    """The request's user or app; None for anonymous visitors."""
    if hasattr(context, _CACHE_ATTRIBUTE):
        return getattr(context, _CACHE_ATTRIBUTE)
    actor = _resolve(context)
    setattr(context, _CACHE_ATTRIBUTE, actor)
    return actor


def _resolve(context: SaleorContext) -> Actor | None:
    requestor = get_user_or_app_from_context(context)
    if not requestor:  # anonymous: a lazy object wrapping None
        return None
    manages = requestor.has_perm(CheckoutPermissions.MANAGE_CHECKOUTS)
    if isinstance(requestor, App):
        return Actor(app_id=requestor.pk, manages_checkouts=manages)
    groups = of_customer(
        requestor.pk, get_database_connection_name(context)
    ).all_groups  # an approver decides for every group they are in
    return Actor(
        user_id=requestor.pk,
        groups=groups if groups.is_member else None,
        manages_checkouts=manages,
    )


def viewer_is_staff(info: ResolveInfo) -> bool:
    """Staff users and apps see who on the staff decided."""
    requestor = get_user_or_app_from_context(info.context)
    return isinstance(requestor, App) or bool(requestor and requestor.is_staff)
