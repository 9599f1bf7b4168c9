from decimal import Decimal

import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing import DiscountScope
from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)
from tests.fixtures.groups import create_group
from tests.fixtures.pricing import make_priced_variants
from tests.queries import count_queries

from .price_list_operations import (
    PRICE_LIST,
    PRICE_LISTS,
    global_id,
    group_id,
    price_list_id,
    variant_id,
)


def query(client, document, variables=None):
    return get_graphql_content(client.post_graphql(document, variables))["data"]


def test_price_list_with_its_prices_rules_and_groups(
    staff_api_client,
    staff_with_manage_discounts,
    price_list_assigned,
    price_list_entries,
    price_list_rules,
    category,
):
    # given
    price_list_assigned.store_value_in_private_metadata({"erp": "sap"})
    price_list_assigned.save()

    # when
    data = query(
        staff_api_client, PRICE_LIST, {"id": price_list_id(price_list_assigned)}
    )

    # then
    found = data["priceList"]
    assert found["slug"] == "acme-prices"
    assert found["currency"] == "USD"
    assert found["channel"] == {"slug": "main"}
    assert found["externalReference"] == "PL-ACME"
    assert found["privateMetadata"] == [{"key": "erp", "value": "sap"}]
    assert found["entries"]["totalCount"] == 2
    assert [edge["node"] for edge in found["entries"]["edges"]] == [
        {
            "minQuantity": 1,
            "externalReference": "ACME-123-1",
            "price": {"amount": 8.0, "currency": "USD"},
            "variant": {"sku": "123", "channel": "main"},
            "priceList": {"slug": "acme-prices"},
        },
        {
            "minQuantity": 10,
            "externalReference": None,
            "price": {"amount": 7.0, "currency": "USD"},
            "variant": {"sku": "123", "channel": "main"},
            "priceList": {"slug": "acme-prices"},
        },
    ]
    assert found["rules"] == [
        {
            "scope": "ALL",
            "percentage": 5.0,
            "externalReference": "ACME-ALL",
            "variant": None,
            "product": None,
            "category": None,
            "collection": None,
        },
        {
            "scope": "CATEGORY",
            "percentage": 10.0,
            "externalReference": None,
            "variant": None,
            "product": None,
            "category": {"slug": category.slug},
            "collection": None,
        },
    ]
    assert found["groups"] == [
        {
            "priority": 10,
            "group": {"name": "ACME"},
            "priceList": {"slug": "acme-prices"},
        }
    ]


@pytest.mark.parametrize(
    "lookup",
    [{"slug": "acme-prices"}, {"externalReference": "PL-ACME"}],
)
def test_price_list_by_slug_or_external_reference(
    staff_api_client, staff_with_manage_discounts, price_list, lookup
):
    # when
    data = query(staff_api_client, PRICE_LIST, lookup)

    # then
    assert data["priceList"]["id"] == price_list_id(price_list)


def test_unknown_price_list_is_null(
    staff_api_client, staff_with_manage_discounts, price_list
):
    # when
    data = query(staff_api_client, PRICE_LIST, {"slug": "nope"})

    # then
    assert data["priceList"] is None


ENTRIES_PAGE = """
query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String,
       $filter: PriceListEntryFilterInput) {
  priceList(id: $id) {
    entries(first: $first, after: $after, last: $last, before: $before,
            filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { variant { sku } } }
    }
  }
}
"""


def test_entries_page_forward_and_back_and_filtered(
    staff_api_client, staff_with_manage_discounts, price_list, product, channel_USD
):
    # given: five variants with one price each
    variants = make_priced_variants(product, channel_USD, 5)
    PriceListEntry.objects.bulk_create(
        [
            PriceListEntry(
                price_list=price_list,
                variant=variant,
                price_amount=Decimal(n + 1),
                external_reference=f"E{n}",
            )
            for n, variant in enumerate(variants)
        ]
    )
    lookup = {"id": price_list_id(price_list)}

    def page(**arguments):
        entries = query(staff_api_client, ENTRIES_PAGE, {**lookup, **arguments})[
            "priceList"
        ]["entries"]
        skus = [edge["node"]["variant"]["sku"] for edge in entries["edges"]]
        return skus, entries["pageInfo"], entries["totalCount"]

    # when
    first, first_info, total = page(first=2)
    second, second_info, _ = page(first=2, after=first_info["endCursor"])
    last, last_info, _ = page(last=2)
    before_last, _, _ = page(last=2, before=last_info["startCursor"])
    filtered, _, filtered_total = page(
        first=10,
        filter={"variants": [variant_id(variants[0]), variant_id(variants[4])]},
    )
    by_sku, _, _ = page(first=10, filter={"variantSkus": ["B2B-2"]})
    by_reference, _, _ = page(first=10, filter={"externalReferences": ["E3"]})

    # then
    assert total == 5
    assert (first, first_info["hasNextPage"]) == (["B2B-0", "B2B-1"], True)
    assert (second, second_info["hasPreviousPage"]) == (["B2B-2", "B2B-3"], True)
    assert (last, last_info["hasPreviousPage"]) == (["B2B-3", "B2B-4"], True)
    assert before_last == ["B2B-1", "B2B-2"]
    assert (filtered, filtered_total) == (["B2B-0", "B2B-4"], 2)
    assert by_sku == ["B2B-2"]
    assert by_reference == ["B2B-3"]


