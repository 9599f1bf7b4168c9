"""priceListCreate, priceListUpdate, priceListDelete."""

import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
)

from .price_list_operations import (
    PRICE_LIST_CREATE,
    PRICE_LIST_DELETE,
    PRICE_LIST_UPDATE,
    global_id,
    price_list_id,
    pricing_snapshot,
)


def mutate(client, document, variables):
    content = get_graphql_content(client.post_graphql(document, variables))
    return next(iter(content["data"].values()))


def test_create_a_price_list_in_a_channels_currency(
    staff_api_client,
    staff_with_manage_discounts,
    channel_USD,
    price_lists_changed_calls,
):
    # given
    variables = {
        "input": {
            "name": "Northwind contract",
            "channel": global_id("Channel", channel_USD),
            "currency": "USD",
            "validFrom": "2030-01-01T00:00:00+00:00",
            "validTo": "2031-01-01T00:00:00+00:00",
            "capAtChannelPrice": True,
            "externalReference": "NW-2030",
            "metadata": [{"key": "region", "value": "global"}],
            "privateMetadata": [{"key": "erp", "value": "sap"}],
        }
    }

    # when
    data = mutate(staff_api_client, PRICE_LIST_CREATE, variables)

    # then
    assert data["errors"] == []
    created = data["priceList"]
    assert created["slug"] == "northwind-contract"
    assert created["currency"] == "USD"
    assert created["channel"] == {"slug": channel_USD.slug}
    assert created["isActive"] is True
    assert created["capAtChannelPrice"] is True
    assert created["validFrom"] == "2030-01-01T00:00:00+00:00"
    assert created["metadata"] == [{"key": "region", "value": "global"}]
    assert created["privateMetadata"] == [{"key": "erp", "value": "sap"}]
    price_list = PriceList.objects.get(external_reference="NW-2030")
    assert price_lists_changed_calls == [{price_list.pk}]


@pytest.mark.parametrize(
    ("make_input", "expected"),
    [
        (lambda ctx: {"name": " ", "channel": ctx["channel"]}, [("name", "REQUIRED")]),
        (
            lambda ctx: {"name": "X" * 251, "channel": ctx["channel"]},
            [("name", "INVALID")],
        ),
        (
            lambda ctx: {"name": "X", "channel": ctx["channel"], "currency": "PLN"},
            [("currency", "INVALID_CURRENCY")],
        ),
        (
            lambda ctx: {"name": "X", "channel": global_id("Channel", ctx["gone"])},
            [("channel", "NOT_FOUND")],
        ),
        (
            lambda ctx: {"name": "X", "channel": "nonsense"},
            [("channel", "GRAPHQL_ERROR")],
        ),
        (
            lambda ctx: {"name": "X", "channel": ctx["channel"], "slug": "acme-prices"},
            [("slug", "UNIQUE")],
        ),
        (
            lambda ctx: {
                "name": "X",
                "channel": ctx["channel"],
                "externalReference": "PL-ACME",
            },
            [("externalReference", "UNIQUE")],
        ),
        (
            lambda ctx: {
                "name": "X",
                "channel": ctx["channel"],
                "validFrom": "2030-01-02T00:00:00+00:00",
                "validTo": "2030-01-01T00:00:00+00:00",
            },
            [("validTo", "INVALID")],
        ),
        (
            lambda ctx: {"name": "X", "channel": ctx["channel"], "isActive": None},
            [("isActive", "REQUIRED")],
        ),
        (
            lambda ctx: {
                "name": "X",
                "channel": ctx["channel"],
                "metadata": [{"key": "", "value": "v"}],
            },
            [("metadata", "REQUIRED")],
        ),
    ],
)
def test_bad_create_input_is_refused_and_changes_nothing(
    staff_api_client,
    staff_with_manage_discounts,
    channel_USD,
    price_list,
    price_lists_changed_calls,
    make_input,
    expected,
):
    # given
    from saleor.channel.models import Channel

    gone = Channel.objects.create(name="Gone", slug="gone", currency_code="EUR")
    gone_pk = gone.pk
    gone.delete()
    gone.pk = gone_pk
    ctx = {"channel": global_id("Channel", channel_USD), "gone": gone}
    before = pricing_snapshot()

    # when
    data = mutate(staff_api_client, PRICE_LIST_CREATE, {"input": make_input(ctx)})

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == expected
    assert data["priceList"] is None
    assert pricing_snapshot() == before
    assert price_lists_changed_calls == []


