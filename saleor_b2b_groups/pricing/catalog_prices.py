"""The buyer's unit price as SQL: what the catalog filters and sorts on.

Saleor filters and sorts products on its channel prices. For a group member the
price that counts is the one the resolver shows (``resolver``, quantity 1). This
module writes that price as one SQL expression on a variant channel listing, so
that Saleor's own queries can compare and order on it in the same SQL query:
no extra query, no precomputed table (nothing grows with groups x products).

What is known per request is inlined as constants: the buyer's memberships, each
membership's price lists (nearest assignment, priority, cap) and policy, come from
the buyer context (the lists are read along with the groups,
:data:`GROUP_PRICE_LISTS_SQL`). What is per variant is looked up by index in the
expression, for all the buyer's lists at once: their fixed prices at quantity 1, and
their variant, product and collection rules (one lookup per scope some list uses).
Category rules are decided per category once per request and inlined (they grow
with the lists' category rules, not with products).

The expression follows ``policy`` step by step:

* a list's offer: its fixed price from quantity 1, else the channel price less its
  most specific rule (variant, product, collection, category -- deepest first --,
  all; then the largest percentage), both rounded half-even to the currency as
  ``Decimal.quantize`` does; with ``cap_at_channel_price`` never above the channel
  price;
* per membership, the policy's winner: LOWEST the least offer; PRIORITY the least
  offer of the highest priority that has one; NEAREST the least offer of the
  nearest (then highest-priority) assignment that has one;
* across memberships the least winner; without any offer, the channel price.

``tests/pricing/test_catalog_prices.py`` compares it with the resolver over a
generated catalog.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import DecimalField, F, QuerySet
from django.db.models.expressions import Expression
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from saleor.channel.models import Channel
from saleor.discount.models import PromotionRule
from saleor.product.models import (
    Category,
    CollectionProduct,
    VariantChannelListingPromotionRule,
)

from ..buyers.context import BuyerContext, of_requestor, register_group_extra
from ..groups.fetch import CustomerGroupsInfo
from ..groups.models import CustomerGroup
from . import DiscountScope, PriceConflictPolicy
from .models import PRICE_FIELD, CustomerGroupPriceList, PriceList, PriceListEntry
from .models import PriceListRule as Rule
from .policy import _places, membership_plans

#: The scopes looked up per variant, as SQL literals (constants).
_SCOPES = ", ".join(
    f"'{scope}'" for scope in DiscountScope.SPECIFICITY if scope != DiscountScope.ALL
)
#: The attribute :data:`GROUP_PRICE_LISTS_SQL` loads onto each group.
GROUP_PRICE_LISTS = "b2b_price_lists"
#: A group's price list assignments, each with what the SQL price needs of its
#: list: read along with the buyer's groups (``buyers.context.GROUP_EXTRAS``), so a
#: buyer's price expression costs no query of its own. Which rule scopes a list
#: uses is one index probe per scope (the rules' unique index starts with list and
#: scope), whatever the number of its rules.
GROUP_PRICE_LISTS_SQL = f"""
    SELECT COALESCE(json_agg(json_build_object(
        'id', a.id, 'price_list_id', pl.id, 'priority', a.priority,
        'channel_slug', ch.slug, 'channel_id', ch.id, 'currency', ch.currency_code,
        'is_active', pl.is_active, 'valid_from', pl.valid_from,
        'valid_to', pl.valid_to, 'cap', pl.cap_at_channel_price,
        'scopes', ARRAY(
            SELECT s.scope FROM unnest(ARRAY[{_SCOPES}]) s(scope)
            WHERE EXISTS (SELECT 1 FROM {Rule._meta.db_table} r
                          WHERE r.price_list_id = pl.id AND r.scope = s.scope)),
        'all', (SELECT MAX(r.percentage)::text FROM {Rule._meta.db_table} r
                WHERE r.price_list_id = pl.id AND r.scope = '{DiscountScope.ALL}'),
        'category_rules', (
            SELECT json_agg(json_build_array(
                rc.level, r.percentage::text,
                (SELECT array_agg(c.id) FROM {Category._meta.db_table} c
                 WHERE c.tree_id = rc.tree_id AND c.lft BETWEEN rc.lft AND rc.rght)))
            FROM {Rule._meta.db_table} r
            JOIN {Category._meta.db_table} rc ON rc.id = r.category_id
            WHERE r.price_list_id = pl.id AND r.scope = '{DiscountScope.CATEGORY}')
    ) ORDER BY a.id), '[]'::json)
    FROM {CustomerGroupPriceList._meta.db_table} a
    JOIN {PriceList._meta.db_table} pl ON pl.id = a.price_list_id
    JOIN {Channel._meta.db_table} ch ON ch.id = pl.channel_id
    WHERE a.group_id = g.id
