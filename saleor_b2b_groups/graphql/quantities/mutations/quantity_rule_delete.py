import graphene
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.mutations import BaseMutation

from ....quantities.models import QuantityRule as QuantityRuleModel
from ....quantities.services import delete_rule
from ...core import ADDED_IN_B2B_01
from ..types import QuantityRule
from .base import PERMISSIONS, QuantityRuleError, decode, not_found


class QuantityRuleDelete(BaseMutation):
    quantity_rule = graphene.Field(QuantityRule, description="The deleted rule.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the quantity rule.")

    class Meta:
        description = "Deletes a group's quantity rule." + ADDED_IN_B2B_01
        doc_category = DOC_CATEGORY_PRODUCTS
        permissions = PERMISSIONS
        error_type_class = QuantityRuleError

    @classmethod
    def perform_mutation(cls, _root, info: ResolveInfo, /, *, id):  # type: ignore[override]
        pk = decode(id, "QuantityRule", "id")
        rule = QuantityRuleModel.objects.filter(pk=pk).first()
        if rule is None:
            raise not_found("id", "Quantity rule")
        delete_rule(rule)
        rule.pk = pk  # keep the ID in the response, as Saleor's deletes do
        return cls(quantity_rule=rule)
