"""Requisition lists: sharing and editing rights, lines, and adding to a checkout."""

import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.selfservice.error_codes import SelfServiceErrorCode as Code
from saleor_b2b_groups.selfservice.models import RequisitionList, RequisitionListLine
from tests.queries import count_queries

from .operations import (
    LINES_ADD,
    LINES_DELETE,
    LINES_UPDATE,
    LIST,
    LIST_CREATE,
    LIST_DELETE,
    LIST_TO_CHECKOUT,
    LIST_UPDATE,
    MY_LISTS,
)


def call(floor, who: str, query: str, variables: dict, name: str) -> dict:
    response = floor.client(who).post_graphql(query, variables)
    return get_graphql_content(response)["data"][name]


def group_id(floor, name: str) -> str:
    return graphene.Node.to_global_id("CustomerGroup", floor.company.groups[name].pk)


def create(floor, who="buyer", name="Trade fair kit", group=None) -> str:
    data = call(
        floor, who, LIST_CREATE, {"name": name, "group": group}, "requisitionListCreate"
    )
    assert data["errors"] == []
    return data["requisitionList"]["id"]


def add(floor, list_id, lines, who="buyer"):
    return call(
        floor,
        who,
        LINES_ADD,
        {"id": list_id, "lines": lines},
        "requisitionListLinesAdd",
    )


@pytest.fixture
def shared_list(shop_floor):
    """Berlin's shared "Trade fair kit": 4 hammers, 2 polos, 1 shirt."""
    list_id = create(shop_floor, group=group_id(shop_floor, "berlin"))
    add(
        shop_floor,
        list_id,
        [
            {"sku": "HAMMER", "quantity": 4, "note": "for the stand"},
            {"variantId": shop_floor.variant_id("polo"), "quantity": 2},
            {"sku": "SHIRT", "quantity": 1},
        ],
    )
    return list_id


def readers(floor, list_id: str) -> set[str]:
    seen = set()
    for who in floor.company.users:
        data = get_graphql_content(
            floor.client(who).post_graphql(LIST, {"id": list_id})
        )
        if data["data"]["requisitionList"] is not None:
            seen.add(who)
    return seen


def test_a_private_list_is_its_owners_alone(shop_floor):
    list_id = create(shop_floor)
    assert readers(shop_floor, list_id) == {"buyer"}


def test_a_shared_list_is_read_by_the_group_and_managers_above(shop_floor, shared_list):
    assert readers(shop_floor, shared_list) == {
        "buyer",
        "colleague",
        "approver",
        "manager",
    }


def test_only_the_owner_and_managers_edit_a_shared_list(shop_floor, shared_list):
    # when
    by_colleague = add(
        shop_floor, shared_list, [{"sku": "POLO", "quantity": 1}], "colleague"
    )
    by_outsider = add(
        shop_floor, shared_list, [{"sku": "POLO", "quantity": 1}], "outsider"
    )
    by_manager = add(
        shop_floor, shared_list, [{"sku": "POLO", "quantity": 1}], "manager"
    )

    # then
    assert by_colleague["errors"][0]["code"] == Code.FORBIDDEN.name
    assert by_outsider["errors"][0]["code"] == Code.NOT_FOUND.name
    assert by_manager["errors"] == []
    polo = RequisitionListLine.objects.get(variant=shop_floor.variant("polo"))
    assert polo.quantity == 3


def test_lines_by_sku_and_variant_with_per_row_results(shop_floor):
    # given
    list_id = create(shop_floor)

    # when
    data = add(
        shop_floor,
        list_id,
        [
            {"sku": "HAMMER", "quantity": 2},
            {"sku": "SAW", "quantity": 1},
            {"variantId": shop_floor.variant_id("saw"), "quantity": 1},
            {"sku": "POLO", "quantity": -1},
            {"sku": "HAMMER", "quantity": 3},
        ],
    )

    # then
    assert [r["code"] for r in data["results"]] == [
        None,
        Code.UNKNOWN_SKU.name,
        Code.NOT_FOUND.name,
        Code.INVALID_QUANTITY.name,
        None,
    ]
    lines = data["requisitionList"]["lines"]
    assert [(line["variantId"], line["quantity"]) for line in lines] == [
        (shop_floor.variant_id("hammer"), 5)
    ]


