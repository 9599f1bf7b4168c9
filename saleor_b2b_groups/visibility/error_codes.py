from enum import Enum


class CatalogVisibilityErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    DUPLICATED = "duplicated"
