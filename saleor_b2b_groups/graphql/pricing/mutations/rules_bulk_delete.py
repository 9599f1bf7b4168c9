import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ....pricing import DiscountScope, bulk
from ....pricing.error_codes import PriceListErrorCode
from ....rows import read_target
from ...core import ADDED_IN_B2B_01
from ..enums import PriceListRuleScopeEnum
from .base import (
    BATCH_DESCRIPTION,
    PriceListArguments,
    PriceListRowsDelete,
    error,
)


class PriceListRuleTargetInput(BaseInputObjectType):
    scope = PriceListRuleScopeEnum(required=True, description="The rule's scope.")
    target = graphene.ID(description="Its variant, product, category or collection.")

    class Meta:
        description = "A rule by scope and target." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_DISCOUNTS


def read_targets(targets: list[dict]) -> list[bulk.TargetKey]:
    keys = []
    for index, target in enumerate(targets):
        try:
            target_scope, target_id = read_target(target.get("target"))
        except ValueError as e:
            raise ValidationError(
                {
                    "targets": error(
                        f"Target {index}: {e}", PriceListErrorCode.GRAPHQL_ERROR
                    )
                }
            ) from e
        scope = target["scope"]
        if (scope == DiscountScope.ALL) != (target_scope is None) or (
            target_scope is not None and target_scope != scope
        ):
            raise ValidationError(
                {
                    "targets": error(
                        f"Target {index}: a {scope} rule's target is "
                        + ("none." if scope == DiscountScope.ALL else f"a {scope}."),
                        PriceListErrorCode.INVALID,
                    )
                }
            )
        keys.append(bulk.TargetKey(scope, target_id))
    return keys


class PriceListRulesBulkDelete(PriceListRowsDelete):
    count = graphene.Int(required=True, default_value=0, description="Rules deleted.")

    ROW_TYPE = "PriceListRule"
    KEYS = "targets"
    CHANGE = "rules_deleted"
    read_keys = staticmethod(read_targets)
    delete = staticmethod(bulk.delete_rules)

    class Arguments(PriceListArguments):
        ids = NonNullList(graphene.ID, description="Rules by ID.")
        external_references = NonNullList(
            graphene.String, description="Rules by external reference."
        )
        targets = NonNullList(
            PriceListRuleTargetInput, description="Rules by scope and target."
        )

    class Meta:
        description = (
            "Deletes percentage rules of a price list, by ID, external reference or "
            "scope and target. Idempotent: keys that match nothing are not errors. "
            f"Any error and nothing is deleted. {BATCH_DESCRIPTION} (keys)"
            + ADDED_IN_B2B_01
        )
