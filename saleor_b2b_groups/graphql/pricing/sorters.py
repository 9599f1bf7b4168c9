from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import BaseEnum, SortInputObjectType

from ..listing import sort_description


class PriceListSortField(BaseEnum):
    NAME = ["name", "pk"]
    SLUG = ["slug"]
    CREATED_AT = ["created_at", "pk"]
    UPDATED_AT = ["updated_at", "pk"]

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS

    description = sort_description("price lists")


class PriceListSortingInput(SortInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS
        sort_enum = PriceListSortField
        type_name = "price lists"
