"""The one price resolver: what a buyer pays for a variant, and why.

Every path a price takes asks here: the storefront's ``pricing`` fields, checkout
lines, orders from checkout, staff draft orders, and the explanation field. Given a
buyer's effective groups, a channel and (variant, quantity) pairs it returns, per
pair, the group price and every candidate that competed for it.

How a price is chosen:

1. **Candidates.** Every active price list of the channel, valid now, assigned to
   one of the buyer's groups or their ancestors. Within one list, a fixed price for
   the variant at the highest tier not above the quantity wins; without one, the
   most specific percentage rule (variant, product, collection, category -- deeper
   categories first --, all) applies to the channel price. A list with
   ``cap_at_channel_price`` never goes above the channel price.
2. **Policy, per membership.** For each group the buyer belongs to, the candidates of
   that group's lineage compete under the group's effective ``price_conflict_policy``:
   LOWEST (lowest price), PRIORITY (highest assignment priority, then lowest price)
   or NEAREST (the list assigned nearest to the group, then priority, then price).
3. **Across memberships** the buyer gets the lowest of their memberships' winners.

Catalogue promotions and vouchers are not decided here: the group price replaces
the channel price as the *base* price, and Saleor applies them on top of it, as it
does for ``CheckoutLine.price_override`` (see ``pricing/storefront.py``).

Cost: nothing for a buyer in no group; otherwise one query for any number of
variants, lists, groups and depth (assignments, fixed prices and the deciding rules
together), plus one for channel prices when the caller does not pass them. The
per-buyer work (each membership's lists and policy) is done once per call, and the
per-variant work touches each candidate list once.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from django.db import connections
from django.utils import timezone
from prices import Money
from saleor.core.prices import quantize_price
from saleor.product.models import (
    Category,
    CollectionProduct,
    Product,
    ProductVariant,
    ProductVariantChannelListing,
)

from ..groups.fetch import CustomerGroupsInfo
from ..groups.models import CustomerGroup
from ..groups.terms import TERMS, effective_term
from . import DiscountScope, PriceConflictPolicy
from .models import CustomerGroupPriceList, PriceList, PriceListEntry, PriceListRule


@dataclass(frozen=True)
class PriceRequest:
    variant_id: int
    quantity: int = 1


@dataclass(frozen=True)
class PriceCandidate:
    """One price list's offer for one variant and quantity."""

    price_list: PriceList
    #: The group the list is assigned to (the buyer's group or an ancestor).
    group: CustomerGroup
    #: The buyer's group whose lineage brought this list in.
    membership_group: CustomerGroup
    #: 0 when assigned to the membership group itself, 1 to its parent, ...
    distance: int
    priority: int
    price: Money
    #: "fixed" (a price list entry) or "percentage" (a rule).
    kind: str
    #: The tier's minimum quantity, for fixed prices.
    min_quantity: int | None = None
    #: The rule's scope and percentage, for percentage prices.
    scope: str | None = None
    percentage: Decimal | None = None
    capped: bool = False


@dataclass
class GroupPrice:
    """The buyer's price for a variant and quantity, with its explanation."""

    variant_id: int
    quantity: int
    channel_price: Money
    price: Money
    winner: PriceCandidate
    candidates: list[PriceCandidate] = field(default_factory=list)
    #: Each membership group's policy, by group id.
    policies: dict[int, str] = field(default_factory=dict)
    reason: str = ""


def resolve_group_prices(
    buyer: CustomerGroupsInfo,
    channel_id: int,
    requests: Iterable[PriceRequest],
    *,
    channel_prices: Mapping[int, Money | None] | None = None,
    now: datetime | None = None,
    database: str = "default",
    explain: bool = True,
) -> dict[PriceRequest, GroupPrice]:
    """Group prices for every request that has one; absent: the channel price applies.

    ``channel_prices`` maps variant ids to the channel's (undiscounted) price, when
    the caller already loaded the listings. ``explain=False`` (the storefront,
    checkout and orders) decides the same prices without keeping the losing
    candidates: ``GroupPrice.candidates`` then holds the winner only.
    """
    requests = list(dict.fromkeys(requests))
    if not buyer.is_member or not requests:
        return {}
    variant_ids = {request.variant_id for request in requests}
    offers = _offers(
        buyer.group_ids, channel_id, now or timezone.now(), variant_ids, database
    )
    if not offers.assignments:
        return {}
    if channel_prices is None:
        channel_prices = _channel_prices(channel_id, variant_ids, database)
    plans = _membership_plans(buyer, offers.assignments)

    results = {}
    for request in requests:
        channel_price = channel_prices.get(request.variant_id)
        if channel_price is None:
            continue  # not sold in this channel: nothing to price
        group_price = _price_for(
            plans,
            request,
            channel_price,
            offers.tiers.get(request.variant_id, {}),
            offers.rules.get(request.variant_id, {}),
            offers.all_rules,
            explain,
        )
        if group_price is not None:
            results[request] = group_price
    return results


