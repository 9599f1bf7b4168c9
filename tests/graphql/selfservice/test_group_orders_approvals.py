"""A colleague who sees an order through groupOrders reads its approval; anyone
else reading Saleor's order elsewhere still does not."""

from saleor.graphql.tests.utils import get_graphql_content

from tests.graphql.approvals.operations import complete, request_and_approve

GROUP_ORDER_APPROVALS = """
query { me { groupOrders(first: 10) { edges { node {
  number purchasingGroup { name }
  checkoutApproval { status decisions { level decidedBy { email } } }
} } } } }
"""


def test_approver_and_manager_read_the_approval_of_a_branch_order(
    approval_setup, buyer_checkout, user_api_client
):
    # given: an order of the Berlin buyer that Berlin's approver approved
    setup = approval_setup
    checkout = buyer_checkout(4)
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))
    placed = complete(user_api_client, checkout.id)
    assert placed["errors"] == []

    for who in (setup.approver2, setup.manager):
        # when
        response = setup.client(who).post_graphql(GROUP_ORDER_APPROVALS)

        # then
        edges = get_graphql_content(response)["data"]["me"]["groupOrders"]["edges"]
        [node] = [edge["node"] for edge in edges]
        assert node["number"] == placed["order"]["number"]
        assert node["purchasingGroup"] == {"name": "Berlin"}
        assert node["checkoutApproval"]["status"] == "APPROVED"
        assert node["checkoutApproval"]["decisions"][0]["decidedBy"] == {
            "email": setup.approver.email
        }

    # and Paris's approver sees no Berlin order at all
    response = setup.client(setup.paris_approver).post_graphql(GROUP_ORDER_APPROVALS)
    assert get_graphql_content(response)["data"]["me"]["groupOrders"]["edges"] == []
