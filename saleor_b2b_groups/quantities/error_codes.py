from enum import Enum


class QuantityErrorCode(Enum):
    """Why a quantity or an order is refused (checkout paths and ``checks``)."""

    QUANTITY_BELOW_MINIMUM = "quantity_below_minimum"
    QUANTITY_NOT_MULTIPLE = "quantity_not_multiple"
    QUANTITY_ABOVE_MAXIMUM = "quantity_above_maximum"
    ORDER_BELOW_MINIMUM = "order_below_minimum"
    ORDER_ABOVE_MAXIMUM = "order_above_maximum"


class QuantityRuleErrorCode(Enum):
    """Why an admin's quantity rule change is refused."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    TIER_UNREACHABLE = "tier_unreachable"