"""  # table names are Django's, the scope a constant
register_group_extra(GROUP_PRICE_LISTS, GROUP_PRICE_LISTS_SQL)


@dataclass(frozen=True)
class ListTerms:
    """What the expression needs of one price list."""

    price_list_id: int
    cap_at_channel_price: bool
    #: The scopes of its rules (percentage subqueries only for those).
    scopes: frozenset[str]
    #: Its rule on all products, if any.
    all_percentage: Decimal | None
    #: Its category rules, decided per category (the deepest rule covering it,
    #: then the largest): percentage -> the category ids it decides. Inlined in
    #: the SQL, it grows with the list's category rules and their subtrees.
    category_percentages: tuple[tuple[Decimal, tuple[int, ...]], ...] = ()


@dataclass(frozen=True, eq=False)  # hashed by identity, as an expression's part
class BuyerPrices:
    """A buyer's price lists in one channel, decided once per request."""

    channel_id: int
    #: What ``Decimal.quantize`` rounds to in the channel's currency.
    places: Decimal
    lists: dict[int, ListTerms]
    #: Per membership, its lists in the policy's order: each step's least offer
    #: wins, the next step counts only when no list of this one has an offer.
    memberships: list[list[list[int]]]


def buyer_prices(
    buyer: BuyerContext,
    channel_slug: str,
    database: str = "default",
    now: datetime | None = None,
) -> BuyerPrices | None:
    """The buyer's price lists in the channel; None when none applies (Saleor's
    prices then stand). Computed once per request and channel."""
    if not buyer.is_member:
        return None
    if now is not None:
        return _buyer_prices(buyer.groups, channel_slug, database, now)
    return buyer.derived(
        f"catalog_prices:{database}:{channel_slug}",
        lambda: _buyer_prices(buyer.groups, channel_slug, database, timezone.now()),
    )


def _assignment_rows(groups: CustomerGroupsInfo, database: str) -> list[dict]:
    if all(hasattr(group, GROUP_PRICE_LISTS) for group in groups.groups.values()):
        rows = []
        for group in groups.groups.values():
            for row in getattr(group, GROUP_PRICE_LISTS):
                rows.append({**row, "group_id": group.pk})
        return rows
    # Groups read without the extra (not a request's buyer): one query.
    sql = f"""
        SELECT g.id, ({GROUP_PRICE_LISTS_SQL})
        FROM {CustomerGroup._meta.db_table} g WHERE g.id = ANY(%s)
    """  # table names are Django's
    with connections[database].cursor() as cursor:
        cursor.execute(sql, [sorted(groups.group_ids)])
        return [
            {**row, "group_id": group_id}
            for group_id, group_rows in cursor.fetchall()
            for row in group_rows
        ]


def _valid(row: dict[str, Any], now: datetime) -> bool:
    valid_from = row["valid_from"] and parse_datetime(row["valid_from"])
    valid_to = row["valid_to"] and parse_datetime(row["valid_to"])
    return bool(
        row["is_active"]
        and (not valid_from or valid_from <= now)
        and (not valid_to or valid_to > now)
    )


