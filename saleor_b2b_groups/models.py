"""Django's entry to this app's models; each lives in its domain module."""

from .approvals.models import (
    CheckoutApproval,
    CheckoutApprovalDecision,
    CheckoutApprovalLevel,
)
from .buyers.models import PurchasingGroupSelection
from .groups.models import CustomerGroup, CustomerGroupMembership
from .pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)
from .segments.models import CustomerGroupSegment
from .visibility.models import CatalogRule, ChannelAccessPolicy
from .webhooks.models import (
    AggregateSequence,
    DeliveryAttempt,
    ErpEndpoint,
    EventDelivery,
    OutboxEvent,
)

__all__ = [
    "AggregateSequence",
    "CatalogRule",
    "ChannelAccessPolicy",
    "CheckoutApproval",
    "CheckoutApprovalDecision",
    "CheckoutApprovalLevel",
    "CustomerGroup",
    "CustomerGroupMembership",
    "CustomerGroupPriceList",
    "CustomerGroupSegment",
    "DeliveryAttempt",
    "ErpEndpoint",
    "EventDelivery",
    "OutboxEvent",
    "PriceList",
    "PriceListEntry",
    "PriceListRule",
    "PurchasingGroupSelection",
]
