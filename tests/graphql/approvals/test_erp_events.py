"""Each transition writes its ERP event in its own transaction, in the contract's
shape (``webhooks/schemas/checkout_approval_*.json``)."""

import json

import graphene

from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.webhooks.contract import outbox_problems

from .operations import approve, error_codes, reject, request_approval

APPROVAL_EVENTS = [
    ErpEventType.CHECKOUT_APPROVAL_REQUESTED,
    ErpEventType.CHECKOUT_APPROVAL_APPROVED,
    ErpEventType.CHECKOUT_APPROVAL_REJECTED,
]


def events() -> list[OutboxEvent]:
    return list(
        OutboxEvent.objects.filter(event_type__in=APPROVAL_EVENTS).order_by("sequence")
    )


def test_request_and_decisions_emit_events_in_the_contracts_shape(
    user_api_client, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(8)

    # when
    approval = request_approval(user_api_client, checkout.id, note="Fair")["approval"]
    approve(setup.client(setup.approver), approval["id"], "ok")
    approve(setup.client(setup.manager), approval["id"], "go")

    # then: one ordered stream for the request
    emitted = events()
    assert [e.event_type for e in emitted] == [
        ErpEventType.CHECKOUT_APPROVAL_REQUESTED,
        ErpEventType.CHECKOUT_APPROVAL_APPROVED,
        ErpEventType.CHECKOUT_APPROVAL_APPROVED,
    ]
    assert {(e.aggregate_type, e.aggregate_id) for e in emitted} == {
        ("checkout_approval", approval["id"])
    }
    assert [e.sequence for e in emitted] == [1, 2, 3]
    assert outbox_problems() == {}  # every message follows its schema
    requested, first, last = (e.payload for e in emitted)
    assert requested["approval"]["state"] == "PENDING"
    assert requested["approval"]["note"] == "Fair"
    assert requested["approval"]["group"]["externalReference"] == "ERP-BER"
    assert [lv["group"]["slug"] for lv in requested["approval"]["levels"]] == [
        "berlin",
        "emea",
    ]
    assert first["decision"]["level"] == 1
    assert first["decision"]["decidedBy"]["email"] == setup.approver.email
    assert last["approval"]["status"] == "APPROVED"
    assert last["approval"]["id"] == approval["id"]


def test_a_rejection_emits_its_event(user_api_client, approval_setup, buyer_checkout):
    setup = approval_setup
    approval = request_approval(user_api_client, buyer_checkout(4).id)["approval"]

    reject(setup.client(setup.approver), approval["id"], "No budget")

    rejected = events()[-1]
    assert rejected.event_type == ErpEventType.CHECKOUT_APPROVAL_REJECTED
    assert rejected.payload["decision"]["comment"] == "No budget"
    assert rejected.payload["approval"]["state"] == "REJECTED"
    assert outbox_problems() == {}


def test_a_refused_decision_emits_nothing(
    user_api_client, approval_setup, buyer_checkout
):
    setup = approval_setup
    approval = request_approval(user_api_client, buyer_checkout(4).id)["approval"]

    refused = approve(setup.client(setup.paris_approver), approval["id"])

    assert error_codes(refused) == [("id", "NOT_FOUND")]
    assert [e.event_type for e in events()] == [
        ErpEventType.CHECKOUT_APPROVAL_REQUESTED
    ]


def test_approval_events_name_the_request_never_the_checkout_token(
    user_api_client, approval_setup, buyer_checkout
):
    # given: the checkout's ID is its token, a bearer key in Saleor
    checkout = buyer_checkout(8)
    approval = request_approval(user_api_client, checkout.id)["approval"]
    approve(approval_setup.client(approval_setup.approver), approval["id"])
    assert (
        reject(approval_setup.client(approval_setup.manager), approval["id"])["errors"]
        == []
    )

    # then: no event, aggregate or payload carries it, in any form
    emitted = events()
    assert len(emitted) == 3
    token = str(checkout.checkout.token)
    for event in emitted:
        text = json.dumps(event.payload) + event.aggregate_id
        assert checkout.id not in text
        assert token not in text
        assert token.replace("-", "") not in text
    payload = emitted[0].payload["approval"]
    assert "checkoutId" not in payload
    assert graphene.Node.from_global_id(payload["id"])[0] == "CheckoutApproval"
    assert payload["id"] == approval["id"]
