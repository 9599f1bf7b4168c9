"""Decisions and checkout changes at the same moment, in real concurrent
transactions (each thread its own database connection): one consistent state."""

import pytest
from django.db import transaction
from saleor.graphql.tests.fixtures import ApiClient

from saleor_b2b_groups.approvals import ApprovalState, ApprovalStatus
from saleor_b2b_groups.approvals.models import (
    CheckoutApproval,
    CheckoutApprovalDecision,
)
from tests.graphql.approvals.operations import (
    approve,
    change_quantity,
    checkout_approval,
    error_codes,
    reject,
    request_approval,
)
from tests.groups.test_tree_concurrency import Handshake, run_concurrently

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("concurrent_connections"),
]


def as_user(user, action):
    """Run ``action(client)`` with a client of its own (in the calling thread)."""

    def run():
        return action(ApiClient(user=user))

    return run


def test_two_approvers_deciding_at_once_make_one_decision(
    approval_setup, buyer_checkout, user_api_client
):
    # given: level 1 of 2 waits for either of Berlin's approvers
    setup = approval_setup
    checkout = buyer_checkout(8)
    approval_id = request_approval(user_api_client, checkout.id)["approval"]["id"]

    # when both approve, the second while the first is still uncommitted
    handshake = Handshake()
    results = run_concurrently(
        handshake.first(as_user(setup.approver, lambda c: approve(c, approval_id))),
        handshake.second(as_user(setup.approver2, lambda c: approve(c, approval_id))),
    )

    # then: the first decided level 1; the second found level 2, not theirs
    first, second = results
    assert first["errors"] == []
    assert error_codes(second) == [("id", "NOT_ELIGIBLE")]
    assert list(CheckoutApprovalDecision.objects.values_list("level", flat=True)) == [0]
    approval = CheckoutApproval.objects.get()
    assert (approval.status, approval.current_level) == (ApprovalStatus.PENDING, 1)


def test_approve_and_reject_at_once_end_in_the_first_decision(
    approval_setup, buyer_checkout, user_api_client
):
    # given: a one-level request
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval_id = request_approval(user_api_client, checkout.id)["approval"]["id"]

    # when one approver rejects while the other approves
    handshake = Handshake()
    rejected, approved = run_concurrently(
        handshake.first(as_user(setup.approver, lambda c: reject(c, approval_id))),
        handshake.second(as_user(setup.approver2, lambda c: approve(c, approval_id))),
    )

    # then
    assert rejected["errors"] == []
    assert error_codes(approved) == [("id", "NOT_PENDING")]
    assert CheckoutApproval.objects.get().status == ApprovalStatus.REJECTED
    assert CheckoutApprovalDecision.objects.count() == 1
    assert checkout_approval(user_api_client, checkout.id)["state"] == "REJECTED"


def test_a_change_committed_before_the_approval_is_refused(
    approval_setup, buyer_checkout, user_api_client
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval_id = request_approval(user_api_client, checkout.id)["approval"]["id"]

    def buyer_changes_lines():
        with transaction.atomic():  # the buyer's whole mutation, uncommitted
            change_quantity(ApiClient(user=setup.buyer), checkout, 5)

    # when the approver approves while the buyer's change is uncommitted
    handshake = Handshake()
    changed, approved = run_concurrently(
        handshake.first(buyer_changes_lines),
        handshake.second(as_user(setup.approver, lambda c: approve(c, approval_id))),
    )

    # then: the approver waited for the change and refused to approve it unseen
    assert changed is None
    assert error_codes(approved) == [("id", "CHECKOUT_CHANGED")]
    assert not CheckoutApprovalDecision.objects.exists()
    assert checkout_approval(user_api_client, checkout.id)["state"] == "STALE"


def test_a_change_committed_after_the_approval_makes_it_stale(
    approval_setup, buyer_checkout, user_api_client
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval_id = request_approval(user_api_client, checkout.id)["approval"]["id"]

    def buyer_changes_lines():
        change_quantity(ApiClient(user=setup.buyer), checkout, 5)

    # when the buyer changes the lines while the approval is uncommitted
    handshake = Handshake()
    approved, changed = run_concurrently(
        handshake.first(as_user(setup.approver, lambda c: approve(c, approval_id))),
        handshake.second(buyer_changes_lines),
    )

    # then: approved (what the approver saw), then stale (what the buyer did)
    assert approved["errors"] == []
    assert changed is None
    decision = CheckoutApprovalDecision.objects.get()
    approval = CheckoutApproval.objects.get()
    assert approval.status == ApprovalStatus.APPROVED
    assert decision.fingerprint == approval.fingerprint
    assert checkout.refresh().lines.get().quantity == 5
    status = checkout_approval(user_api_client, checkout.id)
    assert status["state"] == ApprovalState.STALE.upper()
    assert status["fingerprint"] != approval.fingerprint