def _category_percentages(
    rules: list[list],
) -> tuple[tuple[Decimal, tuple[int, ...]], ...]:
    """Per category the rule that decides it (deepest, then largest), grouped by
    percentage: what ``candidates`` chooses in SQL, decided once per request."""
    best: dict[int, tuple[int, Decimal]] = {}
    for level, percentage, covered in rules:
        key = (level, Decimal(percentage))
        for category_id in covered or ():
            if category_id not in best or key > best[category_id]:
                best[category_id] = key
    by_percentage: dict[Decimal, list[int]] = defaultdict(list)
    for category_id, (_level, percentage) in best.items():
        by_percentage[percentage].append(category_id)
    return tuple(
        (percentage, tuple(sorted(ids)))
        for percentage, ids in sorted(by_percentage.items())
    )


def _buyer_prices(
    groups: CustomerGroupsInfo, channel_slug: str, database: str, now: datetime
) -> BuyerPrices | None:
    rows = [
        row
        for row in _assignment_rows(groups, database)
        if row["channel_slug"] == channel_slug and _valid(row, now)
    ]
    if not rows:
        return None
    lists: dict[int, ListTerms] = {}
    assignments = []
    for row in rows:
        list_id = row["price_list_id"]
        price_list = PriceList(id=list_id, cap_at_channel_price=row["cap"])
        assignment = CustomerGroupPriceList(
            id=row["id"], group_id=row["group_id"], priority=row["priority"]
        )
        assignment.price_list = price_list
        assignments.append(assignment)
        lists[list_id] = ListTerms(
            list_id,
            row["cap"],
            frozenset(row["scopes"] or ()) - {DiscountScope.ALL},
            Decimal(row["all"]) if row["all"] is not None else None,
            _category_percentages(row["category_rules"] or []),
        )
    assignments.sort(key=lambda a: (-a.priority, a.pk))
    memberships = []
    for plan in membership_plans(groups, assignments):
        if not plan.slots:
            continue
        steps: dict[tuple, list[int]] = defaultdict(list)
        for slot in plan.slots:
            if plan.policy == PriceConflictPolicy.PRIORITY:
                key: tuple = (-slot.priority,)
            elif plan.policy == PriceConflictPolicy.NEAREST:
                key = (slot.distance, -slot.priority)
            else:
                key = ()
            steps[key].append(slot.list_id)
        memberships.append([steps[key] for key in sorted(steps)])
    if not memberships:
        return None
    return BuyerPrices(
        channel_id=rows[0]["channel_id"],
        places=_places(rows[0]["currency"]),
        lists=lists,
        memberships=memberships,
    )


@dataclass(frozen=True)
class _Columns:
    """The SQL of the listing's columns the expression reads."""

    price: str
    discounted_price: str
    listing_id: str
    variant_id: str
    product_id: str
    category_id: str


def _round_half_even(value: str, places: Decimal) -> str:
    """``value`` rounded as ``Decimal.quantize(places)`` does (half to even);
    ``value`` is never negative. PostgreSQL's ``round`` rounds half up."""
    scale = max(0, -int(places.as_tuple().exponent))
    factor = 10**scale
    shifted = f"({value}) * {factor}"
    return (
        f"CASE WHEN MOD({shifted}, 1) = 0.5 "
        f"THEN (FLOOR({shifted}) + MOD(FLOOR({shifted}), 2)) / {factor} "
        f"ELSE ROUND({value}, {scale}) END"
    )


def _pivot(column: str, prefix: str, list_ids: list[int]) -> str:
    """One column per list from one lookup for all lists: ``<prefix><list id>``."""
    return ", ".join(
        f"MAX({column}) FILTER (WHERE r.price_list_id = {list_id}) AS {prefix}{list_id}"
        for list_id in list_ids
    )


def _ids(list_ids: list[int]) -> str:
    return ", ".join(str(list_id) for list_id in list_ids)


#: Per scope: the column prefix and the lookup of the variant's rules of that scope
#: (``{lists}`` the lists using the scope, ``{c}`` the listing's columns).
_RULE_LOOKUPS = {
    DiscountScope.VARIANT: (
        "v",
        "FROM {rules} r WHERE r.scope = '{scope}' AND r.variant_id = {c.variant_id} "
        "AND r.price_list_id IN ({lists})",
    ),
    DiscountScope.PRODUCT: (
        "p",
        "FROM {rules} r WHERE r.scope = '{scope}' AND r.product_id = {c.product_id} "
        "AND r.price_list_id IN ({lists})",
    ),
    DiscountScope.COLLECTION: (
        "c",
        "FROM {rules} r JOIN {collection_products} cp "
        "ON cp.collection_id = r.collection_id "
        "WHERE r.scope = '{scope}' AND cp.product_id = {c.product_id} "
        "AND r.price_list_id IN ({lists})",
    ),
}


