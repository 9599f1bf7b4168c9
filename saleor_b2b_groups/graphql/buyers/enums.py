import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS

from ...buyers.error_codes import PurchasingGroupErrorCode

PurchasingGroupErrorCodeEnum = graphene.Enum.from_enum(PurchasingGroupErrorCode)
PurchasingGroupErrorCodeEnum.doc_category = DOC_CATEGORY_USERS
