from enum import Enum


class CreditErrorCode(Enum):
    """Why a credit mutation was refused; a refused mutation changes nothing."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    #: The plugin is inactive.
    INACTIVE = "inactive"
    #: The group already owns an account (or carries a sub-limit).
    ALREADY_EXISTS = "already_exists"
    #: The account has entries: it cannot be deleted.
    HAS_ENTRIES = "has_entries"
    #: A currency the account does not hold, or not an ISO 4217 code.
    CURRENCY_MISMATCH = "currency_mismatch"
    #: A sub-limit above its pool's limit.
    SUB_LIMIT_ABOVE_POOL = "sub_limit_above_pool"
    #: The group is not below the account's owner group.
    NOT_IN_POOL = "not_in_pool"
    #: The buyer's purchasing group draws on no account.
    NO_ACCOUNT = "no_account"
    #: The buyer has no purchasing group (several groups, none selected).
    NO_PURCHASING_GROUP = "no_purchasing_group"
    #: Only the checkout's customer pays it on account.
    NOT_BUYER = "not_buyer"
    #: The checkout is already paid on account for its current total.
    ALREADY_PAID = "already_paid"
    #: The available amount does not cover the checkout (policy BLOCK).
    INSUFFICIENT_CREDIT = "insufficient_credit"
    #: Exceeding needs the approval of the account owner's managers.
    APPROVAL_REQUIRED = "approval_required"
    #: A charge is overdue by more than the account allows.
    OVERDUE = "overdue"
    NO_LINES = "no_lines"
