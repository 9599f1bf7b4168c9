"""The whole flow through GraphQL: request, approve at each level, complete."""

from saleor.graphql.tests.utils import get_graphql_content

from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE

from .operations import approve, checkout_approval, request_approval


def test_two_level_flow_ends_in_an_order(
    user_api_client, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(8)
    status = checkout_approval(user_api_client, checkout.id)
    print(status)
    assert status["state"] == "REQUIRED"

    # when
    requested = request_approval(user_api_client, checkout.id, note="For the fair")
    print(requested)
    approval_id = requested["approval"]["id"]
    first = approve(setup.client(setup.approver), approval_id, "ok")
    print(first)
    second = approve(setup.client(setup.manager), approval_id, "fine")
    print(second)
    completed = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": checkout.id})
    )["data"]["checkoutComplete"]
    print(completed)
    assert completed["errors"] == []
