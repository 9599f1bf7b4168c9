import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.segments.error_codes import CustomerGroupSegmentErrorCode
from saleor_b2b_groups.segments.models import CustomerGroupSegment
from saleor_b2b_groups.segments.rules import MAX_CONDITIONS

from ..groups.utils import group_id
from .conftest import GERMAN_TRADE
from .operations import GROUP_SEGMENT, SEGMENT_SET


def set_rules(client, group, rules):
    response = client.post_graphql(
        SEGMENT_SET, {"group": group_id(group), "rules": rules}
    )
    return get_graphql_content(response)["data"]["customerGroupSegmentSet"]


def test_set_rules_stores_the_tree_and_reads_back_in_the_api_shape(
    staff_api_client, staff_with_manage_users, german_trade, product, collection
):
    # given
    rules = {
        "any": [
            GERMAN_TRADE,
            {
                "orders": {
                    "days": 365,
                    "currency": "usd",
                    "minTotal": "1000",
                    "channel": "main",
                }
            },
            {
                "bought": {
                    "products": [graphene.Node.to_global_id("Product", product.pk)],
                    "collections": [
                        graphene.Node.to_global_id("Collection", collection.pk)
                    ],
                }
            },
            {"emailDomain": {"domains": ["@ACME.com"]}},
        ]
    }

    # when
    data = set_rules(staff_api_client, german_trade, rules)

    # then
    assert data["errors"] == []
    stored = CustomerGroupSegment.objects.get(group=german_trade).rules
    assert stored["any"][1]["orders"]["currency"] == "USD"
    assert stored["any"][2]["bought"]["products"] == [product.pk]
    assert stored["any"][3] == {"email_domain": {"domains": ["acme.com"]}}
    read = get_graphql_content(
        staff_api_client.post_graphql(GROUP_SEGMENT, {"id": group_id(german_trade)})
    )["data"]["customerGroup"]["segment"]
    assert read["rules"]["any"][0] == {
        "all": [
            {
                "country": {
                    "address": "BILLING",
                    "countries": ["DE"],
                    "postalCodePrefixes": [],
                }
            },
            {"metadata": {"key": "industry", "values": ["trade"], "private": False}},
        ]
    }
    assert read["rules"]["any"][2]["bought"]["products"] == [
        graphene.Node.to_global_id("Product", product.pk)
    ]
    assert read["lastComputedAt"] is not None  # recomputed once the rules committed


def nested(depth: int) -> dict:
    rule = {"emailDomain": {"domains": ["acme.com"]}}
    for _ in range(depth):
        rule = {"all": [rule]}
    return rule


@pytest.mark.parametrize(
    ("rules", "code"),
    [
        ({}, CustomerGroupSegmentErrorCode.INVALID_RULE),
        (
            {
                "all": [{"emailDomain": {"domains": ["a.com"]}}],
                "any": [{"emailDomain": {"domains": ["a.com"]}}],
            },
            CustomerGroupSegmentErrorCode.INVALID_RULE,
        ),
        ({"all": []}, CustomerGroupSegmentErrorCode.INVALID_RULE),
        (
            {"country": {"countries": ["DE", "XX"]}},
            CustomerGroupSegmentErrorCode.UNKNOWN_COUNTRY,
        ),
        (nested(5), CustomerGroupSegmentErrorCode.TOO_DEEP),
        (
            {"any": [{"emailDomain": {"domains": ["a.com"]}}] * (MAX_CONDITIONS + 1)},
            CustomerGroupSegmentErrorCode.TOO_MANY_CONDITIONS,
        ),
        (
            {"orders": {"minTotal": "10"}},
            CustomerGroupSegmentErrorCode.REQUIRED,
        ),
        (
            {"orders": {"minCount": 5, "maxCount": 2}},
            CustomerGroupSegmentErrorCode.INVALID,
        ),
        (
            {"orders": {"minCount": 1, "channel": "no-such-channel"}},
            CustomerGroupSegmentErrorCode.NOT_FOUND,
        ),
        (
            {"emailDomain": {"domains": ["not a domain"]}},
            CustomerGroupSegmentErrorCode.INVALID,
        ),
        (
            {"bought": {"products": ["not-an-id"]}},
            CustomerGroupSegmentErrorCode.INVALID,
        ),
        ({"lastOrder": {}}, CustomerGroupSegmentErrorCode.REQUIRED),
    ],
)
def test_bad_rules_are_refused_with_a_code_and_change_nothing(
    staff_api_client, staff_with_manage_users, german_trade, rules, code
):
    # given
    set_rules(staff_api_client, german_trade, nested(2))
    before = CustomerGroupSegment.objects.get(group=german_trade).rules

    # when
    data = set_rules(staff_api_client, german_trade, rules)

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("rules", code.name)]
    assert CustomerGroupSegment.objects.get(group=german_trade).rules == before


def test_two_levels_of_nesting_are_accepted(
    staff_api_client, staff_with_manage_users, german_trade
):
    data = set_rules(
        staff_api_client,
        german_trade,
        {"any": [GERMAN_TRADE, {"all": [{"any": [nested(0), nested(1)]}]}]},
    )
    assert data["errors"] == []


@pytest.mark.parametrize(
    "client_name", ["api_client", "user_api_client", "staff_api_client"]
)
def test_set_rules_needs_manage_users(request, client_name, german_trade):
    # given: anonymous, a customer, staff without MANAGE_USERS
    client = request.getfixturevalue(client_name)

    # when
    response = client.post_graphql(
        SEGMENT_SET, {"group": group_id(german_trade), "rules": GERMAN_TRADE}
    )

    # then
    assert_no_permission(response)
    assert not CustomerGroupSegment.objects.exists()
