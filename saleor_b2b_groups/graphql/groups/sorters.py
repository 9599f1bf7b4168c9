from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseEnum, SortInputObjectType

from ..listing import sort_description


class CustomerGroupSortField(BaseEnum):
    NAME = ["name", "pk"]
    SLUG = ["slug"]
    CREATED_AT = ["created_at", "pk"]

    class Meta:
        doc_category = DOC_CATEGORY_USERS

    description = sort_description("customer groups")


class CustomerGroupSortingInput(SortInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        sort_enum = CustomerGroupSortField
        type_name = "customer groups"
