"""Who reads what: a buyer's requests, an approver's queue, the staff list, one
request, and the approval on an order."""

import graphene
import pytest
from saleor.graphql.tests.utils import assert_no_permission, get_graphql_content

from .operations import (
    APPROVAL,
    ME_APPROVALS,
    approve,
    change_quantity,
    change_shipping_address,
    checkout_approval,
    complete,
    reject,
    request_and_approve,
    request_approval,
)

STAFF_APPROVALS = """
query ($filter: CheckoutApprovalFilterInput, $sortBy: CheckoutApprovalSortingInput) {
  checkoutApprovals(first: 20, filter: $filter, sortBy: $sortBy) {
    totalCount
    edges { node { id status state group { name } requestedBy { email }
                   total { gross { amount } } } }
  }
}
"""

USER_APPROVALS = """
query ($id: ID!) {
  user(id: $id) {
    checkoutApprovals(first: 5) { edges { node { id } } }
  }
}
"""

USER_QUEUE = """
query ($id: ID!) {
  user(id: $id) { checkoutApprovalQueue(first: 5) { edges { node { id } } } }
}
"""

MY_ORDERS = """
query {
  me { orders(first: 5) { edges { node { checkoutApproval { state
    decisions { decidedBy { email } } } } } } }
}
"""


def me(client) -> dict:
    return get_graphql_content(client.post_graphql(ME_APPROVALS))["data"]["me"]


def queue_ids(client) -> list[str]:
    return [e["node"]["id"] for e in me(client)["checkoutApprovalQueue"]["edges"]]


def staff_list(client, **variables) -> list[dict]:
    data = get_graphql_content(client.post_graphql(STAFF_APPROVALS, variables))
    return [e["node"] for e in data["data"]["checkoutApprovals"]["edges"]]


def test_the_buyer_lists_their_requests(
    user_api_client, approval_setup, buyer_checkout
):
    # given: one request replaced by a newer one, one for another checkout
    first = buyer_checkout(4)
    replaced = request_approval(user_api_client, first.id)["approval"]["id"]
    change_shipping_address(user_api_client, first)
    current = request_approval(user_api_client, first.id)["approval"]["id"]
    other = request_approval(user_api_client, buyer_checkout(8).id)["approval"]["id"]

    # when
    requests = me(user_api_client)["checkoutApprovals"]["edges"]

    # then: newest first, the replaced one as STALE
    assert [(e["node"]["id"], e["node"]["state"]) for e in requests] == [
        (other, "PENDING"),
        (current, "PENDING"),
        (replaced, "STALE"),
    ]
    assert me(user_api_client)["checkoutApprovalQueue"]["edges"] == []


def test_an_earlier_rejected_request_keeps_its_outcome(
    user_api_client, approval_setup, buyer_checkout
):
    # given: rejected, requested again, then made small enough to need nothing
    setup = approval_setup
    checkout = buyer_checkout(8)
    rejected = request_approval(user_api_client, checkout.id)["approval"]["id"]
    reject(setup.client(setup.approver), rejected)
    current = request_approval(user_api_client, checkout.id)["approval"]["id"]
    change_quantity(user_api_client, checkout, 1)
    # lists show each checkout as last calculated: let Saleor recalculate it
    assert checkout_approval(user_api_client, checkout.id)["state"] == "NOT_REQUIRED"

    # when
    states = {
        e["node"]["id"]: e["node"]["state"]
        for e in me(user_api_client)["checkoutApprovals"]["edges"]
    }

    # then
    assert states == {current: "NOT_REQUIRED", rejected: "REJECTED"}


def test_the_queue_follows_the_levels(user_api_client, approval_setup, buyer_checkout):
    # given
    setup = approval_setup
    checkout = buyer_checkout(8)
    approval = request_approval(user_api_client, checkout.id)["approval"]
    ben, bea = setup.client(setup.approver), setup.client(setup.approver2)
    maria, pia = setup.client(setup.manager), setup.client(setup.paris_approver)

    # then: level 1 waits for Berlin's approvers only
    assert queue_ids(ben) == queue_ids(bea) == [approval["id"]]
    assert queue_ids(maria) == queue_ids(pia) == []
    item = me(ben)["checkoutApprovalQueue"]["edges"][0]["node"]
    assert item["canDecide"] is True
    assert item["requestedBy"]["email"] == setup.buyer.email
    assert item["lines"] == [{"sku": "123", "quantity": 8}]

    # when Ben approves level 1
    approve(ben, approval["id"])

    # then it moves to EMEA's manager
    assert queue_ids(ben) == queue_ids(bea) == []
    assert queue_ids(maria) == [approval["id"]]


def test_approvers_do_not_get_the_checkouts_key(
    user_api_client, approval_setup, buyer_checkout
):
    # given
    setup = approval_setup
    checkout = buyer_checkout(4)
    approval_id = request_approval(user_api_client, checkout.id)["approval"]["id"]

    # when
    as_approver = get_graphql_content(
        setup.client(setup.approver).post_graphql(APPROVAL, {"id": approval_id})
    )["data"]["checkoutApproval"]
    as_buyer = get_graphql_content(
        user_api_client.post_graphql(APPROVAL, {"id": approval_id})
    )["data"]["checkoutApproval"]

    # then: the checkout ID lets its holder change and complete the checkout
    assert as_approver["id"] == approval_id
    assert as_approver["checkoutId"] is None
    assert as_buyer["checkoutId"] == checkout.id


