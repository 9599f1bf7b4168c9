"""``me.groupOrders`` by role, across companies, and reorder of what one sees."""

import graphene
import pytest
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from saleor_b2b_groups.selfservice.models import PlacedOrderGroup
from tests.queries import count_queries

from .operations import GROUP_ORDERS, REORDER, USER_GROUP_ORDERS


def order_id(order) -> str:
    return graphene.Node.to_global_id("Order", order.pk)


def seen_by(company, who: str, variables=None) -> set[str]:
    response = company.client(who).post_graphql(GROUP_ORDERS, variables or {})
    data = get_graphql_content(response)["data"]["me"]["groupOrders"]
    assert data["totalCount"] == len(data["edges"])
    return {edge["node"]["id"] for edge in data["edges"]}


def ids(company, *names: str) -> set[str]:
    return {order_id(company.orders[name]) for name in names}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("buyer", {"buyer"}),
        ("colleague", {"colleague"}),
        ("approver", {"buyer", "colleague"}),
        ("manager", {"buyer", "colleague", "paris"}),
        ("paris", {"paris"}),
        ("outsider", {"outsider"}),
    ],
)
def test_each_role_sees_its_orders_and_no_other_companys(company_orders, who, expected):
    # when
    seen = seen_by(company_orders, who)

    # then
    assert seen == ids(company_orders, *expected)


def test_drafts_are_never_shown(company_orders):
    assert order_id(company_orders.orders["draft"]) not in seen_by(
        company_orders, "manager"
    )


def test_an_order_follows_the_group_it_was_bought_for(company_orders):
    # given: the buyer's Berlin order is recorded as bought for Paris
    PlacedOrderGroup.objects.filter(order=company_orders.orders["buyer"]).update(
        group=company_orders.groups["paris"]
    )

    # then: Berlin's approver no longer sees it; the buyer still does
    assert seen_by(company_orders, "approver") == ids(company_orders, "colleague")
    assert order_id(company_orders.orders["buyer"]) in seen_by(company_orders, "buyer")


def test_anonymous_has_no_me(api_client, company_orders):
    content = get_graphql_content(api_client.post_graphql(GROUP_ORDERS))
    assert content["data"]["me"] is None


def test_staff_without_groups_sees_nothing_and_cannot_read_a_customers(
    staff_api_client, permission_manage_users, permission_manage_orders, company_orders
):
    # given
    staff_api_client.user.user_permissions.add(
        permission_manage_users, permission_manage_orders
    )
    buyer_id = graphene.Node.to_global_id("User", company_orders.users["buyer"].pk)

    # when
    own = get_graphql_content(staff_api_client.post_graphql(GROUP_ORDERS))
    other = staff_api_client.post_graphql(USER_GROUP_ORDERS, {"id": buyer_id})

    # then
    assert own["data"]["me"]["groupOrders"]["totalCount"] == 0
    assert_no_permission(other)


def test_colleagues_read_purchasing_group_and_line_prices(company_orders):
    # when
    response = company_orders.client("manager").post_graphql(
        GROUP_ORDERS,
        {
            "filter": {
                "buyers": [
                    graphene.Node.to_global_id("User", company_orders.users["buyer"].pk)
                ]
            }
        },
    )

    # then
    edges = get_graphql_content(response)["data"]["me"]["groupOrders"]["edges"]
    assert len(edges) == 1
    node = edges[0]["node"]
    assert node["purchasingGroup"] == {"name": "Berlin"}
    assert node["lines"][0]["quantity"] == 2


def test_filters_narrow_and_never_widen(company_orders):
    group = graphene.Node.to_global_id
    paris = group("CustomerGroup", company_orders.groups["paris"].pk)
    globex = group("CustomerGroup", company_orders.groups["globex"].pk)
    emea = group("CustomerGroup", company_orders.groups["emea"].pk)
    number = str(company_orders.orders["paris"].number)

    assert seen_by(company_orders, "manager", {"filter": {"groups": [paris]}}) == ids(
        company_orders, "paris"
    )
    assert seen_by(company_orders, "manager", {"filter": {"groups": [emea]}}) == ids(
        company_orders, "buyer", "colleague", "paris"
    )
    assert seen_by(company_orders, "manager", {"filter": {"groups": [globex]}}) == set()
    assert seen_by(company_orders, "manager", {"filter": {"search": number}}) == ids(
        company_orders, "paris"
    )
    assert seen_by(
        company_orders, "manager", {"filter": {"search": "carl.colleague"}}
    ) == ids(company_orders, "colleague")
    assert (
        seen_by(company_orders, "manager", {"filter": {"status": ["CANCELED"]}})
        == set()
    )


