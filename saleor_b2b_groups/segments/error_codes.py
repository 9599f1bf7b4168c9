from enum import Enum


class CustomerGroupSegmentErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    #: A node of the tree is not one of all / any / a condition, or has several.
    INVALID_RULE = "invalid_rule"
    #: A condition's value is out of range or malformed.
    INVALID = "invalid"
    UNKNOWN_COUNTRY = "unknown_country"
    TOO_DEEP = "too_deep"
    TOO_MANY_CONDITIONS = "too_many_conditions"
    #: The group has no rules (recompute, delete).
    NO_RULES = "no_rules"
