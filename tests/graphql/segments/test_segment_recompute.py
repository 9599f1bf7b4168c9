from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.groups import CustomerGroupRole
from saleor_b2b_groups.segments.error_codes import CustomerGroupSegmentErrorCode
from saleor_b2b_groups.segments.models import CustomerGroupSegment
from saleor_b2b_groups.segments.services import set_rules
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.groups import add_member
from tests.segments.helpers import make_customer, place_order, set_address

from ..groups.utils import group_id
from .conftest import GERMAN_TRADE, MANUAL, SEGMENT, members
from .operations import GROUP_SEGMENT, SEGMENT_DELETE, SEGMENT_RECOMPUTE


def recompute(client, group):
    response = client.post_graphql(SEGMENT_RECOMPUTE, {"group": group_id(group)})
    return get_graphql_content(response)["data"]["customerGroupSegmentRecompute"]


def test_recompute_adds_matching_customers_as_segment_buyers(
    staff_api_client, staff_with_manage_users, german_trade, customers
):
    # given
    set_rules(german_trade, GERMAN_TRADE)

    # when
    data = recompute(staff_api_client, german_trade)

    # then
    assert data["errors"] == []
    assert (data["matchedCount"], data["addedCount"], data["removedCount"]) == (1, 1, 0)
    assert data["segment"]["lastMatchedCount"] == 1
    assert data["segment"]["lastDurationMs"] >= 0
    assert members(german_trade) == {"hans@example.com": ("buyer", SEGMENT)}
    event = OutboxEvent.objects.get(event_type="customer_group_membership_changed")
    assert [
        (c["user"]["email"], c["action"], c["role"], c["source"])
        for c in event.payload["changes"]
    ] == [("hans@example.com", "ADDED", "BUYER", "SEGMENT")]
    read = get_graphql_content(
        staff_api_client.post_graphql(GROUP_SEGMENT, {"id": group_id(german_trade)})
    )["data"]["customerGroup"]["members"]["edges"]
    assert [e["node"]["source"] for e in read] == ["SEGMENT"]


def test_recompute_never_touches_manual_members(
    staff_api_client, staff_with_manage_users, german_trade, customers
):
    # given: Hans matches and is already a manual approver; Jean does not match
    # and is a manual buyer
    add_member(german_trade, customers["hans"], CustomerGroupRole.APPROVER)
    add_member(german_trade, customers["jean"])
    set_rules(german_trade, GERMAN_TRADE)

    # when
    data = recompute(staff_api_client, german_trade)

    # then
    assert (data["addedCount"], data["removedCount"]) == (0, 0)
    assert members(german_trade) == {
        "hans@example.com": ("approver", MANUAL),
        "jean@example.com": ("buyer", MANUAL),
    }
    assert not OutboxEvent.objects.filter(
        event_type="customer_group_membership_changed"
    ).exists()


def test_recompute_removes_segment_members_who_no_longer_match(
    staff_api_client, staff_with_manage_users, german_trade, customers
):
    # given
    set_rules(german_trade, GERMAN_TRADE)
    recompute(staff_api_client, german_trade)
    set_address(customers["hans"], "billing", "AT")
    set_address(customers["greta"], "billing", "DE")
    customers["greta"].metadata = {"industry": "trade"}
    customers["greta"].save(update_fields=["metadata"])
    OutboxEvent.objects.all().delete()

    # when
    data = recompute(staff_api_client, german_trade)

    # then
    assert (data["addedCount"], data["removedCount"]) == (1, 1)
    assert members(german_trade) == {"greta@example.com": ("buyer", SEGMENT)}
    event = OutboxEvent.objects.get(event_type="customer_group_membership_changed")
    assert sorted(
        (c["user"]["email"], c["action"], c["previousRole"], c["source"])
        for c in event.payload["changes"]
    ) == [
        ("greta@example.com", "ADDED", None, "SEGMENT"),
        ("hans@example.com", "REMOVED", "BUYER", "SEGMENT"),
    ]


