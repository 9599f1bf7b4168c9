"""A buyer's effective quantity rule per variant, decided once per request.

**Precedence** is catalog visibility's (``precedence``): for each membership, the
rules of the member group and of every group above it are tried, most specific
scope first -- variant, product, collection, category (the deepest category
first), all products -- and on one target the nearest group's rule wins. The
winning rule applies whole: a rule on a variant that sets only a maximum replaces
a category rule's increment (set every limit you mean on the specific rule).

**Across memberships.** The buyer context's groups are the purchasing group's
lineage when one applies; a customer in several groups who has not chosen one
gets the strictest combination of their memberships' rules (the highest minimum,
the least common multiple of the increments, the lowest maximum), as approvals
take the strictest policy. Choosing a purchasing group makes it that group's.

Cost: the rules come with the buyer's groups in the buyer context's one query
(:data:`GROUP_RULES_SQL`); deciding a page of variants needs their product,
category and collections, which callers load in one query (``checks``) or from
Saleor's dataloaders (GraphQL).
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..buyers.context import BuyerContext, register_group_extra
from ..groups.models import CustomerGroup
from ..groups.terms import effective_term
from ..precedence import (
    Match,
    ScopedRules,
    load_rules,
    rules_json_sql,
    rules_loaded_with,
    scoped_rules,
)
from .models import QuantityRule
from .terms import MAX_ORDER_SUBTOTAL, MIN_ORDER_SUBTOTAL

#: The attribute :data:`GROUP_RULES_SQL` loads onto each of the buyer's groups.
GROUP_RULES = "b2b_quantity_rules"
GROUP_RULES_SQL = rules_json_sql(QuantityRule._meta.db_table)
register_group_extra(GROUP_RULES, GROUP_RULES_SQL)


@dataclass(frozen=True)
class EffectiveRule:
    """The limits on one variant for one buyer; None: no limit of that kind."""

    minimum: int | None
    increment: int | None
    maximum: int | None
    #: The rules that decided, one per membership (several only when the buyer
    #: has several memberships and no purchasing group).
    sources: tuple[Match[QuantityRule], ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.minimum is None and self.increment is None and self.maximum is None

    def allows(self, quantity: int) -> bool:
        return not self.problems(quantity)

    def problems(self, quantity: int) -> list[str]:
        """What is wrong with ``quantity`` (codes of ``QuantityErrorCode``)."""
        from .error_codes import QuantityErrorCode as Code

        found = []
        if self.minimum is not None and quantity < self.minimum:
            found.append(Code.QUANTITY_BELOW_MINIMUM.value)
        if self.increment is not None and quantity % self.increment:
            found.append(Code.QUANTITY_NOT_MULTIPLE.value)
        if self.maximum is not None and quantity > self.maximum:
            found.append(Code.QUANTITY_ABOVE_MAXIMUM.value)
        return found

    def smallest(self) -> int | None:
        """The smallest quantity the rule allows; None: nothing can be bought."""
        step = self.increment or 1
        smallest = math.ceil((self.minimum or 1) / step) * step
        if self.maximum is not None and smallest > self.maximum:
            return None
        return smallest

    def nearest_valid(self, quantity: int) -> list[int]:
        """The valid quantities nearest ``quantity``: the one below and the one
        above, or one at either end of the range ([] when none is valid)."""
        smallest = self.smallest()
        if smallest is None:
            return []
        step = self.increment or 1
        largest = None
        if self.maximum is not None:
            largest = smallest + (self.maximum - smallest) // step * step
        if quantity <= smallest:
            return [smallest]
        if largest is not None and quantity >= largest:
            return [largest]
        below = smallest + (quantity - smallest) // step * step
        return [quantity] if below == quantity else [below, below + step]


def strictest(rules: Iterable[EffectiveRule]) -> EffectiveRule | None:
    """One rule that satisfies every one of ``rules`` (None: no rule)."""
    rules = [r for r in rules if not r.is_empty]
    if not rules:
        return None
    if len(rules) == 1:
        return rules[0]
    minimums = [r.minimum for r in rules if r.minimum is not None]
    increments = [r.increment for r in rules if r.increment is not None]
    maximums = [r.maximum for r in rules if r.maximum is not None]
    return EffectiveRule(
        minimum=max(minimums) if minimums else None,
        increment=math.lcm(*increments) if increments else None,
        maximum=min(maximums) if maximums else None,
        sources=tuple(s for r in rules for s in r.sources),
    )


@dataclass(frozen=True)
class VariantPlace:
    """Where a variant sits in the catalog: what rules can target."""

    variant_id: int
    product_id: int
    category_id: int | None
    collection_ids: tuple[int, ...] = ()


@dataclass
class BuyerQuantityRules:
    """A buyer's quantity rules, one :class:`ScopedRules` per membership."""

    memberships: list[ScopedRules[Match[QuantityRule]]] = field(default_factory=list)

    @property
    def has_rules(self) -> bool:
        return any(m.has_rules for m in self.memberships)

    def rule_for(self, place: VariantPlace) -> EffectiveRule | None:
        decided = []
        for scoped in self.memberships:
            match = scoped.decide(
                place.product_id,
                place.collection_ids,
                place.category_id,
                variant_id=place.variant_id,
            )
            if match is not None:
                rule = match.rule
                decided.append(
                    EffectiveRule(rule.minimum, rule.increment, rule.maximum, (match,))
                )
        return strictest(decided)


def buyer_rules(buyer: BuyerContext, database: str = "default") -> BuyerQuantityRules:
    """The buyer's quantity rules, computed once per buyer context."""
    return buyer.derived("quantity_rules", lambda: _load(buyer, database))


def _load(buyer: BuyerContext, database: str) -> BuyerQuantityRules:
    groups = buyer.groups
    if not groups.is_member:
        return BuyerQuantityRules()
    loaded = rules_loaded_with(groups, GROUP_RULES, QuantityRule)
    rules, covered = (
        loaded if loaded else load_rules(QuantityRule, groups.group_ids, database)
    )
    by_group: dict[int, list[QuantityRule]] = defaultdict(list)
    for rule in rules:
        by_group[rule.group_id].append(rule)
    seen: set[int] = set()
    memberships = []
    for membership in groups.memberships:
        if membership.group.pk in seen:
            continue
        seen.add(membership.group.pk)
        memberships.append(
            scoped_rules(
                groups.lineage(membership.group), by_group, covered, match=Match
            )
        )
    return BuyerQuantityRules(memberships)


@dataclass(frozen=True)
class OrderLimits:
    """A buyer's order subtotal limits, amounts in the checkout's currency."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    minimum_source: CustomerGroup | None = None
    maximum_source: CustomerGroup | None = None

    @property
    def is_empty(self) -> bool:
        return self.minimum is None and self.maximum is None


def order_limits(buyer: BuyerContext) -> OrderLimits:
    """The buyer's order limits: the purchasing group's lineage's, or, for several
    memberships and none chosen, the strictest among them."""
    groups = buyer.groups
    limits = OrderLimits()
    for membership in groups.memberships:
        lineage = groups.lineage(membership.group)
        low = effective_term(MIN_ORDER_SUBTOTAL, lineage)
        high = effective_term(MAX_ORDER_SUBTOTAL, lineage)
        if low.value is not None and (
            limits.minimum is None or low.value > limits.minimum
        ):
            limits = OrderLimits(
                low.value, limits.maximum, low.source, limits.maximum_source
            )
        if high.value is not None and (
            limits.maximum is None or high.value < limits.maximum
        ):
            limits = OrderLimits(
                limits.minimum, high.value, limits.minimum_source, high.source
            )
    return limits