def test_entries_need_first_or_last(
    staff_api_client, staff_with_manage_discounts, price_list
):
    # when
    response = staff_api_client.post_graphql(
        ENTRIES_PAGE, {"id": price_list_id(price_list)}
    )

    # then
    content = response.json()
    assert "first" in content["errors"][0]["message"]


@pytest.fixture
def three_price_lists(channel_USD, channel_PLN, group_tree, other_group):
    north = PriceList.objects.create(
        name="North", slug="north", channel=channel_USD, currency="USD"
    )
    south = PriceList.objects.create(
        name="South",
        slug="south",
        channel=channel_USD,
        currency="USD",
        is_active=False,
        external_reference="ERP-SOUTH",
    )
    zloty = PriceList.objects.create(
        name="Zloty", slug="zloty", channel=channel_PLN, currency="PLN"
    )
    CustomerGroupPriceList.objects.create(group=group_tree["emea"], price_list=north)
    CustomerGroupPriceList.objects.create(group=other_group, price_list=zloty)
    return {"north": north, "south": south, "zloty": zloty}


@pytest.mark.parametrize(
    ("make_filter", "expected"),
    [
        (lambda ctx: {"search": "out"}, ["south"]),
        (lambda ctx: {"isActive": False}, ["south"]),
        (lambda ctx: {"externalReference": "ERP-SOUTH"}, ["south"]),
        (
            lambda ctx: {"channels": [global_id("Channel", ctx["channel_PLN"])]},
            ["zloty"],
        ),
        (lambda ctx: {"group": group_id(ctx["emea"])}, ["north"]),
        (
            lambda ctx: {
                "ids": [price_list_id(ctx["north"]), price_list_id(ctx["zloty"])]
            },
            ["north", "zloty"],
        ),
    ],
)
def test_price_lists_filters(
    staff_api_client,
    staff_with_manage_discounts,
    three_price_lists,
    group_tree,
    channel_PLN,
    make_filter,
    expected,
):
    # given
    ctx = {**three_price_lists, **group_tree, "channel_PLN": channel_PLN}

    # when
    data = query(
        staff_api_client, PRICE_LISTS, {"first": 10, "filter": make_filter(ctx)}
    )

    # then
    assert [e["node"]["slug"] for e in data["priceLists"]["edges"]] == expected


def test_price_lists_sorted_and_paginated(
    staff_api_client, staff_with_manage_discounts, three_price_lists
):
    # when
    first = query(
        staff_api_client,
        PRICE_LISTS,
        {"first": 2, "sortBy": {"field": "NAME", "direction": "DESC"}},
    )["priceLists"]
    rest = query(
        staff_api_client,
        PRICE_LISTS,
        {
            "first": 2,
            "after": first["pageInfo"]["endCursor"],
            "sortBy": {"field": "NAME", "direction": "DESC"},
        },
    )["priceLists"]

    # then
    assert first["totalCount"] == 3
    assert [e["node"]["slug"] for e in first["edges"]] == ["zloty", "south"]
    assert [e["node"]["slug"] for e in rest["edges"]] == ["north"]


PRICE_LISTS_PAGE = """
query ($first: Int) {
  priceLists(first: $first) {
    edges { node {
      name channel { slug } metadata { key }
      entries(first: 5) { totalCount edges { node {
        minQuantity price { amount } variant { sku } } } }
      rules { scope percentage category { slug } product { name } }
      groups { priority group { name } }
    } }
  }
}
"""


def build_lists(count, prefix, channel, variants, group, category, product):
    for n in range(count):
        price_list = PriceList.objects.create(
            name=f"{prefix} {n}", slug=f"{prefix}-{n}", channel=channel, currency="USD"
        )
        PriceListEntry.objects.bulk_create(
            [
                PriceListEntry(price_list=price_list, variant=v, price_amount=1)
                for v in variants
            ]
        )
        PriceListRule.objects.create(
            price_list=price_list,
            scope=DiscountScope.CATEGORY,
            category=category,
            percentage=5,
        )
        PriceListRule.objects.create(
            price_list=price_list,
            scope=DiscountScope.PRODUCT,
            product=product,
            percentage=7,
        )
        CustomerGroupPriceList.objects.create(group=group, price_list=price_list)


def test_price_lists_page_queries_do_not_grow_with_lists_or_entries(
    staff_api_client, staff_with_manage_discounts, channel_USD, product, category
):
    # given: 2 lists with 2 prices each
    group = create_group("Bench")
    variants = make_priced_variants(product, channel_USD, 20)
    build_lists(2, "small", channel_USD, variants[:2], group, category, product)
    small = count_queries(staff_api_client, PRICE_LISTS_PAGE, {"first": 100})[0]

    # when: 30 lists more, with 20 prices each
    build_lists(30, "large", channel_USD, variants, group, category, product)
    large = count_queries(staff_api_client, PRICE_LISTS_PAGE, {"first": 100})[0]

    # then
    assert large == small
    assert large <= 16
