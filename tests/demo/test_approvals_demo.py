import graphene
from saleor.checkout.models import Checkout
from saleor.graphql.tests.fixtures import ApiClient
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.demo import DEFAULT_CHANNEL, approvals, groups
from saleor_b2b_groups.groups.models import CustomerGroup
from tests.graphql.approvals.operations import (
    ME_APPROVALS,
    approve,
    checkout_approval,
    complete,
    request_approval,
)

from .test_pricing_demo import demo_catalog, load_demo, login  # noqa: F401

CHECKOUT_CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {
  checkoutCreate(input: {channel: $channel, lines: $lines}) {
    checkout { id } errors { field code }
  }
}
"""


def load_everything():
    load_demo(lambda _message: None)
    approvals.load(lambda _message: None)


def anna_orders(client, demo_catalog, sku: str, quantity: int, pay) -> str:  # noqa: F811
    variant_id = graphene.Node.to_global_id("ProductVariant", demo_catalog[sku].pk)
    data = get_graphql_content(
        client.post_graphql(
            CHECKOUT_CREATE,
            {
                "channel": DEFAULT_CHANNEL,
                "lines": [{"variantId": variant_id, "quantity": quantity}],
            },
        )
    )["data"]["checkoutCreate"]
    assert data["errors"] == []
    checkout_id = data["checkout"]["id"]
    pay(Checkout.objects.get(pk=graphene.Node.from_global_id(checkout_id)[1]))
    return checkout_id


def test_the_demo_policy_loads_once(demo_catalog):  # noqa: F811
    # given
    groups.load(lambda _message: None)
    assert not approvals.is_loaded()

    # when
    approvals.load(lambda _message: None)
    approvals.load(lambda _message: None)

    # then
    assert approvals.is_loaded()
    emea = CustomerGroup.objects.get(slug=approvals.POLICY_GROUP)
    assert len(emea.approval_policy["rules"]) == 2


def test_ben_approves_above_300_and_maria_above_1000(
    demo_catalog,  # noqa: F811
    pay_and_prepare_checkout,
):
    # given
    load_everything()
    anna = login(ApiClient(user=None), "anna.buyer@northwind.example")
    ben = login(ApiClient(user=None), "ben.approver@northwind.example")
    maria = login(ApiClient(user=None), "maria.manager@northwind.example")

    # when Anna orders 30 tees (14.50 each) and 15 pairs of shoes (72.00 each)
    tees = anna_orders(anna, demo_catalog, "328223581", 30, pay_and_prepare_checkout)
    shoes = anna_orders(anna, demo_catalog, "618223583", 15, pay_and_prepare_checkout)

    # then the tees need Ben, the shoes Ben and then Maria
    assert [lv["group"]["name"] for lv in checkout_approval(anna, tees)["levels"]] == [
        "Northwind Berlin"
    ]
    assert [
        (lv["group"]["name"], lv["role"])
        for lv in checkout_approval(anna, shoes)["levels"]
    ] == [("Northwind Berlin", "APPROVER"), ("Northwind EMEA", "MANAGER")]

    # when Anna asks, Ben and Maria decide from their queues
    for checkout_id in (tees, shoes):
        assert request_approval(anna, checkout_id)["errors"] == []
    ben_queue = get_graphql_content(ben.post_graphql(ME_APPROVALS))["data"]["me"][
        "checkoutApprovalQueue"
    ]
    assert ben_queue["totalCount"] == 2
    for edge in ben_queue["edges"]:
        assert approve(ben, edge["node"]["id"], "Budget ok")["errors"] == []
    maria_queue = get_graphql_content(maria.post_graphql(ME_APPROVALS))["data"]["me"][
        "checkoutApprovalQueue"
    ]
    assert maria_queue["totalCount"] == 1
    approve(maria, maria_queue["edges"][0]["node"]["id"])

    # then both orders are placed
    for checkout_id in (tees, shoes):
        assert complete(anna, checkout_id)["errors"] == []