def _least(values: list[str]) -> str:
    return values[0] if len(values) == 1 else f"LEAST({', '.join(values)})"


def _coalesce(values: list[str]) -> str:
    return values[0] if len(values) == 1 else f"COALESCE({', '.join(values)})"


def group_price_sql(prices: BuyerPrices, c: _Columns) -> str:
    """The buyer's group price for the listing's variant (NULL: none applies).

    One lookup for the fixed prices of all the buyer's lists, and one per rule
    scope some list uses (for all lists using it), each by index and pivoted to a
    column per list: the probes grow with the scopes in use, not with the lists.
    """
    list_ids = list(prices.lists)
    fixed = ", ".join(
        f"MAX(r.price_amount) FILTER (WHERE r.price_list_id = {list_id}) AS f{list_id}"
        for list_id in list_ids
    )
    sources = [
        f"(SELECT {fixed} FROM {PriceListEntry._meta.db_table} r "
        f"WHERE r.variant_id = {c.variant_id} AND r.min_quantity = 1 "
        f"AND r.price_list_id IN ({_ids(list_ids)})) fixed"
    ]
    #: list id -> its percentage columns, most specific scope first
    percentages: dict[int, list[str]] = {list_id: [] for list_id in list_ids}
    names = {
        "rules": Rule._meta.db_table,
        "collection_products": CollectionProduct._meta.db_table,
        "c": c,
    }
    for scope, (prefix, lookup) in _RULE_LOOKUPS.items():
        using = [i for i in list_ids if scope in prices.lists[i].scopes]
        if not using:
            continue
        columns = _pivot("r.percentage", prefix, using)
        where = lookup.format(scope=scope, lists=_ids(using), **names)
        sources.append(f"(SELECT {columns} {where}) {prefix}_rules")
        for list_id in using:
            percentages[list_id].append(f"{prefix}{list_id}")
    # Three layers, each computed once per variant (OFFSET 0 keeps PostgreSQL from
    # inlining a layer at every use of its columns): each list's amount before
    # rounding (its fixed price, else the channel price less its rule), rounded,
    # then the cap and the policy.
    amounts = []
    for list_id, terms in prices.lists.items():
        rule = percentages[list_id]
        if terms.category_percentages:
            cases = " ".join(
                f"WHEN {c.category_id} IN ({_ids(list(ids))}) THEN {percentage}"
                for percentage, ids in terms.category_percentages
            )
            rule.append(f"(CASE {cases} END)")
        if terms.all_percentage is not None:
            rule.append(f"{terms.all_percentage}::numeric")
        amount = f"f{list_id}"
        if rule:
            by_rule = f"{c.price} * (100 - {_coalesce(rule)}) / 100"
            amount = f"COALESCE(f{list_id}, {by_rule})"
        amounts.append(f"{amount} AS a{list_id}")
    rounded = ", ".join(
        f"{_round_half_even(f'a{list_id}', prices.places)} AS o{list_id}"
        for list_id in list_ids
    )
    offers = {}
    for list_id, terms in prices.lists.items():
        offer = f"o{list_id}"
        if terms.cap_at_channel_price:
            offer = f"CASE WHEN {offer} > {c.price} THEN {c.price} ELSE {offer} END"
        offers[list_id] = offer
    winners = [
        _coalesce([_least([offers[list_id] for list_id in step]) for step in steps])
        for steps in prices.memberships
    ]
    return (
        f"(SELECT {_least(winners)} FROM (SELECT {rounded} FROM "
        f"(SELECT {', '.join(amounts)} FROM {', '.join(sources)} OFFSET 0) amounts "
        f"OFFSET 0) offers)"
    )


