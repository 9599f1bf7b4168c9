"""The event contract: a JSON Schema per event type, and every payload follows it.

Three layers: every event type has a valid schema file that refines the envelope;
each event type this branch emits is produced here the way an admin or a buyer
produces it and checked against its schema; and ``erp_events_follow_the_contract``
(an autouse fixture) checks every event that any test of the suite emits, so the
events of features merged later are checked by their own tests.
"""

import json

import graphene
import pytest
from jsonschema import Draft202012Validator
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.groups.models import CustomerGroupMembership
from saleor_b2b_groups.webhooks import ErpEventType, schema_path
from saleor_b2b_groups.webhooks.delivery import envelope
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE
from tests.graphql.approvals.operations import approve, reject, request_approval
from tests.graphql.groups.operations import (
    CUSTOMER_GROUP_CREATE,
    CUSTOMER_GROUP_DELETE,
    CUSTOMER_GROUP_UPDATE,
    MEMBER_UPDATE,
    MEMBERS_ADD,
    MEMBERS_REMOVE,
)
from tests.graphql.groups.utils import group_id, user_id
from tests.graphql.pricing.price_list_operations import (
    ASSIGN,
    ENTRIES_BULK_DELETE,
    ENTRIES_BULK_UPSERT,
    PRICE_LIST_CREATE,
    PRICE_LIST_DELETE,
    PRICE_LIST_UPDATE,
    RULES_BULK_DELETE,
    RULES_BULK_UPSERT,
    UNASSIGN,
    variant_id,
)
from tests.graphql.pricing.test_checkout_pricing import create_checkout
from tests.graphql.quantities.test_admin_api import RULE_DELETE as QUANTITY_RULE_DELETE
from tests.graphql.quantities.test_admin_api import RULE_SET as QUANTITY_RULE_SET
from tests.graphql.visibility.read_paths import global_id
from tests.graphql.visibility.test_admin_api import (
    CATALOG_UPDATE,
    CHANNEL_ACCESS,
    RULES_DELETE,
    RULES_SET,
)
from tests.pricing.helpers import fixed, make_price_list

from .contract import ENVELOPE, outbox_problems, problems, registry


@pytest.mark.parametrize("event_type", ErpEventType.ALL)
def test_every_event_type_has_a_schema_refining_the_envelope(event_type):
    path = schema_path(event_type)
    assert path.exists(), f"no schema for {event_type}: add {path}"
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"$ref": ENVELOPE} in schema.get("allOf", []), (
        f"{path.name} must describe the whole message: allOf [{{$ref: {ENVELOPE}}}]"
    )
    assert schema["properties"]["type"] == {"const": event_type}
    assert schema.get("description"), f"{path.name}: say what the event means"


def test_shared_schemas_are_valid():
    for name in (ENVELOPE, "definitions.json"):
        Draft202012Validator.check_schema(registry().contents(name))


def test_the_check_catches_a_broken_message(db):
    # given a message as sent, then broken in ways an emitter could break it
    message = {
        "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        "type": ErpEventType.CUSTOMER_GROUP_CREATED,
        "version": 1,
        "occurredAt": "2026-01-01T00:00:00+00:00",
        "aggregate": {"type": "customer_group", "id": "Q3VzdG9tZXJHcm91cDox"},
        "sequence": 1,
        "data": {"group": {"id": "Q3VzdG9tZXJHcm91cDox", "name": "ACME"}},
    }

    # then a missing field, an unknown event type and a wrong aggregate are caught
    assert any("'slug' is a required property" in p for p in problems(message))
    assert any(
        "no schema for event type 'nonsense'" in p
        for p in problems({**message, "type": "nonsense"})
    )
    wrong_aggregate = {**message, "aggregate": {"type": "order", "id": "x"}}
    assert any("'customer_group' was expected" in p for p in problems(wrong_aggregate))
    assert any("$.id" in p for p in problems({**message, "id": "not-a-uuid"}))


# Scenarios: each event type produced the way its users produce it.


@pytest.fixture
def admin(
    staff_api_client, staff_user, permission_manage_users, permission_manage_discounts
):
    staff_user.user_permissions.add(
        permission_manage_users, permission_manage_discounts
    )
    return staff_api_client


