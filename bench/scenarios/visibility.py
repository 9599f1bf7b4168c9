"""Catalog visibility alone: the storefront listing for a buyer with catalog rules
and no price list, vanilla against plugin, with the storefront target.

The catalog bench buyer is in an account of its own (account, region, branch) whose
rules mirror the deep buyer's: upper categories included on the account, a
restricted catalog from the region, a collection included and another excluded,
a product excluded and one included on the branch. No price list reaches it, so
what the plugin adds to this page is visibility: the buyer's groups and rules (one
query each, whatever their number) and the filter in Saleor's own product query.
``prepare`` checks the buyer sees exactly what the seed let it see, and no group
price in either mode. ``query_counts`` has this buyer's rows too.
"""

from ..client import BenchError
from ..session import CATALOG_BUYER, PLUGIN, VANILLA, Bench
from . import Plan
from .storefront import Listing


class CatalogRulesOnly(Listing):
    key = "catalog_rules"
    title = "storefront listing, catalog rules only (no list)"
    plan = Plan(warmup=3, requests=20, quick_requests=8)
    who = CATALOG_BUYER

    def pending(self, bench: Bench) -> str | None:
        return bench.seeded("visibility")

    def check_prices(self, seen: dict[str, int]) -> None:
        if seen[PLUGIN] != 0 or seen[VANILLA] != 0:
            raise BenchError(
                "The catalog buyer has no price list, yet the listing shows group "
                f"prices (plugin on {seen[PLUGIN]}, off {seen[VANILLA]}): the seed "
                "assigned it one."
            )
