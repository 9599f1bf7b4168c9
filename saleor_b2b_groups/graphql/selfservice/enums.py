import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT

from ...selfservice.error_codes import SelfServiceErrorCode

SelfServiceErrorCodeEnum = graphene.Enum.from_enum(SelfServiceErrorCode)
SelfServiceErrorCodeEnum.doc_category = DOC_CATEGORY_CHECKOUT


class RequisitionListVisibilityEnum(graphene.Enum):
    PRIVATE = "private"
    GROUP = "group"

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT


PARTIAL = "partial"
ALL_OR_NOTHING = "all_or_nothing"


class AddRowsMode(graphene.Enum):
    """What happens to the good rows when some are refused."""

    PARTIAL = PARTIAL
    ALL_OR_NOTHING = ALL_OR_NOTHING

    class Meta:
        doc_category = DOC_CATEGORY_CHECKOUT
        description = (
            "PARTIAL adds the rows that pass and reports the others; ALL_OR_NOTHING "
            "adds nothing when any row is refused."
        )