@pytest.mark.parametrize(
    "who", ["anonymous", "other_account", "other_branch", "staff", "app"]
)
def test_a_request_is_hidden_from_everyone_not_involved(
    who,
    api_client,
    user2_api_client,
    buyer_in_other_group,
    staff_api_client,
    app_api_client,
    user_api_client,
    approval_setup,
    buyer_checkout,
):
    # given
    setup = approval_setup
    approval_id = request_approval(user_api_client, buyer_checkout(4).id)["approval"][
        "id"
    ]
    client = {
        "anonymous": api_client,
        "other_account": user2_api_client,
        "other_branch": setup.client(setup.paris_approver),
        "staff": staff_api_client,  # without MANAGE_CHECKOUTS
        "app": app_api_client,  # without MANAGE_CHECKOUTS
    }[who]

    # when
    data = get_graphql_content(client.post_graphql(APPROVAL, {"id": approval_id}))

    # then
    assert data["data"]["checkoutApproval"] is None


@pytest.mark.parametrize("who", ["anonymous", "customer", "staff", "app"])
def test_the_staff_list_needs_manage_checkouts(
    who,
    api_client,
    user_api_client,
    staff_api_client,
    app_api_client,
    approval_setup,
):
    client = {
        "anonymous": api_client,
        "customer": user_api_client,
        "staff": staff_api_client,
        "app": app_api_client,
    }[who]

    assert_no_permission(client.post_graphql(STAFF_APPROVALS))


def test_staff_list_filters_and_sorts(
    staff_api_client,
    permission_manage_checkouts,
    user_api_client,
    approval_setup,
    buyer_checkout,
):
    # given: a pending request, an approved and ordered one, a rejected one
    setup = approval_setup
    staff_api_client.user.user_permissions.add(permission_manage_checkouts)
    pending = request_approval(user_api_client, buyer_checkout(8).id)["approval"]
    ordered_checkout = buyer_checkout(4)
    ordered = request_and_approve(
        user_api_client, ordered_checkout.id, setup.client(setup.approver)
    )
    assert complete(user_api_client, ordered_checkout.id)["errors"] == []
    rejected = request_approval(user_api_client, buyer_checkout(5).id)["approval"]
    reject(setup.client(setup.approver2), rejected["id"])

    def ids(**variables):
        return [node["id"] for node in staff_list(staff_api_client, **variables)]

    # then
    assert ids() == [rejected["id"], ordered["id"], pending["id"]]
    assert ids(filter={"status": ["PENDING"]}) == [pending["id"]]
    assert ids(filter={"ordered": True}) == [ordered["id"]]
    assert set(ids(filter={"ordered": False})) == {pending["id"], rejected["id"]}
    berlin = graphene.Node.to_global_id("CustomerGroup", setup.groups["berlin"].pk)
    paris = graphene.Node.to_global_id("CustomerGroup", setup.groups["paris"].pk)
    emea = graphene.Node.to_global_id("CustomerGroup", setup.groups["emea"].pk)
    assert len(ids(filter={"group": berlin})) == 3
    assert len(ids(filter={"group": emea})) == 3  # and the groups below it
    assert ids(filter={"group": paris}) == []
    buyer = graphene.Node.to_global_id("User", setup.buyer.pk)
    assert len(ids(filter={"requestedBy": buyer})) == 3
    assert ids(filter={"expired": True}) == []
    assert ids(filter={"search": "nobody@"}) == []
    assert ids(sortBy={"field": "TOTAL_GROSS", "direction": "DESC"}) == [
        pending["id"],
        rejected["id"],
        ordered["id"],
    ]
    states = {n["id"]: n["state"] for n in staff_list(staff_api_client)}
    assert states == {
        pending["id"]: "PENDING",
        ordered["id"]: "APPROVED",
        rejected["id"]: "REJECTED",
    }


def test_another_users_requests_need_manage_checkouts(
    staff_api_client,
    permission_manage_users,
    permission_manage_checkouts,
    user_api_client,
    approval_setup,
    buyer_checkout,
):
    # given
    setup = approval_setup
    request_approval(user_api_client, buyer_checkout(4).id)
    staff_api_client.user.user_permissions.add(permission_manage_users)
    buyer = graphene.Node.to_global_id("User", setup.buyer.pk)

    # then: MANAGE_USERS reads the user, not their approvals, and nobody their queue
    assert_no_permission(staff_api_client.post_graphql(USER_APPROVALS, {"id": buyer}))
    staff_api_client.user.user_permissions.add(permission_manage_checkouts)
    data = get_graphql_content(
        staff_api_client.post_graphql(USER_APPROVALS, {"id": buyer})
    )
    assert len(data["data"]["user"]["checkoutApprovals"]["edges"]) == 1
    assert_no_permission(staff_api_client.post_graphql(USER_QUEUE, {"id": buyer}))


def test_the_buyer_reads_the_approval_on_their_order(
    user_api_client, approval_setup, buyer_checkout
):
    setup = approval_setup
    checkout = buyer_checkout(4)
    request_and_approve(user_api_client, checkout.id, setup.client(setup.approver))
    complete(user_api_client, checkout.id)

    orders = get_graphql_content(user_api_client.post_graphql(MY_ORDERS))["data"]["me"][
        "orders"
    ]["edges"]

    assert orders[0]["node"]["checkoutApproval"]["state"] == "APPROVED"
    assert orders[0]["node"]["checkoutApproval"]["decisions"][0]["decidedBy"][
        "email"
    ] == (setup.approver.email)
