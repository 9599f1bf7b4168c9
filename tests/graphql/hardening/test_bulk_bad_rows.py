"""Every bulk upsert under ``REJECT_FAILED_ROWS``: a row PostgreSQL cannot store
(NUL, over-long) is refused alone with ``INVALID``; the good rows are written.
(Groups and memberships: ``tests/graphql/bulk``.)"""

import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing.error_codes import PriceListErrorCode
from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)
from tests.graphql.bulk.test_price_list_bulk_upsert import upsert as lists_upsert
from tests.graphql.pricing.price_list_operations import (
    ENTRIES_BULK_UPSERT,
    RULES_BULK_UPSERT,
    global_id,
)

INVALID = PriceListErrorCode.INVALID.name


def run(client, document, variables):
    content = get_graphql_content(client.post_graphql(document, variables))
    return next(iter(content["data"].values()))


@pytest.mark.parametrize(
    "bad",
    [
        {"variantSku": "B2B-\x000", "price": "5"},
        {"variantSku": "S" * 256, "price": "5"},
        {"variantExternalReference": "ref\x00", "price": "5"},
        {"variantSku": "B2B-1", "price": "5", "externalReference": "E\x00"},
        {"variantSku": "B2B-1", "price": "5", "externalReference": "E" * 251},
        {"variantSku": "B2B-1", "price": "5", "currency": "US\x00"},
    ],
)
def test_entries_bulk_refuses_an_unstorable_row_alone(
    bad, staff_api_client, staff_with_manage_discounts, price_list, priced_variants
):
    # when
    data = run(
        staff_api_client,
        ENTRIES_BULK_UPSERT,
        {
            "priceListExternalReference": "PL-ACME",
            "entries": [{"variantSku": "B2B-0", "price": "8.00"}, bad],
            "errorPolicy": "REJECT_FAILED_ROWS",
        },
    )

    # then
    assert data["results"][0]["errors"] == []
    assert [e["code"] for e in data["results"][1]["errors"]] == [INVALID]
    assert data["count"] == 1
    assert list(PriceListEntry.objects.values_list("variant__sku", flat=True)) == [
        "B2B-0"
    ]


def test_entries_bulk_rejects_everything_by_default(
    staff_api_client, staff_with_manage_discounts, price_list, priced_variants
):
    data = run(
        staff_api_client,
        ENTRIES_BULK_UPSERT,
        {
            "priceListExternalReference": "PL-ACME",
            "entries": [
                {"variantSku": "B2B-0", "price": "8.00"},
                {"variantSku": "\x00", "price": "5"},
            ],
        },
    )

    assert [e["code"] for e in data["results"][1]["errors"]] == [INVALID]
    assert not PriceListEntry.objects.exists()


def test_rules_bulk_refuses_an_unstorable_row_alone(
    staff_api_client, staff_with_manage_discounts, price_list, product
):
    data = run(
        staff_api_client,
        RULES_BULK_UPSERT,
        {
            "priceListExternalReference": "PL-ACME",
            "rules": [
                {"scope": "ALL", "percentage": "5"},
                {
                    "scope": "PRODUCT",
                    "target": global_id("Product", product),
                    "percentage": "7",
                    "externalReference": "R\x00",
                },
            ],
            "errorPolicy": "REJECT_FAILED_ROWS",
        },
    )

    assert data["results"][0]["errors"] == []
    assert [e["code"] for e in data["results"][1]["errors"]] == [INVALID]
    assert list(PriceListRule.objects.values_list("percentage", flat=True)) == [5]


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "a\x00b"},
        {"name": "n" * 251},
        {"externalReference": "PL-\x00"},
        {"channel": "ma\x00in"},
        {"slug": "s\x00"},
        {"currency": "USD\x00"},
    ],
)
def test_price_list_bulk_refuses_an_unstorable_list_alone(
    bad, staff_api_client, staff_with_manage_discounts, channel_USD
):
    # when
    result = lists_upsert(
        staff_api_client,
        [
            {"externalReference": "PL-OK", "name": "Good", "channel": "main"},
            {"externalReference": "PL-BAD", "name": "Bad", "channel": "main", **bad},
        ],
        "REJECT_FAILED_ROWS",
    )

    # then
    assert result["results"][0]["errors"] == []
    assert [e["code"] for e in result["results"][1]["errors"]] == [INVALID]
    assert result["count"] == 1
    assert list(PriceList.objects.values_list("external_reference", flat=True)) == [
        "PL-OK"
    ]


def test_price_list_bulk_refuses_unstorable_entries_rules_and_groups_one_by_one(
    staff_api_client,
    staff_with_manage_discounts,
    channel_USD,
    priced_variants,
    group_tree,
):
    # when
    result = lists_upsert(
        staff_api_client,
        [
            {
                "externalReference": "PL-OK",
                "name": "Good",
                "channel": "main",
                "entries": [
                    {"variantSku": "B2B-0", "price": "8.00"},
                    {"variantSku": "B2B-\x001", "price": "7.00"},
                ],
                "rules": [
                    {"scope": "ALL", "percentage": "5", "externalReference": "R\x00"}
                ],
                "groups": [
                    {"groupExternalReference": "G\x00"},
                    {"groupExternalReference": group_tree["acme"].external_reference},
                ],
            }
        ],
        "REJECT_FAILED_ROWS",
    )

    # then
    [row] = result["results"]
    assert sorted((e["path"], e["code"]) for e in row["errors"]) == [
        ("entries.1.variantSku", INVALID),
        ("groups.0.groupExternalReference", INVALID),
        ("rules.0.externalReference", INVALID),
    ]
    price_list = PriceList.objects.get()
    assert list(price_list.entries.values_list("variant__sku", flat=True)) == ["B2B-0"]
    assert not price_list.rules.exists()
    assert list(
        CustomerGroupPriceList.objects.values_list(
            "group__external_reference", flat=True
        )
    ) == [group_tree["acme"].external_reference]