def run(client, query, variables):
    content = get_graphql_content(client.post_graphql(query, variables))
    [result] = content["data"].values()
    assert not result.get("errors"), result
    return result


def groups_created_updated_deleted(request):
    admin, tree = (
        request.getfixturevalue("admin"),
        request.getfixturevalue("group_tree"),
    )
    run(
        admin,
        CUSTOMER_GROUP_CREATE,
        {
            "input": {
                "name": "Munich",
                "parent": group_id(tree["emea"]),
                "externalReference": "ERP-MUC",
                "paymentTermsDays": 60,
                "metadata": [{"key": "region", "value": "south"}],
            }
        },
    )
    run(
        admin,
        CUSTOMER_GROUP_UPDATE,
        {"id": group_id(tree["berlin"]), "input": {"name": "Berlin Mitte"}},
    )
    run(admin, CUSTOMER_GROUP_DELETE, {"id": group_id(tree["berlin"])})


def memberships_changed(request):
    admin, tree = (
        request.getfixturevalue("admin"),
        request.getfixturevalue("group_tree"),
    )
    customer = request.getfixturevalue("customer_user")
    group, user = group_id(tree["berlin"]), user_id(customer)
    run(admin, MEMBERS_ADD, {"group": group, "members": [{"user": user}]})
    run(admin, MEMBER_UPDATE, {"group": group, "user": user, "role": "APPROVER"})
    run(admin, MEMBERS_REMOVE, {"group": group, "users": [user]})


def price_lists_changed(request):
    admin, tree = (
        request.getfixturevalue("admin"),
        request.getfixturevalue("group_tree"),
    )
    channel = request.getfixturevalue("channel_USD")
    variant = request.getfixturevalue("product").variants.get()
    created = run(
        admin,
        PRICE_LIST_CREATE,
        {
            "input": {
                "name": "ACME contract",
                "channel": graphene.Node.to_global_id("Channel", channel.pk),
                "externalReference": "PL-ACME",
                "validFrom": "2026-01-01T00:00:00+00:00",
            }
        },
    )
    price_list = created["priceList"]["id"]
    run(
        admin,
        ENTRIES_BULK_UPSERT,
        {
            "priceList": price_list,
            "entries": [
                {"variant": variant_id(variant), "price": "8.00"},
                {"variantSku": variant.sku, "minQuantity": 10, "price": "7.00"},
            ],
        },
    )
    run(
        admin,
        RULES_BULK_UPSERT,
        {
            "priceList": price_list,
            "rules": [
                {"scope": "ALL", "percentage": "5"},
                {
                    "scope": "PRODUCT",
                    "target": graphene.Node.to_global_id("Product", variant.product_id),
                    "percentage": "7.5",
                    "externalReference": "R-1",
                },
            ],
        },
    )
    run(admin, ASSIGN, {"group": group_id(tree["acme"]), "priceList": price_list})
    run(
        admin,
        ASSIGN,
        {"group": group_id(tree["acme"]), "priceList": price_list, "priority": 5},
    )
    run(admin, PRICE_LIST_UPDATE, {"id": price_list, "input": {"isActive": False}})
    run(
        admin,
        ENTRIES_BULK_DELETE,
        {"priceList": price_list, "tiers": [{"variantSku": variant.sku}]},
    )
    run(
        admin,
        RULES_BULK_DELETE,
        {"priceList": price_list, "externalReferences": ["R-1"]},
    )
    run(admin, UNASSIGN, {"group": group_id(tree["acme"]), "priceList": price_list})
    run(admin, PRICE_LIST_DELETE, {"id": price_list})


def order_placed(request):
    client = request.getfixturevalue("user_api_client")
    tree = request.getfixturevalue("group_tree")
    request.getfixturevalue("buyer_in_branch")
    channel = request.getfixturevalue("channel_USD")
    variant = request.getfixturevalue("product").variants.get()
    prepare = request.getfixturevalue("pay_and_prepare_checkout")
    fixed(make_price_list(channel, "acme", tree["acme"]), variant, "8.00")
    created = create_checkout(client, channel, variant)
    prepare(Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1]))
    run(client, CHECKOUT_COMPLETE, {"id": created["id"]})


