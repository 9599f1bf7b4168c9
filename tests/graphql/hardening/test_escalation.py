"""A level nobody but the buyer (or an earlier decider) could decide is escalated
to staff, said in ``approval.message``, and announced to the ERP; never left
PENDING until it expires."""

import graphene

from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.groups.models import CustomerGroupMembership
from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.groups import add_member
from tests.graphql.approvals.operations import (
    approve,
    complete,
    error_codes,
    request_approval,
)
from tests.webhooks.contract import outbox_problems

ESCALATED = ErpEventType.CHECKOUT_APPROVAL_ESCALATED


def escalations() -> list[OutboxEvent]:
    return list(OutboxEvent.objects.filter(event_type=ESCALATED))


def levels(approval) -> list[tuple[str, bool]]:
    return [(lv["state"], lv["escalated"]) for lv in approval["levels"]]


def test_a_managers_own_checkout_escalates_the_managers_level_to_staff(
    user_api_client,
    staff_api_client,
    permission_manage_checkouts,
    approval_setup,
    buyer_checkout,
):
    # given: the buyer is EMEA's only manager, and buys for Berlin
    setup = approval_setup
    emea, berlin = setup.groups["emea"], setup.groups["berlin"]
    CustomerGroupMembership.objects.filter(group=emea, user=setup.manager).delete()
    add_member(emea, setup.buyer, CustomerGroupRole.MANAGER)
    checkout = buyer_checkout(8)
    berlin_id = graphene.Node.to_global_id("CustomerGroup", berlin.pk)
    approval = request_approval(user_api_client, checkout.id, group=berlin_id)[
        "approval"
    ]
    assert levels(approval) == [("PENDING", False), ("WAITING", False)]
    assert escalations() == []

    # when: Berlin's approver approves level 1, making EMEA's level pending
    approved = approve(setup.client(setup.approver), approval["id"])["approval"]

    # then: level 2 is escalated, and says so
    assert approved["state"] == "PENDING"
    assert levels(approved) == [("APPROVED", False), ("PENDING", True)]
    assert "escalated to staff" in approved["message"]
    [event] = escalations()
    escalation = event.payload["escalation"]
    assert escalation["level"] == 2
    assert escalation["to"] == "STAFF"
    assert escalation["group"]["slug"] == emea.slug
    assert event.aggregate_id == approval["id"]
    assert outbox_problems() == {}

    # and staff decide it; the buyer still cannot
    assert error_codes(approve(user_api_client, approval["id"])) == [
        ("id", "OWN_CHECKOUT")
    ]
    staff_api_client.user.user_permissions.add(permission_manage_checkouts)
    done = approve(staff_api_client, approval["id"], "Escalated: approved")
    assert done["errors"] == []
    assert done["approval"]["state"] == "APPROVED"
    assert complete(user_api_client, checkout.id)["errors"] == []


def test_an_approvers_own_checkout_is_escalated_at_the_request(
    user_api_client, approval_setup, buyer_checkout
):
    # given: the buyer is Berlin's only approver
    setup = approval_setup
    berlin = setup.groups["berlin"]
    CustomerGroupMembership.objects.filter(
        group=berlin, user__in=[setup.approver, setup.approver2]
    ).delete()
    CustomerGroupMembership.objects.filter(group=berlin, user=setup.buyer).update(
        role=CustomerGroupRole.APPROVER
    )

    # when
    approval = request_approval(user_api_client, buyer_checkout(4).id)["approval"]

    # then
    assert approval["state"] == "PENDING"
    assert levels(approval) == [("PENDING", True)]
    assert "escalated to staff" in approval["message"]
    [event] = escalations()
    assert event.payload["escalation"]["level"] == 1
    assert event.payload["approval"]["levels"][0]["escalated"] is True
    assert outbox_problems() == {}


def test_a_level_with_someone_to_decide_it_is_not_escalated(
    user_api_client, approval_setup, buyer_checkout
):
    setup = approval_setup
    approval = request_approval(user_api_client, buyer_checkout(8).id)["approval"]
    approved = approve(setup.client(setup.approver), approval["id"])["approval"]

    assert levels(approved) == [("APPROVED", False), ("PENDING", False)]
    assert "escalated" not in approved["message"]
    assert escalations() == []


def test_the_only_holder_who_decided_level_one_cannot_leave_level_two_stuck(
    user_api_client, approval_setup, buyer_checkout
):
    # given: Ben is Berlin's only approver and EMEA's only manager
    setup = approval_setup
    emea, berlin = setup.groups["emea"], setup.groups["berlin"]
    CustomerGroupMembership.objects.filter(group=berlin, user=setup.approver2).delete()
    CustomerGroupMembership.objects.filter(group=emea, user=setup.manager).delete()
    add_member(emea, setup.approver, CustomerGroupRole.MANAGER)
    approval = request_approval(user_api_client, buyer_checkout(8).id)["approval"]

    # when: Ben decides level 1 (one person decides one level)
    approved = approve(setup.client(setup.approver), approval["id"])["approval"]

    # then
    assert levels(approved) == [("APPROVED", False), ("PENDING", True)]
    assert len(escalations()) == 1
