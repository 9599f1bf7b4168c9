"""``productVisibility { quantityRules }``: the support field explains quantities too.

For the customer and product support staff ask about (``productVisibility``, with
its permissions), each variant's effective quantity rule and where it comes from.
"""

import graphene
from saleor.core.db.connection import allow_writer
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.doc_category import DOC_CATEGORY_PRODUCTS
from saleor.graphql.core.types import NonNullList

from ...buyers.context import of_customer
from ...quantities.checks import variant_places
from ...quantities.rules import buyer_rules
from ..core import ADDED_IN_B2B_01
from ..schema_extension import TypeExtension
from ..visibility.types import ProductVisibility


class VariantQuantityRuleExplanation(graphene.ObjectType):
    variant = graphene.ID(required=True, description="The variant's ID.")
    sku = graphene.String()
    minimum = graphene.Int()
    increment = graphene.Int()
    maximum = graphene.Int()
    reason = graphene.String(
        required=True, description="Which group's rule on which scope applies."
    )

    class Meta:
        description = "A customer's quantity rule for one variant, and why." + (
            ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_PRODUCTS


def _reason(rule) -> str:
    if rule is None:
        return "No quantity rule of the customer's groups: Saleor's limits apply."
    parts = [
        f"the rule of '{match.group.name}' on its {match.rule.scope}"
        + ("" if match.distance == 0 else f" ({match.distance} level(s) up)")
        for match in rule.sources
    ]
    if len(parts) > 1:
        return "The strictest of " + "; ".join(parts) + " (no purchasing group)."
    return parts[0][0].upper() + parts[0][1:] + "."


class ProductVisibilityQuantityRules(TypeExtension):
    extends = ProductVisibility

    quantity_rules = NonNullList(
        VariantQuantityRuleExplanation,
        required=True,
        description=(
            "The customer's quantity rule for each variant (or the variant asked "
            "about), and where it comes from." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_quantity_rules(root, _info: ResolveInfo):
        customer, product, variant = getattr(root, "b2b_subject", (None, None, None))
        if product is None:
            return []
        with allow_writer():  # support staff ask about the state now
            buyer = of_customer(customer.pk if customer else None)
            variants = [variant] if variant else list(product.variants.all())
            rules = buyer_rules(buyer)
            places = variant_places([v.pk for v in variants])
        explained = []
        for item in variants:
            rule = None
            if buyer.is_member and item.pk in places:
                rule = rules.rule_for(places[item.pk][0])
            explained.append(
                VariantQuantityRuleExplanation(
                    variant=graphene.Node.to_global_id("ProductVariant", item.pk),
                    sku=item.sku,
                    minimum=rule.minimum if rule else None,
                    increment=rule.increment if rule else None,
                    maximum=rule.maximum if rule else None,
                    reason=_reason(rule),
                )
            )
        return explained
