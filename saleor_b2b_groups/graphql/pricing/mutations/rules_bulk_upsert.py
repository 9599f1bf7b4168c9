import graphene
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.enums import ErrorPolicyEnum
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types import BaseInputObjectType, BaseObjectType, NonNullList

from ....pricing import bulk
from ....rows import read_rule_row
from ...core import ADDED_IN_B2B_01
from ..enums import PriceListRuleScopeEnum
from ..types import PriceListRule
from .base import (
    BATCH_DESCRIPTION,
    ERROR_POLICY_DESCRIPTION,
    PriceListArguments,
    PriceListError,
    PriceListRowsUpsert,
)


#: The scope each kind of target ID stands for.
class PriceListRuleBulkInput(BaseInputObjectType):
    scope = PriceListRuleScopeEnum(required=True, description="What it applies to.")
    target = graphene.ID(
        description=(
            "The variant, product, category or collection of the scope; none for ALL."
        )
    )
    percentage = Decimal(
        required=True, description="Percentage off the channel price, 0 to 100."
    )
    external_reference = graphene.String(
        description=(
            "The rule's key in the ERP. When given, the row updates the rule with "
            "this reference (which may change its scope and target)."
        )
    )

    class Meta:
        description = (
            "A percentage rule. The row updates the rule with its "
            "`externalReference`, else the rule at its scope and target, else "
            "creates one." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListRuleBulkResult(BaseObjectType):
    rule = graphene.Field(
        PriceListRule, description="The rule as stored; null when refused."
    )
    errors = NonNullList(
        PriceListError, required=True, description="Why the row was refused."
    )

    class Meta:
        doc_category = DOC_CATEGORY_DISCOUNTS


class PriceListRulesBulkUpsert(PriceListRowsUpsert):
    results = NonNullList(
        PriceListRuleBulkResult,
        required=True,
        default_value=[],
        description="One per input row, in order.",
    )

    ROWS = "rules"
    RESULT = PriceListRuleBulkResult
    RESULT_FIELD = "rule"
    CHANGE = "rules_upserted"
    read_row = staticmethod(read_rule_row)
    upsert = staticmethod(bulk.upsert_rules)

    class Arguments(PriceListArguments):
        rules = NonNullList(
            PriceListRuleBulkInput,
            required=True,
            description="The percentage rules. " + BATCH_DESCRIPTION,
        )
        error_policy = ErrorPolicyEnum(  # type: ignore[operator]
            description=ERROR_POLICY_DESCRIPTION
        )

    class Meta:
        description = (
            "Creates or updates percentage rules of a price list; idempotent, with "
            "errors per row, like priceListEntriesBulkUpsert." + ADDED_IN_B2B_01
        )
