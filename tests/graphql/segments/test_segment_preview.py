import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.segments.error_codes import CustomerGroupSegmentErrorCode
from saleor_b2b_groups.segments.services import recompute_group, set_rules
from saleor_b2b_groups.webhooks.models import OutboxEvent
from tests.fixtures.groups import add_member

from ..groups.utils import group_id
from .conftest import GERMAN_TRADE, members
from .operations import SEGMENT_PREVIEW

GERMANS = {"country": {"countries": ["DE"]}}


def preview(client, **variables):
    response = client.post_graphql(SEGMENT_PREVIEW, variables)
    return get_graphql_content(response)["data"]["customerGroupSegmentPreview"]


def test_preview_counts_and_samples_without_saving(
    staff_api_client, staff_with_manage_users, german_trade, customers, plugins_manager
):
    # given: Hans is a segment member; Jean a manual one
    segment = set_rules(german_trade, GERMAN_TRADE)
    recompute_group(segment, plugins_manager)
    add_member(german_trade, customers["jean"])
    before = members(german_trade)
    events = OutboxEvent.objects.count()

    # when: every German would match
    data = preview(
        staff_api_client,
        group=group_id(german_trade),
        rules={"any": [{"all": [GERMANS]}, {"emailDomain": {"domains": ["x.org"]}}]},
    )

    # then
    assert data["errors"] == []
    assert (data["matchedCount"], data["joiningCount"], data["leavingCount"]) == (
        2,
        1,
        0,
    )
    assert [u["email"] for u in data["matched"]] == [
        "greta@example.com",
        "hans@example.com",
    ]
    assert [u["email"] for u in data["joining"]] == ["greta@example.com"]
    assert members(german_trade) == before
    assert OutboxEvent.objects.count() == events


def test_preview_of_a_groups_stored_rules_shows_who_would_leave(
    staff_api_client, staff_with_manage_users, german_trade, customers, plugins_manager
):
    # given
    segment = set_rules(german_trade, GERMAN_TRADE)
    recompute_group(segment, plugins_manager)
    customers["hans"].metadata = {"industry": "retail"}
    customers["hans"].save(update_fields=["metadata"])

    # when
    data = preview(staff_api_client, group=group_id(german_trade), sampleSize=0)

    # then
    assert (data["matchedCount"], data["joiningCount"], data["leavingCount"]) == (
        0,
        0,
        1,
    )
    assert data["leaving"] == []


@pytest.mark.parametrize(
    ("variables", "field", "code"),
    [
        ({}, "rules", CustomerGroupSegmentErrorCode.NO_RULES),
        (
            {"rules": {"country": {"countries": ["ZZ"]}}},
            "rules",
            CustomerGroupSegmentErrorCode.UNKNOWN_COUNTRY,
        ),
        (
            {"rules": GERMANS, "sampleSize": 1000},
            "sampleSize",
            CustomerGroupSegmentErrorCode.INVALID,
        ),
        (
            {"rules": GERMANS, "group": "not-an-id"},
            "group",
            CustomerGroupSegmentErrorCode.NOT_FOUND,
        ),
    ],
)
def test_preview_errors_are_typed(
    staff_api_client, staff_with_manage_users, variables, field, code
):
    data = preview(staff_api_client, **variables)
    assert [(e["field"], e["code"]) for e in data["errors"]] == [(field, code.name)]


@pytest.mark.parametrize(
    "client_name", ["api_client", "user_api_client", "staff_api_client"]
)
def test_preview_needs_manage_users(request, client_name, customers):
    client = request.getfixturevalue(client_name)
    assert_no_permission(client.post_graphql(SEGMENT_PREVIEW, {"rules": GERMANS}))
