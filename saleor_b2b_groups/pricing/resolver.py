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

Cost: nothing for a buyer in no group; otherwise two queries for any number of
variants, lists, groups and depth (assignments; fixed prices with matching rules), plus
one for channel prices when the caller does not pass them.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import connections
from django.db.models import Q
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
) -> dict[PriceRequest, GroupPrice]:
    """Group prices for every request that has one; absent: the channel price applies.

    ``channel_prices`` maps variant ids to the channel's (undiscounted) price, when
    the caller already loaded the listings.
    """
    requests = list(dict.fromkeys(requests))
    if not buyer.is_member or not requests:
        return {}
    assignments = _assignments(buyer, channel_id, now or timezone.now(), database)
    if not assignments:
        return {}
    variant_ids = {request.variant_id for request in requests}
    list_ids = {assignment.price_list_id for assignment in assignments}
    entries, rules = _offers(list_ids, variant_ids, database)
    if channel_prices is None:
        channel_prices = _channel_prices(channel_id, variant_ids, database)

    results = {}
    for request in requests:
        channel_price = channel_prices.get(request.variant_id)
        if channel_price is None:
            continue  # not sold in this channel: nothing to price
        group_price = _price_for(
            buyer,
            request,
            channel_price,
            assignments,
            entries.get(request.variant_id, {}),
            rules.get(request.variant_id, {}),
        )
        if group_price is not None:
            results[request] = group_price
    return results


def _assignments(
    buyer: CustomerGroupsInfo, channel_id: int, now: datetime, database: str
) -> list[CustomerGroupPriceList]:
    return list(
        CustomerGroupPriceList.objects.using(database)
        .filter(
            group_id__in=buyer.group_ids,
            price_list__channel_id=channel_id,
            price_list__is_active=True,
        )
        .filter(
            Q(price_list__valid_from__isnull=True) | Q(price_list__valid_from__lte=now)
        )
        .filter(Q(price_list__valid_to__isnull=True) | Q(price_list__valid_to__gt=now))
        .select_related("price_list")
    )


@dataclass(frozen=True)
class _RuleMatch:
    scope: str
    percentage: Decimal
    #: Category depth for category rules (deeper is more specific).
    category_level: int

    @property
    def specificity(self) -> tuple[int, int, Decimal]:
        """Sorts the most specific rule first, then the deepest, then the largest."""
        return (
            DiscountScope.SPECIFICITY.index(self.scope),
            -self.category_level,
            -self.percentage,
        )


Tiers = dict[int, dict[int, list[tuple[int, Decimal]]]]
Rules = dict[int, dict[int, _RuleMatch]]


def _offers(
    list_ids: set[int], variant_ids: set[int], database: str
) -> tuple[Tiers, Rules]:
    """Every list's fixed tiers and matching percentage rules for the variants.

    One query: fixed prices and rules come back together; rules are matched to
    variants in SQL, categories through their MPTT bounds (a rule on a category
    covers its subcategories).

    Returns variant id -> list id -> tiers (highest minimum quantity first), and
    variant id -> list id -> the list's most specific rule.
    """
    sql = f"""
        WITH v AS (
            SELECT pv.id AS variant_id, pv.product_id, p.category_id
            FROM {ProductVariant._meta.db_table} pv
            JOIN {Product._meta.db_table} p ON p.id = pv.product_id
            WHERE pv.id = ANY(%(variants)s)
        )
        SELECT 'fixed', e.variant_id, e.price_list_id, e.min_quantity,
               e.price_amount, NULL, 0
        FROM {PriceListEntry._meta.db_table} e
        WHERE e.price_list_id = ANY(%(lists)s) AND e.variant_id = ANY(%(variants)s)
        UNION ALL
        SELECT 'rule', v.variant_id, r.price_list_id, NULL, r.percentage, r.scope,
               COALESCE(rc.level, 0)
        FROM v
        JOIN {PriceListRule._meta.db_table} r ON r.price_list_id = ANY(%(lists)s)
        LEFT JOIN {Category._meta.db_table} rc ON rc.id = r.category_id
        LEFT JOIN {Category._meta.db_table} pc ON pc.id = v.category_id
        WHERE r.scope = %(all)s
           OR (r.scope = %(variant)s AND r.variant_id = v.variant_id)
           OR (r.scope = %(product)s AND r.product_id = v.product_id)
           OR (r.scope = %(collection)s AND EXISTS (
                SELECT 1 FROM {CollectionProduct._meta.db_table} cp
                WHERE cp.collection_id = r.collection_id
                  AND cp.product_id = v.product_id))
           OR (r.scope = %(category)s AND rc.tree_id = pc.tree_id
               AND rc.lft <= pc.lft AND rc.rght >= pc.rght)
    """  # table names are Django's; values are parameters
    params = {
        "variants": list(variant_ids),
        "lists": list(list_ids),
        "all": DiscountScope.ALL,
        "variant": DiscountScope.VARIANT,
        "product": DiscountScope.PRODUCT,
        "collection": DiscountScope.COLLECTION,
        "category": DiscountScope.CATEGORY,
    }
    tiers: Tiers = defaultdict(lambda: defaultdict(list))
    best: Rules = defaultdict(dict)
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)  # type: ignore[arg-type]
        rows = cursor.fetchall()
    for kind, variant_id, list_id, min_quantity, value, scope, level in rows:
        if kind == "fixed":
            tiers[variant_id][list_id].append((min_quantity, value))
            continue
        match = _RuleMatch(scope, value, level)
        current = best[variant_id].get(list_id)
        if current is None or match.specificity < current.specificity:
            best[variant_id][list_id] = match
    for by_list in tiers.values():
        for list_tiers in by_list.values():
            list_tiers.sort(reverse=True)
    return tiers, best


