from typing import Any

from saleor.checkout.fetch import CheckoutInfo, CheckoutLineInfo
from saleor.plugins.base_plugin import BasePlugin

from . import PLUGIN_ID
from .order_creation import run_checks
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
        (selfservice.orders) and goes to the ERP (webhooks.orders)."""
        record_order_group(order)
        emit_order_placed(order)
        return previous_value
