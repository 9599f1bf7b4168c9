"""priceListEntriesBulkUpsert: idempotent, per-row errors, error policies."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing import bulk
from saleor_b2b_groups.pricing.models import PriceListEntry
from tests.fixtures.pricing import make_priced_variants

from .price_list_operations import (
    ENTRIES_BULK_UPSERT,
    global_id,
    price_list_id,
    pricing_snapshot,
    variant_id,
)


def upsert(client, variables):
    content = get_graphql_content(client.post_graphql(ENTRIES_BULK_UPSERT, variables))
    return content["data"]["priceListEntriesBulkUpsert"]


def row_errors(data):
    return [
        [(e["field"], e["code"]) for e in result["errors"]]
        for result in data["results"]
    ]


def test_upsert_by_id_sku_and_reference_then_repeat_changes_nothing(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    priced_variants,
    price_lists_changed_calls,
):
    # given
    first, second, third = priced_variants[:3]
    variables = {
        "priceListExternalReference": "PL-ACME",
        "entries": [
            {"variant": variant_id(first), "price": "8.50"},
            {"variant": variant_id(first), "minQuantity": 10, "price": 7.25},
            {"variantSku": second.sku, "price": 9, "externalReference": "E-2"},
            {
                "variantExternalReference": third.external_reference,
                "price": 0,
                "currency": "USD",
            },
        ],
    }

    # when
    data = upsert(staff_api_client, variables)
    ids = [result["entry"]["id"] for result in data["results"]]
    with CaptureQueriesContext(connection) as captured:
        again = upsert(staff_api_client, variables)

    # then
    assert data["errors"] == []
    assert data["count"] == 4
    assert row_errors(data) == [[], [], [], []]
    assert [r["entry"] for r in data["results"]] == [
        {
            "id": ids[0],
            "minQuantity": 1,
            "externalReference": None,
            "price": {"amount": 8.5, "currency": "USD"},
            "variant": {"sku": first.sku},
        },
        {
            "id": ids[1],
            "minQuantity": 10,
            "externalReference": None,
            "price": {"amount": 7.25, "currency": "USD"},
            "variant": {"sku": first.sku},
        },
        {
            "id": ids[2],
            "minQuantity": 1,
            "externalReference": "E-2",
            "price": {"amount": 9.0, "currency": "USD"},
            "variant": {"sku": second.sku},
        },
        {
            "id": ids[3],
            "minQuantity": 1,
            "externalReference": None,
            "price": {"amount": 0.0, "currency": "USD"},
            "variant": {"sku": third.sku},
        },
    ]
    assert again == data
    assert not [
        q
        for q in captured.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert price_lists_changed_calls == [{price_list.pk}]


def test_a_row_updates_the_price_of_its_tier(
    staff_api_client, staff_with_manage_discounts, price_list, price_list_entries
):
    # given
    entry = price_list_entries[1]  # 7.00 from 10 units

    # when
    data = upsert(
        staff_api_client,
        {
            "priceList": price_list_id(price_list),
            "entries": [
                {"variant": variant_id(entry.variant), "minQuantity": 10, "price": 6.5}
            ],
        },
    )

    # then
    assert data["results"][0]["entry"]["id"] == global_id("PriceListEntry", entry)
    entry.refresh_from_db()
    assert entry.price_amount == Decimal("6.500")


BAD_ROWS = [
    ({"price": -1}, [("price", "INVALID_PRICE")]),
    ({"price": "1.001"}, [("price", "INVALID_PRICE")]),
    ({"minQuantity": 0}, [("minQuantity", "INVALID")]),
    ({"currency": "PLN"}, [("currency", "INVALID_CURRENCY")]),
    ({"variant": None}, [("variant", "REQUIRED")]),
    ({"variant": "UHJvZHVjdDox"}, [("variant", "GRAPHQL_ERROR")]),  # a Product ID
    ({"variant": "nonsense"}, [("variant", "GRAPHQL_ERROR")]),
    ({"variant": None, "variantSku": "NOPE"}, [("variantSku", "NOT_FOUND")]),
    ({"variantSku": "B2B-1"}, [("variant", "INVALID")]),
]


@pytest.mark.parametrize(("row", "expected"), BAD_ROWS)
def test_a_bad_row_rejects_everything_by_default(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    price_list_entries,
    priced_variants,
    price_lists_changed_calls,
    row,
    expected,
):
    # given
    before = pricing_snapshot()
    good = {"variant": variant_id(priced_variants[0]), "price": 5}
    bad = {"variant": variant_id(priced_variants[2]), "price": 5, **row}

    # when
    data = upsert(
        staff_api_client,
        {"priceList": price_list_id(price_list), "entries": [good, bad]},
    )

    # then
    assert [(e["index"], e["field"], e["code"]) for e in data["errors"]] == [
        (1, field, code) for field, code in expected
    ]
    assert data["count"] == 0
    assert row_errors(data) == [[], expected]
    assert [r["entry"] for r in data["results"]] == [None, None]
    assert pricing_snapshot() == before
    assert price_lists_changed_calls == []


@pytest.mark.parametrize("policy", ["REJECT_FAILED_ROWS", "IGNORE_FAILED"])
def test_reject_failed_rows_writes_the_valid_ones(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    priced_variants,
    variant_priced_in_pln_only,
    policy,
):
    # given
    entries = [
        {"variant": variant_id(priced_variants[0]), "price": 5},
        {"variant": variant_id(variant_priced_in_pln_only), "price": 5},
        {"variantSku": priced_variants[1].sku, "price": 4},
        {"variantSku": priced_variants[1].sku, "price": 3},
    ]

    # when
    data = upsert(
        staff_api_client,
        {
            "priceList": price_list_id(price_list),
            "entries": entries,
            "errorPolicy": policy,
        },
    )

    # then
    assert data["count"] == 1
    assert [e["index"] for e in data["errors"]] == [1, 2, 3]
    assert row_errors(data) == [
        [],
        [("variant", "VARIANT_NOT_ASSIGNED_TO_CHANNEL")],
        [("minQuantity", "DUPLICATED_INPUT_ITEM")],
        [("minQuantity", "DUPLICATED_INPUT_ITEM")],
    ]
    assert list(PriceListEntry.objects.values_list("variant_id", "price_amount")) == [
        (priced_variants[0].pk, Decimal("5.000"))
    ]


def test_unknown_price_list_is_a_call_error(
    staff_api_client, staff_with_manage_discounts, price_list, priced_variants
):
    # when
    data = upsert(
        staff_api_client,
        {
            "priceListExternalReference": "NOPE",
            "entries": [{"variant": variant_id(priced_variants[0]), "price": 1}],
        },
    )

    # then
    assert [(e["field"], e["code"], e["index"]) for e in data["errors"]] == [
        ("priceList", "NOT_FOUND", None)
    ]
    assert (data["count"], data["results"]) == (0, [])


def test_more_rows_than_a_call_takes_are_refused(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    priced_variants,
    monkeypatch,
):
    # given: a limit of 2 rows, to keep the request small
    monkeypatch.setattr(bulk.base, "MAX_ROWS", 2)
    monkeypatch.setattr("saleor_b2b_groups.graphql.pricing.mutations.base.MAX_ROWS", 2)
    entries = [{"variant": variant_id(v), "price": 1} for v in priced_variants[:3]]

    # when
    data = upsert(
        staff_api_client, {"priceList": price_list_id(price_list), "entries": entries}
    )

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("entries", "TOO_MANY_ROWS")
    ]
    assert not PriceListEntry.objects.exists()


def test_queries_do_not_grow_with_rows(
    staff_api_client, staff_with_manage_discounts, price_list, product, channel_USD
):
    # given
    def count(variants):
        variables = {
            "priceList": price_list_id(price_list),
            "entries": [
                {"variant": variant_id(v), "price": 2, "minQuantity": q}
                for v in variants
                for q in (1, 5)
            ],
        }
        with CaptureQueriesContext(connection) as captured:
            data = upsert(staff_api_client, variables)
        assert data["count"] == 2 * len(variants)
        return len(captured)

    count(make_priced_variants(product, channel_USD, 1, "W"))  # warms caches
    small = count(make_priced_variants(product, channel_USD, 2, "S"))

    # when
    large = count(make_priced_variants(product, channel_USD, 200, "L"))

    # then
    assert large == small
    # the upsert, then its price_list_changed event: the variants' SKUs, the
    # channel's slug, the sequence, the outbox row, the endpoints
    assert large <= 16 + 5
