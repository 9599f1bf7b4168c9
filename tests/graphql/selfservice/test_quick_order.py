"""Quick order by SKU and by CSV: per-row results, visibility, the buyer's prices."""

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from saleor.graphql.tests.utils import (
    assert_no_permission,
    get_graphql_content,
    get_multipart_request_body,
)
from saleor.warehouse.models import Stock

from saleor_b2b_groups.selfservice import MAX_ROWS
from saleor_b2b_groups.selfservice.error_codes import SelfServiceErrorCode as Code
from saleor_b2b_groups.selfservice.quantities import (
    QUANTITY_CHECKS,
    register_quantity_check,
)
from tests.queries import count_queries

from .operations import QUICK_ORDER


def quick_order(floor, who: str, rows, mode=None, checkout_of=None):
    variables = {"checkout": floor.checkout_id(checkout_of or who), "rows": rows}
    if mode:
        variables["mode"] = mode
    response = floor.client(who).post_graphql(QUICK_ORDER, variables)
    return get_graphql_content(response)["data"]["checkoutQuickOrder"]


def codes(data) -> dict[int, str | None]:
    return {r["row"]: r["code"] for r in data["results"]}


def upload(floor, who: str, content: bytes, mode=None):
    variables = {"checkout": floor.checkout_id(who), "file": "csv"}
    if mode:
        variables["mode"] = mode
    body = get_multipart_request_body(
        QUICK_ORDER, variables, SimpleUploadedFile("order.csv", content), "csv"
    )
    response = floor.client(who).post_multipart(body)
    return get_graphql_content(response)["data"]["checkoutQuickOrder"]


def test_rows_are_added_at_the_buyers_prices_and_bad_rows_reported(shop_floor):
    # when
    data = quick_order(
        shop_floor,
        "buyer",
        [
            {"sku": "HAMMER", "quantity": 3},
            {"sku": "NOPE", "quantity": 1},
            {"sku": "SAW", "quantity": 1},
            {"sku": "SHIRT", "quantity": 0},
            {"sku": "HAMMER", "quantity": 1},
            {"sku": "POLO", "quantity": 2},
        ],
    )

    # then
    assert data["errors"] == []
    assert codes(data) == {
        1: None,
        2: Code.UNKNOWN_SKU.name,
        3: Code.UNKNOWN_SKU.name,
        4: Code.INVALID_QUANTITY.name,
        5: Code.DUPLICATE.name,
        6: None,
    }
    lines = {line["variant"]["sku"]: line for line in data["checkout"]["lines"]}
    assert set(lines) == {"HAMMER", "POLO"}
    assert lines["HAMMER"]["quantity"] == 3
    assert lines["HAMMER"]["unitPrice"]["gross"]["amount"] == 7.0
    assert lines["POLO"]["unitPrice"]["gross"]["amount"] == 10.0


def test_a_hidden_sku_reads_exactly_like_an_unknown_one(shop_floor):
    data = quick_order(
        shop_floor,
        "buyer",
        [{"sku": "SAW", "quantity": 1}, {"sku": "X", "quantity": 1}],
    )
    hidden, unknown = data["results"]
    assert {k: v for k, v in hidden.items() if k not in ("row", "sku")} == {
        k: v for k, v in unknown.items() if k not in ("row", "sku")
    }
    assert hidden["variantId"] is None


def test_another_company_sees_the_saw(shop_floor):
    data = quick_order(shop_floor, "outsider", [{"sku": "SAW", "quantity": 1}])
    assert codes(data) == {1: None}
    assert data["checkout"]["lines"][0]["unitPrice"]["gross"]["amount"] == 10.0


def test_all_or_nothing_adds_nothing_when_a_row_fails(shop_floor):
    # when
    data = quick_order(
        shop_floor,
        "buyer",
        [{"sku": "HAMMER", "quantity": 1}, {"sku": "NOPE", "quantity": 1}],
        mode="ALL_OR_NOTHING",
    )

    # then
    assert codes(data) == {1: Code.NOT_ADDED.name, 2: Code.UNKNOWN_SKU.name}
    assert not shop_floor.checkouts["buyer"].lines.exists()


def test_out_of_stock_and_over_the_limit_rows_are_reported(shop_floor):
    # given
    Stock.objects.filter(product_variant=shop_floor.variant("polo")).update(quantity=3)

    # when
    data = quick_order(
        shop_floor,
        "buyer",
        [
            {"sku": "HAMMER", "quantity": 40},
            {"sku": "POLO", "quantity": 5},
            {"sku": "SHIRT", "quantity": 51},  # Saleor's per-checkout limit: 50
        ],
    )

    # then
    assert codes(data) == {
        1: None,
        2: Code.INSUFFICIENT_STOCK.name,
        3: Code.QUANTITY_RULE.name,
    }


