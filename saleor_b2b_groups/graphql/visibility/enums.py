from typing import Any

import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.types import BaseEnum

from ...visibility import CatalogMode, ChannelAccess, RuleEffect, RuleScope
from ...visibility.error_codes import CatalogVisibilityErrorCode
from ...visibility.explain import VisibilityReasonCode

CatalogVisibilityErrorCodeEnum: Any = graphene.Enum.from_enum(
    CatalogVisibilityErrorCode
)
CatalogVisibilityErrorCodeEnum.doc_category = DOC_CATEGORY_PRODUCTS

ProductVisibilityReasonCodeEnum: Any = graphene.Enum.from_enum(VisibilityReasonCode)
ProductVisibilityReasonCodeEnum.doc_category = DOC_CATEGORY_PRODUCTS


class CatalogModeEnum(BaseEnum):
    OPEN = CatalogMode.OPEN
    RESTRICTED = CatalogMode.RESTRICTED

    class Meta:
        description = (
            "What a group's members see where no catalog rule speaks: OPEN, "
            "everything but what is excluded; RESTRICTED, only what is included."
        )
        doc_category = DOC_CATEGORY_PRODUCTS


class CatalogRuleEffectEnum(BaseEnum):
    INCLUDE = RuleEffect.INCLUDE
    EXCLUDE = RuleEffect.EXCLUDE

    class Meta:
        description = "Whether a catalog rule shows or hides its target."
        doc_category = DOC_CATEGORY_PRODUCTS


class CatalogRuleScopeEnum(BaseEnum):
    PRODUCT = RuleScope.PRODUCT
    COLLECTION = RuleScope.COLLECTION
    CATEGORY = RuleScope.CATEGORY

    class Meta:
        description = (
            "What a catalog rule is about. A product rule beats a collection rule, "
            "which beats a category rule (a deeper category first; a category "
            "covers its subcategories)."
        )
        doc_category = DOC_CATEGORY_PRODUCTS


class ChannelAccessEnum(BaseEnum):
    PUBLIC = ChannelAccess.PUBLIC
    B2B_ONLY = ChannelAccess.B2B_ONLY

    class Meta:
        description = (
            "PUBLIC: everybody sees the channel's catalog (group members: their "
            "groups' catalog). B2B_ONLY: only members of groups allowed in the "
            "channel see anything or check out in it."
        )
        doc_category = DOC_CATEGORY_PRODUCTS
