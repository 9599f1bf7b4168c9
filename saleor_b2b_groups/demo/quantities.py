"""Demo: Northwind Europe buys ASCII Tees by the case, Paris has an order minimum.

- Northwind EMEA (so Berlin and Paris) buys the ASCII Tee product in cases of 10,
  at least one case (the global contract's tiers from 10 and 50 stay reachable);
  Chicago still buys single tees;
- Northwind Paris orders at least USD 200 per checkout.

So anna.buyer (Berlin) is refused 25 tees (nearest: 20 or 30) and orders 30;
paul.buyer (Paris) cannot complete an order of 10 tees (145.00) until it is 20.
"""

from collections.abc import Callable
from decimal import Decimal

#: The populatedb SKU whose product is sold by the case.
CASE_SKU = "328223581"
CASE = 10
RULE_GROUP = "northwind-emea"
MINIMUM_GROUP = "northwind-paris"
MINIMUM = Decimal("200")

LOGINS: list[tuple[str, str, str]] = []


def is_loaded() -> bool:
    from ..groups.models import CustomerGroup
    from ..quantities.models import QuantityRule

    return (
        QuantityRule.objects.filter(group__slug=RULE_GROUP).exists()
        and CustomerGroup.objects.filter(
            slug=MINIMUM_GROUP, min_order_subtotal__isnull=False
        ).exists()
    )


def load(log: Callable[[str], None]) -> None:
    from saleor.product.models import ProductVariant

    from ..groups import tree
    from ..groups.models import CustomerGroup
    from ..quantities import QuantityScope
    from ..quantities.services import RuleLimits, set_rule

    groups = {
        g.slug: g
        for g in CustomerGroup.objects.filter(slug__in=[RULE_GROUP, MINIMUM_GROUP])
    }
    variant = ProductVariant.objects.filter(sku=CASE_SKU).first()
    if len(groups) < 2 or variant is None:
        log("  skipped: load the groups demo on populatedb first")
        return
    set_rule(
        groups[RULE_GROUP],
        QuantityScope.PRODUCT,
        variant.product_id,
        RuleLimits(minimum=CASE, increment=CASE),
    )
    paris = groups[MINIMUM_GROUP]
    if paris.min_order_subtotal is None:
        paris.min_order_subtotal = MINIMUM
        tree.save_group(paris, paris.parent)
    log(
        f"  {groups[RULE_GROUP].name}: {variant.product.name} in cases of {CASE}; "
        f"{paris.name}: orders from USD {MINIMUM}"
    )
