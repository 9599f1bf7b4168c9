"""What a storefront reads to render quantity pickers and a minimum-order banner.

``ProductVariant.quantityRule``: the signed-in buyer's effective rule for the
variant (null for visitors, customers in no group, variants no rule covers, and
while the plugin is inactive). The rules come with the buyer context's one query;
the variants' categories and collections are one query per page
(``VariantPlaceByVariantIdLoader``), so a listing costs at most one query more
with the field selected, whatever its size.

``Checkout.quantityStatus``: the checkout's quantity problems and order limits,
as completion will judge them.
"""

import graphene
from saleor.core.db.connection import allow_writer
from saleor.graphql.checkout.dataloaders.calculations import (
    CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader,
)
from saleor.graphql.checkout.types import Checkout
from saleor.graphql.core import ResolveInfo
from saleor.graphql.core.context import ChannelContext, SyncWebhookControlContext
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.types import Money, NonNullList
from saleor.graphql.product.types import ProductVariant
from saleor.product.models import ProductVariant as ProductVariantModel

from ...buyers.context import of_checkout_info
from ...quantities.checks import check_order_subtotal, check_quantities
from ...quantities.rules import buyer_rules, order_limits
from ..buyer import request_buyer
from ..core import ADDED_IN_B2B_01, plugin_active_promise
from ..schema_extension import TypeExtension
from .dataloaders import VariantPlaceByVariantIdLoader
from .types import EffectiveQuantityRule, QuantityProblem


class ProductVariantQuantityRule(TypeExtension):
    extends = ProductVariant

    quantity_rule = graphene.Field(
        EffectiveQuantityRule,
        description=(
            "The signed-in buyer's quantity rule for this variant: minimum, "
            "increment (pack size) and maximum per checkout. Null when no group "
            "rule applies (Saleor's limits do)." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_quantity_rule(
        root: ChannelContext[ProductVariantModel], info: ResolveInfo
    ):
        buyer = request_buyer(info.context)
        if buyer is None:
            return None
        rules = buyer_rules(buyer)
        if not rules.has_rules:
            return None

        def decide(place):
            rule = rules.rule_for(place) if place is not None else None
            if rule is None:
                return None
            return EffectiveQuantityRule(
                minimum=rule.minimum,
                increment=rule.increment,
                maximum=rule.maximum,
                smallest=rule.smallest(),
            )

        return (
            VariantPlaceByVariantIdLoader(info.context).load(root.node.pk).then(decide)
        )


class CheckoutQuantityStatus(graphene.ObjectType):
    problems = NonNullList(
        QuantityProblem,
        required=True,
        description="What completion would refuse; empty when nothing.",
    )
    order_minimum = graphene.Field(
        Money, description="The buyer's minimum order subtotal; null: none."
    )
    order_maximum = graphene.Field(
        Money, description="The buyer's maximum order subtotal; null: none."
    )
    subtotal = graphene.Field(
        Money, required=True, description="The subtotal the limits are compared with."
    )

    class Meta:
        description = (
            "A checkout's quantity rules and order limits as completion judges "
            "them, for a minimum-order banner." + ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT


def _problem(problem) -> QuantityProblem:
    return QuantityProblem(
        code=problem.code,
        message=problem.message,
        variant=graphene.Node.to_global_id("ProductVariant", problem.variant_id)
        if problem.variant_id
        else None,
        quantity=problem.quantity,
        suggestions=problem.suggestions,
    )


def _status(checkout_info, lines) -> CheckoutQuantityStatus | None:
    with allow_writer():
        buyer = of_checkout_info(checkout_info)
        if not buyer.is_member:
            return None
        problems = check_quantities(
            buyer,
            checkout_info.channel,
            [(line.variant.pk, line.line.quantity) for line in lines if line.variant],
        )
    subtotal = checkout_info.checkout.subtotal.gross
    order_problem = check_order_subtotal(buyer, subtotal)
    if order_problem:
        problems.append(order_problem)
    limits = order_limits(buyer)
    currency = subtotal.currency

    def money(amount):
        from prices import Money as PricesMoney

        return None if amount is None else PricesMoney(amount, currency)

    return CheckoutQuantityStatus(
        problems=[_problem(p) for p in problems],
        order_minimum=money(limits.minimum),
        order_maximum=money(limits.maximum),
        subtotal=subtotal,
    )


class CheckoutQuantityStatusField(TypeExtension):
    extends = Checkout

    quantity_status = graphene.Field(
        CheckoutQuantityStatus,
        description=(
            "The checkout's quantity problems and its buyer's order limits, after "
            "Saleor's price calculation. Null for a buyer in no group and while "
            "the plugin is inactive." + ADDED_IN_B2B_01
        ),
    )

    @staticmethod
    def resolve_quantity_status(root: SyncWebhookControlContext, info: ResolveInfo):
        checkout = root.node

        def if_active(active: bool):
            if not active:
                return None
            return (
                CheckoutPriceCalculationByCheckoutIdAndWebhookSyncAndForceStatusUpdateLoader(
                    info.context
                )
                .load((checkout.pk, root.allow_sync_webhooks, False))
                .then(lambda data: _status(*data))
            )

        return plugin_active_promise(info.context).then(if_active)


TYPE_EXTENSIONS: list[type[TypeExtension]] = [
    ProductVariantQuantityRule,
    CheckoutQuantityStatusField,
]
