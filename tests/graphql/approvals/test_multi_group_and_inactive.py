"""A buyer in several groups names the purchasing group; an inactive plugin asks
for nothing."""

import graphene
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.approvals.models import CheckoutApproval
from saleor_b2b_groups.groups import CustomerGroupRole
from tests.fixtures.groups import add_member

from .operations import (
    CHECKOUT_APPROVAL,
    ME_APPROVALS,
    checkout_approval,
    complete,
    error_codes,
    request_approval,
)


def group_id(group) -> str:
    return graphene.Node.to_global_id("CustomerGroup", group.pk)


def test_a_buyer_in_several_groups_names_the_purchasing_group(
    user_api_client, approval_setup, other_group, buyer_checkout
):
    # given: the buyer also buys for Globex, whose policy asks for nothing
    setup = approval_setup
    add_member(other_group, setup.buyer, CustomerGroupRole.BUYER)
    checkout = buyer_checkout(4)

    # then: Berlin's policy asks for approval, so it is required until a group is named
    status = checkout_approval(user_api_client, checkout.id)
    assert status["state"] == "REQUIRED"
    assert status["group"] is None
    assert status["groupsRequiringApproval"] == [{"name": "Berlin"}]
    assert error_codes(complete(user_api_client, checkout.id)) == [
        ("approval", "INVALID")
    ]
    assert error_codes(request_approval(user_api_client, checkout.id)) == [
        ("group", "REQUIRED")
    ]
    paris = request_approval(
        user_api_client, checkout.id, group=group_id(setup.groups["paris"])
    )
    assert error_codes(paris) == [("group", "NOT_A_MEMBER")]

    # when the buyer buys for Globex
    for_globex = request_approval(
        user_api_client, checkout.id, group=group_id(other_group)
    )

    # then nothing is needed, and the order records the purchasing group
    assert for_globex["errors"] == []
    assert for_globex["approval"]["state"] == "NOT_REQUIRED"
    assert for_globex["approval"]["levelCount"] == 0
    completed = complete(user_api_client, checkout.id)
    assert completed["errors"] == []
    assert completed["order"]["checkoutApproval"]["state"] == "NOT_REQUIRED"
    assert completed["order"]["checkoutApproval"]["group"] == {"name": "Globex"}


def test_naming_the_group_whose_policy_applies(
    user_api_client, approval_setup, other_group, buyer_checkout
):
    setup = approval_setup
    add_member(other_group, setup.buyer, CustomerGroupRole.BUYER)
    checkout = buyer_checkout(4)

    approval = request_approval(
        user_api_client, checkout.id, group=group_id(setup.groups["berlin"])
    )["approval"]

    assert (approval["state"], approval["group"]) == ("PENDING", {"name": "Berlin"})


def test_asking_twice_for_the_same_content_changes_nothing(
    user_api_client, approval_setup, buyer_checkout
):
    checkout = buyer_checkout(4)

    first = request_approval(user_api_client, checkout.id)["approval"]
    second = request_approval(user_api_client, checkout.id, note="again")["approval"]

    assert first["id"] == second["id"]
    assert CheckoutApproval.objects.count() == 1


def test_a_customer_in_no_group_needs_no_approval(
    user2_api_client, approval_setup, buyer_checkout
):
    checkout = buyer_checkout(8, client=user2_api_client)

    assert checkout_approval(user2_api_client, checkout.id)["state"] == "NOT_REQUIRED"
    assert error_codes(request_approval(user2_api_client, checkout.id)) == [
        ("id", "NOT_BUYER")
    ]
    assert complete(user2_api_client, checkout.id)["errors"] == []


def test_plugin_inactive_no_checkout_needs_approval(
    user_api_client, approval_setup, buyer_checkout, plugin_inactive
):
    # given: a checkout the policy would hold back
    setup = approval_setup
    checkout = buyer_checkout(8)

    # then: Saleor as it is
    data = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_APPROVAL, {"id": checkout.id})
    )["data"]["checkout"]
    assert data["approval"] is None
    assert error_codes(request_approval(user_api_client, checkout.id)) == [
        ("id", "INACTIVE")
    ]
    me = get_graphql_content(setup.client(setup.approver).post_graphql(ME_APPROVALS))[
        "data"
    ]["me"]
    assert me["checkoutApprovalQueue"]["edges"] == []
    completed = complete(user_api_client, checkout.id)
    assert completed["errors"] == []
    assert completed["order"]["checkoutApproval"] is None
