from typing import Any

import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseEnum

from ...groups import CustomerGroupRole
from ...groups.error_codes import CustomerGroupErrorCode
from ...groups.terms import TERMS


class CustomerGroupRoleEnum(BaseEnum):
    BUYER = CustomerGroupRole.BUYER
    APPROVER = CustomerGroupRole.APPROVER
    MANAGER = CustomerGroupRole.MANAGER

    class Meta:
        description = "What a member may do in a group: every member buys."
        doc_category = DOC_CATEGORY_USERS


CustomerGroupErrorCodeEnum = graphene.Enum.from_enum(CustomerGroupErrorCode)
CustomerGroupErrorCodeEnum.doc_category = DOC_CATEGORY_USERS

#: One value per inherited term; grows as features register terms.
CustomerGroupTermEnum: Any = graphene.Enum(
    "CustomerGroupTermEnum", [(name.upper(), name) for name in TERMS]
)
CustomerGroupTermEnum.doc_category = DOC_CATEGORY_USERS
