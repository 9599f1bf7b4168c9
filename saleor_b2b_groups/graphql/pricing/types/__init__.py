"""GraphQL types of group pricing, one module per concept."""

from .assignment import CustomerGroupPriceList
from .channel import in_channel_of
from .entry import PriceListEntry, PriceListEntryCountableConnection
from .permissions import (
    ADMIN_PERMISSIONS,
    check_can_manage_price_lists,
    manage_price_lists_permissions,
)
from .price_list import PRICE_LIST_METADATA, PriceList, PriceListCountableConnection
from .rule import PriceListRule

__all__ = [
    "ADMIN_PERMISSIONS",
    "PRICE_LIST_METADATA",
    "CustomerGroupPriceList",
    "PriceList",
    "PriceListCountableConnection",
    "PriceListEntry",
    "PriceListEntryCountableConnection",
    "PriceListRule",
    "check_can_manage_price_lists",
    "in_channel_of",
    "manage_price_lists_permissions",
]
