"""SQL queries per request, vanilla and plugin, across page sizes and buyers.

The target is about independence: what the plugin adds must not grow with the
page size, the depth of the buyer's group or the number of price lists it gets.
So the same requests run for the deep buyer (bottom of the hierarchy, many lists)
and the shallow buyer (a root group, one list), at two page sizes, and for an
anonymous visitor; each after a warm-up request, counted by the server. The
storefront target (at most 3 extra) applies to the listing and the product page;
``checkoutLinesAdd`` with 5 and 20 lines is reported to show the checkout's extra
queries do not grow with the lines either (no target of its own).
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from ..client import BenchError, Response, result
from ..session import (
    ANONYMOUS,
    DEEP_BUYER,
    MODES,
    PLUGIN,
    SHALLOW_BUYER,
    VANILLA,
    Bench,
)
from . import COUNTS, Scenario, Target
from .checkout import ADDRESS, CHECKOUT_CREATE, LINES_ADD, checkout_variants
from .storefront import detail, listing

#: The kinds of request the storefront target (at most 3 extra queries) is about.
TARGETED = ("listing", "product page")
SMALL_PAGE = 20
LARGE_PAGE = 100


def _cases(bench: Bench) -> list[tuple[str, str, Callable[[], Response]]]:
    """(kind, name, request) of every counted request."""
    product = bench.cache.get("product_ids", [None])[0]
    if product is None:
        product = result(listing(bench, first=1), "products")["edges"][0]["node"]["id"]
    levels = bench.marker["size"]["depth"]
    lists = bench.marker["counts"]["deep_buyer_price_lists"]
    buyers = [
        (DEEP_BUYER, f"deep buyer ({levels} levels, {lists} lists)"),
        (SHALLOW_BUYER, "shallow buyer (a root group, 1 list)"),
    ]
    cases: list[tuple[str, str, Callable[[], Response]]] = []
    for who, name in buyers:
        for first in (SMALL_PAGE, LARGE_PAGE):
            cases.append(
                (
                    "listing",
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
    for who, name in buyers:
        cases.append(
            (
                "product page",
                f"product page, {name}",
                partial(detail, bench, product, who=who),
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
    title = "SQL queries per request: page size, depth, price lists"
    kind = COUNTS
    target = Target(
        "at most 3 extra SQL queries per request, the same for every page size, "
        "depth and number of price lists",
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
            "max_extra": max(max(extras[kind]) for kind in TARGETED),
            "independent": all(len(values) == 1 for values in extras.values()),
        }
