from enum import Enum


class CheckoutApprovalErrorCode(Enum):
    """Why an approval mutation was refused; a refused mutation changes nothing."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    #: The plugin is inactive: checkouts need no approval.
    INACTIVE = "inactive"
    #: Only the checkout's customer, a member of a customer group, may request.
    NOT_BUYER = "not_buyer"
    #: The named purchasing group is not one of the buyer's groups.
    NOT_A_MEMBER = "not_a_member"
    #: The buyer selected another purchasing group (``buyers``).
    PURCHASING_GROUP_MISMATCH = "purchasing_group_mismatch"
    NO_LINES = "no_lines"
    #: Nothing to decide: not required, approved, rejected, or replaced.
    NOT_PENDING = "not_pending"
    #: The checkout changed since approval was requested: request again.
    CHECKOUT_CHANGED = "checkout_changed"
    EXPIRED = "expired"
    #: Separation of duties: nobody decides on their own checkout.
    OWN_CHECKOUT = "own_checkout"
    #: Separation of duties: one person decides one level of a request.
    ALREADY_DECIDED = "already_decided"
    #: Not an approver of the level that is deciding now.
    NOT_ELIGIBLE = "not_eligible"
