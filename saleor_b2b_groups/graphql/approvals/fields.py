"""This feature's fields on Saleor's types and on the customer group types."""

from ..schema_extension import TypeExtension
from .checkout_fields import CheckoutApprovalField
from .order_fields import OrderCheckoutApproval
from .policy_fields import (
    CustomerGroupApprovalTerms,
    CustomerGroupCreateInputApproval,
    CustomerGroupInputApproval,
    CustomerGroupTermsApproval,
)
from .user_fields import UserCheckoutApprovals

TYPE_EXTENSIONS: list[type[TypeExtension]] = [
    CheckoutApprovalField,
    OrderCheckoutApproval,
    UserCheckoutApprovals,
    CustomerGroupApprovalTerms,
    CustomerGroupTermsApproval,
    CustomerGroupInputApproval,
    CustomerGroupCreateInputApproval,
]