def catalog_rules_changed(request):
    admin, tree = (
        request.getfixturevalue("admin"),
        request.getfixturevalue("group_tree"),
    )
    admin.user.user_permissions.add(
        request.getfixturevalue("permission_manage_products"),
        request.getfixturevalue("permission_manage_channels"),
    )
    catalog = request.getfixturevalue("catalog")
    channel = request.getfixturevalue("channel_USD")
    emea = group_id(tree["emea"])
    run(
        admin,
        CATALOG_UPDATE,
        {
            "id": emea,
            "input": {
                "catalogMode": "RESTRICTED",
                "allowedChannels": [graphene.Node.to_global_id("Channel", channel.pk)],
            },
        },
    )
    rules = run(
        admin,
        RULES_SET,
        {
            "id": emea,
            "rules": [
                {"effect": "INCLUDE", "category": global_id(catalog["tools"])},
                {"effect": "EXCLUDE", "product": global_id(catalog["saw"])},
            ],
        },
    )["rules"]
    run(admin, RULES_DELETE, {"id": emea, "rules": [rules[0]["id"]]})
    run(
        admin,
        CHANNEL_ACCESS,
        {
            "channel": graphene.Node.to_global_id("Channel", channel.pk),
            "access": "B2B_ONLY",
        },
    )


def quantity_rules_changed(request):
    admin, tree = (
        request.getfixturevalue("admin"),
        request.getfixturevalue("group_tree"),
    )
    admin.user.user_permissions.add(
        request.getfixturevalue("permission_manage_products")
    )
    catalog = request.getfixturevalue("catalog")
    emea = group_id(tree["emea"])
    rule = run(
        admin,
        QUANTITY_RULE_SET,
        {
            "input": {
                "group": emea,
                "scope": "CATEGORY",
                "category": global_id(catalog["apparel"]),
                "minimum": 10,
                "increment": 10,
            }
        },
    )["quantityRule"]
    run(
        admin,
        QUANTITY_RULE_SET,
        {"input": {"group": emea, "scope": "ALL", "maximum": 10000}},
    )
    run(admin, QUANTITY_RULE_DELETE, {"id": rule["id"]})


def checkout_approvals_decided(request):
    buyer = request.getfixturevalue("user_api_client")
    setup = request.getfixturevalue("approval_setup")
    make_checkout = request.getfixturevalue("buyer_checkout")
    approval = request_approval(buyer, make_checkout(8).id)["approval"]
    approve(setup.client(setup.approver), approval["id"], "ok")
    approve(setup.client(setup.manager), approval["id"], "go")
    rejected = request_approval(buyer, make_checkout(4).id)["approval"]
    reject(setup.client(setup.approver), rejected["id"], "No budget")


def checkout_approval_escalated(request):
    """The buyer is their branch's only approver: their own request escalates."""
    buyer = request.getfixturevalue("user_api_client")
    setup = request.getfixturevalue("approval_setup")
    make_checkout = request.getfixturevalue("buyer_checkout")
    berlin = setup.groups["berlin"]
    CustomerGroupMembership.objects.filter(
        group=berlin, user__in=[setup.approver, setup.approver2]
    ).delete()
    CustomerGroupMembership.objects.filter(group=berlin, user=setup.buyer).update(
        role=CustomerGroupRole.APPROVER
    )
    request_approval(buyer, make_checkout(4).id)


def credit_used(request):
    from saleor.graphql.tests.fixtures import ApiClient

    from tests.graphql.credit.operations import (
        ACCOUNT_UPDATE,
        PAYMENT_RECORD,
        SUB_LIMIT_SET,
        pay_on_account,
    )
    from tests.graphql.credit.test_admin_api import place_order

    admin = request.getfixturevalue("admin")
    admin.user.user_permissions.add(request.getfixturevalue("permission_manage_orders"))
    company = request.getfixturevalue("credit_company")
    make_checkout = request.getfixturevalue("credit_checkout")
    run(admin, ACCOUNT_UPDATE, {"id": company.account_id, "input": {"limit": "900"}})
    run(
        admin,
        SUB_LIMIT_SET,
        {"group": group_id(company.groups["berlin"]), "limit": "500"},
    )
    order_id, total = place_order(company, make_checkout)
    prepared = make_checkout(company.buyer, 1)
    assert pay_on_account(ApiClient(user=company.buyer), prepared.id)["errors"] == []
    run(
        admin,
        PAYMENT_RECORD,
        {
            "account": company.account_id,
            "input": {
                "amount": str(total),
                "currency": "USD",
                "externalReference": "PAY-1",
                "order": order_id,
            },
        },
    )


