"""priceListBulkUpsert: whole price lists by external reference, idempotent."""

import time

import graphene
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
)
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.pricing import make_priced_variants
from tests.graphql.pricing.price_list_operations import pricing_snapshot

BULK = """
mutation ($lists: [PriceListBulkInput!]!, $policy: ErrorPolicyEnum) {
  priceListBulkUpsert(priceLists: $lists, errorPolicy: $policy) {
    count
    results {
      priceList { slug externalReference currency channel { slug }
                  entries(first: 5) { totalCount } rules { scope percentage }
                  groups { priority group { name } } }
      errors { path code message }
    }
    errors { path code message }
  }
}
"""


def upsert(client, lists, policy=None):
    response = client.post_graphql(BULK, {"lists": lists, "policy": policy})
    return get_graphql_content(response)["data"]["priceListBulkUpsert"]


def acme_list(variant, product, **fields):
    return {
        "externalReference": "PL-ACME",
        "name": "ACME contract",
        "channel": "main",
        "entries": [
            {"variantSku": variant.sku, "price": "8.00"},
            {"variantSku": variant.sku, "minQuantity": 10, "price": "7.00"},
        ],
        "rules": [
            {
                "scope": "PRODUCT",
                "target": graphene.Node.to_global_id("Product", product.pk),
                "percentage": "5",
            }
        ],
        "groups": [{"groupExternalReference": "ERP-ACME", "priority": 10}],
        **fields,
    }


def test_creates_a_list_with_prices_rules_groups_and_repeating_changes_nothing(
    staff_api_client, staff_with_manage_discounts, group_tree, product, channel_USD
):
    # given
    variant = product.variants.get()
    rows = [acme_list(variant, product, channel=channel_USD.slug)]

    # when
    data = upsert(staff_api_client, rows)

    # then
    assert data["count"] == 1
    [result] = data["results"]
    assert result["errors"] == []
    assert result["priceList"] == {
        "slug": "pl-acme",
        "externalReference": "PL-ACME",
        "currency": channel_USD.currency_code,
        "channel": {"slug": channel_USD.slug},
        "entries": {"totalCount": 2},
        "rules": [{"scope": "PRODUCT", "percentage": 5.0}],
        "groups": [{"priority": 10, "group": {"name": "ACME"}}],
    }
    [event] = OutboxEvent.objects.filter(event_type="price_list_changed")
    assert event.payload["action"] == "CREATED"
    assert len(event.payload["entries"]["upserted"]) == 2
    assert len(event.payload["assignments"]["added"]) == 1

    # when the same call is repeated
    before = pricing_snapshot()
    again = upsert(staff_api_client, rows)

    # then nothing changes, no event
    assert again["count"] == 1
    assert pricing_snapshot() == before
    assert OutboxEvent.objects.count() == 1

    # when one price, the name and the priority change
    rows[0]["entries"][1]["price"] = "6.50"
    rows[0]["name"] = "ACME 2027"
    rows[0]["groups"][0]["priority"] = 20
    upsert(staff_api_client, rows)

    # then one event with exactly that
    event = OutboxEvent.objects.get(sequence=2)
    assert event.payload["action"] == "UPDATED"
    assert event.payload["changedFields"] == ["name"]
    assert [e["price"]["amount"] for e in event.payload["entries"]["upserted"]] == [
        "6.50"
    ]
    assert event.payload["assignments"]["changed"][0]["priority"] == 20
    assert CustomerGroupPriceList.objects.get().priority == 20


