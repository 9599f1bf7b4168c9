import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_USERS
from saleor.graphql.core.types import BaseEnum

from ...credit import ExceedPolicy, LedgerEntryType
from ...credit.error_codes import CreditErrorCode


class CreditExceedPolicyEnum(BaseEnum):
    BLOCK = ExceedPolicy.BLOCK
    REQUIRE_APPROVAL = ExceedPolicy.REQUIRE_APPROVAL
    ALLOW = ExceedPolicy.ALLOW

    class Meta:
        description = (
            "What happens when a checkout paid on account exceeds the available "
            "amount: BLOCK refuses it (the buyer pays another way), "
            "REQUIRE_APPROVAL needs the account owner's managers' approval, ALLOW "
            "places it and flags the ledger entry."
        )
        doc_category = DOC_CATEGORY_USERS


class CreditLedgerEntryTypeEnum(BaseEnum):
    HOLD = LedgerEntryType.HOLD
    RELEASE = LedgerEntryType.RELEASE
    CHARGE = LedgerEntryType.CHARGE
    PAYMENT = LedgerEntryType.PAYMENT
    CREDIT = LedgerEntryType.CREDIT
    ADJUSTMENT = LedgerEntryType.ADJUSTMENT

    class Meta:
        description = "The kind of a credit ledger entry."
        doc_category = DOC_CATEGORY_USERS


CreditErrorCodeEnum = graphene.Enum.from_enum(CreditErrorCode)
