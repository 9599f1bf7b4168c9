"""Quick order and list-to-checkout: SQL queries do not grow with the rows."""

import time
from decimal import Decimal

import graphene
import pytest
from saleor.product.models import ProductVariant, ProductVariantChannelListing
from saleor.warehouse.models import Stock

from saleor_b2b_groups.selfservice.models import RequisitionList, RequisitionListLine
from tests.queries import count_queries

from .operations import LIST_TO_CHECKOUT, QUICK_ORDER

ROWS = 200


@pytest.fixture
def many_variants(shop_floor, channel_USD, warehouse):
    product = shop_floor.catalog["hammer"]
    variants = ProductVariant.objects.bulk_create(
        ProductVariant(product=product, sku=f"BULK-{n:04}", name=f"Bulk {n}")
        for n in range(ROWS)
    )
    ProductVariantChannelListing.objects.bulk_create(
        ProductVariantChannelListing(
            variant=variant,
            channel=channel_USD,
            price_amount=Decimal("10.00"),
            currency="USD",
        )
        for variant in variants
    )
    Stock.objects.bulk_create(
        Stock(product_variant=variant, warehouse=warehouse, quantity=100)
        for variant in variants
    )
    return variants


def empty_checkout(floor):
    floor.checkouts["buyer"].lines.all().delete()


def test_quick_order_queries_do_not_grow_with_the_rows(shop_floor, many_variants):
    # given
    client = shop_floor.client("buyer")
    checkout = shop_floor.checkout_id("buyer")
    few = [{"sku": v.sku, "quantity": 1} for v in many_variants[:5]]
    many = [{"sku": v.sku, "quantity": 1} for v in many_variants]

    # when
    few_queries, _ = count_queries(
        client, QUICK_ORDER, {"checkout": checkout, "rows": few}
    )
    empty_checkout(shop_floor)
    started = time.monotonic()
    many_queries, content = count_queries(
        client, QUICK_ORDER, {"checkout": checkout, "rows": many}
    )
    elapsed = time.monotonic() - started

    # then
    results = content["data"]["checkoutQuickOrder"]["results"]
    assert [r["code"] for r in results] == [None] * ROWS
    assert len(content["data"]["checkoutQuickOrder"]["checkout"]["lines"]) == ROWS
    assert many_queries == few_queries, (few_queries, many_queries)
    assert elapsed < 60  # two requests; a loose bound for a shared test machine


def test_list_to_checkout_queries_do_not_grow_with_the_lines(shop_floor, many_variants):
    # given
    owner = shop_floor.company.users["buyer"]
    small = RequisitionList.objects.create(name="Small", owner=owner)
    large = RequisitionList.objects.create(name="Large", owner=owner)
    for target, variants in ((small, many_variants[:5]), (large, many_variants)):
        RequisitionListLine.objects.bulk_create(
            RequisitionListLine(requisition_list=target, variant=v, quantity=1)
            for v in variants
        )
    client = shop_floor.client("buyer")
    checkout = shop_floor.checkout_id("buyer")

    def variables(found):
        return {
            "id": graphene.Node.to_global_id("RequisitionList", found.pk),
            "checkout": checkout,
        }

    # when
    few_queries, _ = count_queries(client, LIST_TO_CHECKOUT, variables(small))
    empty_checkout(shop_floor)
    many_queries, content = count_queries(client, LIST_TO_CHECKOUT, variables(large))

    # then
    data = content["data"]["requisitionListAddToCheckout"]
    assert [r["code"] for r in data["results"]] == [None] * ROWS
    assert many_queries == few_queries, (few_queries, many_queries)