def _promoted_sql(group_price: str, places: Decimal, c: _Columns) -> str:
    """The variant's catalogue promotion applied to the group price, as the
    storefront applies it (``graphql.pricing.storefront``: the listing's first
    rule, when Saleor discounts the listing)."""
    scale = max(0, -int(places.as_tuple().exponent))
    return (
        f"(SELECT CASE pr.reward_value_type "
        f"WHEN 'fixed' THEN GREATEST({group_price} - pr.reward_value, 0) "
        f"WHEN 'percentage' THEN GREATEST({group_price} - "
        f"ROUND({group_price} * pr.reward_value / 100, {scale}), 0) END "
        f"FROM {VariantChannelListingPromotionRule._meta.db_table} vl "
        f"JOIN {PromotionRule._meta.db_table} pr ON pr.id = vl.promotion_rule_id "
        f"WHERE vl.variant_channel_listing_id = {c.listing_id} "
        f"ORDER BY vl.id LIMIT 1)"
    )


def unit_price_sql(prices: BuyerPrices, c: _Columns, *, promoted: bool) -> str:
    """The buyer's unit price of the listing's variant: the group price, else the
    channel price. ``promoted``: after catalogue promotions (Saleor's
    ``discounted_price``), as ``minimalPrice`` compares."""
    group = group_price_sql(prices, c)
    if not promoted:
        # a variant without a channel price has no group price either
        return (
            f"CASE WHEN {c.price} IS NULL THEN NULL "
            f"ELSE COALESCE({group}, {c.price}) END"
        )
    promotion = _promoted_sql("g.price", prices.places, c)
    return (
        f"CASE WHEN {c.price} IS NULL THEN {c.discounted_price} ELSE "
        f"(SELECT CASE WHEN g.price IS NULL THEN {c.discounted_price} "
        f"WHEN {c.discounted_price} < {c.price} "
        f"THEN COALESCE({promotion}, g.price) ELSE g.price END "
        # OFFSET 0: computed once, not inlined at each use of g.price
        f"FROM (SELECT {group} AS price OFFSET 0) g) END"
    )


_COLUMNS = (
    "price_amount",
    "discounted_price_amount",
    "id",
    "variant_id",
    "variant__product_id",
    "variant__product__category_id",
)


class BuyerUnitPrice(Expression):
    """The buyer's unit price on a ``ProductVariantChannelListing`` queryset."""

    def __init__(self, prices: BuyerPrices, *, promoted: bool = False):
        super().__init__(output_field=DecimalField(**PRICE_FIELD))
        self.prices = prices
        self.promoted = promoted
        self.columns: list[Any] = [F(name) for name in _COLUMNS]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection, **extra_context):
        sqls = []
        params: list[Any] = []
        for column in self.columns:
            sql, column_params = compiler.compile(column)
            sqls.append(sql)
            params.extend(column_params)
        if params:  # columns never have parameters
            raise ValueError("unexpected parameters in a column")
        return unit_price_sql(self.prices, _Columns(*sqls), promoted=self.promoted), []


#: The hint (``QuerySet._hints``, kept by every clone) by which a product queryset
#: carries its requestor from ``visible_to_user`` to Saleor's price filters and
#: sorters, which see the queryset and the channel and nothing else.
REQUESTOR_HINT = "b2b_requestor"


def carry_requestor(queryset: QuerySet, requestor: Any) -> QuerySet:
    """``queryset`` marked with its requestor (a new dict: a manager's hints are
    shared by every queryset it makes)."""
    hints = getattr(queryset, "_hints", {})
    queryset._hints = {**hints, REQUESTOR_HINT: requestor}  # type: ignore[attr-defined]
    return queryset


def prices_of_queryset(queryset: QuerySet, channel_slug: Any) -> BuyerPrices | None:
    """The price lists of the buyer whose catalog ``queryset`` is, in the channel;
    None for visitors, apps, staff, customers in no group, lists in no channel."""
    requestor = getattr(queryset, "_hints", {}).get(REQUESTOR_HINT)
    if requestor is None or not channel_slug:
        return None
    buyer = of_requestor(requestor, queryset.db)
    if buyer is None:
        return None
    return buyer_prices(buyer, str(channel_slug), queryset.db)
