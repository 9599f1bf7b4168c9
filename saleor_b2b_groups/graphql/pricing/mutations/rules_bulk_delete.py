import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_DISCOUNTS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from ....pricing import DiscountScope, bulk, changes
from ....pricing.error_codes import PriceListErrorCode
from ....rows import read_target
from ...core import ADDED_IN_B2B_01
from ..enums import PriceListRuleScopeEnum
from ..types import PriceList
from .base import (
    BATCH_DESCRIPTION,
    PERMISSIONS,
    PriceListError,
    check_batch_size,
    decode_ids,
    error,
    get_price_list_or_error,
    raise_delete_errors,
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


class PriceListRulesBulkDelete(BaseMutation):
    count = graphene.Int(required=True, default_value=0, description="Rules deleted.")
    price_list = graphene.Field(PriceList, description="The price list.")

    class Arguments:
        price_list = graphene.ID(description="ID of the price list.")
        price_list_external_reference = graphene.String(
            description="Or the price list's external reference."
        )
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
        doc_category = DOC_CATEGORY_DISCOUNTS
        permissions = PERMISSIONS
        error_type_class = PriceListError

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls,
        _root,
        info: ResolveInfo,
        /,
        *,
        price_list=None,
        price_list_external_reference=None,
        ids=None,
        external_references=None,
        targets=None,
    ):
        found = get_price_list_or_error(
            id=price_list, external_reference=price_list_external_reference
        )
        ids = ids or []
        external_references = external_references or []
        targets = targets or []
        check_batch_size(len(ids) + len(external_references) + len(targets), "ids")
        with transaction.atomic():
            outcome = bulk.delete_rules(
                found,
                ids=decode_ids(ids, "PriceListRule", "ids"),
                external_references=external_references,
                targets=read_targets(targets),
            )
            raise_delete_errors(outcome)
            changes.price_lists_changed(
                [changes.PriceListChange(found, rules_deleted=outcome.deleted)]
            )
        return cls(count=len(outcome.deleted_ids), price_list=found)
