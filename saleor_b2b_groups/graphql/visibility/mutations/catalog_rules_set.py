import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.types import BaseInputObjectType, NonNullList

from .... import ids
from ....visibility import RuleScope, services
from ....visibility.error_codes import CatalogVisibilityErrorCode as Code
from ...core import ADDED_IN_B2B_01
from ...groups.types import CustomerGroup as CustomerGroupType
from ...lookups import error
from ..enums import CatalogRuleEffectEnum
from ..types import CatalogRule
from .base import (
    CatalogVisibilityMutation,
    GroupArguments,
    as_validation_error,
    get_group,
)


class CatalogRuleInput(BaseInputObjectType):
    effect = CatalogRuleEffectEnum(required=True, description="Include or exclude.")
    product = graphene.ID(description="A product.")
    category = graphene.ID(description="A category, with its subcategories.")
    collection = graphene.ID(description="A collection.")

    class Meta:
        description = "One rule: an effect on exactly one target."
        doc_category = DOC_CATEGORY_PRODUCTS


def read_rules(rules: list[dict]) -> list[services.RuleSpec]:
    """A rule per input; every malformed one at once, by index."""
    errors: list[ValidationError] = []
    specs = []
    for index, rule in enumerate(rules):
        targets = [scope for scope in RuleScope.PRECEDENCE if rule.get(scope)]
        if len(targets) != 1:
            message = "Give exactly one of product, category, collection."
            errors.append(error(message, Code.REQUIRED, index=index))
            continue
        scope = targets[0]
        try:
            pk = ids.pk_of(rule[scope], scope.title())
        except ids.InvalidId as e:
            errors.append(error(str(e), Code.GRAPHQL_ERROR, index=index))
            continue
        specs.append(services.RuleSpec(rule["effect"], scope, pk))
    if errors:
        raise ValidationError({"rules": errors})
    return specs


class CustomerGroupCatalogRulesSet(CatalogVisibilityMutation):
    customer_group = graphene.Field(CustomerGroupType, description="The group.")
    rules = NonNullList(CatalogRule, description="The rules set.")

    class Arguments(GroupArguments):
        rules = NonNullList(
            CatalogRuleInput,
            required=True,
            description=(
                f"Rules to set, at most {services.MAX_RULES}. A rule on a target the "
                "group already has a rule on replaces it."
            ),
        )

    class Meta:
        description = (
            "Includes or excludes products, categories and collections for a "
            "group's members (and those of the groups below it); all or nothing."
            + ADDED_IN_B2B_01
        )

    @classmethod
    def perform_mutation(  # type: ignore[override]
        cls, _root, info: ResolveInfo, /, *, rules, id=None, external_reference=None
    ):
        specs = read_rules(rules)
        if problems := services.clean_rules(specs):
            raise ValidationError(
                {
                    "rules": [
                        as_validation_error(p).error_dict["rules"][0] for p in problems
                    ]
                }
            )
        group = get_group(id, external_reference)
        result = services.set_catalog_rules(group, specs)
        return cls(customer_group=group, rules=result)