def test_malformed_rows_get_errors_and_the_policy_decides(
    staff_api_client, staff_with_manage_discounts, group_tree, product, channel_USD
):
    # given a good list, a list with bad fields, a list with a bad entry
    variant = product.variants.get()
    good = acme_list(variant, product, channel=channel_USD.slug)
    bad_list = {"externalReference": "PL-X", "name": "", "channel": "nowhere"}
    bad_entry = {
        "externalReference": "PL-GLOBEX",
        "name": "Globex",
        "channel": channel_USD.slug,
        "entries": [
            {"variantSku": variant.sku, "price": "5.00"},
            {"variantSku": "NO-SUCH-SKU", "price": "1.00"},
            {"variantSku": variant.sku, "minQuantity": 3, "price": "-1"},
        ],
        "groups": [{"groupExternalReference": "NOPE"}],
    }
    rows = [good, bad_list, bad_entry]

    # when everything must pass
    data = upsert(staff_api_client, rows)

    # then every error is named, nothing is written
    errors = [
        sorted((e["path"], e["code"]) for e in r["errors"]) for r in data["results"]
    ]
    assert errors == [
        [],
        [("channel", "NOT_FOUND"), ("name", "REQUIRED")],
        [
            ("entries.1.variantSku", "NOT_FOUND"),
            ("entries.2.price", "INVALID_PRICE"),
            ("groups.0.groupExternalReference", "NOT_FOUND"),
        ],
    ]
    assert data["count"] == 0
    assert not PriceList.objects.exists()
    assert not OutboxEvent.objects.exists()

    # when the good rows are to be kept
    data = upsert(staff_api_client, rows, "REJECT_FAILED_ROWS")

    # then the good list whole, the list with a bad entry without it
    assert data["count"] == 1
    assert sorted(PriceList.objects.values_list("external_reference", flat=True)) == [
        "PL-ACME",
        "PL-GLOBEX",
    ]
    assert list(
        PriceListEntry.objects.filter(
            price_list__external_reference="PL-GLOBEX"
        ).values_list("price_amount", flat=True)
    ) == [5]
    assert OutboxEvent.objects.count() == 2


def test_a_list_never_changes_channel(
    staff_api_client,
    staff_with_manage_discounts,
    group_tree,
    product,
    channel_USD,
    channel_PLN,
):
    variant = product.variants.get()
    upsert(staff_api_client, [acme_list(variant, product, channel=channel_USD.slug)])
    data = upsert(
        staff_api_client, [acme_list(variant, product, channel=channel_PLN.slug)]
    )
    assert [(e["path"], e["code"]) for e in data["results"][0]["errors"]] == [
        ("channel", "INVALID")
    ]
    assert PriceList.objects.get().channel == channel_USD


def test_needs_manage_discounts(staff_api_client, user_api_client, product):
    rows = [{"externalReference": "PL", "name": "PL", "channel": "main"}]
    for client in (staff_api_client, user_api_client):
        assert_no_permission(client.post_graphql(BULK, {"lists": rows}))
    assert not PriceList.objects.exists()


def test_ten_thousand_entries_complete_and_are_idempotent(
    staff_api_client, staff_with_manage_discounts, product, channel_USD, capsys
):
    # given 10 lists of 1,000 prices each, one of them malformed
    make_priced_variants(product, channel_USD, 1_000, "BULK")
    lists = [
        {
            "externalReference": f"PL-{n}",
            "name": f"List {n}",
            "channel": channel_USD.slug,
            "entries": [
                {"variantSku": f"BULK-{v}", "price": f"{n + 1}.{v % 100:02d}"}
                for v in range(1_000)
            ],
        }
        for n in range(10)
    ]
    lists[-1]["entries"][-1]["price"] = "-5"

    # when
    started = time.monotonic()
    data = upsert(staff_api_client, lists, "REJECT_FAILED_ROWS")
    first = time.monotonic() - started
    started = time.monotonic()
    again = upsert(staff_api_client, lists, "REJECT_FAILED_ROWS")
    second = time.monotonic() - started

    # then
    assert data["count"] == 9  # the tenth list is stored without its bad price
    assert [e["path"] for e in data["results"][-1]["errors"]] == ["entries.999.price"]
    assert PriceListEntry.objects.count() == 9_999
    assert again["count"] == 9
    events = OutboxEvent.objects.filter(event_type="price_list_changed")
    assert events.count() == 10  # one per list (1,000 entries each), none repeated
    with capsys.disabled():
        print(
            f"\n10,000 price list entries: first call {first:.1f} s "
            f"({10_000 / first:.0f} rows/s), repeated {second:.1f} s"
        )