def test_rename_share_and_delete(shop_floor):
    # given
    list_id = create(shop_floor)

    # when
    renamed = call(
        shop_floor,
        "buyer",
        LIST_UPDATE,
        {
            "id": list_id,
            "input": {"name": "Kit", "group": group_id(shop_floor, "berlin")},
        },
        "requisitionListUpdate",
    )
    other_company = call(
        shop_floor,
        "buyer",
        LIST_UPDATE,
        {"id": list_id, "input": {"group": group_id(shop_floor, "globex")}},
        "requisitionListUpdate",
    )
    private = call(
        shop_floor,
        "buyer",
        LIST_UPDATE,
        {"id": list_id, "input": {"group": None}},
        "requisitionListUpdate",
    )

    # then
    assert renamed["requisitionList"]["visibility"] == "GROUP"
    assert renamed["requisitionList"]["name"] == "Kit"
    assert other_company["errors"][0]["code"] == Code.NOT_FOUND.name
    assert private["requisitionList"]["visibility"] == "PRIVATE"

    # when
    refused = call(
        shop_floor, "outsider", LIST_DELETE, {"id": list_id}, "requisitionListDelete"
    )
    deleted = call(
        shop_floor, "buyer", LIST_DELETE, {"id": list_id}, "requisitionListDelete"
    )

    # then
    assert refused["errors"][0]["code"] == Code.NOT_FOUND.name
    assert deleted["errors"] == []
    assert not RequisitionList.objects.exists()


def test_a_blank_name_is_refused(shop_floor):
    data = call(
        shop_floor, "buyer", LIST_CREATE, {"name": "  "}, "requisitionListCreate"
    )
    assert data["errors"] == [
        {"field": "name", "code": Code.REQUIRED.name, "message": "A list needs a name."}
    ]
    assert not RequisitionList.objects.exists()


def test_update_and_delete_lines(shop_floor, shared_list):
    # given
    lines = call(shop_floor, "buyer", LIST, {"id": shared_list}, "requisitionList")[
        "lines"
    ]
    first, second = lines[0]["id"], lines[1]["id"]

    # when
    bad = call(
        shop_floor,
        "buyer",
        LINES_UPDATE,
        {
            "id": shared_list,
            "lines": [
                {"lineId": first, "quantity": 9},
                {"lineId": second, "quantity": 0},
            ],
        },
        "requisitionListLinesUpdate",
    )
    good = call(
        shop_floor,
        "buyer",
        LINES_UPDATE,
        {"id": shared_list, "lines": [{"lineId": first, "quantity": 9, "note": "n"}]},
        "requisitionListLinesUpdate",
    )
    removed = call(
        shop_floor,
        "buyer",
        LINES_DELETE,
        {"id": shared_list, "lineIds": [second]},
        "requisitionListLinesDelete",
    )

    # then
    assert bad["errors"][0]["code"] == Code.INVALID_QUANTITY.name
    assert good["requisitionList"]["lines"][0]["quantity"] == 9
    assert [line["id"] for line in removed["requisitionList"]["lines"]] == [
        first,
        lines[2]["id"],
    ]


def test_a_line_of_another_list_cannot_be_touched(shop_floor, shared_list):
    # given
    own = create(shop_floor, who="outsider", name="Mine")
    lines = call(shop_floor, "buyer", LIST, {"id": shared_list}, "requisitionList")[
        "lines"
    ]

    # when
    data = call(
        shop_floor,
        "outsider",
        LINES_DELETE,
        {"id": own, "lineIds": [lines[0]["id"]]},
        "requisitionListLinesDelete",
    )

    # then
    assert data["errors"][0]["code"] == Code.NOT_FOUND.name
    assert RequisitionListLine.objects.count() == 3


def test_copy_an_order_and_a_checkout_into_a_list(shop_floor, shared_list):
    # given
    list_id = create(shop_floor, who="approver", name="From orders")
    colleague_order = graphene.Node.to_global_id(
        "Order", shop_floor.company.orders["colleague"].pk
    )
    paris_order = graphene.Node.to_global_id(
        "Order", shop_floor.company.orders["paris"].pk
    )

    # when
    copied = call(
        shop_floor,
        "approver",
        LINES_ADD,
        {"id": list_id, "fromOrder": colleague_order},
        "requisitionListLinesAdd",
    )
    refused = call(
        shop_floor,
        "approver",
        LINES_ADD,
        {"id": list_id, "fromOrder": paris_order},
        "requisitionListLinesAdd",
    )
    foreign_checkout = call(
        shop_floor,
        "approver",
        LINES_ADD,
        {"id": list_id, "fromCheckout": shop_floor.checkout_id("buyer")},
        "requisitionListLinesAdd",
    )

    # then
    assert copied["errors"] == []
    assert copied["requisitionList"]["lines"][0]["quantity"] == 2
    assert refused["errors"][0]["code"] == Code.NOT_FOUND.name
    assert foreign_checkout["errors"][0]["code"] == Code.NOT_FOUND.name


