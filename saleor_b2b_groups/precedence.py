"""Which group rule decides a product: shared by catalog visibility and quantity rules.

A rule is set on a group and targets a scope: a variant, a product, a collection, a
category (with its subcategories) or every product. A member's rules are those of
their group and of every group above it (its *lineage*); for one product the first
match in this order decides:

1. a **variant** rule on the variant (quantity rules only);
2. a **product** rule on the product;
3. a **collection** rule on one of the product's collections, nearest group first
   (ties at the same distance are broken by the feature's ``collection_order``);
4. a **category** rule on the product's category or one of its ancestors: the
   deepest category first (a rule on "Shirts" beats one on its parent "Apparel"),
   then the nearest group;
5. a rule on **all products**;

and within one scope and target, the nearest group's rule wins (the member group's
own, then its parent's, ...). Nothing matching: the feature's default decides.

Rules come with the buyer's groups in the buyer context's one query
(``buyers.context.register_group_extra``, see :func:`rules_json_sql`), each
category rule with every category id it covers, so deciding costs no query.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.dateparse import parse_datetime
from saleor.product.models import Category

from .groups.fetch import CustomerGroupsInfo
from .groups.models import CustomerGroup


class Scope:
    """A rule's target, from the most specific to the least."""

    VARIANT = "variant"
    PRODUCT = "product"
    COLLECTION = "collection"
    CATEGORY = "category"
    ALL = "all"

    PRECEDENCE = [VARIANT, PRODUCT, COLLECTION, CATEGORY, ALL]


@dataclass(frozen=True)
class Match[R: models.Model]:
    """A rule as it applies to one member group."""

    rule: R
    #: The group that owns the rule: the member group or one of its ancestors.
    group: CustomerGroup
    #: 0 for the member group's own rules, 1 for its parent's, ...
    distance: int


#: Rule category id -> (its level, every category id in its subtree).
Covered = dict[int, tuple[int, list[int]]]


@dataclass
class ScopedRules[M: Match]:
    """The rules that can decide for one member group, indexed by target."""

    variant_rules: dict[int, M] = field(default_factory=dict)
    #: Product id -> the nearest group's rule on it.
    product_rules: dict[int, M] = field(default_factory=dict)
    #: Collection rules in the order they are tried.
    collection_rules: list[M] = field(default_factory=list)
    #: Category id -> the rule deciding it: the deepest rule category at or above
    #: it, the nearest group's rule on that category.
    category_decisions: dict[int, M] = field(default_factory=dict)
    #: The nearest group's rule on every product.
    everything: M | None = None

    @property
    def has_rules(self) -> bool:
        return bool(
            self.variant_rules
            or self.product_rules
            or self.collection_rules
            or self.category_decisions
            or self.everything
        )

    def decide(
        self,
        product_id: int,
        collection_ids: Iterable[int],
        category_id: int | None,
        variant_id: int | None = None,
    ) -> M | None:
        """The rule that decides, or None: the feature's default decides."""
        if variant_id is not None and variant_id in self.variant_rules:
            return self.variant_rules[variant_id]
        if product_id in self.product_rules:
            return self.product_rules[product_id]
        collections = set(collection_ids)
        for match in self.collection_rules:
            if match.rule.collection_id in collections:  # type: ignore[attr-defined]
                return match
        if category_id is not None and category_id in self.category_decisions:
            return self.category_decisions[category_id]
        return self.everything