def test_registered_quantity_checks_refuse_rows(shop_floor):
    # given: a rule as the quantity-rules feature would register it
    def multiples_of_five(buyer, channel_id, requests):
        assert buyer.customer_id == shop_floor.company.users["buyer"].pk
        return {r.key: "Sold in fives." for r in requests if r.quantity % 5}

    register_quantity_check(multiples_of_five)
    try:
        data = quick_order(
            shop_floor,
            "buyer",
            [{"sku": "HAMMER", "quantity": 10}, {"sku": "POLO", "quantity": 3}],
        )
    finally:
        QUANTITY_CHECKS.remove(multiples_of_five)

    # then
    assert codes(data) == {1: None, 2: Code.QUANTITY_RULE.name}
    assert data["results"][1]["message"] == "Sold in fives."


def test_only_the_buyers_own_checkout(shop_floor):
    # when: the colleague writes to the buyer's checkout
    data = quick_order(
        shop_floor, "colleague", [{"sku": "HAMMER", "quantity": 1}], checkout_of="buyer"
    )

    # then
    assert data["errors"][0]["code"] == Code.NOT_FOUND.name
    assert not shop_floor.checkouts["buyer"].lines.exists()


def test_anonymous_is_refused(api_client, shop_floor):
    response = api_client.post_graphql(
        QUICK_ORDER,
        {
            "checkout": shop_floor.checkout_id("buyer"),
            "rows": [{"sku": "HAMMER", "quantity": 1}],
        },
    )
    assert_no_permission(response)


def test_staff_in_no_group_is_refused(staff_api_client, shop_floor):
    response = staff_api_client.post_graphql(
        QUICK_ORDER,
        {
            "checkout": shop_floor.checkout_id("buyer"),
            "rows": [{"sku": "HAMMER", "quantity": 1}],
        },
    )
    data = get_graphql_content(response)["data"]["checkoutQuickOrder"]
    assert data["errors"][0]["code"] == Code.INACTIVE.name


def test_too_many_rows_are_refused(shop_floor):
    rows = [{"sku": f"S{n}", "quantity": 1} for n in range(MAX_ROWS + 1)]
    data = quick_order(shop_floor, "buyer", rows)
    assert data["errors"][0]["code"] == Code.TOO_MANY.name


def test_csv_rows_with_header_semicolons_and_blank_lines(shop_floor):
    # given
    content = b"\xef\xbb\xbfSKU;Quantity\nHAMMER;2\n\nSAW;1\nPOLO;two\nPOLO;1\n\n"

    # when
    data = upload(shop_floor, "buyer", content)

    # then
    assert data["errors"] == []
    assert codes(data) == {
        2: None,
        3: Code.REQUIRED.name,
        4: Code.UNKNOWN_SKU.name,
        5: Code.INVALID_QUANTITY.name,
        6: None,
    }
    skus = {line["variant"]["sku"] for line in data["checkout"]["lines"]}
    assert skus == {"HAMMER", "POLO"}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xff\xfe\x00H", Code.INVALID),
        (b"HAMMER,1,extra\n", Code.INVALID),
        (b"\n\n", Code.REQUIRED),
        (b"sku,quantity\n", Code.REQUIRED),
        (b"A,1\n" * (MAX_ROWS + 1), Code.TOO_MANY),
        (b"x" * 300_000, Code.TOO_MANY),
    ],
    ids=[
        "not-utf8",
        "three-columns",
        "blank",
        "header-only",
        "too-many-rows",
        "too-big",
    ],
)
def test_a_broken_file_is_refused_whole(shop_floor, content, code):
    data = upload(shop_floor, "buyer", content)
    assert data["errors"][0]["field"] == "file"
    assert data["errors"][0]["code"] == code.name
    assert not shop_floor.checkouts["buyer"].lines.exists()


def test_queries_do_not_grow_with_the_rows(shop_floor, catalog):
    # given
    buyer = shop_floor.client("buyer")
    checkout = shop_floor.checkout_id("buyer")
    few_rows = [{"sku": "HAMMER", "quantity": 1}]
    many_rows = [
        {"sku": sku, "quantity": 1} for sku in ("HAMMER", "POLO", "SHIRT", "JACKET")
    ] + [{"sku": f"UNKNOWN-{n}", "quantity": 1} for n in range(20)]

    # when
    few, _ = count_queries(buyer, QUICK_ORDER, {"checkout": checkout, "rows": few_rows})
    many, content = count_queries(
        buyer, QUICK_ORDER, {"checkout": checkout, "rows": many_rows}
    )

    # then
    results = content["data"]["checkoutQuickOrder"]["results"]
    assert sum(r["code"] is None for r in results) == 4
    assert many <= few + 2, (few, many)


def test_variant_ids_are_given_for_added_rows(shop_floor):
    data = quick_order(shop_floor, "buyer", [{"sku": "HAMMER", "quantity": 1}])
    assert data["results"][0]["variantId"] == graphene.Node.to_global_id(
        "ProductVariant", shop_floor.variant("hammer").pk
    )