def test_update_by_external_reference(
    staff_api_client, staff_with_manage_discounts, price_list, price_lists_changed_calls
):
    # given
    variables = {
        "externalReference": "PL-ACME",
        "input": {
            "name": "ACME 2030",
            "isActive": False,
            "validTo": "2031-01-01T00:00:00+00:00",
            "externalReference": "PL-ACME-2030",
            "currency": "USD",
        },
    }

    # when
    data = mutate(staff_api_client, PRICE_LIST_UPDATE, variables)

    # then
    assert data["errors"] == []
    assert data["priceList"]["name"] == "ACME 2030"
    assert data["priceList"]["slug"] == "acme-prices"
    price_list.refresh_from_db()
    assert (price_list.is_active, price_list.external_reference) == (
        False,
        "PL-ACME-2030",
    )
    assert price_lists_changed_calls == [{price_list.pk}]


def test_update_with_the_same_values_changes_nothing(
    staff_api_client, staff_with_manage_discounts, price_list, price_lists_changed_calls
):
    # given
    updated_at = price_list.updated_at

    # when
    data = mutate(
        staff_api_client,
        PRICE_LIST_UPDATE,
        {"id": price_list_id(price_list), "input": {"name": price_list.name}},
    )

    # then
    assert data["errors"] == []
    price_list.refresh_from_db()
    assert price_list.updated_at == updated_at
    assert price_lists_changed_calls == []


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"input": {"name": "X"}}, [("id", "GRAPHQL_ERROR")]),
        ({"externalReference": "NOPE", "input": {"name": "X"}}, [("id", "NOT_FOUND")]),
        (
            {"externalReference": "PL-ACME", "input": {"currency": "PLN"}},
            [("currency", "INVALID_CURRENCY")],
        ),
        (
            {"externalReference": "PL-ACME", "input": {"slug": ""}},
            [("slug", "REQUIRED")],
        ),
    ],
)
def test_bad_update_input_is_refused(
    staff_api_client, staff_with_manage_discounts, price_list, variables, expected
):
    # given
    before = pricing_snapshot()

    # when
    data = mutate(staff_api_client, PRICE_LIST_UPDATE, variables)

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == expected
    assert pricing_snapshot() == before


def test_valid_to_must_follow_the_stored_valid_from(
    staff_api_client, staff_with_manage_discounts, price_list
):
    # given
    mutate(
        staff_api_client,
        PRICE_LIST_UPDATE,
        {
            "id": price_list_id(price_list),
            "input": {"validFrom": "2030-06-01T00:00:00Z"},
        },
    )

    # when
    data = mutate(
        staff_api_client,
        PRICE_LIST_UPDATE,
        {"id": price_list_id(price_list), "input": {"validTo": "2030-05-01T00:00:00Z"}},
    )

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("validTo", "INVALID")]


def test_delete_removes_prices_rules_and_assignments(
    staff_api_client,
    staff_with_manage_discounts,
    price_list_assigned,
    price_list_entries,
    price_list_rules,
    price_lists_changed_calls,
):
    # given
    pk = price_list_assigned.pk

    # when
    data = mutate(
        staff_api_client,
        PRICE_LIST_DELETE,
        {"id": price_list_id(price_list_assigned)},
    )

    # then
    assert data["errors"] == []
    assert data["priceList"]["id"] == price_list_id(price_list_assigned)
    assert not PriceList.objects.filter(pk=pk).exists()
    assert not PriceListEntry.objects.exists()
    assert not CustomerGroupPriceList.objects.exists()
    assert price_lists_changed_calls == [{pk}]


def test_delete_unknown_price_list(
    staff_api_client, staff_with_manage_discounts, price_list
):
    # when
    data = mutate(staff_api_client, PRICE_LIST_DELETE, {"externalReference": "NOPE"})

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("id", "NOT_FOUND")]
    assert PriceList.objects.count() == 1


UPDATE_PRIVATE_METADATA = """
mutation ($id: ID!) {
  updatePrivateMetadata(id: $id, input: [{key: "erp", value: "sap"}]) {
    item { privateMetadata { key value } }
    errors { code }
  }
}
"""


def test_saleors_metadata_mutations_need_manage_discounts(
    staff_api_client, staff_with_manage_users, permission_manage_discounts, price_list
):
    # given: a groups admin, then a discounts admin
    variables = {"id": price_list_id(price_list)}
    refused = staff_api_client.post_graphql(UPDATE_PRIVATE_METADATA, variables)
    staff_with_manage_users.user_permissions.add(permission_manage_discounts)

    # when
    allowed = mutate(staff_api_client, UPDATE_PRIVATE_METADATA, variables)

    # then
    assert refused.json()["errors"][0]["extensions"]["exception"]["code"] == (
        "PermissionDenied"
    )
    assert allowed["item"]["privateMetadata"] == [{"key": "erp", "value": "sap"}]
    price_list.refresh_from_db()
    assert price_list.private_metadata == {"erp": "sap"}