@dataclass(frozen=True)
class _RuleMatch:
    scope: str
    percentage: Decimal
    #: What the channel price is multiplied by.
    factor: Decimal


Tiers = dict[int, dict[int, list[tuple[int, Decimal]]]]
Rules = dict[int, dict[int, _RuleMatch]]


@dataclass
class _Offers:
    #: The buyer's groups' assignments of valid lists of the channel, each with its
    #: price list; highest priority first within a group.
    assignments: list[CustomerGroupPriceList]
    #: variant id -> list id -> tiers, highest minimum quantity first.
    tiers: Tiers
    #: variant id -> list id -> the list's most specific matching rule, when it is
    #: more specific than one on all products.
    rules: Rules
    #: list id -> its rule on all products (the largest, if several).
    all_rules: dict[int, _RuleMatch]


#: Most specific scope first, as SQL (``DiscountScope.SPECIFICITY``).
_SCOPE_RANK = "CASE r.scope {} END".format(
    " ".join(
        f"WHEN '{scope}' THEN {rank}"
        for rank, scope in enumerate(DiscountScope.SPECIFICITY)
    )
)


def _offers(
    group_ids: set[int],
    channel_id: int,
    now: datetime,
    variant_ids: set[int],
    database: str,
) -> _Offers:
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
    all_rules: dict[int, _RuleMatch] = {}
    #: One match per rule, however many variants it decides.
    matches: dict[int, _RuleMatch] = {}
    hundred = Decimal(100)
    for kind, variant_id, list_id, number, value, scope, group_id, fields in rows:
        if kind == "fixed":
            tiers[variant_id][list_id].append((number, value))
        elif kind in ("rule", "all"):
            match = matches.get(number)
            if match is None:
                match = matches[number] = _RuleMatch(
                    scope, value, (hundred - value) / hundred
                )
            if kind == "all":
                all_rules[list_id] = match
            else:
                rules[variant_id][list_id] = match
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
                id=fields["id"], group_id=group_id, priority=number
            )
            assignment.price_list = price_list
            assignments.append(assignment)
    assignments.sort(key=lambda a: (-a.priority, a.pk))
    for by_list in tiers.values():
        for list_tiers in by_list.values():
            list_tiers.sort(reverse=True)
    return _Offers(assignments, tiers, rules, all_rules)


def _channel_prices(
    channel_id: int, variant_ids: set[int], database: str
) -> dict[int, Money | None]:
    listings = ProductVariantChannelListing.objects.using(database).filter(
        channel_id=channel_id, variant_id__in=variant_ids
    )
    return {listing.variant_id: listing.price for listing in listings}


@dataclass(frozen=True)
class _Slot:
    """A price list as one membership sees it: through which group, how far up.

    What the per-variant loop reads is copied into plain fields once per call.
    """

    assignment: CustomerGroupPriceList
    group: CustomerGroup
    distance: int
    list_id: int
    priority: int
    cap_at_channel_price: bool

    @classmethod
    def of(
        cls, assignment: CustomerGroupPriceList, group: CustomerGroup, distance: int
    ) -> "_Slot":
        return cls(
            assignment,
            group,
            distance,
            assignment.price_list_id,
            assignment.priority,
            assignment.price_list.cap_at_channel_price,
        )

    @property
    def price_list(self) -> PriceList:
        return self.assignment.price_list


@dataclass(frozen=True)
class _MembershipPlan:
    """One membership's lists, nearest assignment of each list, and its policy."""

    group: CustomerGroup
    policy: str
    slots: list[_Slot]


def _membership_plans(
    buyer: CustomerGroupsInfo, assignments: list[CustomerGroupPriceList]
) -> list[_MembershipPlan]:
    """Decided once per call, not once per variant."""
    by_group: dict[int, list[CustomerGroupPriceList]] = defaultdict(list)
    for assignment in assignments:
        by_group[assignment.group_id].append(assignment)
    policy_term = TERMS["price_conflict_policy"]
    plans = []
    for membership in buyer.memberships:
        lineage = buyer.lineage(membership.group)
        seen_lists: set[int] = set()
        slots = []
        for distance, group in enumerate(lineage):
            for assignment in by_group.get(group.pk, []):
                if assignment.price_list_id in seen_lists:
                    continue  # the nearest assignment of a list counts
                seen_lists.add(assignment.price_list_id)
                slots.append(_Slot.of(assignment, group, distance))
        plans.append(
            _MembershipPlan(
                membership.group, effective_term(policy_term, lineage).value, slots
            )
        )
    return plans


