from enum import Enum


class PriceListErrorCode(Enum):
    """Why a price list mutation, or one row of a bulk one, was refused."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    #: Two rows of one call claim the same tier, target, reference or entry.
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    #: Negative, too precise for the currency, or too large.
    INVALID_PRICE = "invalid_price"
    #: Not the currency of the price list's channel.
    INVALID_CURRENCY = "invalid_currency"
    #: Outside 0-100, or more than two decimal places.
    INVALID_PERCENTAGE = "invalid_percentage"
    #: The variant has no price in the price list's channel.
    VARIANT_NOT_ASSIGNED_TO_CHANNEL = "variant_not_assigned_to_channel"
    #: More rows than one call takes (``pricing.bulk.MAX_ROWS``).
    TOO_MANY_ROWS = "too_many_rows"