SCENARIOS = {
    ErpEventType.CHECKOUT_APPROVAL_ESCALATED: checkout_approval_escalated,
    ErpEventType.CHECKOUT_APPROVAL_REQUESTED: checkout_approvals_decided,
    ErpEventType.CHECKOUT_APPROVAL_APPROVED: checkout_approvals_decided,
    ErpEventType.CHECKOUT_APPROVAL_REJECTED: checkout_approvals_decided,
    ErpEventType.CATALOG_RULES_CHANGED: catalog_rules_changed,
    ErpEventType.CUSTOMER_GROUP_CREATED: groups_created_updated_deleted,
    ErpEventType.CUSTOMER_GROUP_UPDATED: groups_created_updated_deleted,
    ErpEventType.CUSTOMER_GROUP_DELETED: groups_created_updated_deleted,
    ErpEventType.CUSTOMER_GROUP_MEMBERSHIP_CHANGED: memberships_changed,
    ErpEventType.PRICE_LIST_CHANGED: price_lists_changed,
    ErpEventType.ORDER_PLACED: order_placed,
    ErpEventType.QUANTITY_RULES_CHANGED: quantity_rules_changed,
    ErpEventType.CREDIT_ACCOUNT_CHANGED: credit_used,
    ErpEventType.CREDIT_LEDGER_ENTRY_CREATED: credit_used,
}


@pytest.mark.parametrize("event_type", ErpEventType.ALL)
def test_every_emitted_payload_follows_its_schema(event_type, request):
    assert event_type in SCENARIOS, f"add a scenario for {event_type}"

    # when its users do what raises it
    SCENARIOS[event_type](request)

    # then it was emitted, and every event follows the contract
    emitted = OutboxEvent.objects.filter(event_type=event_type)
    assert emitted.exists(), f"the scenario raised no {event_type}"
    for event in emitted:
        message = json.loads(json.dumps(envelope(event)))
        assert problems(message) == [], message
    assert outbox_problems() == {}


def test_price_list_changed_says_what_changed(admin, channel_USD, product, group_tree):
    # when an admin creates a list, adds prices and a rule, and gives it to a group
    variant = product.variants.get()
    price_list = make_price_list(channel_USD, "acme", external_reference="PL-ACME")
    list_id = graphene.Node.to_global_id("PriceList", price_list.pk)
    run(
        admin,
        ENTRIES_BULK_UPSERT,
        {"priceList": list_id, "entries": [{"variantSku": variant.sku, "price": "8"}]},
    )
    run(admin, ASSIGN, {"group": group_id(group_tree["acme"]), "priceList": list_id})
    # and repeats the prices (idempotent: no event)
    run(
        admin,
        ENTRIES_BULK_UPSERT,
        {"priceList": list_id, "entries": [{"variantSku": variant.sku, "price": "8"}]},
    )
    run(admin, PRICE_LIST_UPDATE, {"id": list_id, "input": {"name": "ACME 2026"}})

    # then one event per change, numbered, each with what changed
    events = list(OutboxEvent.objects.filter(aggregate_id=list_id).order_by("sequence"))
    assert [e.sequence for e in events] == [1, 2, 3]
    entries, assigned, renamed = (e.payload for e in events)
    [entry] = entries["entries"]["upserted"]
    assert entry["variant"] == {
        "id": variant_id(variant),
        "sku": variant.sku,
        "externalReference": variant.external_reference,
    }
    assert entry["price"] == {"amount": "8.00", "currency": "USD"}
    assert entries["action"] == "UPDATED"
    assert entries["changedFields"] == []
    assert assigned["assignments"]["added"] == [
        {
            "group": {
                "id": group_id(group_tree["acme"]),
                "externalReference": "ERP-ACME",
                "slug": "acme",
            },
            "priority": 0,
        }
    ]
    assert renamed["changedFields"] == ["name"]
    assert renamed["priceList"]["name"] == "ACME 2026"
