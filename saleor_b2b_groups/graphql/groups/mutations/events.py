"""Saleor's own events for changes this package makes to customers."""

from collections.abc import Iterable

from saleor.account.models import User
from saleor.core.utils.events import call_event
from saleor.graphql.core import ResolveInfo
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise


def notify_customers_updated(info: ResolveInfo, user_ids: Iterable[int]) -> None:
    """A membership change is a customer update in Saleor's sense.

    Fires ``customer_updated`` (so ``CUSTOMER_UPDATED`` webhooks) for each customer,
    after the transaction commits.
    """
    user_ids = list(user_ids)
    if not user_ids:
        return
    manager = get_plugin_manager_promise(info.context).get()
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        call_event(manager.customer_updated, user)
