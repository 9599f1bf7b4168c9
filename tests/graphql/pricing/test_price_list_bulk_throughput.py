"""How fast price list entries are upserted in bulk: printed, never asserted on.

Run with ``-s`` to see the numbers::

    pytest tests/graphql/pricing/test_price_list_bulk_throughput.py -s

The project's target is 5,000 entries per second. Measured for 5,000 rows keyed by
SKU with an external reference each: created, then every price updated, then the
same call repeated (nothing to write); through ``pricing.bulk`` alone, and through
``priceListEntriesBulkUpsert`` with Saleor's test client, asking for ``count`` and
``errors`` only or for a result per row.
"""

import time
from decimal import Decimal

from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing import bulk
from saleor_b2b_groups.pricing.models import PriceList, PriceListEntry
from tests.fixtures.pricing import make_priced_variants

from .price_list_operations import price_list_id

ROWS = 5_000

UPSERT_COUNT_ONLY = """
mutation ($priceList: ID!, $entries: [PriceListEntryBulkInput!]!) {
  priceListEntriesBulkUpsert(priceList: $priceList, entries: $entries) {
    count errors { index field code }
  }
}
"""

UPSERT_WITH_RESULTS = """
mutation ($priceList: ID!, $entries: [PriceListEntryBulkInput!]!) {
  priceListEntriesBulkUpsert(priceList: $priceList, entries: $entries) {
    count errors { index field code }
    results { entry { id } errors { field code } }
  }
}
"""


def seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def graphql_upsert(client, document, price_list, rows):
    def call():
        response = client.post_graphql(
            document, {"priceList": price_list_id(price_list), "entries": rows}
        )
        data = get_graphql_content(response)["data"]["priceListEntriesBulkUpsert"]
        assert (data["count"], data["errors"]) == (len(rows), [])

    return call


def domain_upsert(price_list, rows):
    entry_rows = [
        bulk.EntryRow(
            Decimal(row["price"]),
            variant_sku=row["variantSku"],
            external_reference=row["externalReference"],
        )
        for row in rows
    ]

    def call():
        outcome = bulk.upsert_entries(price_list, entry_rows)
        assert (outcome.count, outcome.errors) == (len(rows), {})

    return call


def test_bulk_upsert_throughput(
    staff_api_client, staff_with_manage_discounts, product, channel_USD
):
    # given: 5,000 variants priced in the channel
    variants = make_priced_variants(product, channel_USD, ROWS, "T")

    def rows(price):
        return [
            {"variantSku": v.sku, "price": price, "externalReference": f"T{n}"}
            for n, v in enumerate(variants)
        ]

    ways = {
        "pricing.bulk.upsert_entries": lambda price_list, r: domain_upsert(
            price_list, r
        ),
        "GraphQL, count and errors": lambda price_list, r: graphql_upsert(
            staff_api_client, UPSERT_COUNT_ONLY, price_list, r
        ),
        "GraphQL, a result per row": lambda price_list, r: graphql_upsert(
            staff_api_client, UPSERT_WITH_RESULTS, price_list, r
        ),
    }

    # when: each way on its own list: create, update every price, repeat
    timings = {}
    for n, (way, upsert) in enumerate(ways.items()):
        price_list = PriceList.objects.create(
            name=way, slug=f"throughput-{n}", channel=channel_USD, currency="USD"
        )
        timings[way] = [
            seconds(upsert(price_list, rows(price)))
            for price in ("9.99", "8.49", "8.49")
        ]

    # then
    assert PriceListEntry.objects.filter(price_amount="8.49").count() == 3 * ROWS
    print(f"\n{ROWS} entries per call, rows/s (create / update / unchanged):")
    for way, (created, updated, unchanged) in timings.items():
        print(
            f"  {way:30} {ROWS / created:8,.0f} {ROWS / updated:8,.0f} "
            f"{ROWS / unchanged:8,.0f}"
        )
