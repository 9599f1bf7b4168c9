"""Every way around an approval fails, and changes nothing."""

import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission

from saleor_b2b_groups.approvals.models import (
    CheckoutApproval,
    CheckoutApprovalDecision,
)
from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.groups.models import CustomerGroupMembership
from tests.fixtures.groups import add_member

from .operations import (
    APPROVE,
    REJECT,
    REQUEST,
    approve,
    change_shipping_address,
    checkout_approval,
    complete,
    error_codes,
    reject,
    request_and_approve,
    request_approval,
)


def decisions_count() -> int:
    return CheckoutApprovalDecision.objects.count()


@pytest.mark.parametrize("stage", ["not_requested", "pending", "first_level_only"])
def test_completing_without_approval_fails(
    stage, user_api_client, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(8)
    if stage != "not_requested":
        approval = request_approval(user_api_client, checkout.id)["approval"]
    if stage == "first_level_only":
        approve(setup.client(setup.approver), approval["id"])

    # when
    refused = complete(user_api_client, checkout.id)

    # then
    assert refused["order"] is None
    assert error_codes(refused) == [("approval", "INVALID")]
    assert checkout.refresh()  # the checkout is still there


def test_nobody_approves_their_own_checkout(
    user_api_client, approval_setup, buyer_checkout
):
    # given: the buyer is also one of Berlin's approvers
    setup = approval_setup
    CustomerGroupMembership.objects.filter(
        user=setup.buyer, group=setup.groups["berlin"]
    ).update(role=CustomerGroupRole.APPROVER)
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]
    assert setup.buyer.email not in {a["email"] for a in approval["approvers"]}
    assert approval["canDecide"] is False

    # when
    approved = approve(user_api_client, approval["id"])
    by_checkout = approve(user_api_client, checkout.id)
    rejected = reject(user_api_client, approval["id"])

    # then
    for payload in (approved, by_checkout, rejected):
        assert error_codes(payload) == [("id", "OWN_CHECKOUT")]
    assert decisions_count() == 0
    assert error_codes(complete(user_api_client, checkout.id)) == [
        ("approval", "INVALID")
    ]


def test_an_approver_of_another_branch_cannot_decide(
    user_api_client, approval_setup, buyer_checkout
):
    # given: Paris is Berlin's sibling under the same policy
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]
    paris = setup.client(setup.paris_approver)

    # when
    approved = approve(paris, approval["id"])
    rejected = reject(paris, approval["id"])

    # then: to them the request does not exist
    assert error_codes(approved) == [("id", "NOT_FOUND")]
    assert error_codes(rejected) == [("id", "NOT_FOUND")]
    assert decisions_count() == 0


@pytest.mark.parametrize("who", ["other_account_buyer", "fellow_buyer"])
def test_a_customer_calling_approver_mutations_is_refused(
    who,
    user_api_client,
    user2_api_client,
    customer_user2,
    approval_setup,
    buyer_checkout,
):
    # given
    setup = approval_setup
    if who == "fellow_buyer":
        add_member(setup.groups["berlin"], customer_user2, CustomerGroupRole.BUYER)
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]

    # when
    results = [
        approve(user2_api_client, approval["id"]),
        approve(user2_api_client, checkout.id),
        reject(user2_api_client, approval["id"]),
    ]

    # then
    for payload in results:
        assert error_codes(payload) == [("id", "NOT_FOUND")]
    assert decisions_count() == 0


def test_a_manager_cannot_decide_the_approvers_level(
    user_api_client, approval_setup, buyer_checkout
):
    # given: level 1 is Berlin's approvers', level 2 EMEA's managers'
    setup = approval_setup
    checkout = buyer_checkout(8)
    approval = request_approval(user_api_client, checkout.id)["approval"]

    # when
    refused = approve(setup.client(setup.manager), approval["id"])

    # then
    assert error_codes(refused) == [("id", "NOT_ELIGIBLE")]
    assert decisions_count() == 0


def test_one_person_decides_one_level(user_api_client, approval_setup, buyer_checkout):
    # given: Berlin's approver is also one of EMEA's managers
    setup = approval_setup
    add_member(setup.groups["emea"], setup.approver, CustomerGroupRole.MANAGER)
    checkout = buyer_checkout(8)
    approval = request_and_approve(
        user_api_client, checkout.id, setup.client(setup.approver)
    )

    # when they try the second level too
    refused = approve(setup.client(setup.approver), approval["id"])

    # then another manager must decide it
    assert error_codes(refused) == [("id", "ALREADY_DECIDED")]
    assert decisions_count() == 1
    status = checkout_approval(user_api_client, checkout.id)
    assert [a["email"] for a in status["approvers"]] == [setup.manager.email]
    assert approve(setup.client(setup.manager), approval["id"])["errors"] == []


