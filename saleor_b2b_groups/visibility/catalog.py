"""A buyer's catalog: what their groups let them see, decided once per request.

One place decides visibility; the SQL filters (``filters``), the checkout checks
(``checkout``) and the explanation field (``explain``) all read a
:class:`BuyerCatalog`.

**Precedence.** For each of the buyer's memberships, the rules of the member group
and of every group above it (its *lineage*) decide, first match wins:

1. a **product** rule on the product (the nearest group's, when several groups of
   the lineage have one);
2. a **collection** rule on one of the product's collections: the nearest group's
   first; at the same distance an exclusion beats an inclusion;
3. a **category** rule on the product's category or one of its ancestors: the
   deepest category first (a rule on "Shirts" beats one on its parent "Apparel"),
   then the nearest group;
4. no rule: the membership's effective catalog mode (inherited like every term):
   ``open`` shows the product, ``restricted`` hides it.

A membership counts in a channel only if the channel is among its group's effective
allowed channels (inherited; unset: every channel). **Across memberships** the buyer
sees the union: a product is visible if one admitted membership shows it.

Cost: the buyer's groups come from the buyer context (``buyers``); the rules of
all their groups, with every category each category rule covers, are one query
(:func:`load_buyer_catalog`), whatever the number of rules, groups or depth.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Value,
    When,
)
from django.db.models.expressions import Expression, Func
from saleor.product.models import CollectionProduct

from ..buyers.context import register_group_extra
from ..groups.fetch import CustomerGroupsInfo, MembershipInfo
from ..groups.models import CustomerGroup
from ..groups.terms import TERMS, effective_term
from ..precedence import (
    Covered,
    Match,
    ScopedRules,
    load_rules,
    rules_json_sql,
    rules_loaded_with,
    scoped_rules,
)
from . import CatalogMode, RuleEffect
from .models import CatalogRule


@dataclass(frozen=True)
class RuleMatch(Match[CatalogRule]):
    """A catalog rule as it applies to one membership."""

    @property
    def includes(self) -> bool:
        return self.rule.effect == RuleEffect.INCLUDE


@dataclass
class MembershipCatalog:
    """What one membership lets its member see."""

    membership: MembershipInfo
    #: The effective catalog mode, and the group that sets it (None: default).
    mode: str
    mode_source: CustomerGroup | None
    #: The effective allowed channel ids; None: every channel.
    allowed_channels: list[int] | None
    allowed_channels_source: CustomerGroup | None
    #: Product id -> the nearest group's rule on it.
    product_rules: dict[int, RuleMatch] = field(default_factory=dict)
    #: Collection rules in the order they are tried (nearest first, exclusions
    #: before inclusions at the same distance).
    collection_rules: list[RuleMatch] = field(default_factory=list)
    #: Category id -> the rule deciding it: the deepest rule category at or above
    #: it, the nearest group's rule on that category. Categories no rule covers
    #: are absent.
    category_decisions: dict[int, RuleMatch] = field(default_factory=dict)

    @property
    def group(self) -> CustomerGroup:
        return self.membership.group

    @property
    def is_open(self) -> bool:
        return self.mode == CatalogMode.OPEN

    @property
    def has_rules(self) -> bool:
        return bool(
            self.product_rules or self.collection_rules or self.category_decisions
        )

    def admits(self, channel_id: int) -> bool:
        return self.allowed_channels is None or channel_id in self.allowed_channels

    def decide(
        self, product_id: int, collection_ids: Iterable[int], category_id: int | None
    ) -> RuleMatch | None:
        """The rule that decides the product (``precedence``), or None: the mode
        decides."""
        scoped = ScopedRules(
            product_rules=self.product_rules,
            collection_rules=self.collection_rules,
            category_decisions=self.category_decisions,
        )
        return scoped.decide(product_id, collection_ids, category_id)

    def shows(
        self, product_id: int, collection_ids: Iterable[int], category_id: int | None
    ) -> bool:
        match = self.decide(product_id, collection_ids, category_id)
        return self.is_open if match is None else match.includes

    # SQL --------------------------------------------------------------------

    def product_expression(
        self, product_field: str = "pk", category_field: str = "category_id"
    ) -> Expression:
        """True for the products this membership shows, as one SQL expression.

        ``product_field`` and ``category_field`` name the product's id and category
        id from the queryset being filtered (``product_id`` and
        ``product__category_id`` for variants). Its size is fixed: the rules' ids
        travel as array parameters.
        """
        whens = []
        for effect in (True, False):
            ids = [pk for pk, m in self.product_rules.items() if m.includes is effect]
            if ids:
                whens.append(When(EqualsAny(F(product_field), ids), then=Value(effect)))
        for includes, collection_ids in self._collection_steps():
            in_collections = CollectionProduct.objects.filter(
                product_id=OuterRef(product_field), collection_id__in=collection_ids
            )
            whens.append(When(Exists(in_collections), then=Value(includes)))
        whens.extend(self._category_whens(category_field))
        if not whens:
            return Value(self.is_open)
        return Case(*whens, default=Value(self.is_open), output_field=BooleanField())

    def _category_whens(self, category_field: str) -> list[When]:
        whens = []
        for effect in (True, False):
            ids = [
                pk for pk, m in self.category_decisions.items() if m.includes is effect
            ]
            if ids:
                whens.append(
                    When(EqualsAny(F(category_field), ids), then=Value(effect))
                )
        return whens

    def _collection_steps(self) -> list[tuple[bool, list[int]]]:
        """Collection rules in order, runs of the same distance and effect merged."""
        steps: list[tuple[tuple[int, bool], list[int]]] = []
        for match in self.collection_rules:
            key = (match.distance, match.includes)
            if steps and steps[-1][0] == key:
                steps[-1][1].append(match.rule.collection_id)  # type: ignore[arg-type]
            else:
                steps.append((key, [match.rule.collection_id]))  # type: ignore[list-item]
        return [(includes, ids) for (_distance, includes), ids in steps]


@dataclass
class BuyerCatalog:
    """A customer's catalog across all their memberships."""

    groups: CustomerGroupsInfo
    memberships: list[MembershipCatalog]

    def admitted(self, channel_id: int) -> list[MembershipCatalog]:
        """The memberships that count in the channel."""
        return [m for m in self.memberships if m.admits(channel_id)]

    def shows(
        self,
        channel_id: int,
        product_id: int,
        collection_ids: Iterable[int],
        category_id: int | None,
    ) -> bool:
        collection_ids = list(collection_ids)
        return any(
            m.shows(product_id, collection_ids, category_id)
            for m in self.admitted(channel_id)
        )


