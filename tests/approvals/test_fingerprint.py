"""The fingerprint covers what an order is made of, and only that."""

from decimal import Decimal

import pytest
from saleor.checkout import calculations
from saleor.checkout.fetch import fetch_checkout_info, fetch_checkout_lines
from saleor.plugins.manager import get_plugins_manager

from saleor_b2b_groups.approvals.fingerprint import load_snapshots, snapshot_of


def calculated_snapshot(checkout):
    manager = get_plugins_manager(allow_replica=False)
    lines, _ = fetch_checkout_lines(checkout)
    info = fetch_checkout_info(checkout, lines, manager)
    info, lines = calculations.fetch_checkout_data(
        info, manager, lines, requestor=None
    ).get()
    return snapshot_of(info, lines)


def stored_snapshot(checkout):
    return load_snapshots([checkout.pk])[checkout.pk]


@pytest.fixture
def paid_checkout(approval_setup, buyer_checkout):
    return buyer_checkout(4).refresh()


def test_in_memory_and_stored_checkouts_have_the_same_fingerprint(paid_checkout):
    in_memory = calculated_snapshot(paid_checkout)
    stored = stored_snapshot(paid_checkout)

    assert in_memory.fingerprint == stored.fingerprint
    assert in_memory.content["total_gross"] == "50.000"
    assert in_memory.lines[0]["sku"] == "123"


def test_renaming_a_product_changes_nothing(paid_checkout, product):
    before = stored_snapshot(paid_checkout).fingerprint

    product.name = "Renamed"
    product.save(update_fields=["name"])

    assert stored_snapshot(paid_checkout).fingerprint == before


def change_quantity(checkout, _):
    line = checkout.lines.get()
    line.quantity += 1
    line.save(update_fields=["quantity"])


def change_price_override(checkout, _):
    line = checkout.lines.get()
    line.price_override = Decimal("9.99")
    line.save(update_fields=["price_override"])


def change_shipping_address(checkout, _):
    address = checkout.shipping_address.get_copy()
    address.street_address_1 = "Elsewhere 1"
    address.save()
    checkout.shipping_address = address
    checkout.save(update_fields=["shipping_address"])


def change_billing_address(checkout, _):
    address = checkout.billing_address.get_copy()
    address.company_name = "Other Ltd"
    address.save()
    checkout.billing_address = address
    checkout.save(update_fields=["billing_address"])


def change_delivery(checkout, shipping_method):
    delivery = checkout.assigned_delivery
    delivery.built_in_shipping_method_id = shipping_method.pk
    delivery.save(update_fields=["built_in_shipping_method_id"])


def change_voucher(checkout, _):
    checkout.voucher_code = "SPRING"
    checkout.save(update_fields=["voucher_code"])


def change_total(checkout, _):
    checkout.total_gross_amount += 1
    checkout.save(update_fields=["total_gross_amount"])


def change_buyer(checkout, _):
    checkout.user = None
    checkout.save(update_fields=["user"])


def add_line(checkout, _):
    line = checkout.lines.get()
    line.pk = None
    line.quantity = 1
    line.save()


@pytest.mark.parametrize(
    "change",
    [
        change_quantity,
        add_line,
        change_price_override,
        change_shipping_address,
        change_billing_address,
        change_delivery,
        change_voucher,
        change_total,
        change_buyer,
    ],
)
def test_every_part_of_an_order_is_in_the_fingerprint(
    change, paid_checkout, shipping_method
):
    before = stored_snapshot(paid_checkout).fingerprint

    change(paid_checkout, shipping_method)

    assert stored_snapshot(paid_checkout).fingerprint != before