def scoped_rules[M: Match](
    lineage: Sequence[CustomerGroup],
    rules_by_group: dict[int, list[Any]],
    covered: Covered,
    *,
    match: Callable[[Any, CustomerGroup, int], M],
    collection_order: Callable[[M], Any] = lambda m: m.rule.pk,
) -> ScopedRules[M]:
    """Index the lineage's rules (``lineage``: the member group, its parent, ...
    up to the root) so that :meth:`ScopedRules.decide` applies the precedence.

    ``collection_order`` breaks ties between collection rules at the same distance.
    """
    scoped: ScopedRules[M] = ScopedRules()
    collection_rules: dict[int, M] = {}
    category_rules: dict[int, M] = {}
    # Nearest group first, so the first rule seen on a target is the one that wins.
    for distance, group in enumerate(lineage):
        for rule in rules_by_group.get(group.pk, []):
            found = match(rule, group, distance)
            scope = rule.scope
            if scope == Scope.VARIANT:
                scoped.variant_rules.setdefault(rule.variant_id, found)
            elif scope == Scope.PRODUCT:
                scoped.product_rules.setdefault(rule.product_id, found)
            elif scope == Scope.COLLECTION:
                collection_rules.setdefault(rule.collection_id, found)
            elif scope == Scope.CATEGORY:
                category_rules.setdefault(rule.category_id, found)
            elif scope == Scope.ALL and scoped.everything is None:
                scoped.everything = found
    scoped.collection_rules = sorted(
        collection_rules.values(), key=lambda m: (m.distance, collection_order(m))
    )
    deciding_level: dict[int, int] = {}
    for category_id, found in category_rules.items():
        level, subtree = covered.get(category_id, (0, [category_id]))
        for covered_id in subtree:
            if deciding_level.get(covered_id, -1) < level:
                deciding_level[covered_id] = level
                scoped.category_decisions[covered_id] = found
    return scoped


def rules_json_sql(table: str) -> str:
    """A group's rules in ``table`` as one JSON array, each with its category's
    level and every category it covers: an SQL expression on the group ``g`` for
    ``buyers.context.register_group_extra``."""
    categories = Category._meta.db_table
    return f"""
        SELECT COALESCE(json_agg(to_jsonb(r) || jsonb_build_object(
            'b2b_level', rc.level,
            'b2b_covered', (
                SELECT array_agg(c.id ORDER BY c.id) FROM {categories} c
                WHERE c.tree_id = rc.tree_id AND c.lft BETWEEN rc.lft AND rc.rght)
        ) ORDER BY r.id), '[]'::json)
        FROM {table} r
        LEFT JOIN {categories} rc ON rc.id = r.category_id
        WHERE r.group_id = g.id
    """  # table names are Django's


def rules_loaded_with[R: models.Model](
    groups: CustomerGroupsInfo, attribute: str, model: type[R]
) -> tuple[list[R], Covered] | None:
    """The rules read along with the groups (:func:`rules_json_sql` registered as
    ``attribute``); None when they were not."""
    if not all(hasattr(group, attribute) for group in groups.groups.values()):
        return None
    names = [f.attname for f in model._meta.concrete_fields]
    times = {
        f.attname
        for f in model._meta.concrete_fields
        if f.get_internal_type() == "DateTimeField"
    }
    rules: list[R] = []
    covered: Covered = {}
    for group in groups.groups.values():
        for data in getattr(group, attribute):
            # JSON carries times as text: back to datetimes, as the ORM gives them
            values = [
                parse_datetime(data[n]) if n in times and data[n] else data[n]
                for n in names
            ]
            rule = model.from_db(group._state.db, names, values)
            rules.append(rule)
            category_id = getattr(rule, "category_id", None)
            if category_id is not None and data.get("b2b_covered"):
                covered[category_id] = (data["b2b_level"], data["b2b_covered"])
    return rules, covered


def load_rules[R: models.Model](
    model: type[R], group_ids: Iterable[int], database: str = "default"
) -> tuple[list[R], Covered]:
    """The groups' rules; for category rules, every category they cover.

    One query: a rule's subtree travels as an array, whatever the product count.
    """
    ids = sorted(set(group_ids))
    if not ids:
        return [], {}
    categories = Category._meta.db_table
    sql = f"""
        SELECT r.*, rc.level AS b2b_rule_level,
               array_remove(array_agg(c.id ORDER BY c.id), NULL) AS b2b_covered_ids
        FROM {model._meta.db_table} r
        LEFT JOIN {categories} rc ON rc.id = r.category_id
        LEFT JOIN {categories} c
            ON c.tree_id = rc.tree_id AND c.lft BETWEEN rc.lft AND rc.rght
        WHERE r.group_id = ANY(%s)
        GROUP BY r.id, rc.level
        ORDER BY r.id
    """  # table names are Django's; values are parameters
    rules = list(model._default_manager.using(database).raw(sql, [ids]))
    covered: Covered = {
        rule.category_id: (rule.b2b_rule_level, rule.b2b_covered_ids)  # type: ignore[attr-defined]
        for rule in rules
        if getattr(rule, "category_id", None) is not None and rule.b2b_covered_ids  # type: ignore[attr-defined]
    }
    return rules, covered