class EqualsAny(Func):
    """``field = ANY(%s)``: one array parameter, whatever the number of ids."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s::integer[]))"
    output_field = BooleanField()

    def __init__(self, expression, ids: Iterable[int]):
        ids = Value(sorted(set(ids)), output_field=ArrayField(IntegerField()))
        super().__init__(expression, ids)


#: The attribute :data:`GROUP_RULES_SQL` loads onto each group.
GROUP_RULES = "b2b_catalog_rules"
#: A group's rules as one JSON array, each with every category it covers: read
#: along with the buyer's groups (``buyers.context.GROUP_EXTRAS``), so a buyer's
#: catalog costs no query of its own.
GROUP_RULES_SQL = rules_json_sql(CatalogRule._meta.db_table)
register_group_extra(GROUP_RULES, GROUP_RULES_SQL)


def load_buyer_catalog(
    groups: CustomerGroupsInfo, database: str = "default"
) -> BuyerCatalog:
    """Every membership's catalog: the rules came with the groups
    (:data:`GROUP_RULES_SQL`), or one query for all rules and covered categories."""
    loaded = rules_loaded_with(groups, GROUP_RULES, CatalogRule)
    rules, covered = (
        loaded if loaded else load_rules(CatalogRule, groups.group_ids, database)
    )
    rules_by_group: dict[int, list[CatalogRule]] = defaultdict(list)
    for rule in rules:
        rules_by_group[rule.group_id].append(rule)
    memberships = [
        _membership_catalog(membership, groups, rules_by_group, covered)
        for membership in groups.memberships
    ]
    return BuyerCatalog(groups=groups, memberships=memberships)


def _membership_catalog(
    membership: MembershipInfo,
    groups: CustomerGroupsInfo,
    rules_by_group: dict[int, list[CatalogRule]],
    covered: Covered,
) -> MembershipCatalog:
    lineage = groups.lineage(membership.group)
    mode = effective_term(TERMS["catalog_mode"], lineage)
    channels = effective_term(TERMS["allowed_channels"], lineage)
    catalog = MembershipCatalog(
        membership=membership,
        mode=mode.value,
        mode_source=mode.source,
        allowed_channels=channels.value,
        allowed_channels_source=channels.source,
    )
    # The shared precedence (``precedence``); at the same distance an exclusion
    # is tried before an inclusion.
    scoped = scoped_rules(
        lineage,
        rules_by_group,
        covered,
        match=RuleMatch,
        collection_order=lambda m: m.includes,
    )
    catalog.product_rules = scoped.product_rules
    catalog.collection_rules = scoped.collection_rules
    catalog.category_decisions = scoped.category_decisions
    return catalog
