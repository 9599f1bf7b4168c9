"""The price resolver's SQL: every offer a buyer's groups have for some variants.

``read_offers`` reads, in one query, the assignments of the buyer's groups' valid
price lists, their fixed tiers for the variants and the rules that decide each
variant; ``policy`` then decides the winner without touching the database.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connections
from prices import Money
from saleor.product.models import (
    Category,
    CollectionProduct,
    Product,
    ProductVariant,
    ProductVariantChannelListing,
)

from . import DiscountScope
from .models import CustomerGroupPriceList, PriceList, PriceListEntry, PriceListRule


@dataclass(frozen=True, order=True, slots=True)
class Tier:
    """A fixed price of a list for a variant, from a minimum quantity on.

    Ordered by minimum quantity (then amount), so sorting puts tiers in order."""

    min_quantity: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class OfferRow:
    """One row of the offers query (which fields are set depends on ``kind``)."""

    #: "assignment", "fixed", "rule" (a variant's most specific rule) or "all".
    kind: str
    # ``Any``: set or NULL depending on ``kind``, as the query guarantees.
    variant_id: Any  # int: "fixed", "rule"
    list_id: int
    #: The assignment's priority, the tier's minimum quantity, or the rule's id.
    number: int
    #: The tier's price or the rule's percentage (Decimal).
    value: Any
    scope: Any  # str: "rule", "all"
    group_id: Any  # int: "assignment"
    #: The assignment and its price list (dict), for "assignment".
    fields: Any


@dataclass(frozen=True)
class RuleMatch:
    scope: str
    percentage: Decimal
    #: What the channel price is multiplied by.
    factor: Decimal


Tiers = dict[int, dict[int, list["Tier"]]]
Rules = dict[int, dict[int, RuleMatch]]


@dataclass
class Offers:
    #: The buyer's groups' assignments of valid lists of the channel, each with its
    #: price list; highest priority first within a group.
    assignments: list[CustomerGroupPriceList]
    #: variant id -> list id -> tiers, highest minimum quantity first.
    tiers: Tiers
    #: variant id -> list id -> the list's most specific matching rule, when it is
    #: more specific than one on all products.
    rules: Rules
    #: list id -> its rule on all products (the largest, if several).
    all_rules: dict[int, RuleMatch]


#: Most specific scope first, as SQL (``DiscountScope.SPECIFICITY``).
_SCOPE_RANK = "CASE r.scope {} END".format(
    " ".join(
        f"WHEN '{scope}' THEN {rank}"
        for rank, scope in enumerate(DiscountScope.SPECIFICITY)
    )
)


def read_offers(
    group_ids: set[int],
    channel_id: int,
    now: datetime,
    variant_ids: set[int],
    database: str,
) -> Offers:
    """Assignments, fixed tiers and the deciding rules, in one query.

    The valid lists assigned to the groups; every tier of those lists for the
    variants; per list its rule on all products, once; and per variant and list the
    most specific rule that is more specific than that (variant, product,
    collection, category -- the deepest category first, a rule on a category
    covering its subcategories through their MPTT bounds --; then the largest
    percentage), chosen in SQL. Rules are matched scope by scope with equality
    joins, never as a variants x rules product.
    """
    sql = f"""
        WITH a AS (
            SELECT cgpl.id, cgpl.group_id, cgpl.priority, cgpl.price_list_id
            FROM {CustomerGroupPriceList._meta.db_table} cgpl
            JOIN {PriceList._meta.db_table} pl ON pl.id = cgpl.price_list_id
            WHERE cgpl.group_id = ANY(%(groups)s) AND pl.channel_id = %(channel)s
              AND pl.is_active
              AND (pl.valid_from IS NULL OR pl.valid_from <= %(now)s)
              AND (pl.valid_to IS NULL OR pl.valid_to > %(now)s)
        ),
        lists AS (SELECT DISTINCT price_list_id AS id FROM a),
        lr AS (
            SELECT r.id, r.scope, r.variant_id, r.product_id, r.category_id,
                   r.collection_id
            FROM {PriceListRule._meta.db_table} r
            WHERE r.price_list_id IN (SELECT id FROM lists) AND r.scope <> %(all)s
        ),
        v AS (
            SELECT pv.id AS variant_id, pv.product_id,
                   (SELECT p.category_id FROM {Product._meta.db_table} p
                    WHERE p.id = pv.product_id) AS category_id
            FROM {ProductVariant._meta.db_table} pv
            WHERE pv.id = ANY(%(variants)s)
        )
        SELECT 'assignment', NULL::integer, a.price_list_id, a.priority, NULL::numeric,
               NULL::varchar, a.group_id,
               json_build_object(
                   'id', a.id, 'name', pl.name, 'slug', pl.slug,
                   'currency', pl.currency, 'channel_id', pl.channel_id,
                   'cap', pl.cap_at_channel_price,
                   'external_reference', pl.external_reference)
        FROM a JOIN {PriceList._meta.db_table} pl ON pl.id = a.price_list_id
        UNION ALL
        SELECT 'fixed', e.variant_id, e.price_list_id, e.min_quantity, e.price_amount,
               NULL, NULL, NULL
        FROM {PriceListEntry._meta.db_table} e
        WHERE e.price_list_id = ANY(ARRAY(SELECT id FROM lists))
          AND e.variant_id = ANY(%(variants)s)
        UNION ALL (
            -- a list's rule on all products, the same for every variant: once
            SELECT DISTINCT ON (r.price_list_id)
                   'all', NULL, r.price_list_id, r.id, r.percentage, r.scope,
                   NULL, NULL
            FROM {PriceListRule._meta.db_table} r
            WHERE r.scope = %(all)s AND r.price_list_id IN (SELECT id FROM lists)
            ORDER BY r.price_list_id, r.percentage DESC
        )
        UNION ALL (
            SELECT DISTINCT ON (m.variant_id, r.price_list_id)
                   'rule', m.variant_id, r.price_list_id, r.id, r.percentage, r.scope,
                   NULL, NULL
            FROM (
                -- from the lists' rules (few), each scope by equality joins: never
                -- a variants x rules product, nothing for a scope no list uses
                SELECT v.variant_id, lr.id AS rule_id, 0 AS level
                FROM lr JOIN v ON v.variant_id = lr.variant_id
                WHERE lr.scope = %(variant)s
                UNION ALL
                SELECT v.variant_id, lr.id, 0
                FROM lr JOIN v ON v.product_id = lr.product_id
                WHERE lr.scope = %(product)s
                UNION ALL
                SELECT v.variant_id, lr.id, 0
                FROM lr
                JOIN {CollectionProduct._meta.db_table} cp
                  ON cp.collection_id = lr.collection_id
                JOIN v ON v.product_id = cp.product_id
                WHERE lr.scope = %(collection)s
                UNION ALL
                SELECT v.variant_id, lr.id, rc.level
                FROM lr
                JOIN {Category._meta.db_table} rc ON rc.id = lr.category_id
                JOIN {Category._meta.db_table} pc
                  ON pc.tree_id = rc.tree_id AND pc.lft BETWEEN rc.lft AND rc.rght
                JOIN v ON v.category_id = pc.id
                WHERE lr.scope = %(category)s
            ) m
            JOIN {PriceListRule._meta.db_table} r ON r.id = m.rule_id
            ORDER BY m.variant_id, r.price_list_id, {_SCOPE_RANK},
                     m.level DESC, r.percentage DESC
        )
    """  # table names are Django's; values are parameters
    params = {
        "groups": list(group_ids),
        "channel": channel_id,
        "now": now,
        "variants": list(variant_ids),
        "all": DiscountScope.ALL,
        "variant": DiscountScope.VARIANT,
        "product": DiscountScope.PRODUCT,
        "collection": DiscountScope.COLLECTION,
        "category": DiscountScope.CATEGORY,
    }
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)  # type: ignore[arg-type]
        rows = cursor.fetchall()
    assignments: list[CustomerGroupPriceList] = []
    price_lists: dict[int, PriceList] = {}
    tiers: Tiers = defaultdict(lambda: defaultdict(list))
    rules: Rules = defaultdict(dict)
    all_rules: dict[int, RuleMatch] = {}
    #: One match per rule, however many variants it decides.
    matches: dict[int, RuleMatch] = {}
    hundred = Decimal(100)
    for row in (OfferRow(*values) for values in rows):
        list_id, number, fields = row.list_id, row.number, row.fields
        if row.kind == "fixed":
            tiers[row.variant_id][list_id].append(Tier(number, row.value))
        elif row.kind in ("rule", "all"):
            match = matches.get(number)
            if match is None:
                match = matches[number] = RuleMatch(
                    row.scope, row.value, (hundred - row.value) / hundred
                )
            if row.kind == "all":
                all_rules[list_id] = match
            else:
                rules[row.variant_id][list_id] = match
        else:
            price_list = price_lists.get(list_id)
            if price_list is None:
                price_list = price_lists[list_id] = PriceList(
                    id=list_id,
                    name=fields["name"],
                    slug=fields["slug"],
                    currency=fields["currency"],
                    channel_id=fields["channel_id"],
                    cap_at_channel_price=fields["cap"],
                    external_reference=fields["external_reference"],
                )
            assignment = CustomerGroupPriceList(
                id=fields["id"], group_id=row.group_id, priority=number
            )
            assignment.price_list = price_list
            assignments.append(assignment)
    assignments.sort(key=lambda a: (-a.priority, a.pk))
    for by_list in tiers.values():
        for list_tiers in by_list.values():
            list_tiers.sort(reverse=True)
    return Offers(assignments, tiers, rules, all_rules)


def read_channel_prices(
    channel_id: int, variant_ids: set[int], database: str
) -> dict[int, Money | None]:
    listings = ProductVariantChannelListing.objects.using(database).filter(
        channel_id=channel_id, variant_id__in=variant_ids
    )
    return {listing.variant_id: listing.price for listing in listings}
