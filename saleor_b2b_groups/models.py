"""Django's entry to this app's models; each lives in its domain module."""

from .approvals.models import (
    CheckoutApproval,
    CheckoutApprovalDecision,
    CheckoutApprovalLevel,
)
from .buyers.models import PurchasingGroupSelection
from .credit.models import (
    CreditAccount,
    CreditDraw,
    CreditLedgerEntry,
    CreditSubLimit,
)
from .groups.models import CustomerGroup, CustomerGroupMembership
from .pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)
from .quantities.models import QuantityRule
from .segments.models import CustomerGroupSegment
from .selfservice.models import (
    PlacedOrderGroup,
    RequisitionList,
    RequisitionListLine,
)
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
    "CreditAccount",
    "CreditDraw",
    "CreditLedgerEntry",
    "CreditSubLimit",
    "CustomerGroup",
    "CustomerGroupMembership",
    "CustomerGroupPriceList",
    "CustomerGroupSegment",
    "DeliveryAttempt",
    "ErpEndpoint",
    "EventDelivery",
    "OutboxEvent",
    "PlacedOrderGroup",
    "PriceList",
    "PriceListEntry",
    "PriceListRule",
    "PurchasingGroupSelection",
    "QuantityRule",
    "RequisitionList",
    "RequisitionListLine",
]
