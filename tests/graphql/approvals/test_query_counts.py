"""The queue and the staff list cost a fixed number of queries, whatever their size."""

from saleor.graphql.tests.fixtures import ApiClient

from saleor_b2b_groups.groups import CustomerGroupRole
from tests.fixtures.approvals import make_user
from tests.fixtures.groups import add_member
from tests.queries import count_queries

from .operations import APPROVAL_FIELDS, approve, request_approval

QUEUE = f"""
query {{ me {{ checkoutApprovalQueue(first: 50) {{
  edges {{ node {{ {APPROVAL_FIELDS} }} }} }} }} }}
"""

STAFF_LIST = f"""
query {{ checkoutApprovals(first: 50) {{
  edges {{ node {{ {APPROVAL_FIELDS} order {{ id }} checkoutId }} }} }} }}
"""


def add_requests(setup, buyer_checkout, count: int, first_level_approved: bool):
    """``count`` requests of 8 units by buyers of Berlin, each its own buyer."""
    for n in range(count):
        buyer = make_user(f"buyer.no{n}{count}@example.com")
        add_member(setup.groups["berlin"], buyer, CustomerGroupRole.BUYER)
        client = ApiClient(user=buyer)
        checkout = buyer_checkout(8, client=client)
        approval = request_approval(client, checkout.id)["approval"]
        if first_level_approved:
            approve(setup.client(setup.approver), approval["id"])


def test_the_approvers_queue_does_not_grow_with_its_length(
    approval_setup, buyer_checkout
):
    # given: the manager's queue with 1 request, then with 6
    setup = approval_setup
    manager = setup.client(setup.manager)
    add_requests(setup, buyer_checkout, 1, first_level_approved=True)
    small, content = count_queries(manager, QUEUE)
    assert len(content["data"]["me"]["checkoutApprovalQueue"]["edges"]) == 1

    # when
    add_requests(setup, buyer_checkout, 5, first_level_approved=True)
    big, content = count_queries(manager, QUEUE)

    # then
    edges = content["data"]["me"]["checkoutApprovalQueue"]["edges"]
    assert len(edges) == 6
    assert all(e["node"]["canDecide"] for e in edges)
    assert big == small
    assert big <= 20


def test_the_staff_list_does_not_grow_with_its_length(
    staff_api_client, permission_manage_checkouts, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    staff_api_client.user.user_permissions.add(permission_manage_checkouts)
    add_requests(setup, buyer_checkout, 1, first_level_approved=False)
    small, _ = count_queries(staff_api_client, STAFF_LIST)

    # when
    add_requests(setup, buyer_checkout, 5, first_level_approved=False)
    big, content = count_queries(staff_api_client, STAFF_LIST)

    # then
    assert len(content["data"]["checkoutApprovals"]["edges"]) == 6
    assert big == small
    assert big <= 20
