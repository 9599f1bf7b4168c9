from typing import Any

import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import BaseEnum

from ...pricing import DiscountScope, PriceConflictPolicy
from ...pricing.error_codes import PriceListErrorCode

PriceListErrorCodeEnum: Any = graphene.Enum.from_enum(PriceListErrorCode)
PriceListErrorCodeEnum.doc_category = DOC_CATEGORY_DISCOUNTS


class PriceConflictPolicyEnum(BaseEnum):
    LOWEST = PriceConflictPolicy.LOWEST
    PRIORITY = PriceConflictPolicy.PRIORITY
    NEAREST = PriceConflictPolicy.NEAREST

    class Meta:
        description = (
            "How a group picks one price when several of its price lists (its own "
            "and its ancestors') offer one: LOWEST price; the list with the highest "
            "assignment PRIORITY; the list assigned NEAREST to the group."
        )
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListRuleScopeEnum(BaseEnum):
    ALL = DiscountScope.ALL
    CATEGORY = DiscountScope.CATEGORY
    COLLECTION = DiscountScope.COLLECTION
    PRODUCT = DiscountScope.PRODUCT
    VARIANT = DiscountScope.VARIANT

    class Meta:
        description = (
            "What a percentage rule applies to. Within one price list a variant's "
            "fixed price wins over rules, and the most specific rule wins: VARIANT, "
            "PRODUCT, COLLECTION, CATEGORY (deeper first; a category covers its "
            "subcategories), ALL."
        )
        doc_category = DOC_CATEGORY_DISCOUNTS
