"""customerGroupBulkUpsert: idempotent by externalReference, per-row errors."""

import time

from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.groups.models import CustomerGroup
from saleor_b2b_groups.webhooks.error_codes import ErpIntegrationErrorCode
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.graphql.groups.utils import tree_snapshot

BULK = """
mutation ($groups: [CustomerGroupBulkInput!]!, $policy: ErrorPolicyEnum) {
  customerGroupBulkUpsert(groups: $groups, errorPolicy: $policy) {
    count
    results { customerGroup { externalReference name parent { externalReference } }
              errors { path code } }
    errors { path code }
  }
}
"""


def upsert(client, groups, policy=None):
    response = client.post_graphql(BULK, {"groups": groups, "policy": policy})
    return get_graphql_content(response)["data"]["customerGroupBulkUpsert"]


def test_creates_a_tree_in_any_row_order_and_repeating_changes_nothing(
    staff_api_client, staff_with_manage_users
):
    # given a child listed before its parent
    rows = [
        {
            "externalReference": "NW-BER",
            "name": "Berlin",
            "parentExternalReference": "NW-EMEA",
        },
        {
            "externalReference": "NW-EMEA",
            "name": "EMEA",
            "parentExternalReference": "NW",
        },
        {"externalReference": "NW", "name": "Northwind", "paymentTermsDays": 30},
    ]

    # when
    data = upsert(staff_api_client, rows)

    # then
    assert data["count"] == 3
    assert [r["errors"] for r in data["results"]] == [[], [], []]
    berlin = CustomerGroup.objects.get(external_reference="NW-BER")
    assert [
        g.external_reference
        for g in CustomerGroup.objects.filter(pk__in=berlin.ancestor_ids).order_by("pk")
    ] == ["NW", "NW-EMEA"]
    assert OutboxEvent.objects.filter(event_type="customer_group_created").count() == 3

    # when the same call is repeated
    before = tree_snapshot()
    data = upsert(staff_api_client, rows)

    # then nothing changes and no event is raised
    assert data["count"] == 3
    assert tree_snapshot() == before
    assert OutboxEvent.objects.count() == 3

    # when one row changes
    rows[0]["name"] = "Berlin Mitte"
    upsert(staff_api_client, rows)

    # then one update event
    assert list(
        OutboxEvent.objects.filter(event_type="customer_group_updated").values_list(
            "payload__group__name", flat=True
        )
    ) == ["Berlin Mitte"]


def test_reject_everything_changes_nothing_on_a_bad_row(
    staff_api_client, staff_with_manage_users
):
    rows = [
        {"externalReference": "A", "name": "A"},
        {"externalReference": "B", "name": ""},
        {"externalReference": "A", "name": "A again"},
        {"externalReference": "C", "name": "C", "parentExternalReference": "NOPE"},
    ]
    data = upsert(staff_api_client, rows)
    assert [[(e["path"], e["code"]) for e in r["errors"]] for r in data["results"]] == [
        [],
        [("name", "REQUIRED")],
        [("externalReference", "DUPLICATED_INPUT_ITEM")],
        [("parentExternalReference", "NOT_FOUND")],
    ]
    assert data["count"] == 0
    assert not CustomerGroup.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_reject_failed_rows_keeps_the_good_ones(
    staff_api_client, staff_with_manage_users
):
    rows = [
        {"externalReference": "A", "name": "A"},
        {"externalReference": "B", "name": ""},
        {"externalReference": "C", "name": "C", "parentExternalReference": "A"},
    ]
    data = upsert(staff_api_client, rows, "REJECT_FAILED_ROWS")
    assert data["count"] == 2
    assert sorted(
        CustomerGroup.objects.values_list("external_reference", flat=True)
    ) == ["A", "C"]
    assert data["results"][2]["customerGroup"]["parent"] == {"externalReference": "A"}


def test_needs_manage_users(staff_api_client, user_api_client):
    for client in (staff_api_client, user_api_client):
        assert_no_permission(
            client.post_graphql(
                BULK, {"groups": [{"externalReference": "A", "name": "A"}]}
            )
        )
    assert not CustomerGroup.objects.exists()


def test_ten_thousand_rows_complete_and_are_idempotent(
    staff_api_client, staff_with_manage_users, capsys
):
    # given 100 accounts with 99 branches each, and one malformed row
    rows = []
    for a in range(100):
        rows.append({"externalReference": f"ACC-{a}", "name": f"Account {a}"})
        rows += [
            {
                "externalReference": f"ACC-{a}-{b}",
                "name": f"Branch {a}/{b}",
                "parentExternalReference": f"ACC-{a}",
            }
            for b in range(99)
        ]
    rows[-1]["name"] = ""

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
        {"path": "name", "code": ErpIntegrationErrorCode.REQUIRED.name}
    ]
    assert again["count"] == 9_999
    assert CustomerGroup.objects.count() == 9_999
    assert OutboxEvent.objects.count() == 9_999
    with capsys.disabled():
        print(f"\n10,000 rows: first call {first:.1f} s, repeated {second:.1f} s")


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "bad",
    [
        {"externalReference": "ERP-X", "name": "a\x00b"},
        {"externalReference": "ERP-\x00", "name": "X"},
        {"externalReference": "ERP-X", "name": "x" * 251},
        {"externalReference": "ERP-X", "name": "X", "description": "d\x00"},
        {"externalReference": "ERP-X", "name": "X", "slug": "s" * 256},
    ],
)
def test_a_row_postgres_cannot_store_is_refused_alone(
    bad, staff_api_client, staff_with_manage_users
):
    # when: one bad row among good ones, failed rows rejected
    result = upsert(
        staff_api_client,
        [{"externalReference": "ERP-OK", "name": "Good"}, bad],
        "REJECT_FAILED_ROWS",
    )

    # then: a typed error on the bad row; the good row is written
    assert result["results"][0]["errors"] == []
    assert [e["code"] for e in result["results"][1]["errors"]] == [
        ErpIntegrationErrorCode.INVALID.name
    ]
    assert list(CustomerGroup.objects.values_list("external_reference", flat=True)) == [
        "ERP-OK"
    ]
