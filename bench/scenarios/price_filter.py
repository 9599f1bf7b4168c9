"""The storefront listing filtered and sorted by price, as the deep buyer (#22).

``products(first: 100, channel, filter: {price: {gte: 20, lte: 40}})`` and
``products(first: 100, channel, sortBy: {field: PRICE, direction: ASC})`` with the
listing's pricing fields. With the plugin on, Saleor's price filter and sorter
compare the buyer's own unit price (``graphql.pricing.price_filters``), in
Saleor's one product query; vanilla compares the channel price. Same target as the
listing: the plugin's extra SQL is the listing's (the buyer's groups), none for
the price condition.

``prepare`` checks both modes answer a non-empty page, and with the plugin on that
the page agrees with the group prices it shows (``priceRange.start.net``): sorted
in their order, filtered within the range. Catalogue promotions, if the dataset
has any, would make the shown price lower than the sorted one: the check then
fails loudly rather than measure the wrong thing.
"""

from ..client import BenchError, Timed, result, timed
from ..session import DEEP_BUYER, MODES, PLUGIN, Bench
from . import Plan, Scenario
from .storefront import PAGE_SIZE, PRODUCT_PRICING, STOREFRONT_TARGET

PRICED_LISTING = (
    """
query PricedListing(
  $channel: String!, $first: Int!, $filter: ProductFilterInput,
  $sortBy: ProductOrder
) {
  products(first: $first, channel: $channel, filter: $filter, sortBy: $sortBy) {
    totalCount
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


class PriceFilteredListing(Scenario):
    key = "listing_price_filter"
    title = f"storefront products(first: {PAGE_SIZE}, filter: price 20-40)"
    target = STOREFRONT_TARGET
    plan = Plan(warmup=3, requests=20, quick_requests=8)
    who = DEEP_BUYER
    extra: dict = {"filter": {"price": {"gte": 20, "lte": 40}}}

    def variables(self, bench: Bench) -> dict:
        return {"channel": bench.channel, "first": PAGE_SIZE, **self.extra}

    def page(self, bench: Bench) -> list[dict]:
        answer = bench.post(PRICED_LISTING, self.variables(bench), who=self.who)
        return [edge["node"] for edge in result(answer, "products")["edges"]]

    def prepare(self, bench: Bench) -> None:
        for mode in MODES:
            bench.set_mode(mode)
            nodes = self.page(bench)
            if not nodes:
                raise BenchError(f"{self.title}: an empty page ({mode}).")
            if mode == PLUGIN:
                self.check(nodes)

    def check(self, nodes: list[dict]) -> None:
        """With the plugin on, every product's lowest shown price is the one the
        filter kept (some variant in the range: the range start is at most 40)."""
        for node in nodes:
            start = node["pricing"]["priceRange"]["start"]["net"]["amount"]
            if start > 40:
                raise BenchError(f"{node['slug']} starts at {start}, above 40.")

    def run_once(self, bench: Bench) -> Timed:
        response = bench.post(PRICED_LISTING, self.variables(bench), who=self.who)
        result(response, "products")
        return timed(response)


class PriceSortedListing(PriceFilteredListing):
    key = "listing_price_sort"
    title = f"storefront products(first: {PAGE_SIZE}, sortBy: PRICE)"
    extra = {"sortBy": {"field": "PRICE", "direction": "ASC"}}

    def check(self, nodes: list[dict]) -> None:
        """With the plugin on, the page is in the order of the prices it shows."""
        starts = [
            node["pricing"]["priceRange"]["start"]["net"]["amount"] for node in nodes
        ]
        if starts != sorted(starts):
            raise BenchError(
                "Sorted by PRICE, the page is not in the order of the buyer's "
                f"prices: {starts[:10]}..."
            )
