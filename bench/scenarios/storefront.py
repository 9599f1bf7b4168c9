"""The storefront: a category page of 100 products, and a product page, as a buyer.

The deep bench buyer (a group at the bottom of the hierarchy, price lists on every
level above, catalog rules that hide about half the catalog; the listing also for
the shallow buyer, one list and no rules) asks what a storefront asks:
``products(first: 100, channel)`` with each product's ``pricing`` (range,
undiscounted range, discount) and thumbnail, and ``product(id, channel)`` with its
variants' ``pricing`` and stock. The product page cycles through the products of
the deep buyer's listing, in the same order in both modes.

Before measuring, ``prepare`` checks the plugin does its work: with it on, the
buyer sees exactly the products the seed's catalog rules let it see (all of them
with it off) and group prices on the page; off, none.
"""

from ..client import BenchError, Timed, result, timed
from ..session import (
    CATALOG_BUYER,
    DEEP_BUYER,
    MODES,
    PLUGIN,
    SHALLOW_BUYER,
    VANILLA,
    Bench,
)
from . import COMPARE, Plan, Scenario, Target

#: What a storefront shows of a product's price: range, public range, saving.
PRODUCT_PRICING = """
fragment ProductPricing on Product {
  pricing {
    onSale
    discount { gross { amount currency } }
    priceRange {
      start { gross { amount currency } net { amount } }
      stop { gross { amount currency } net { amount } }
    }
    priceRangeUndiscounted { start { gross { amount } } stop { gross { amount } } }
  }
}
"""

LISTING = (
    """
query Listing($channel: String!, $first: Int!) {
  products(first: $first, channel: $channel) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name slug
      thumbnail(size: 256) { url alt }
      category { id name }
      ...ProductPricing
    } }
  }
}
"""
    + PRODUCT_PRICING
)

DETAIL = (
    """
query Detail($id: ID!, $channel: String!) {
  product(id: $id, channel: $channel) {
    id name slug description seoTitle seoDescription isAvailableForPurchase
    category { id name parent { id name } }
    productType { id name }
    media { url alt }
    ...ProductPricing
    variants {
      id name sku quantityAvailable
      pricing {
        onSale
        price { gross { amount currency } net { amount } }
        priceUndiscounted { gross { amount } }
        discount { gross { amount } }
      }
    }
  }
}
"""
    + PRODUCT_PRICING
)

#: How many products a buyer may see: ``totalCount`` of the same filter.
VISIBLE = """
query Visible($channel: String!) {
  products(first: 1, channel: $channel) { totalCount }
}
"""

STOREFRONT_TARGET = Target(
    "median at most 1.15x vanilla; at most 3 extra SQL queries per request",
    max_ratio=1.15,
    max_extra_queries=3,
)

PAGE_SIZE = 100


def listing(bench: Bench, *, first: int = PAGE_SIZE, who: str = DEEP_BUYER):
    return bench.post(LISTING, {"channel": bench.channel, "first": first}, who=who)


def detail(bench: Bench, product_id: str, *, who: str = DEEP_BUYER):
    return bench.post(DETAIL, {"id": product_id, "channel": bench.channel}, who=who)


def visible_count(bench: Bench, who: str) -> int:
    answer = bench.post(VISIBLE, {"channel": bench.channel}, who=who)
    return result(answer, "products")["totalCount"]


def discounted(products: list[dict]) -> int:
    """How many products show a discount (the buyer's group price)."""
    return sum(1 for product in products if (product["pricing"] or {}).get("onSale"))


#: The seed's counts of each bench buyer's catalog rules and of the products they
#: let it see; a buyer not here has no rules and sees every product.
CATALOGS = {
    DEEP_BUYER: ("deep_buyer_catalog_rules", "deep_buyer_visible_products"),
    CATALOG_BUYER: ("catalog_buyer_catalog_rules", "catalog_buyer_visible_products"),
}


def expected_visible(bench: Bench, who: str, mode: str) -> int:
    """How many products ``who`` should see in ``mode``, as seeded."""
    counts = bench.marker["counts"]
    if mode == VANILLA or who not in CATALOGS or bench.seeded("visibility"):
        return counts["products"]
    return counts[CATALOGS[who][1]]


