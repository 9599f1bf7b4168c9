from enum import Enum


class ErpIntegrationErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    #: An ERP endpoint URL whose host Saleor's HTTP IP filter refuses.
    FORBIDDEN_ADDRESS = "forbidden_address"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    UNIQUE = "unique"
