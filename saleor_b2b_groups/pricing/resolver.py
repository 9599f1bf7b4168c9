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

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.utils import timezone
from prices import Money

from ..groups.fetch import CustomerGroupsInfo
from .candidates import read_channel_prices, read_offers
from .policy import (
    GroupPrice,
    PriceCandidate,
    PriceRequest,
    membership_plans,
    price_for,
)

__all__ = ["GroupPrice", "PriceCandidate", "PriceRequest", "resolve_group_prices"]


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
    offers = read_offers(
        buyer.group_ids, channel_id, now or timezone.now(), variant_ids, database
    )
    if not offers.assignments:
        return {}
    if channel_prices is None:
        channel_prices = read_channel_prices(channel_id, variant_ids, database)
    plans = membership_plans(buyer, offers.assignments)

    results = {}
    for request in requests:
        channel_price = channel_prices.get(request.variant_id)
        if channel_price is None:
            continue  # not sold in this channel: nothing to price
        group_price = price_for(
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
