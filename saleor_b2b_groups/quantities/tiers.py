"""Quantity rules consistent with price tiers: a rule may not make a tier useless.

A tier of a price list (``PriceListEntry``: a variant's price from ``min_quantity``
up) covers the quantities from its minimum to the next tier's minimum of the same
list and variant, minus one. A quantity rule makes it **unreachable** when no
quantity the rule allows falls in that range -- an increment of 10 and tiers at
21 and 25, or a maximum of 40 and a tier at 50. Tiers wholly below the rule's
smallest quantity are left alone: that is what a minimum is for (a base price at 1
under a minimum of 10 is normal).

The tiers checked are those of the price lists assigned to the rule's group, its
ancestors and the groups below it (all of whose members the rule reaches), for the
variants the rule's scope targets. A more specific rule elsewhere that would
override this one for some variant is not taken into account: the check may refuse
a rule whose conflict another rule already settles (set the specific rule first is
not a way around it; delete the tier or choose other limits).
"""

from dataclasses import dataclass

from django.db.models import Q

from ..groups.models import CustomerGroup
from ..pricing.models import CustomerGroupPriceList, PriceListEntry
from . import QuantityScope
from .rules import EffectiveRule


@dataclass(frozen=True)
class UnreachableTier:
    price_list: str
    sku: str
    min_quantity: int

    def __str__(self) -> str:
        return f"'{self.price_list}' {self.sku} from {self.min_quantity}"


def _targeted(scope: str, target_id: int | None) -> Q:
    if scope == QuantityScope.VARIANT:
        return Q(variant_id=target_id)
    if scope == QuantityScope.PRODUCT:
        return Q(variant__product_id=target_id)
    if scope == QuantityScope.COLLECTION:
        return Q(variant__product__collections__id=target_id)
    if scope == QuantityScope.CATEGORY:
        from saleor.product.models import Category

        category = Category.objects.get(pk=int(target_id or 0))
        subtree = category.get_descendants(include_self=True).values("pk")
        return Q(variant__product__category_id__in=subtree)
    return Q()


def _has_valid_in(rule: EffectiveRule, low: int, high: int | None) -> bool:
    nearest = rule.nearest_valid(low)
    return any(q >= low and (high is None or q <= high) for q in nearest)


def unreachable_tiers(
    group: CustomerGroup, scope: str, target_id: int | None, rule: EffectiveRule
) -> list[UnreachableTier]:
    """The tiers ``rule`` would make unreachable (two queries)."""
    smallest = rule.smallest()
    related = Q(pk__in=group.lineage_ids) | Q(ancestor_ids__contains=[group.pk])
    lists = CustomerGroupPriceList.objects.filter(
        group__in=CustomerGroup.objects.filter(related)
    ).values("price_list_id")
    entries = (
        PriceListEntry.objects.filter(price_list_id__in=lists)
        .filter(_targeted(scope, target_id))
        .order_by("price_list_id", "variant_id", "min_quantity")
        .values_list(
            "price_list_id",
            "price_list__name",
            "variant_id",
            "variant__sku",
            "min_quantity",
        )
        .distinct()
    )
    rows = list(entries)
    found = []
    for index, (list_id, list_name, variant_id, sku, low) in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else None
        same = following is not None and following[:3:2] == (list_id, variant_id)
        high = following[4] - 1 if same else None  # type: ignore[index]
        if smallest is not None and high is not None and high < smallest:
            continue  # below the minimum: what a minimum is for
        if not _has_valid_in(rule, low, high):
            found.append(UnreachableTier(list_name, sku or str(variant_id), low))
    return found
