"""Saleor's own events for changes this package makes to customers."""

from collections.abc import Iterable

from saleor.account.models import User
from saleor.core.utils.events import call_event
from saleor.plugins.manager import PluginsManager
from saleor.webhook.event_types import WebhookEventAsyncType
from saleor.webhook.utils import get_webhooks_for_event


def customers_updated(manager: PluginsManager, user_ids: Iterable[int]) -> None:
    """A membership change is a customer update in Saleor's sense.

    Fires ``customer_updated`` (so ``CUSTOMER_UPDATED`` webhooks) for each customer,
    after the transaction commits; the subscribed webhooks are looked up once, as
    Saleor's own ``customerBulkUpdate`` does.
    """
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return
    webhooks = get_webhooks_for_event(WebhookEventAsyncType.CUSTOMER_UPDATED)
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        call_event(manager.customer_updated, user, webhooks=webhooks)
