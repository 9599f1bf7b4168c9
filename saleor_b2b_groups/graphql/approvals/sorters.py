from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.types import BaseEnum, SortInputObjectType

from ..listing import sort_description


class CheckoutApprovalSortField(BaseEnum):
    REQUESTED_AT = ["requested_at", "pk"]
    EXPIRES_AT = ["expires_at", "pk"]
    TOTAL_GROSS = ["total_gross_amount", "pk"]

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT

    description = sort_description("checkout approvals")


class CheckoutApprovalSortingInput(SortInputObjectType):
    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        sort_enum = CheckoutApprovalSortField
        type_name = "checkout approvals"
