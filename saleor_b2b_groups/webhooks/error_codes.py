from enum import Enum


class ErpIntegrationErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    UNIQUE = "unique"
