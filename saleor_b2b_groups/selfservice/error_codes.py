from enum import Enum


class SelfServiceErrorCode(Enum):
    """Why a self-service call (or one of its rows) was refused."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    #: The requestor may read the list but not change it.
    FORBIDDEN = "forbidden"
    #: The plugin is inactive, or the requestor is in no customer group.
    INACTIVE = "inactive"
    #: No product the buyer may see has this SKU (unknown and hidden alike).
    UNKNOWN_SKU = "unknown_sku"
    #: A product the buyer may not buy now (hidden, unpublished, not in the
    #: checkout's channel, not available for purchase yet).
    UNAVAILABLE = "unavailable"
    INSUFFICIENT_STOCK = "insufficient_stock"
    #: Not a whole number from 1 to ``MAX_QUANTITY``.
    INVALID_QUANTITY = "invalid_quantity"
    #: Against a quantity rule (minimum, maximum, increment).
    QUANTITY_RULE = "quantity_rule"
    #: The same SKU or variant on two rows (quick order refuses the second).
    DUPLICATE = "duplicate"
    #: More rows, lines or bytes than allowed.
    TOO_MANY = "too_many"
    #: Refused because another row was, and the caller asked for all or nothing.
    NOT_ADDED = "not_added"
