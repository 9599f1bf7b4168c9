from typing import Any

from saleor.graphql.core.doc_category import DOC_CATEGORY_ORDERS
from saleor.graphql.core.types import BaseEnum, SortInputObjectType


class GroupOrderSortField(BaseEnum):
    NUMBER = ["number", "pk"]
    CREATED_AT = ["created_at", "pk"]
    TOTAL_GROSS = ["total_gross_amount", "pk"]

    class Meta:
        doc_category = DOC_CATEGORY_ORDERS

    @property
    def description(self) -> str:
        name: str = self.name  # type: ignore[attr-defined]
        return f"Sort the group's orders by {name.lower().replace('_', ' ')}."


class GroupOrderSortingInput(SortInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_ORDERS
        sort_enum = GroupOrderSortField
        type_name = "group orders"


def newest_first():
    """The default order, as graphene would hand over the argument."""
    meta: Any = GroupOrderSortingInput._meta
    return meta.container(
        {"field": ["created_at", "pk"], "direction": "-"}  # newest first
    )
