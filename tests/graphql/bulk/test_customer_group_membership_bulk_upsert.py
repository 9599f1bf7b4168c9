"""customerGroupMembershipBulkUpsert: idempotent by the ERP's keys, per-row errors."""

import time

from saleor.account.models import User
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.groups.models import CustomerGroupMembership
from saleor_b2b_groups.webhooks.error_codes import ErpIntegrationErrorCode
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.groups import create_group
from tests.graphql.groups.utils import group_id, tree_snapshot, user_id

BULK = """
mutation ($rows: [CustomerGroupMembershipBulkInput!]!, $policy: ErrorPolicyEnum) {
  customerGroupMembershipBulkUpsert(memberships: $rows, errorPolicy: $policy) {
    count
    results { membership { role group { name } user { email } } errors { path code } }
    errors { path code message }
  }
}
"""


def upsert(client, rows, policy=None):
    response = client.post_graphql(BULK, {"rows": rows, "policy": policy})
    return get_graphql_content(response)["data"]["customerGroupMembershipBulkUpsert"]


def memberships():
    return sorted(
        CustomerGroupMembership.objects.values_list(
            "group__external_reference", "user__email", "role"
        )
    )


def test_adds_changes_roles_and_repeating_changes_nothing(
    staff_api_client, staff_with_manage_users, group_tree, customer_user, customer_user2
):
    # given a customer known by email, another by external reference
    customer_user2.external_reference = "CRM-42"
    customer_user2.save()
    rows = [
        {"groupExternalReference": "ERP-BER", "customerEmail": customer_user.email},
        {
            "groupExternalReference": "ERP-EMEA",
            "customerExternalReference": "CRM-42",
            "role": "MANAGER",
        },
        {
            "group": group_id(group_tree["acme"]),
            "customer": user_id(customer_user),
            "role": "APPROVER",
        },
    ]

    # when
    data = upsert(staff_api_client, rows)

    # then
    assert data["count"] == 3
    assert [r["errors"] for r in data["results"]] == [[], [], []]
    assert memberships() == sorted(
        [
            ("ERP-BER", customer_user.email, "buyer"),
            ("ERP-EMEA", customer_user2.email, "manager"),
            ("ERP-ACME", customer_user.email, "approver"),
        ]
    )
    events = OutboxEvent.objects.filter(event_type="customer_group_membership_changed")
    assert events.count() == 3  # one per group

    # when repeated, then nothing changes and no event
    before = tree_snapshot()
    assert upsert(staff_api_client, rows)["count"] == 3
    assert tree_snapshot() == before
    assert OutboxEvent.objects.count() == 3

    # when a role changes (the email in another case)
    rows[0].update(role="APPROVER", customerEmail=customer_user.email.upper())
    upsert(staff_api_client, rows)

    # then one role_changed event
    [event] = OutboxEvent.objects.filter(sequence=2)
    assert event.payload["changes"][0]["action"] == "ROLE_CHANGED"
    assert event.payload["changes"][0]["previousRole"] == "BUYER"
    assert ("ERP-BER", customer_user.email, "approver") in memberships()


def test_malformed_rows_get_errors_and_reject_everything_changes_nothing(
    staff_api_client, staff_with_manage_users, group_tree, customer_user
):
    # given
    rows = [
        {"groupExternalReference": "ERP-BER", "customerEmail": customer_user.email},
        {"groupExternalReference": "NOPE", "customerEmail": customer_user.email},
        {"groupExternalReference": "ERP-EMEA", "customerEmail": "ghost@example.com"},
        {"groupExternalReference": "ERP-EMEA"},
        {"group": "not-an-id", "customerEmail": customer_user.email},
        {"groupExternalReference": "ERP-BER", "customer": user_id(customer_user)},
    ]

    # when
    data = upsert(staff_api_client, rows)

    # then
    assert [[(e["path"], e["code"]) for e in r["errors"]] for r in data["results"]] == [
        [("customerEmail", "DUPLICATED_INPUT_ITEM")],
        [("groupExternalReference", "NOT_FOUND")],
        [("customerEmail", "NOT_FOUND")],
        [("customerEmail", "REQUIRED")],
        [("group", "GRAPHQL_ERROR")],
        [("customerEmail", "DUPLICATED_INPUT_ITEM")],
    ]
    assert data["count"] == 0
    assert not CustomerGroupMembership.objects.exists()
    assert not OutboxEvent.objects.exists()

    # when the good rows are to be kept
    rows.pop()
    data = upsert(staff_api_client, rows, "REJECT_FAILED_ROWS")

    # then
    assert data["count"] == 1
    assert memberships() == [("ERP-BER", customer_user.email, "buyer")]
    assert data["results"][0]["membership"]["group"] == {"name": "Berlin"}


def test_needs_manage_users(
    staff_api_client, user_api_client, group_tree, customer_user
):
    rows = [{"groupExternalReference": "ERP-BER", "customerEmail": customer_user.email}]
    for client in (staff_api_client, user_api_client):
        assert_no_permission(client.post_graphql(BULK, {"rows": rows}))
    assert not CustomerGroupMembership.objects.exists()


def test_ten_thousand_rows_complete_and_are_idempotent(
    staff_api_client, staff_with_manage_users, capsys
):
    # given 10 groups and 10,000 customers, and one malformed row
    for g in range(10):
        create_group(f"G{g}", external_reference=f"G-{g}", slug=f"g-{g}")
    User.objects.bulk_create(
        User(email=f"buyer{n}@example.com", is_active=True) for n in range(10_000)
    )
    rows = [
        {
            "groupExternalReference": f"G-{n % 10}",
            "customerEmail": f"buyer{n}@example.com",
        }
        for n in range(10_000)
    ]
    rows[-1]["customerEmail"] = "nobody@example.com"

    # when
    started = time.monotonic()
    data = upsert(staff_api_client, rows, "REJECT_FAILED_ROWS")
    first = time.monotonic() - started
    started = time.monotonic()
    again = upsert(staff_api_client, rows, "REJECT_FAILED_ROWS")
    second = time.monotonic() - started

    # then
    assert data["count"] == 9_999
    assert data["results"][-1]["errors"] == [
        {"path": "customerEmail", "code": ErpIntegrationErrorCode.NOT_FOUND.name}
    ]
    assert again["count"] == 9_999
    assert CustomerGroupMembership.objects.count() == 9_999
    assert OutboxEvent.objects.count() == 10  # one per group, none on the repeat
    with capsys.disabled():
        print(
            f"\n10,000 memberships: first call {first:.1f} s "
            f"({10_000 / first:.0f} rows/s), repeated {second:.1f} s"
        )


def test_a_row_postgres_cannot_store_is_refused_alone(
    staff_api_client, staff_with_manage_users, group_tree, customer_user
):
    # when: a NUL in one row's e-mail, another row fine
    result = upsert(
        staff_api_client,
        [
            {"groupExternalReference": "ERP-BER", "customerEmail": customer_user.email},
            {"groupExternalReference": "ERP-BER", "customerEmail": "a\x00@example.com"},
            {"groupExternalReference": "E" * 300, "customerEmail": customer_user.email},
        ],
        "REJECT_FAILED_ROWS",
    )

    # then
    assert result["results"][0]["errors"] == []
    assert [e["code"] for e in result["results"][1]["errors"]] == ["INVALID"]
    assert [e["code"] for e in result["results"][2]["errors"]] == ["INVALID"]
    assert result["count"] == 1
