"""Buyers' notes and approvers' comments that PostgreSQL cannot store: a typed
``INVALID`` on the field, nothing changed."""

from saleor_b2b_groups.approvals.models import (
    CheckoutApproval,
    CheckoutApprovalDecision,
)
from tests.graphql.approvals.operations import (
    approve,
    error_codes,
    reject,
    request_approval,
)


def test_a_nul_in_the_buyers_note_is_refused(
    user_api_client, approval_setup, buyer_checkout
):
    checkout = buyer_checkout(8)

    refused = request_approval(user_api_client, checkout.id, note="rush\x00")

    assert error_codes(refused) == [("note", "INVALID")]
    assert refused["approval"] is None
    assert not CheckoutApproval.objects.exists()


def test_a_nul_in_the_approvers_comment_or_reason_is_refused(
    user_api_client, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    approval = request_approval(user_api_client, buyer_checkout(8).id)["approval"]
    approver = setup.client(setup.approver)

    # when
    approved = approve(approver, approval["id"], comment="ok\x00")
    rejected = reject(approver, approval["id"], reason="no\x00")

    # then
    assert error_codes(approved) == [("comment", "INVALID")]
    assert error_codes(rejected) == [("reason", "INVALID")]
    assert not CheckoutApprovalDecision.objects.exists()
    assert CheckoutApproval.objects.get().status == "pending"
