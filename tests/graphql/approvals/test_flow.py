"""The whole flow through GraphQL: request, approve at each level, complete; reject;
change after approval; expiry."""

from datetime import timedelta
from decimal import Decimal

import graphene
from django.utils import timezone
from freezegun import freeze_time
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order

from saleor_b2b_groups.approvals import ApprovalStatus
from saleor_b2b_groups.approvals.models import CheckoutApproval
from tests.fixtures.checkout_flow import ORDER_CREATE_FROM_CHECKOUT

from .operations import (
    approve,
    change_quantity,
    change_shipping_address,
    checkout_approval,
    complete,
    error_codes,
    reject,
    request_and_approve,
    request_approval,
)

ORDER_QUERY = """
query ($id: ID!) {
  order(id: $id) {
    checkoutApproval {
      state group { name }
      levels { level role group { name } state }
      decisions { level decision comment createdAt decidedBy { email kind } }
    }
  }
}
"""


def test_two_levels_approved_in_order_then_the_order_records_them(
    user_api_client,
    approval_setup,
    buyer_checkout,
    staff_api_client,
    permission_manage_orders,
):
    # given: 8 units (90.00 with delivery): Berlin's approvers, then EMEA's managers
    setup = approval_setup
    checkout = buyer_checkout(8)
    required = checkout_approval(user_api_client, checkout.id)
    assert required["state"] == "REQUIRED"
    assert [(lv["group"]["name"], lv["role"]) for lv in required["levels"]] == [
        ("Berlin", "APPROVER"),
        ("EMEA", "MANAGER"),
    ]

    # when the buyer requests
    requested = request_approval(user_api_client, checkout.id, note="Trade fair")

    # then: pending at level 1 of 2, for Berlin's approvers
    assert requested["errors"] == []
    approval = requested["approval"]
    assert (approval["state"], approval["currentLevel"], approval["levelCount"]) == (
        "PENDING",
        1,
        2,
    )
    assert approval["note"] == "Trade fair"
    assert {a["email"] for a in approval["approvers"]} == {
        setup.approver.email,
        setup.approver2.email,
    }
    assert approval["lines"] == [
        {
            "sku": "123",
            "quantity": 8,
            "unitPrice": {"gross": {"amount": 10.0}},
            "totalPrice": {"gross": {"amount": 80.0}},
        }
    ]
    assert approval["total"]["gross"] == {"amount": 90.0, "currency": "USD"}

    # when level 1 is approved, the checkout cannot be completed yet
    first = approve(setup.client(setup.approver), approval["id"], "Budget ok")
    assert first["errors"] == []
    assert (first["approval"]["state"], first["approval"]["currentLevel"]) == (
        "PENDING",
        2,
    )
    assert [a["email"] for a in first["approval"]["approvers"]] == [setup.manager.email]
    early = complete(user_api_client, checkout.id)
    assert early["order"] is None
    assert error_codes(early) == [("approval", "INVALID")]
    assert "level 2 of 2" in early["errors"][0]["message"]

    # when level 2 is approved
    second = approve(setup.client(setup.manager), approval["id"], "Go")
    assert second["approval"]["state"] == "APPROVED"

    # then the buyer completes, and the order records who approved what and when
    completed = complete(user_api_client, checkout.id)
    assert completed["errors"] == []
    recorded = completed["order"]["checkoutApproval"]
    assert recorded["state"] == "APPROVED"
    assert recorded["group"] == {"name": "Berlin"}
    assert [
        (d["level"], d["decision"], d["decidedBy"]["email"])
        for d in recorded["decisions"]
    ] == [
        (1, "APPROVED", setup.approver.email),
        (2, "APPROVED", setup.manager.email),
    ]
    assert all(d["createdAt"] for d in recorded["decisions"])
    assert [lv["state"] for lv in recorded["levels"]] == ["APPROVED", "APPROVED"]

    # and staff with MANAGE_ORDERS read it on the order
    staff_api_client.user.user_permissions.add(permission_manage_orders)
    order = get_graphql_content(
        staff_api_client.post_graphql(ORDER_QUERY, {"id": completed["order"]["id"]})
    )["data"]["order"]
    assert order["checkoutApproval"]["decisions"][1]["comment"] == "Go"


