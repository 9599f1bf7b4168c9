from typing import Any

import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.types import BaseEnum

from ...quantities import QuantityScope
from ...quantities.error_codes import QuantityErrorCode, QuantityRuleErrorCode

QuantityErrorCodeEnum: Any = graphene.Enum.from_enum(QuantityErrorCode)
QuantityErrorCodeEnum.doc_category = DOC_CATEGORY_PRODUCTS

QuantityRuleErrorCodeEnum: Any = graphene.Enum.from_enum(QuantityRuleErrorCode)
QuantityRuleErrorCodeEnum.doc_category = DOC_CATEGORY_PRODUCTS


class QuantityScopeEnum(BaseEnum):
    VARIANT = QuantityScope.VARIANT
    PRODUCT = QuantityScope.PRODUCT
    COLLECTION = QuantityScope.COLLECTION
    CATEGORY = QuantityScope.CATEGORY
    ALL = QuantityScope.ALL

    class Meta:
        description = (
            "What a quantity rule targets, from the most specific to the least: "
            "a variant, a product, a collection, a category with its "
            "subcategories, or all products."
        )
        doc_category = DOC_CATEGORY_PRODUCTS