@lru_cache(maxsize=64)
def _places(currency: str) -> Decimal:
    """What ``quantize_price`` quantizes to, for one currency."""
    return quantize_price(Decimal(1), currency)


#: (kind, price, min_quantity, scope, percentage, capped)
_Offer = tuple[str, Decimal, int | None, str | None, Decimal | None, bool]


def _list_offer(
    slot: _Slot,
    quantity: int,
    channel_amount: Decimal,
    places: Decimal,
    tiers: Sequence[tuple[int, Decimal]],
    rule: _RuleMatch | None,
) -> _Offer | None:
    """One list's offer: its fixed tier price, else its most specific rule."""
    offer: _Offer | None = None
    for min_quantity, amount in tiers:
        if min_quantity <= quantity:
            offer = ("fixed", amount.quantize(places), min_quantity, None, None, False)
            break
    if offer is None:
        if rule is None:
            return None
        amount = (channel_amount * rule.factor).quantize(places)
        offer = ("percentage", amount, None, rule.scope, rule.percentage, False)
    if slot.cap_at_channel_price and offer[1] > channel_amount:
        return (*offer[:1], channel_amount, *offer[2:5], True)
    return offer


def _policy_key(policy: str, slot: _Slot, amount: Decimal) -> tuple:
    """Sort key: the smallest candidate wins under ``policy``."""
    if policy == PriceConflictPolicy.PRIORITY:
        return (-slot.priority, amount, slot.distance, slot.list_id)
    if policy == PriceConflictPolicy.NEAREST:
        return (slot.distance, -slot.priority, amount, slot.list_id)
    return (amount, slot.distance, -slot.priority, slot.list_id)


def _candidate(
    plan: _MembershipPlan, slot: _Slot, offer: _Offer, currency: str
) -> PriceCandidate:
    kind, amount, min_quantity, scope, percentage, capped = offer
    return PriceCandidate(
        price_list=slot.price_list,
        group=slot.group,
        membership_group=plan.group,
        distance=slot.distance,
        priority=slot.priority,
        price=Money(amount, currency),
        kind=kind,
        min_quantity=min_quantity,
        scope=scope,
        percentage=percentage,
        capped=capped,
    )


def _price_for(
    plans: list[_MembershipPlan],
    request: PriceRequest,
    channel_price: Money,
    tiers_by_list: Mapping[int, Sequence[tuple[int, Decimal]]],
    rule_by_list: Mapping[int, _RuleMatch],
    all_rules: Mapping[int, _RuleMatch],
    explain: bool,
) -> GroupPrice | None:
    currency = channel_price.currency
    places = _places(currency)
    channel_amount = channel_price.amount
    candidates: list[PriceCandidate] = []
    #: Per membership with an offer: (its LOWEST key, winner, plan, offers count).
    winners: list[tuple[tuple, PriceCandidate, _MembershipPlan, int]] = []
    for plan in plans:
        best: tuple | None = None
        count = 0
        for slot in plan.slots:
            list_id = slot.list_id
            offer = _list_offer(
                slot,
                request.quantity,
                channel_amount,
                places,
                tiers_by_list.get(list_id, ()),
                rule_by_list.get(list_id) or all_rules.get(list_id),
            )
            if offer is None:
                continue
            count += 1
            key = _policy_key(plan.policy, slot, offer[1])
            candidate = _candidate(plan, slot, offer, currency) if explain else None
            if candidate is not None:
                candidates.append(candidate)
            if best is None or key < best[0]:
                best = (key, slot, offer, candidate)
        if best is not None:
            _key, slot, offer, candidate = best
            winner = candidate or _candidate(plan, slot, offer, currency)
            lowest = _policy_key(PriceConflictPolicy.LOWEST, slot, offer[1])
            winners.append((lowest, winner, plan, count))
    if not winners:
        return None
    _lowest, winner, plan, count = min(winners, key=lambda w: w[0])
    reason = _REASONS[plan.policy].format(count=count, group=plan.group.name)
    if len(winners) > 1:
        reason += f"; lowest of the winners of {len(winners)} memberships"
    return GroupPrice(
        variant_id=request.variant_id,
        quantity=request.quantity,
        channel_price=channel_price,
        price=winner.price,
        winner=winner,
        candidates=candidates if explain else [winner],
        policies={p.group.pk: p.policy for p in plans},
        reason=reason,
    )


_REASONS = {
    PriceConflictPolicy.LOWEST: (
        "lowest of {count} candidate price(s) for group {group}"
    ),
    PriceConflictPolicy.PRIORITY: (
        "highest-priority price list among {count} candidate(s) for group {group}"
    ),
    PriceConflictPolicy.NEAREST: (
        "price list assigned nearest to group {group} among {count} candidate(s)"
    ),
}