def test_one_level_when_only_the_lower_threshold_is_passed(
    user_api_client, approval_setup, buyer_checkout
):
    # given: 4 units, 50.00: above 25 gross, not above 65 net
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]
    assert approval["levelCount"] == 1

    # when
    decided = approve(setup.client(setup.approver2), approval["id"])

    # then
    assert decided["approval"]["state"] == "APPROVED"
    assert complete(user_api_client, checkout.id)["errors"] == []


def test_below_every_threshold_no_approval_is_needed(
    user_api_client, approval_setup, buyer_checkout
):
    # given: 1 unit, 20.00
    checkout = buyer_checkout(1)

    # when
    status = checkout_approval(user_api_client, checkout.id)
    completed = complete(user_api_client, checkout.id)

    # then
    assert status["state"] == "NOT_REQUIRED"
    assert status["levels"] == []
    assert completed["errors"] == []
    assert completed["order"]["checkoutApproval"] is None


def test_rejection_stops_the_checkout_until_requested_again(
    user_api_client, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(8)
    first_request = request_approval(user_api_client, checkout.id)["approval"]

    # when
    rejected = reject(
        setup.client(setup.approver), first_request["id"], "Not this month"
    )

    # then
    assert rejected["errors"] == []
    assert rejected["approval"]["state"] == "REJECTED"
    assert rejected["approval"]["levels"][0]["decision"]["comment"] == "Not this month"
    status = checkout_approval(user_api_client, checkout.id)
    assert status["state"] == "REJECTED"
    assert "Not this month" in status["message"]
    refused = complete(user_api_client, checkout.id)
    assert error_codes(refused) == [("approval", "INVALID")]
    assert "rejected" in refused["errors"][0]["message"]
    # the manager never gets to decide a rejected request
    assert error_codes(approve(setup.client(setup.manager), first_request["id"])) == [
        ("id", "NOT_PENDING")
    ]

    # when the buyer asks again, a new request replaces the rejected one
    second_request = request_approval(user_api_client, checkout.id, note="Please")

    # then
    assert second_request["approval"]["id"] != first_request["id"]
    assert second_request["approval"]["state"] == "PENDING"
    assert (
        CheckoutApproval.objects.get(
            pk=graphene.Node.from_global_id(first_request["id"])[1]
        ).status
        == ApprovalStatus.REJECTED
    )


def test_rejecting_needs_a_reason(user_api_client, approval_setup, buyer_checkout):
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]

    refused = reject(setup.client(setup.approver), approval["id"], "  ")

    assert error_codes(refused) == [("reason", "REQUIRED")]
    assert checkout_approval(user_api_client, checkout.id)["state"] == "PENDING"


def test_a_change_after_approval_makes_it_stale_and_completion_fails(
    user_api_client, approval_setup, buyer_checkout
):
    # given: approved
    setup = approval_setup
    checkout = buyer_checkout(4)
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))
    before = checkout_approval(user_api_client, checkout.id)
    assert before["state"] == "APPROVED"

    # when the buyer sends it elsewhere (same total)
    change_shipping_address(user_api_client, checkout)

    # then
    after = checkout_approval(user_api_client, checkout.id)
    assert after["state"] == "STALE"
    assert after["fingerprint"] != before["fingerprint"]
    refused = complete(user_api_client, checkout.id)
    assert refused["order"] is None
    assert error_codes(refused) == [("approval", "INVALID")]
    assert "changed after approval was approved" in refused["errors"][0]["message"]

    # when requested and approved again, it completes
    again = request_approval(user_api_client, checkout.id)["approval"]
    assert again["state"] == "PENDING"
    approve(setup.client(setup.approver), again["id"])
    assert complete(user_api_client, checkout.id)["errors"] == []


def test_more_units_after_approval_need_the_higher_level(
    user_api_client, approval_setup, buyer_checkout, pay_the_rest
):
    # given: 4 units approved by Berlin
    setup = approval_setup
    checkout = buyer_checkout(4)
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))

    # when the buyer makes it 8 units, and pays the difference
    change_quantity(user_api_client, checkout, 8)
    pay_the_rest(checkout.refresh())

    # then
    assert checkout_approval(user_api_client, checkout.id)["state"] == "STALE"
    assert error_codes(complete(user_api_client, checkout.id)) == [
        ("approval", "INVALID")
    ]
    renewed = request_approval(user_api_client, checkout.id)["approval"]
    assert renewed["levelCount"] == 2