def test_sorted_by_number(company_orders):
    response = company_orders.client("manager").post_graphql(
        GROUP_ORDERS, {"sortBy": {"field": "NUMBER", "direction": "ASC"}}
    )
    edges = get_graphql_content(response)["data"]["me"]["groupOrders"]["edges"]
    numbers = [int(edge["node"]["number"]) for edge in edges]
    assert numbers == sorted(numbers)
    assert len(numbers) == 3


def test_query_count_does_not_grow_with_the_page(
    company_orders, order_generator, order_lines_generator, product
):
    # given
    manager = company_orders.client("manager")
    few, _ = count_queries(manager, GROUP_ORDERS)
    buyer = company_orders.users["colleague"]
    variant = product.variants.get()
    for _ in range(10):
        order = order_generator(user=buyer, user_email=buyer.email)
        order_lines_generator(order, [variant], [10], [1])

    # when
    many, content = count_queries(manager, GROUP_ORDERS)

    # then
    assert content["data"]["me"]["groupOrders"]["totalCount"] == 13
    assert many == few


def test_manager_reorders_a_colleagues_order_into_their_own_checkout(company_orders):
    # when
    response = company_orders.client("manager").post_graphql(
        REORDER, {"id": order_id(company_orders.orders["buyer"])}
    )

    # then
    data = get_graphql_content(response)["data"]["checkoutCreateFromOrder"]
    assert data["errors"] == []
    assert data["checkout"]["user"]["email"] == "maria.manager@example.com"
    assert data["checkout"]["lines"][0]["quantity"] == 2


@pytest.mark.parametrize(
    ("who", "whose"),
    [("outsider", "buyer"), ("paris", "buyer"), ("colleague", "buyer")],
)
def test_nobody_reorders_a_company_order_they_may_not_see(company_orders, who, whose):
    # when
    response = company_orders.client(who).post_graphql(
        REORDER, {"id": order_id(company_orders.orders[whose])}
    )

    # then
    data = get_graphql_content(response)["data"]["checkoutCreateFromOrder"]
    assert data["errors"] == [{"field": "id", "code": "ORDER_NOT_FOUND"}]
    assert data["checkout"] is None
    assert not Checkout.objects.exists()


def test_anonymous_cannot_reorder_a_company_order(api_client, company_orders):
    response = api_client.post_graphql(
        REORDER, {"id": order_id(company_orders.orders["buyer"])}
    )
    data = get_graphql_content(response)["data"]["checkoutCreateFromOrder"]
    assert data["errors"][0]["code"] == "ORDER_NOT_FOUND"
    assert not Checkout.objects.exists()


def test_created_filter(company_orders):
    today = company_orders.orders["buyer"].created_at.date()
    later = today.replace(year=today.year + 1).isoformat()
    assert (
        seen_by(company_orders, "manager", {"filter": {"created": {"gte": later}}})
        == set()
    )
    assert seen_by(
        company_orders, "manager", {"filter": {"created": {"lte": later}}}
    ) == ids(company_orders, "buyer", "colleague", "paris")


MY_ORDERS = """
query { me { orders(first: 5) { edges { node { purchasingGroup { name } } } } } }
"""


def test_the_customer_reads_the_group_of_their_own_orders(company_orders):
    response = company_orders.client("buyer").post_graphql(MY_ORDERS)
    edges = get_graphql_content(response)["data"]["me"]["orders"]["edges"]
    assert {"name": "Berlin"} in [edge["node"]["purchasingGroup"] for edge in edges]


def test_malformed_filter_ids_are_graphql_errors(company_orders):
    response = company_orders.client("manager").post_graphql(
        GROUP_ORDERS, {"filter": {"groups": ["not-an-id"]}}
    )
    content = response.json()
    assert content["errors"][0]["extensions"]["exception"]["code"] == "GraphQLError"
    assert content["data"]["me"]["groupOrders"] is None
