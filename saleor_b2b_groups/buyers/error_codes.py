from enum import Enum


class PurchasingGroupErrorCode(Enum):
    """Why selecting a purchasing group was refused; nothing was changed."""

    GRAPHQL_ERROR = "graphql_error"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    #: The customer is not a member of the group (or it, or a group above it, is
    #: inactive).
    NOT_A_MEMBER = "not_a_member"
    #: The plugin is inactive.
    INACTIVE = "inactive"