def test_reading_the_checkout_does_not_make_an_approval_stale(
    user_api_client, approval_setup, buyer_checkout
):
    # given: approved, then Saleor's prices expire
    setup = approval_setup
    checkout = buyer_checkout(4)
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))
    fingerprint = checkout_approval(user_api_client, checkout.id)["fingerprint"]
    checkout.refresh()
    checkout.checkout.price_expiration = timezone.now() - timedelta(minutes=1)
    checkout.checkout.save(update_fields=["price_expiration"])

    # when the storefront reads it twice (Saleor recalculates on the first read)
    first = checkout_approval(user_api_client, checkout.id)
    second = checkout_approval(user_api_client, checkout.id)

    # then
    assert checkout.refresh().price_expiration > timezone.now()
    assert first["state"] == second["state"] == "APPROVED"
    assert first["fingerprint"] == second["fingerprint"] == fingerprint
    assert complete(user_api_client, checkout.id)["errors"] == []


def test_a_pending_request_expires(user_api_client, approval_setup, buyer_checkout):
    # given: Berlin's requests are valid for 2 hours
    setup = approval_setup
    berlin = setup.groups["berlin"]
    berlin.approval_validity_hours = 2
    berlin.save(update_fields=["approval_validity_hours"])
    start = timezone.now()
    with freeze_time(start):
        checkout = buyer_checkout(4)
        approval = request_approval(user_api_client, checkout.id)["approval"]
    assert approval["expiresAt"] == (start + timedelta(hours=2)).isoformat()

    # when three hours pass
    with freeze_time(start + timedelta(hours=3)):
        status = checkout_approval(setup.fresh_client(setup.buyer), checkout.id)
        decided = approve(setup.fresh_client(setup.approver), approval["id"])

    # then
    assert status["state"] == "EXPIRED"
    assert error_codes(decided) == [("id", "EXPIRED")]


def test_an_approval_expires_if_the_order_is_not_placed_in_time(
    user_api_client, approval_setup, buyer_checkout
):
    # given: approved (default validity: 168 hours after the last approval)
    setup = approval_setup
    start = timezone.now()
    with freeze_time(start):
        checkout = buyer_checkout(4)
        approval = request_approval(user_api_client, checkout.id)["approval"]
    with freeze_time(start + timedelta(hours=100)):
        approved = approve(setup.fresh_client(setup.approver), approval["id"])[
            "approval"
        ]
    assert approved["expiresAt"] == (start + timedelta(hours=268)).isoformat()

    # when the buyer comes back after it expired
    with freeze_time(start + timedelta(hours=269)):
        buyer = setup.fresh_client(setup.buyer)
        status = checkout_approval(buyer, checkout.id)
        refused = complete(buyer, checkout.id)

    # then
    assert status["state"] == "EXPIRED"
    assert error_codes(refused) == [("approval", "INVALID")]
    assert "expired" in refused["errors"][0]["message"]


def test_order_create_from_checkout_refuses_with_its_own_codes(
    app_api_client,
    permission_handle_checkouts,
    user_api_client,
    approval_setup,
    buyer_checkout,
):
    # given
    setup = approval_setup
    app_api_client.app.permissions.add(permission_handle_checkouts)
    checkout = buyer_checkout(4)

    # when the app creates the order before approval
    refused = get_graphql_content(
        app_api_client.post_graphql(ORDER_CREATE_FROM_CHECKOUT, {"id": checkout.id})
    )["data"]["orderCreateFromCheckout"]

    # then
    assert refused["order"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("approval", "GRAPHQL_ERROR")
    ]

    # when approved, the app creates it
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))
    created = get_graphql_content(
        app_api_client.post_graphql(ORDER_CREATE_FROM_CHECKOUT, {"id": checkout.id})
    )["data"]["orderCreateFromCheckout"]
    assert created["errors"] == []
    assert Order.objects.filter(checkout_token=str(checkout.checkout.pk)).exists()


def test_the_order_is_what_was_approved(
    user_api_client, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval = request_and_approve(
        user_api_client, checkout.id, setup.client(setup.approver)
    )

    # when
    order_id = complete(user_api_client, checkout.id)["order"]["id"]

    # then
    order = Order.objects.get(pk=graphene.Node.from_global_id(order_id)[1])
    assert order.total_gross_amount == Decimal(
        str(approval["total"]["gross"]["amount"])
    )
    assert [(line.product_sku, line.quantity) for line in order.lines.all()] == [
        ("123", 4)
    ]