def test_replaying_an_old_approval_after_changes_fails(
    user_api_client, approval_setup, buyer_checkout
):
    # given: approved, then changed and requested again
    setup = approval_setup
    checkout = buyer_checkout(4)
    old = request_and_approve(
        user_api_client, checkout.id, setup.client(setup.approver)
    )
    change_shipping_address(user_api_client, checkout)
    new = request_approval(user_api_client, checkout.id)["approval"]

    # when the old approval is replayed: approved again, or the old request decided
    replayed = approve(setup.client(setup.approver2), old["id"])
    refused = complete(user_api_client, checkout.id)

    # then
    assert error_codes(replayed) == [("id", "CHECKOUT_CHANGED")]
    assert error_codes(refused) == [("approval", "INVALID")]
    assert checkout_approval(user_api_client, checkout.id)["request"]["id"] == new["id"]


def test_a_request_that_went_stale_cannot_be_approved(
    user_api_client, approval_setup, buyer_checkout
):
    # given: requested, then the buyer changed the checkout
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]
    change_shipping_address(user_api_client, checkout)

    # when the approver approves what they saw
    refused = approve(setup.client(setup.approver), approval["id"])

    # then: that is no longer the checkout
    assert error_codes(refused) == [("id", "CHECKOUT_CHANGED")]
    assert decisions_count() == 0


def test_an_approved_request_cannot_be_decided_again(
    user_api_client, approval_setup, buyer_checkout
):
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval = request_and_approve(
        user_api_client, checkout.id, setup.client(setup.approver)
    )

    again = approve(setup.client(setup.approver2), approval["id"])
    overturned = reject(setup.client(setup.approver2), approval["id"])

    assert error_codes(again) == [("id", "NOT_PENDING")]
    assert error_codes(overturned) == [("id", "NOT_PENDING")]
    assert decisions_count() == 1


def test_only_the_checkouts_customer_requests_its_approval(
    user_api_client,
    user2_api_client,
    buyer_in_other_group,
    approval_setup,
    buyer_checkout,
):
    checkout = buyer_checkout(4)

    refused = request_approval(user2_api_client, checkout.id)

    assert error_codes(refused) == [("id", "NOT_BUYER")]
    assert not CheckoutApproval.objects.exists()


def test_anonymous_visitors_and_apps_without_permission_cannot_decide(
    api_client, app_api_client, user_api_client, approval_setup, buyer_checkout
):
    # given
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]

    # then
    for client in (api_client, app_api_client):
        assert_no_permission(client.post_graphql(APPROVE, {"id": approval["id"]}))
        assert_no_permission(
            client.post_graphql(REJECT, {"id": approval["id"], "reason": "x"})
        )
    assert_no_permission(api_client.post_graphql(REQUEST, {"id": checkout.id}))
    assert_no_permission(app_api_client.post_graphql(REQUEST, {"id": checkout.id}))
    assert decisions_count() == 0


def test_staff_without_manage_checkouts_cannot_decide(
    staff_api_client, user_api_client, approval_setup, buyer_checkout
):
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]

    refused = approve(staff_api_client, approval["id"])

    assert error_codes(refused) == [("id", "NOT_FOUND")]
    assert decisions_count() == 0


def test_staff_and_apps_with_manage_checkouts_decide_any_level(
    staff_api_client,
    app_api_client,
    permission_manage_checkouts,
    user_api_client,
    approval_setup,
    buyer_checkout,
):
    # given
    staff_api_client.user.user_permissions.add(permission_manage_checkouts)
    app_api_client.app.permissions.add(permission_manage_checkouts)
    checkout = buyer_checkout(8)
    approval = request_approval(user_api_client, checkout.id)["approval"]

    # when staff approves level 1 and the ERP's app level 2
    first = approve(staff_api_client, approval["id"], "On behalf of Ben")
    second = approve(app_api_client, approval["id"], "ERP budget check")

    # then
    assert second["approval"]["state"] == "APPROVED"
    decisions = second["approval"]["decisions"]
    assert [(d["asStaff"], d["decidedBy"]["kind"]) for d in decisions] == [
        (True, "STAFF"),
        (True, "APP"),
    ]
    assert decisions[1]["decidedBy"]["appId"] == graphene.Node.to_global_id(
        "App", app_api_client.app.pk
    )
    assert first["errors"] == []
    assert complete(user_api_client, checkout.id)["errors"] == []
