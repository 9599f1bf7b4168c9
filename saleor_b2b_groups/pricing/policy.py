"""The price resolver's policy: which offer wins, per membership and overall.

Pure Python over what ``candidates.read_offers`` read: no query. Each membership's
candidates compete under the group's effective ``price_conflict_policy``; the buyer
gets the lowest of their memberships' winners (see ``resolver``).
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from prices import Money
from saleor.core.prices import quantize_price

from ..groups.fetch import CustomerGroupsInfo
from ..groups.models import CustomerGroup
from ..groups.terms import TERMS, effective_term
from . import PriceConflictPolicy
from .candidates import RuleMatch, Tier
from .models import CustomerGroupPriceList, PriceList


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


def membership_plans(
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


@dataclass(frozen=True, slots=True)
class _Offer:
    """One list's offer for one variant and quantity, before it is a candidate."""

    #: "fixed" (a tier) or "percentage" (a rule).
    kind: str
    amount: Decimal
    min_quantity: int | None = None
    scope: str | None = None
    percentage: Decimal | None = None
    #: True when the list's cap brought the amount down to the channel price.
    capped: bool = False


def _list_offer(
    slot: _Slot,
    quantity: int,
    channel_amount: Decimal,
    places: Decimal,
    tiers: Sequence[Tier],
    rule: RuleMatch | None,
) -> _Offer | None:
    """One list's offer: its fixed tier price, else its most specific rule."""
    offer: _Offer | None = None
    for tier in tiers:
        if tier.min_quantity <= quantity:
            offer = _Offer("fixed", tier.amount.quantize(places), tier.min_quantity)
            break
    if offer is None:
        if rule is None:
            return None
        amount = (channel_amount * rule.factor).quantize(places)
        offer = _Offer("percentage", amount, None, rule.scope, rule.percentage)
    if slot.cap_at_channel_price and offer.amount > channel_amount:
        return replace(offer, amount=channel_amount, capped=True)
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
    return PriceCandidate(
        price_list=slot.price_list,
        group=slot.group,
        membership_group=plan.group,
        distance=slot.distance,
        priority=slot.priority,
        price=Money(offer.amount, currency),
        kind=offer.kind,
        min_quantity=offer.min_quantity,
        scope=offer.scope,
        percentage=offer.percentage,
        capped=offer.capped,
    )


def price_for(
    plans: list[_MembershipPlan],
    request: PriceRequest,
    channel_price: Money,
    tiers_by_list: Mapping[int, Sequence[Tier]],
    rule_by_list: Mapping[int, RuleMatch],
    all_rules: Mapping[int, RuleMatch],
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
            key = _policy_key(plan.policy, slot, offer.amount)
            candidate = _candidate(plan, slot, offer, currency) if explain else None
            if candidate is not None:
                candidates.append(candidate)
            if best is None or key < best[0]:
                best = (key, slot, offer, candidate)
        if best is not None:
            _key, slot, offer, candidate = best
            winner = candidate or _candidate(plan, slot, offer, currency)
            lowest = _policy_key(PriceConflictPolicy.LOWEST, slot, offer.amount)
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
