"""An ERP's price import: 100,000 fixed prices through ``priceListEntriesBulkUpsert``.

As the admin, over HTTP, into a price list created for the run (and deleted after
it): rows keyed by variant SKU with an external reference each, as an ERP sends
them, in calls of the mutation's limit (10,000 rows). Two passes: the first
creates every entry, the second changes every price. The rate is rows over the sum
of the calls' latencies (building the JSON on this side is not counted). There is
no vanilla counterpart (Saleor has no price lists), so the plugin is on and the
target is a rate.

A dataset with fewer variants than rows gets more tiers per variant (from 1, 6,
11, ... units), so every row is a distinct entry.
"""

import time
from typing import Any

from saleor_b2b_groups import benchdata

from ..client import BenchError, result
from ..session import ADMIN, PLUGIN, Bench
from . import THROUGHPUT, Scenario, Target

#: ``pricing.bulk.MAX_ROWS``: the mutation's limit per call (a test keeps them equal).
BATCH = 10_000
ENTRIES = 100_000
QUICK_ENTRIES = 20_000

PRICE_LIST_CREATE = """
mutation ($name: String!, $channel: ID!) {
  priceListCreate(input: {name: $name, channel: $channel}) {
    priceList { id }
    errors { field code message }
  }
}
"""

PRICE_LIST_DELETE = """
mutation ($id: ID!) { priceListDelete(id: $id) { errors { field code message } } }
"""

UPSERT = """
mutation ($priceList: ID!, $entries: [PriceListEntryBulkInput!]!) {
  priceListEntriesBulkUpsert(priceList: $priceList, entries: $entries) {
    count
    errors { index field code message }
  }
}
"""


def rows(variants: int, count: int, price_cents: int) -> list[dict[str, Any]]:
    """``count`` entries over ``variants`` variants, each its own (variant, tier)."""
    result_rows = []
    for n in range(count):
        tier_round, row = divmod(n, variants)
        cents = price_cents + row % 50
        result_rows.append(
            {
                "variantSku": benchdata.variant_sku(row),
                "minQuantity": 1 + 5 * tier_round,
                "price": f"{cents // 100}.{cents % 100:02d}",
                "externalReference": f"BENCH-ERP-{n}",
            }
        )
    return result_rows


class BulkUpsert(Scenario):
    key = "bulk_upsert"
    title = "admin priceListEntriesBulkUpsert"
    kind = THROUGHPUT
    target = Target("at least 5,000 price entries per second", min_rate=5_000)

    def run(self, bench: Bench, quick: bool) -> dict[str, Any]:
        count = QUICK_ENTRIES if quick else ENTRIES
        variants = bench.marker["counts"]["variants"]
        bench.set_mode(PLUGIN)
        created = result(
            bench.post(
                PRICE_LIST_CREATE,
                {
                    "name": f"Bench import {time.time():.0f}",
                    "channel": bench.channel_id,
                },
                who=ADMIN,
            ),
            "priceListCreate",
        )
        price_list = created["priceList"]["id"]
        try:
            passes = {
                name: self._pass(bench, price_list, rows(variants, count, cents))
                for name, cents in (("create", 1_500), ("update", 1_400))
            }
        finally:
            result(
                bench.post(PRICE_LIST_DELETE, {"id": price_list}, who=ADMIN),
                "priceListDelete",
            )
        return {"entries": count, "batch": BATCH, "passes": passes}

    def _pass(self, bench: Bench, price_list: str, entries: list[dict]) -> dict:
        batches = []
        for start in range(0, len(entries), BATCH):
            chunk = entries[start : start + BATCH]
            response = bench.post(
                UPSERT, {"priceList": price_list, "entries": chunk}, who=ADMIN
            )
            data = result(response, "priceListEntriesBulkUpsert")
            if data["count"] != len(chunk):
                raise BenchError(
                    f"The bulk upsert stored {data['count']} of {len(chunk)}."
                )
            batches.append(
                {
                    "rows": len(chunk),
                    "seconds": response.seconds,
                    "rate": len(chunk) / response.seconds,
                    "queries": response.queries,
                }
            )
        seconds = sum(batch["seconds"] for batch in batches)
        return {
            "seconds": seconds,
            "rate": len(entries) / seconds,
            "batches": batches,
        }
