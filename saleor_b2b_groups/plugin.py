from typing import Any

from saleor.checkout.fetch import CheckoutInfo, CheckoutLineInfo
from saleor.payment import TransactionAction
from saleor.plugins.base_plugin import BasePlugin

from . import PLUGIN_ID
from .credit.orders import order_cancelled as credit_order_cancelled
from .credit.orders import order_created as credit_order_created
from .credit.orders import transaction_action_requested
from .order_creation import run_checks
from .segments.tasks import customers_with_default_address, schedule_customers
from .selfservice.orders import record_order_group
from .webhooks.orders import emit_order_placed


class CustomerGroupsPlugin(BasePlugin):
    """Switches saleor-b2b-groups on and off, globally.

    Inactive (the default until an admin activates it with ``pluginUpdate``), every
    Saleor behaviour is unchanged: Saleor does not call an inactive plugin's hooks,
    and every other entry point asks ``activation.is_plugin_active`` first.
    """

    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "B2B customer groups"
    PLUGIN_DESCRIPTION = (
        "Customer group hierarchy, group pricing, catalog visibility and checkout "
        "approvals for B2B buyers."
    )
    CONFIGURATION_PER_CHANNEL = False
    DEFAULT_ACTIVE = False
    DEFAULT_CONFIGURATION: list[dict] = []
    CONFIG_STRUCTURE: dict = {}

    def preprocess_order_creation(
        self,
        checkout_info: CheckoutInfo,
        lines: list[CheckoutLineInfo] | None,
        previous_value: Any,
    ) -> Any:
        """The last word before an order exists: see ``order_creation``."""
        run_checks(checkout_info, lines or [])
        return previous_value

    def order_created(  # type: ignore[override]
        self, order: Any, previous_value: Any, **_kwargs
    ) -> Any:
        """An order placed by a group member remembers the group it was bought for
        (selfservice.orders), turns its credit hold into a charge (credit.orders),
        goes to the ERP (webhooks.orders), and its customer's segments are
        recomputed (purchase history changed)."""
        record_order_group(order)
        credit_order_created(order)
        emit_order_placed(order)
        schedule_customers([order.user_id])
        return previous_value

    # Segments: what a membership rule reads changed; recompute that customer
    # (segments.tasks, debounced, after the commit).

    def customer_created(  # type: ignore[override]
        self, customer: Any, previous_value: Any, **_kwargs
    ) -> Any:
        schedule_customers([customer.pk])
        return previous_value

    def customer_updated(  # type: ignore[override]
        self, customer: Any, previous_value: Any, **_kwargs
    ) -> Any:
        schedule_customers([customer.pk])
        return previous_value

    def customer_metadata_updated(  # type: ignore[override]
        self, customer: Any, previous_value: Any, **_kwargs
    ) -> Any:
        schedule_customers([customer.pk])
        return previous_value

    def address_updated(  # type: ignore[override]
        self, address: Any, previous_value: Any, **_kwargs
    ) -> Any:
        schedule_customers(customers_with_default_address(address))
        return previous_value

    def order_updated(  # type: ignore[override]
        self, order: Any, previous_value: Any, **_kwargs
    ) -> Any:
        schedule_customers([order.user_id])
        return previous_value

    def order_cancelled(  # type: ignore[override]
        self, order: Any, previous_value: Any, **_kwargs
    ) -> Any:
        """An order paid on account gives its credit back (credit.orders); its
        customer's segments are recomputed."""
        credit_order_cancelled(order)
        schedule_customers([order.user_id])
        return previous_value

    def transaction_charge_requested(  # type: ignore[override]
        self, transaction_data: Any, previous_value: Any, **_kwargs
    ) -> Any:
        """Staff charged an on-account transaction: the company paid."""
        transaction_action_requested(transaction_data, TransactionAction.CHARGE)
        return previous_value

    def transaction_cancelation_requested(  # type: ignore[override]
        self, transaction_data: Any, previous_value: Any, **_kwargs
    ) -> Any:
        """Staff cancelled an on-account transaction: the hold is released."""
        transaction_action_requested(transaction_data, TransactionAction.CANCEL)
        return previous_value

    def transaction_refund_requested(  # type: ignore[override]
        self, transaction_data: Any, previous_value: Any, **_kwargs
    ) -> Any:
        """Staff refunded an on-account transaction: the account is credited."""
        transaction_action_requested(transaction_data, TransactionAction.REFUND)
        return previous_value
