"""Each transition writes its ERP event in its own transaction, in the contract's
shape (``webhooks/schemas/checkout_approval_*.json``)."""

import json
from pathlib import Path

import graphene
import pytest
from jsonschema import Draft202012Validator

from saleor_b2b_groups.webhooks import ErpEventType
from saleor_b2b_groups.webhooks.models import OutboxEvent

from .operations import approve, error_codes, reject, request_approval

SCHEMAS = Path(__file__).parents[3] / "saleor_b2b_groups" / "webhooks" / "schemas"
APPROVAL_EVENTS = [
    ErpEventType.CHECKOUT_APPROVAL_REQUESTED,
    ErpEventType.CHECKOUT_APPROVAL_APPROVED,
    ErpEventType.CHECKOUT_APPROVAL_REJECTED,
]


def validator(event_type: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{event_type}.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def events() -> list[OutboxEvent]:
    return list(
        OutboxEvent.objects.filter(event_type__in=APPROVAL_EVENTS).order_by("sequence")
    )


@pytest.mark.parametrize("event_type", APPROVAL_EVENTS)
def test_the_schemas_are_valid_draft_2020_12(event_type):
    validator(event_type)


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

    # then: one ordered stream for the checkout
    emitted = events()
    assert [e.event_type for e in emitted] == [
        ErpEventType.CHECKOUT_APPROVAL_REQUESTED,
        ErpEventType.CHECKOUT_APPROVAL_APPROVED,
        ErpEventType.CHECKOUT_APPROVAL_APPROVED,
    ]
    assert {(e.aggregate_type, e.aggregate_id) for e in emitted} == {
        ("checkout", checkout.id)
    }
    assert [e.sequence for e in emitted] == [1, 2, 3]
    for event in emitted:
        errors = list(validator(event.event_type).iter_errors(event.payload))
        assert errors == [], errors
    requested, first, last = (e.payload for e in emitted)
    assert requested["approval"]["state"] == "pending"
    assert requested["approval"]["note"] == "Fair"
    assert requested["approval"]["group"]["externalReference"] == "ERP-BER"
    assert [lv["group"]["slug"] for lv in requested["approval"]["levels"]] == [
        "berlin",
        "emea",
    ]
    assert first["decision"]["level"] == 1
    assert first["decision"]["decidedBy"]["email"] == setup.approver.email
    assert last["approval"]["status"] == "approved"
    assert last["approval"]["id"] == approval["id"]


def test_a_rejection_emits_its_event(user_api_client, approval_setup, buyer_checkout):
    setup = approval_setup
    approval = request_approval(user_api_client, buyer_checkout(4).id)["approval"]

    reject(setup.client(setup.approver), approval["id"], "No budget")

    rejected = events()[-1]
    assert rejected.event_type == ErpEventType.CHECKOUT_APPROVAL_REJECTED
    assert rejected.payload["decision"]["comment"] == "No budget"
    assert rejected.payload["approval"]["state"] == "rejected"
    assert list(validator(rejected.event_type).iter_errors(rejected.payload)) == []


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


def test_approval_events_name_the_checkout_and_the_request(
    user_api_client, approval_setup, buyer_checkout
):
    checkout = buyer_checkout(4)
    approval = request_approval(user_api_client, checkout.id)["approval"]

    payload = events()[0].payload["approval"]

    assert payload["checkoutId"] == checkout.id
    assert graphene.Node.from_global_id(payload["id"])[0] == "CheckoutApproval"
    assert payload["id"] == approval["id"]
