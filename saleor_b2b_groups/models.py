"""Django's entry to this app's models; each lives in its domain module."""

from .groups.models import CustomerGroup, CustomerGroupMembership
from .pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)

__all__ = [
    "CustomerGroup",
    "CustomerGroupMembership",
    "CustomerGroupPriceList",
    "PriceList",
    "PriceListEntry",
    "PriceListRule",
]
