from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import BaseEnum, SortInputObjectType


class PriceListSortField(BaseEnum):
    NAME = ["name", "pk"]
    SLUG = ["slug"]
    CREATED_AT = ["created_at", "pk"]
    UPDATED_AT = ["updated_at", "pk"]

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS

    @property
    def description(self) -> str:
        name: str = self.name  # type: ignore[attr-defined]
        return f"Sort price lists by {name.lower().replace('_', ' ')}."


class PriceListSortingInput(SortInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS
        sort_enum = PriceListSortField
        type_name = "price lists"