def test_recompute_is_a_fixed_number_of_queries_whatever_the_customers(
    staff_api_client, staff_with_manage_users, german_trade, channel_USD
):
    # given
    set_rules(
        german_trade,
        {
            "any": [
                {"orders": {"currency": "USD", "min_total": "1000", "days": 365}},
                {"email_domain": {"domains": ["acme.com"]}},
            ]
        },
    )

    def customers_then_count(start: int, count: int) -> int:
        for i in range(start, start + count):
            user = make_customer(f"c{i}@acme.com")
            place_order(user, channel_USD, Decimal(1500))
        with CaptureQueriesContext(connection) as captured:
            recompute(staff_api_client, german_trade)
        return len(captured)

    recompute(staff_api_client, german_trade)  # warm Saleor's per-process caches

    # when
    few = customers_then_count(0, 2)
    many = customers_then_count(2, 20)

    # then
    assert few == many
    assert german_trade.memberships.count() == 22


def test_recompute_without_rules_is_refused(
    staff_api_client, staff_with_manage_users, german_trade
):
    data = recompute(staff_api_client, german_trade)
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("group", CustomerGroupSegmentErrorCode.NO_RULES.name)
    ]


def test_delete_rules_removes_segment_members_only(
    staff_api_client, staff_with_manage_users, german_trade, customers
):
    # given
    add_member(german_trade, customers["jean"])
    set_rules(german_trade, GERMAN_TRADE)
    recompute(staff_api_client, german_trade)

    # when
    response = staff_api_client.post_graphql(
        SEGMENT_DELETE, {"group": group_id(german_trade)}
    )

    # then
    data = get_graphql_content(response)["data"]["customerGroupSegmentDelete"]
    assert (data["errors"], data["removedCount"]) == ([], 1)
    assert members(german_trade) == {"jean@example.com": ("buyer", MANUAL)}
    assert not CustomerGroupSegment.objects.exists()


def test_a_segment_member_given_another_role_becomes_manual(
    staff_api_client, staff_with_manage_users, german_trade, customers
):
    # given
    from ..groups.operations import MEMBER_UPDATE
    from ..groups.utils import user_id

    set_rules(german_trade, GERMAN_TRADE)
    recompute(staff_api_client, german_trade)

    # when
    staff_api_client.post_graphql(
        MEMBER_UPDATE,
        {
            "group": group_id(german_trade),
            "user": user_id(customers["hans"]),
            "role": "APPROVER",
        },
    )
    set_address(customers["hans"], "billing", "AT")
    recompute(staff_api_client, german_trade)

    # then: the admin's decision stands
    assert members(german_trade) == {"hans@example.com": ("approver", MANUAL)}


def test_recompute_and_delete_need_manage_users(
    api_client, user_api_client, staff_api_client, german_trade, customers
):
    set_rules(german_trade, GERMAN_TRADE)
    for client in (api_client, user_api_client, staff_api_client):
        for document in (SEGMENT_RECOMPUTE, SEGMENT_DELETE):
            assert_no_permission(
                client.post_graphql(document, {"group": group_id(german_trade)})
            )
    assert members(german_trade) == {}
    assert CustomerGroupSegment.objects.exists()


def test_a_role_the_erp_states_for_a_segment_member_makes_it_manual(
    staff_api_client, staff_with_manage_users, german_trade, customers, plugins_manager
):
    # given
    from saleor_b2b_groups.groups import bulk

    set_rules(german_trade, GERMAN_TRADE)
    recompute(staff_api_client, german_trade)

    # when: the ERP makes Hans a manager, then Hans leaves Germany
    bulk.upsert_memberships(
        [
            bulk.MembershipRow(
                group_id=german_trade.pk,
                customer_email="hans@example.com",
                role=CustomerGroupRole.MANAGER,
            )
        ],
        all_or_nothing=True,
        manager=plugins_manager,
    )
    set_address(customers["hans"], "billing", "AT")
    recompute(staff_api_client, german_trade)

    # then
    assert members(german_trade) == {"hans@example.com": ("manager", MANUAL)}
