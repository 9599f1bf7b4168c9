"""SQL queries per request, vanilla and plugin, across page sizes and buyers.

The target is about independence: what the plugin adds must not grow with the
page size, the depth of the buyer's group or the number of price lists or catalog
rules it gets. So the same requests run for the deep buyer (bottom of the
hierarchy, many lists, catalog rules), the shallow buyer (a root group, one list,
no rules) and the catalog buyer (catalog rules, no list), at two page sizes, and
for an anonymous visitor; each after a warm-up request, counted by the server.
Each buyer's product page opens a product it may see. The storefront target (at
most 3 extra) applies to the listing and the product page of every buyer;
``checkoutLinesAdd`` with 5 and 20 lines is reported to show the checkout's extra
queries do not grow with the lines either (no target of its own).

Rows of one kind must add the same number of queries. The catalog buyer's rows
are kinds of their own ("... , no price list"): with no price list there is no
group price to fetch, so its requests may add fewer queries than a priced buyer's,
which is no growth; the deep buyer, with both rules and lists, is compared with
the shallow buyer, with lists and no rules.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from ..client import BenchError, Response, result
from ..session import (
    ANONYMOUS,
    CATALOG_BUYER,
    DEEP_BUYER,
    MODES,
    PLUGIN,
    SHALLOW_BUYER,
    VANILLA,
    Bench,
)
from . import COUNTS, Scenario, Target
from .checkout import ADDRESS, CHECKOUT_CREATE, LINES_ADD, checkout_variants
from .storefront import deep_buyer_products, detail, listing

#: The kinds of request the storefront target (at most 3 extra queries) is about.
LISTING, PRODUCT_PAGE = "listing", "product page"
#: Appended to the kinds of the catalog buyer's rows.
NO_PRICE_LIST = ", no price list"
TARGETED = (
    LISTING,
    PRODUCT_PAGE,
    LISTING + NO_PRICE_LIST,
    PRODUCT_PAGE + NO_PRICE_LIST,
)
SMALL_PAGE = 20
LARGE_PAGE = 100


def first_product(bench: Bench, who: str) -> str:
    """A product ``who`` may see (with the plugin on: it sees less than without)."""
    if who != CATALOG_BUYER:
        return deep_buyer_products(bench)[0]
    bench.set_mode(PLUGIN)
    edges = result(listing(bench, first=1, who=who), "products")["edges"]
    if not edges:
        raise BenchError(f"The {who} sees no product.")
    return edges[0]["node"]["id"]


def _buyers(bench: Bench) -> list[tuple[str, str, str]]:
    """(who, how the rows name them, what their rows' kinds end with) of the bench
    buyers."""
    counts = bench.marker["counts"]
    levels = bench.marker["size"]["depth"]
    lists = counts["deep_buyer_price_lists"]
    rules = counts.get("deep_buyer_catalog_rules", 0)
    buyers = [
        (DEEP_BUYER, f"deep buyer ({levels} levels, {lists} lists, {rules} rules)", ""),
        (SHALLOW_BUYER, "shallow buyer (a root group, 1 list)", ""),
    ]
    if not bench.seeded("visibility"):
        rules = counts["catalog_buyer_catalog_rules"]
        buyers.append(
            (CATALOG_BUYER, f"catalog buyer ({rules} rules, no list)", NO_PRICE_LIST)
        )
    return buyers


def _cases(bench: Bench) -> list[tuple[str, str, Callable[[], Response]]]:
    """(kind, name, request) of every counted request."""
    buyers = _buyers(bench)
    cases: list[tuple[str, str, Callable[[], Response]]] = []
    for who, name, suffix in buyers:
        for first in (SMALL_PAGE, LARGE_PAGE):
            cases.append(
                (
                    LISTING + suffix,
                    f"listing {first}, {name}",
                    partial(listing, bench, first=first, who=who),
                )
            )
    cases.append(
        (
            "anonymous",
            f"listing {LARGE_PAGE}, anonymous",
            partial(listing, bench, first=LARGE_PAGE, who=ANONYMOUS),
        )
    )
    for who, name, suffix in buyers:
        cases.append(
            (
                PRODUCT_PAGE + suffix,
                f"product page, {name}",
                partial(detail, bench, first_product(bench, who), who=who),
            )
        )
    variants = bench.cache.get("checkout_variants") or checkout_variants(bench)
    for lines in (5, len(variants)):
        cases.append(
            (
                "checkoutLinesAdd",
                f"checkoutLinesAdd {lines} lines, {buyers[0][1]}",
                partial(add_lines, bench, variants[:lines]),
            )
        )
    return cases


def add_lines(bench: Bench, variants: list[str]) -> Response:
    """A new checkout of the deep buyer; the response of adding ``variants``."""
    created = result(
        bench.post(
            CHECKOUT_CREATE,
            {"channel": bench.channel, "address": ADDRESS},
            who=DEEP_BUYER,
        ),
        "checkoutCreate",
    )
    lines = [{"variantId": variant, "quantity": 2} for variant in variants]
    return bench.post(
        LINES_ADD, {"id": created["checkout"]["id"], "lines": lines}, who=DEEP_BUYER
    )


class QueryCounts(Scenario):
    key = "query_counts"
    title = "SQL queries per request: page size, depth, price lists, rules"
    kind = COUNTS
    target = Target(
        "at most 3 extra SQL queries per request, the same for every page size, "
        "depth, number of price lists and of catalog rules",
        max_extra_queries=3,
    )

    def run(self, bench: Bench, quick: bool) -> dict[str, Any]:
        cases = _cases(bench)
        counted: dict[str, dict[str, int]] = {name: {} for _, name, _ in cases}
        for mode in MODES:
            bench.set_mode(mode)
            for _, name, request in cases:
                request()  # warm, as on a server that has served before
                response = request()
                if response.data.get("errors"):
                    raise BenchError(f"{name}: {response.data['errors']}")
                if response.queries is None:
                    raise BenchError("The server does not report query counts.")
                counted[name][mode] = response.queries
        rows = [
            {
                "kind": kind,
                "request": name,
                VANILLA: counted[name][VANILLA],
                PLUGIN: counted[name][PLUGIN],
                "extra": counted[name][PLUGIN] - counted[name][VANILLA],
            }
            for kind, name, _ in cases
        ]
        extras: dict[str, set[int]] = {}
        for row in rows:
            extras.setdefault(row["kind"], set()).add(row["extra"])
        return {
            "rows": rows,
            "max_extra": max(max(extras[kind]) for kind in TARGETED if kind in extras),
            "independent": all(len(values) == 1 for values in extras.values()),
        }
