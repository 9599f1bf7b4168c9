"""Slugs: validated as Saleor validates its own (``SlugField(allow_unicode=True)``),
generated ones slugified; an invalid slug is a typed ``INVALID`` error and changes
nothing, on every path that takes one."""

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.groups.error_codes import CustomerGroupErrorCode
from saleor_b2b_groups.groups.models import CustomerGroup
from saleor_b2b_groups.pricing.error_codes import PriceListErrorCode
from saleor_b2b_groups.pricing.models import PriceList
from saleor_b2b_groups.webhooks.error_codes import ErpIntegrationErrorCode
from tests.graphql.bulk.test_customer_group_bulk_upsert import upsert as groups_upsert
from tests.graphql.bulk.test_price_list_bulk_upsert import upsert as lists_upsert
from tests.graphql.groups.operations import CUSTOMER_GROUP_CREATE, CUSTOMER_GROUP_UPDATE
from tests.graphql.pricing.price_list_operations import PRICE_LIST_CREATE

BAD_SLUGS = [
    "<script>alert(1)</script>",
    "two words",
    "a/b",
    "evil\u202egnp",
    "dot.ted",
]


@pytest.mark.parametrize("slug", BAD_SLUGS)
def test_group_create_refuses_an_invalid_slug(
    slug, staff_api_client, staff_with_manage_users
):
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_CREATE, {"input": {"name": "ACME", "slug": slug}}
    )

    data = get_graphql_content(response)["data"]["customerGroupCreate"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("slug", CustomerGroupErrorCode.INVALID.name)
    ]
    assert not CustomerGroup.objects.exists()


def test_group_create_slugifies_a_generated_slug_and_keeps_unicode(
    staff_api_client, staff_with_manage_users
):
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_CREATE,
        {"input": {"name": "Zürich <b>Branch</b> / Nord"}},
    )
    data = get_graphql_content(response)["data"]["customerGroupCreate"]
    assert data["errors"] == []
    assert data["customerGroup"]["slug"] == "zürich-bbranchb-nord"


def test_group_update_refuses_an_invalid_slug(
    staff_api_client, staff_with_manage_users, group_tree
):
    group = group_tree["acme"]
    response = staff_api_client.post_graphql(
        CUSTOMER_GROUP_UPDATE,
        {
            "id": graphene.Node.to_global_id("CustomerGroup", group.pk),
            "input": {"slug": "a b"},
        },
    )
    data = get_graphql_content(response)["data"]["customerGroupUpdate"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("slug", CustomerGroupErrorCode.INVALID.name)
    ]
    group.refresh_from_db()
    assert group.slug != "a b"


def test_price_list_create_refuses_an_invalid_slug(
    staff_api_client, staff_with_manage_discounts, channel_USD
):
    response = staff_api_client.post_graphql(
        PRICE_LIST_CREATE,
        {
            "input": {
                "name": "Contract",
                "slug": "<script>x</script>",
                "channel": graphene.Node.to_global_id("Channel", channel_USD.pk),
            }
        },
    )
    data = get_graphql_content(response)["data"]["priceListCreate"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("slug", PriceListErrorCode.INVALID.name)
    ]
    assert not PriceList.objects.exists()


def test_group_bulk_refuses_the_row_with_an_invalid_slug_alone(
    staff_api_client, staff_with_manage_users
):
    result = groups_upsert(
        staff_api_client,
        [
            {"externalReference": "ERP-OK", "name": "Good", "slug": "good"},
            {"externalReference": "ERP-BAD", "name": "Bad", "slug": "b/a d"},
        ],
        "REJECT_FAILED_ROWS",
    )

    assert result["results"][0]["errors"] == []
    assert [e["code"] for e in result["results"][1]["errors"]] == [
        ErpIntegrationErrorCode.INVALID.name
    ]
    assert list(CustomerGroup.objects.values_list("slug", flat=True)) == ["good"]


def test_price_list_bulk_refuses_the_list_with_an_invalid_slug_alone(
    staff_api_client, staff_with_manage_discounts, channel_USD
):
    result = lists_upsert(
        staff_api_client,
        [
            {"externalReference": "PL-OK", "name": "Good", "channel": "main"},
            {
                "externalReference": "PL-BAD",
                "name": "Bad",
                "channel": "main",
                "slug": "<img src=x>",
            },
        ],
        "REJECT_FAILED_ROWS",
    )

    assert result["results"][0]["errors"] == []
    assert [(e["path"], e["code"]) for e in result["results"][1]["errors"]] == [
        ("slug", PriceListErrorCode.INVALID.name)
    ]
    assert list(PriceList.objects.values_list("slug", flat=True)) == ["pl-ok"]