def _channel_prices(
    channel_id: int, variant_ids: set[int], database: str
) -> dict[int, Money | None]:
    listings = ProductVariantChannelListing.objects.using(database).filter(
        channel_id=channel_id, variant_id__in=variant_ids
    )
    return {listing.variant_id: listing.price for listing in listings}


def _list_price(
    price_list: PriceList,
    quantity: int,
    channel_price: Money,
    tiers: Sequence[tuple[int, Decimal]],
    rule: _RuleMatch | None,
) -> dict | None:
    """One list's offer: its fixed tier price, else its most specific rule."""
    currency = channel_price.currency
    offer: dict
    tier = next((t for t in tiers if t[0] <= quantity), None)
    if tier is not None:
        offer = {
            "kind": "fixed",
            "min_quantity": tier[0],
            "price": Money(quantize_price(tier[1], currency), currency),
        }
    elif rule is not None:
        factor = (Decimal(100) - rule.percentage) / Decimal(100)
        offer = {
            "kind": "percentage",
            "scope": rule.scope,
            "percentage": rule.percentage,
            "price": Money(
                quantize_price(channel_price.amount * factor, currency), currency
            ),
        }
    else:
        return None
    if price_list.cap_at_channel_price and offer["price"] > channel_price:
        offer["price"] = channel_price
        offer["capped"] = True
    return offer


def _price_for(
    buyer: CustomerGroupsInfo,
    request: PriceRequest,
    channel_price: Money,
    assignments: list[CustomerGroupPriceList],
    tiers_by_list: Mapping[int, Sequence[tuple[int, Decimal]]],
    rule_by_list: Mapping[int, _RuleMatch],
) -> GroupPrice | None:
    by_group: dict[int, list[CustomerGroupPriceList]] = defaultdict(list)
    for assignment in assignments:
        by_group[assignment.group_id].append(assignment)

    candidates: list[PriceCandidate] = []
    winners: list[PriceCandidate] = []
    policies: dict[int, str] = {}
    policy_term = TERMS["price_conflict_policy"]
    for membership in buyer.memberships:
        lineage = buyer.lineage(membership.group)
        policy = effective_term(policy_term, lineage).value
        policies[membership.group.pk] = policy
        seen_lists: set[int] = set()
        own: list[PriceCandidate] = []
        for distance, group in enumerate(lineage):
            for assignment in by_group.get(group.pk, []):
                if assignment.price_list_id in seen_lists:
                    continue  # the nearest assignment of a list counts
                seen_lists.add(assignment.price_list_id)
                offer = _list_price(
                    assignment.price_list,
                    request.quantity,
                    channel_price,
                    tiers_by_list.get(assignment.price_list_id, ()),
                    rule_by_list.get(assignment.price_list_id),
                )
                if offer is None:
                    continue
                own.append(
                    PriceCandidate(
                        price_list=assignment.price_list,
                        group=group,
                        membership_group=membership.group,
                        distance=distance,
                        priority=assignment.priority,
                        **offer,
                    )
                )
        if own:
            candidates.extend(own)
            winners.append(min(own, key=_policy_key(policy)))
    if not winners:
        return None
    winner = min(winners, key=_policy_key(PriceConflictPolicy.LOWEST))
    policy = policies[winner.membership_group.pk]
    reason = _REASONS[policy].format(
        count=len(
            [c for c in candidates if c.membership_group == winner.membership_group]
        ),
        group=winner.membership_group.name,
    )
    if len(winners) > 1:
        reason += f"; lowest of the winners of {len(winners)} memberships"
    return GroupPrice(
        variant_id=request.variant_id,
        quantity=request.quantity,
        channel_price=channel_price,
        price=winner.price,
        winner=winner,
        candidates=candidates,
        policies=policies,
        reason=reason,
    )


def _policy_key(policy: str):
    """Sort key: the smallest candidate wins under ``policy``."""
    if policy == PriceConflictPolicy.PRIORITY:
        return lambda c: (-c.priority, c.price.amount, c.distance, c.price_list.pk)
    if policy == PriceConflictPolicy.NEAREST:
        return lambda c: (c.distance, -c.priority, c.price.amount, c.price_list.pk)
    return lambda c: (c.price.amount, c.distance, -c.priority, c.price_list.pk)


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
