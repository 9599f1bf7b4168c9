from typing import Any

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types import BaseInputObjectType
from saleor.product.models import Category, Collection, Product, ProductVariant

from ....groups.models import CustomerGroup
from ....quantities import QuantityScope
from ....quantities.error_codes import QuantityRuleErrorCode
from ....quantities.services import RuleLimits, set_rule
from ...core import ADDED_IN_B2B_01
from ..enums import QuantityScopeEnum
from ..types import QuantityRule
from .base import PERMISSIONS, QuantityRuleError, decode, not_found

TARGETS: dict[str, tuple[str, str, Any]] = {
    QuantityScope.VARIANT: ("variant", "ProductVariant", ProductVariant),
    QuantityScope.PRODUCT: ("product", "Product", Product),
    QuantityScope.COLLECTION: ("collection", "Collection", Collection),
    QuantityScope.CATEGORY: ("category", "Category", Category),
}


class QuantityRuleSetInput(BaseInputObjectType):
    group = graphene.ID(required=True, description="The customer group.")
    scope = QuantityScopeEnum(required=True, description="What the rule targets.")
    variant = graphene.ID(description="The variant (scope VARIANT).")
    product = graphene.ID(description="The product (scope PRODUCT).")
    collection = graphene.ID(description="The collection (scope COLLECTION).")
    category = graphene.ID(
        description="The category, with its subcategories (scope CATEGORY)."
    )
    minimum = graphene.Int(description="Fewest units per checkout; null: none.")
    increment = graphene.Int(
        description="Units come in multiples of it (pack size); null: any."
    )
    maximum = graphene.Int(description="Most units per checkout; null: none.")

    class Meta:
        doc_category = DOC_CATEGORY_PRODUCTS


class QuantityRuleSet(BaseMutation):
    quantity_rule = graphene.Field(QuantityRule, description="The rule as saved.")

    class Arguments:
        input = QuantityRuleSetInput(required=True, description="The rule.")

    class Meta:
        description = (
            "Sets a group's quantity rule on a variant, product, collection, "
            "category or all products, replacing the group's rule on that target. "
            "It applies to the group's members and the groups below it."
            + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS
        permissions = PERMISSIONS
        error_type_class = QuantityRuleError

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, input):  # type: ignore[override]
        group_pk = decode(input["group"], "CustomerGroup", "group")
        group = CustomerGroup.objects.filter(pk=group_pk).first()
        if group is None:
            raise not_found("group", "Customer group")
        scope = input["scope"]
        target_id = None
        for other, (field, _type_name, _model) in TARGETS.items():
            if other != scope and input.get(field):
                raise ValidationError(
                    {
                        field: ValidationError(
                            f"A {scope} rule has no {field}.",
                            code=QuantityRuleErrorCode.INVALID.value,
                        )
                    }
                )
        if scope in TARGETS:
            field, type_name, model = TARGETS[scope]
            if not input.get(field):
                raise ValidationError(
                    {
                        field: ValidationError(
                            f"A {scope} rule needs its {field}.",
                            code=QuantityRuleErrorCode.REQUIRED.value,
                        )
                    }
                )
            target_id = decode(input[field], type_name, field)
            if not model._default_manager.filter(pk=target_id).exists():
                raise not_found(field, type_name)
        rule = set_rule(
            group,
            scope,
            target_id,
            RuleLimits(
                input.get("minimum"), input.get("increment"), input.get("maximum")
            ),
        )
        return cls(quantity_rule=rule)
