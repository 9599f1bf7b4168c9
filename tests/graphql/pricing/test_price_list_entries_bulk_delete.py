"""priceListEntriesBulkDelete: by ID, external reference or tier; idempotent."""

import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing.models import PriceListEntry

from .price_list_operations import (
    ENTRIES_BULK_DELETE,
    global_id,
    price_list_id,
    pricing_snapshot,
    variant_id,
)


def delete(client, variables):
    content = get_graphql_content(client.post_graphql(ENTRIES_BULK_DELETE, variables))
    return content["data"]["priceListEntriesBulkDelete"]


def test_delete_by_reference_then_by_tier_then_again(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    price_list_entries,
    price_lists_changed_calls,
):
    # given
    variant = price_list_entries[0].variant

    # when
    by_reference = delete(
        staff_api_client,
        {"priceListExternalReference": "PL-ACME", "externalReferences": ["ACME-123-1"]},
    )
    by_tier = delete(
        staff_api_client,
        {
            "priceList": price_list_id(price_list),
            "tiers": [{"variantSku": variant.sku}],
        },
    )
    again = delete(
        staff_api_client,
        {
            "priceList": price_list_id(price_list),
            "ids": [global_id("PriceListEntry", e) for e in price_list_entries],
            "tiers": [{"variant": variant_id(variant), "minQuantity": 10}],
        },
    )

    # then
    assert (by_reference["errors"], by_reference["count"]) == ([], 1)
    assert (by_tier["errors"], by_tier["count"]) == ([], 1)
    assert (again["errors"], again["count"]) == ([], 0)
    assert not PriceListEntry.objects.exists()
    assert price_lists_changed_calls == [{price_list.pk}, {price_list.pk}]


@pytest.mark.parametrize(
    ("make_variables", "expected"),
    [
        (lambda ctx: {"tiers": [{"minQuantity": 1}]}, [("tiers", "REQUIRED")]),
        (
            lambda ctx: {"tiers": [{"variant": ctx["variant"], "variantSku": "123"}]},
            [("tiers", "REQUIRED")],
        ),
        (
            lambda ctx: {"tiers": [{"variant": "nonsense"}]},
            [("tiers", "GRAPHQL_ERROR")],
        ),
        (lambda ctx: {"ids": [ctx["variant"]]}, [("ids", "GRAPHQL_ERROR")]),
        (lambda ctx: {"ids": [ctx["other_entry"]]}, [("ids", "NOT_FOUND")]),
        (
            lambda ctx: {"priceList": None, "externalReferences": ["ACME-123-1"]},
            [("priceList", "GRAPHQL_ERROR")],
        ),
    ],
)
def test_bad_delete_deletes_nothing(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    price_list_entries,
    price_list_in_pln,
    variant_priced_in_pln_only,
    make_variables,
    expected,
):
    # given
    other = PriceListEntry.objects.create(
        price_list=price_list_in_pln, variant=variant_priced_in_pln_only, price_amount=1
    )
    ctx = {
        "variant": variant_id(price_list_entries[0].variant),
        "other_entry": global_id("PriceListEntry", other),
    }
    before = pricing_snapshot()

    # when
    data = delete(
        staff_api_client,
        {"priceList": price_list_id(price_list), **make_variables(ctx)},
    )

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == expected
    assert data["count"] == 0
    assert pricing_snapshot() == before
