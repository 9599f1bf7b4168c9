import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseEnum

from ...groups import MembershipSource
from ...segments.error_codes import CustomerGroupSegmentErrorCode
from ...segments.rules import BILLING, SHIPPING

CustomerGroupSegmentErrorCodeEnum = graphene.Enum.from_enum(
    CustomerGroupSegmentErrorCode
)
CustomerGroupSegmentErrorCodeEnum.doc_category = DOC_CATEGORY_USERS


class CustomerGroupSegmentAddressEnum(BaseEnum):
    BILLING = BILLING
    SHIPPING = SHIPPING

    class Meta:
        description = "Which of the customer's default addresses a condition reads."
        doc_category = DOC_CATEGORY_USERS


class CustomerGroupMembershipSourceEnum(BaseEnum):
    MANUAL = MembershipSource.MANUAL
    SEGMENT = MembershipSource.SEGMENT

    class Meta:
        description = (
            "Who made a membership: an admin or the ERP (MANUAL), or the group's "
            "membership rules (SEGMENT)."
        )
        doc_category = DOC_CATEGORY_USERS
