from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseEnum, SortInputObjectType


class CustomerGroupSortField(BaseEnum):
    NAME = ["name", "pk"]
    SLUG = ["slug"]
    CREATED_AT = ["created_at", "pk"]

    class Meta:
        doc_category = DOC_CATEGORY_USERS

    @property
    def description(self) -> str:
        name: str = self.name  # type: ignore[attr-defined]
        return f"Sort customer groups by {name.lower().replace('_', ' ')}."


class CustomerGroupSortingInput(SortInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_USERS
        sort_enum = CustomerGroupSortField
        type_name = "customer groups"