def test_a_list_goes_into_the_readers_checkout_at_their_prices(shop_floor, shared_list):
    # given: the saw was on the list before ACME hid it... it is added by ID
    saw = shop_floor.variant("saw")
    found = RequisitionList.objects.get()
    RequisitionListLine.objects.create(requisition_list=found, variant=saw, quantity=1)

    # when
    data = call(
        shop_floor,
        "colleague",
        LIST_TO_CHECKOUT,
        {"id": shared_list, "checkout": shop_floor.checkout_id("colleague")},
        "requisitionListAddToCheckout",
    )

    # then
    assert data["errors"] == []
    assert [r["code"] for r in data["results"]] == [
        None,
        None,
        None,
        Code.UNAVAILABLE.name,
    ]
    lines = {line["variant"]["sku"]: line for line in data["checkout"]["lines"]}
    assert set(lines) == {"HAMMER", "POLO", "SHIRT"}
    assert lines["HAMMER"]["quantity"] == 4
    assert lines["HAMMER"]["unitPrice"]["gross"]["amount"] == 7.0


def test_all_or_nothing_and_chosen_lines(shop_floor, shared_list):
    # given
    saw = shop_floor.variant("saw")
    found = RequisitionList.objects.get()
    saw_line = RequisitionListLine.objects.create(
        requisition_list=found, variant=saw, quantity=1
    )
    hammer_line = RequisitionListLine.objects.get(variant=shop_floor.variant("hammer"))
    to_id = graphene.Node.to_global_id

    # when
    nothing = call(
        shop_floor,
        "buyer",
        LIST_TO_CHECKOUT,
        {
            "id": shared_list,
            "checkout": shop_floor.checkout_id("buyer"),
            "mode": "ALL_OR_NOTHING",
        },
        "requisitionListAddToCheckout",
    )
    assert not shop_floor.checkouts["buyer"].lines.exists()
    chosen = call(
        shop_floor,
        "buyer",
        LIST_TO_CHECKOUT,
        {
            "id": shared_list,
            "checkout": shop_floor.checkout_id("buyer"),
            "lineIds": [to_id("RequisitionListLine", hammer_line.pk)],
            "mode": "ALL_OR_NOTHING",
        },
        "requisitionListAddToCheckout",
    )

    # then
    assert Code.NOT_ADDED.name in {r["code"] for r in nothing["results"]}
    assert [line["variant"]["sku"] for line in chosen["checkout"]["lines"]] == [
        "HAMMER"
    ]
    assert saw_line.pk  # still on the list


def test_another_company_cannot_use_the_list(shop_floor, shared_list):
    data = call(
        shop_floor,
        "outsider",
        LIST_TO_CHECKOUT,
        {"id": shared_list, "checkout": shop_floor.checkout_id("outsider")},
        "requisitionListAddToCheckout",
    )
    assert data["errors"][0]["code"] == Code.NOT_FOUND.name
    assert not shop_floor.checkouts["outsider"].lines.exists()


def test_anonymous_and_staff(api_client, staff_api_client, shop_floor, shared_list):
    assert_no_permission(api_client.post_graphql(LIST, {"id": shared_list}))
    assert_no_permission(api_client.post_graphql(LIST_CREATE, {"name": "x"}))
    staff = get_graphql_content(
        staff_api_client.post_graphql(LIST, {"id": shared_list})
    )
    assert staff["data"]["requisitionList"] is None
    created = get_graphql_content(
        staff_api_client.post_graphql(LIST_CREATE, {"name": "x"})
    )
    assert (
        created["data"]["requisitionListCreate"]["errors"][0]["code"]
        == Code.INACTIVE.name
    )


def test_my_lists_in_bounded_queries(shop_floor, shared_list):
    # given
    client = shop_floor.client("manager")
    few, _ = count_queries(client, MY_LISTS)
    for n in range(5):
        list_id = create(
            shop_floor, name=f"List {n}", group=group_id(shop_floor, "berlin")
        )
        add(
            shop_floor,
            list_id,
            [{"sku": "HAMMER", "quantity": 1}, {"sku": "POLO", "quantity": 1}],
        )

    # when
    many, content = count_queries(client, MY_LISTS)

    # then
    assert content["data"]["me"]["requisitionLists"]["totalCount"] == 6
    assert many == few
