from collections.abc import Iterable
from uuid import UUID

from saleor.graphql.core.dataloaders import DataLoader
from saleor.order.models import Order

from ...approvals import ApprovalStatus
from ...approvals.fetch import fetch_views
from ...approvals.models import CheckoutApproval
from ...approvals.state import ApprovalView


class ApprovalViewByApprovalLoader(DataLoader[CheckoutApproval, ApprovalView]):
    """The state of each request of a page: a fixed number of queries."""

    context_key = "b2b_approval_view_by_approval"

    def batch_load(self, keys: Iterable[CheckoutApproval]):
        keys = list(keys)
        views = fetch_views(keys, self.database_connection_name)
        return [views[key.pk] for key in keys]


class CheckoutApprovalByIdLoader(DataLoader[int, CheckoutApproval | None]):
    context_key = "b2b_checkout_approval_by_id"

    def batch_load(self, keys: Iterable[int]):
        approvals = (
            CheckoutApproval.objects.using(self.database_connection_name)
            .select_related("group")
            .in_bulk(keys)
        )
        return [approvals.get(key) for key in keys]


class OrderApprovalByCheckoutTokenLoader(DataLoader[str, CheckoutApproval | None]):
    """The approved request an order was placed with (its checkout's token)."""

    context_key = "b2b_order_approval_by_checkout_token"

    def batch_load(self, keys: Iterable[str]):
        keys = list(keys)
        tokens = []
        for key in keys:
            try:
                tokens.append(UUID(key))
            except ValueError:
                continue
        approvals: dict[str, CheckoutApproval] = {}
        for approval in (
            CheckoutApproval.objects.using(self.database_connection_name)
            .filter(checkout_token__in=tokens, status=ApprovalStatus.APPROVED)
            .select_related("group")
            .order_by("requested_at", "pk")
        ):
            approvals[str(approval.checkout_token)] = approval
        return [approvals.get(key) for key in keys]


class OrderByCheckoutTokenLoader(DataLoader[str, Order | None]):
    """The order placed from a checkout (non-draft), by the checkout's token."""

    context_key = "b2b_order_by_checkout_token"

    def batch_load(self, keys: Iterable[str]):
        keys = list(keys)
        orders = {
            order.checkout_token: order
            for order in Order.objects.using(self.database_connection_name)
            .non_draft()
            .filter(checkout_token__in=keys)
        }
        return [orders.get(key) for key in keys]
