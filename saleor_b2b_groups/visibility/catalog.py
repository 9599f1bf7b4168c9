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
from django.utils.dateparse import parse_datetime
from saleor.product.models import Category, CollectionProduct

from ..buyers.context import register_group_extra
from ..groups.fetch import CustomerGroupsInfo, MembershipInfo
from ..groups.models import CustomerGroup
from ..groups.terms import TERMS, effective_term
from . import CatalogMode, RuleEffect, RuleScope
from .models import CatalogRule


@dataclass(frozen=True)
class RuleMatch:
    """A rule as it applies to one membership."""

    rule: CatalogRule
    #: The group that owns the rule: the member group or one of its ancestors.
    group: CustomerGroup
    #: 0 for the member group's own rules, 1 for its parent's, ...
    distance: int

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
        """The rule that decides the product, or None: the mode decides."""
        if product_id in self.product_rules:
            return self.product_rules[product_id]
        collections = set(collection_ids)
        for match in self.collection_rules:
            if match.rule.collection_id in collections:
                return match
        if category_id is not None:
            return self.category_decisions.get(category_id)
        return None

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
#: A group's rules as one JSON array, each with its category's level and every
#: category it covers: read along with the buyer's groups
#: (``buyers.context.GROUP_EXTRAS``), so a buyer's catalog costs no query of its own.
GROUP_RULES_SQL = f"""
    SELECT COALESCE(json_agg(json_build_object(
        'id', r.id, 'group_id', r.group_id, 'effect', r.effect, 'scope', r.scope,
        'product_id', r.product_id, 'category_id', r.category_id,
        'collection_id', r.collection_id, 'created_at', r.created_at,
        'updated_at', r.updated_at, 'level', rc.level,
        'covered', (
            SELECT array_agg(c.id ORDER BY c.id) FROM {Category._meta.db_table} c
            WHERE c.tree_id = rc.tree_id AND c.lft BETWEEN rc.lft AND rc.rght)
    ) ORDER BY r.id), '[]'::json)
    FROM {CatalogRule._meta.db_table} r
    LEFT JOIN {Category._meta.db_table} rc ON rc.id = r.category_id
    WHERE r.group_id = g.id
"""  # table names are Django's
register_group_extra(GROUP_RULES, GROUP_RULES_SQL)


def load_buyer_catalog(
    groups: CustomerGroupsInfo, database: str = "default"
) -> BuyerCatalog:
    """Every membership's catalog: the rules came with the groups
    (:data:`GROUP_RULES_SQL`), or one query for all rules and covered categories."""
    loaded = _rules_loaded_with(groups)
    rules, covered = loaded if loaded else _load_rules(groups.group_ids, database)
    rules_by_group: dict[int, list[CatalogRule]] = defaultdict(list)
    for rule in rules:
        rules_by_group[rule.group_id].append(rule)
    memberships = [
        _membership_catalog(membership, groups, rules_by_group, covered)
        for membership in groups.memberships
    ]
    return BuyerCatalog(groups=groups, memberships=memberships)


#: Rule category id -> (its level, every category id in its subtree).
Covered = dict[int, tuple[int, list[int]]]

_RULE_FIELDS = [field.attname for field in CatalogRule._meta.concrete_fields]
_TIMES = {"created_at", "updated_at"}


def _rules_loaded_with(
    groups: CustomerGroupsInfo,
) -> tuple[list[CatalogRule], Covered] | None:
    """The rules read along with the groups; None when they were not."""
    if not all(hasattr(group, GROUP_RULES) for group in groups.groups.values()):
        return None
    rules, covered = [], {}
    for group in groups.groups.values():
        for data in getattr(group, GROUP_RULES):
            # JSON carries times as text: back to datetimes, as the ORM gives them
            values = [
                parse_datetime(data[name]) if name in _TIMES else data[name]
                for name in _RULE_FIELDS
            ]
            rules.append(CatalogRule.from_db(group._state.db, _RULE_FIELDS, values))
            rule = rules[-1]
            if rule.category_id is not None and data["covered"]:
                covered[rule.category_id] = (data["level"], data["covered"])
    return rules, covered


def _load_rules(
    group_ids: Iterable[int], database: str
) -> tuple[list[CatalogRule], Covered]:
    """The groups' rules; for category rules, every category they cover.

    One row per rule, a category rule's subtree (MPTT bounds) as an array: the
    result grows with the rules and the categories they cover, not with products.
    """
    group_ids = sorted(group_ids)
    if not group_ids:
        return [], {}
    categories = Category._meta.db_table
    sql = f"""
        SELECT r.*, rc.level AS b2b_rule_level,
               array_remove(array_agg(c.id ORDER BY c.id), NULL) AS b2b_covered_ids
        FROM {CatalogRule._meta.db_table} r
        LEFT JOIN {categories} rc ON rc.id = r.category_id
        LEFT JOIN {categories} c
            ON c.tree_id = rc.tree_id AND c.lft BETWEEN rc.lft AND rc.rght
        WHERE r.group_id = ANY(%s)
        GROUP BY r.id, rc.level
        ORDER BY r.id
    """  # table names are Django's; values are parameters
    rules = list(CatalogRule.objects.using(database).raw(sql, [group_ids]))
    covered: Covered = {
        rule.category_id: (rule.b2b_rule_level, rule.b2b_covered_ids)
        for rule in rules
        if rule.category_id is not None and rule.b2b_covered_ids
    }
    return rules, covered


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
    collection_rules: dict[int, RuleMatch] = {}
    category_rules: dict[int, RuleMatch] = {}
    # Nearest group first, so the first rule seen on a target is the one that wins.
    for distance, group in enumerate(lineage):
        for rule in rules_by_group.get(group.pk, []):
            match = RuleMatch(rule, group, distance)
            if rule.scope == RuleScope.PRODUCT:
                catalog.product_rules.setdefault(rule.product_id, match)  # type: ignore[arg-type]
            elif rule.scope == RuleScope.COLLECTION:
                collection_rules.setdefault(rule.collection_id, match)  # type: ignore[arg-type]
            else:
                category_rules.setdefault(rule.category_id, match)  # type: ignore[arg-type]
    catalog.collection_rules = sorted(
        collection_rules.values(), key=lambda m: (m.distance, m.includes)
    )
    deciding_level: dict[int, int] = {}
    for category_id, match in category_rules.items():
        level, subtree = covered.get(category_id, (0, [category_id]))
        for covered_id in subtree:
            if deciding_level.get(covered_id, -1) < level:
                deciding_level[covered_id] = level
                catalog.category_decisions[covered_id] = match
    return catalog
