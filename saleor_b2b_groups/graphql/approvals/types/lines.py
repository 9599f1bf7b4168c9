"""The checkout lines an approval was requested for (its snapshot)."""

from decimal import Decimal

import graphene
from prices import Money, TaxedMoney
from saleor.core.prices import quantize_price
from saleor.graphql.core.doc_category import DOC_CATEGORY_CHECKOUT
from saleor.graphql.core.types import TaxedMoney as TaxedMoneyType

from ....approvals.models import CheckoutApproval as CheckoutApprovalModel
from ...core import ADDED_IN_B2B_01


class CheckoutApprovalLine(graphene.ObjectType):
    variant_id = graphene.ID(required=True, description="The product variant.")
    sku = graphene.String(description="Its SKU.")
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoneyType, required=True)
    total_price = graphene.Field(TaxedMoneyType, required=True)
    price_override_reason = graphene.String(
        description="Where a group price came from (b2b-price-list:<slug>)."
    )

    class Meta:
        description = "A line of the checkout as approval was requested for it." + (
            ADDED_IN_B2B_01
        )
        doc_category = DOC_CATEGORY_CHECKOUT


def _taxed(net, gross, currency: str) -> TaxedMoney:
    return TaxedMoney(
        Money(Decimal(str(net or 0)), currency),
        Money(Decimal(str(gross or 0)), currency),
    )


def snapshot_lines(approval: CheckoutApprovalModel) -> list[CheckoutApprovalLine]:
    currency = approval.currency
    lines = []
    for line in approval.snapshot.get("lines", []):
        total = _taxed(line["total_net"], line["total_gross"], currency)
        quantity = line["quantity"] or 1
        unit = TaxedMoney(
            quantize_price(total.net / quantity, currency),
            quantize_price(total.gross / quantity, currency),
        )
        lines.append(
            CheckoutApprovalLine(
                variant_id=line["variant_id"],
                sku=line["sku"],
                product_name=line["product_name"],
                variant_name=line["variant_name"],
                quantity=line["quantity"],
                unit_price=unit,
                total_price=quantize_price(total, currency),
                price_override_reason=line["price_override_reason"],
            )
        )
    return lines
