import graphene

from .group_fields import TYPE_EXTENSIONS as GROUP_FIELDS
from .mutations.quantity_rule_delete import QuantityRuleDelete
from .mutations.quantity_rule_set import QuantityRuleSet
from .storefront import TYPE_EXTENSIONS as STOREFRONT_FIELDS
from .support import ProductVisibilityQuantityRules


class QuantityRuleMutations(graphene.ObjectType):
    quantity_rule_set = QuantityRuleSet.Field()
    quantity_rule_delete = QuantityRuleDelete.Field()


TYPE_EXTENSIONS = [*GROUP_FIELDS, *STOREFRONT_FIELDS, ProductVisibilityQuantityRules]