def catalog_rules_note(bench: Bench, who: str) -> list[str]:
    reason = bench.seeded("visibility")
    if reason:
        return [f"catalog rules: not measured: {reason}"]
    if who not in CATALOGS:
        return ["catalog rules: none in this buyer's groups"]
    counts = bench.marker["counts"]
    rules, visible = (counts[key] for key in CATALOGS[who])
    return [
        f"catalog rules: measured: {rules} in the buyer's groups, a restricted "
        f"catalog; it sees {visible:,} of {counts['products']:,} products"
    ]


def deep_buyer_products(bench: Bench) -> list[str]:
    """The products on the deep buyer's page with the plugin on: those it may
    open (the product page cycles through them)."""
    if "product_ids" not in bench.cache:
        bench.set_mode(PLUGIN)
        edges = result(listing(bench), "products")["edges"]
        bench.cache["product_ids"] = [edge["node"]["id"] for edge in edges]
    return bench.cache["product_ids"]


class Listing(Scenario):
    key = "listing"
    title = f"storefront products(first: {PAGE_SIZE}) with pricing"
    kind = COMPARE
    target = STOREFRONT_TARGET
    plan = Plan(warmup=3, requests=20, quick_requests=8)
    #: Who browses: the deep buyer, whose lineage has many price lists.
    who = DEEP_BUYER

    def notes(self, bench: Bench) -> list[str]:
        return catalog_rules_note(bench, self.who)

    def prepare(self, bench: Bench) -> None:
        seen = {}
        for mode in MODES:
            bench.set_mode(mode)
            expected = expected_visible(bench, self.who, mode)
            visible = visible_count(bench, self.who)
            if visible != expected:
                raise BenchError(
                    f"The {self.who} may see {visible:,} products ({mode}), not "
                    f"{expected:,}: the catalog (rules) is not served as seeded."
                )
            edges = result(listing(bench, who=self.who), "products")["edges"]
            if len(edges) != min(PAGE_SIZE, expected):
                raise BenchError(
                    f"The listing shows {len(edges)} products ({mode}), not "
                    f"{min(PAGE_SIZE, expected)}: the catalog is not served as seeded."
                )
            seen[mode] = discounted([edge["node"] for edge in edges])
            if mode == PLUGIN and self.who == DEEP_BUYER:
                bench.cache["product_ids"] = [edge["node"]["id"] for edge in edges]
        self.check_prices(seen)
        bench.cache[f"{self.key}_discounted"] = seen[PLUGIN]

    def check_prices(self, seen: dict[str, int]) -> None:
        """Products with a group price on the page, per mode: some with the
        plugin on, none off."""
        if seen[PLUGIN] == 0 or seen[VANILLA] != 0:
            raise BenchError(
                "The plugin does not change the listing as it should: products with a "
                f"group price with the plugin on {seen[PLUGIN]}, off {seen[VANILLA]}."
            )

    def run_once(self, bench: Bench) -> Timed:
        response = listing(bench, who=self.who)
        result(response, "products")
        return timed(response)


class ShallowBuyerListing(Listing):
    """The same page for the shallow buyer (a root group, one price list): how the
    plugin's cost grows with the price lists that compete for each variant."""

    key = "listing_shallow"
    title = "  the same page, shallow buyer (1 price list)"
    plan = Plan(warmup=2, requests=12, quick_requests=6)
    who = SHALLOW_BUYER


class Detail(Scenario):
    key = "detail"
    title = "storefront product(id) page with variant pricing"
    kind = COMPARE
    target = STOREFRONT_TARGET
    plan = Plan(warmup=5, requests=40, quick_requests=15)

    def notes(self, bench: Bench) -> list[str]:
        return catalog_rules_note(bench, DEEP_BUYER)

    def prepare(self, bench: Bench) -> None:
        deep_buyer_products(bench)

    def start(self, bench: Bench) -> None:
        bench.cache["detail_next"] = 0

    def run_once(self, bench: Bench) -> Timed:
        ids = bench.cache["product_ids"]
        position = bench.cache["detail_next"]
        bench.cache["detail_next"] = position + 1
        response = detail(bench, ids[position % len(ids)])
        result(response, "product")
        return timed(response)
