"""A guest checkout with a group member's e-mail is a guest's in every feature.

Pricing, visibility and approvals see a guest (see ``buyers``); completion, where
Saleor would give the order to the member's account, is refused: the member signs
in and buys under their terms.
"""

from decimal import Decimal

import graphene
import pytest
from saleor.checkout.error_codes import (
    CheckoutErrorCode,
    OrderCreateFromCheckoutErrorCode,
)
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import Order

from saleor_b2b_groups.buyers.guests import MEMBER_MUST_SIGN_IN_MESSAGE
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE, ORDER_CREATE_FROM_CHECKOUT
from tests.fixtures.visibility import b2b_only, exclude

from .operations import CHECKOUT_CREATE


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


@pytest.fixture
def member(two_companies, customer_user):
    """``customer_user`` is a member (Berlin and Globex; see conftest)."""
    return customer_user


def guest_checkout(api_client, variant, channel, email, quantity=5):
    response = api_client.post_graphql(
        CHECKOUT_CREATE,
        {
            "channel": channel.slug,
            "lines": [
                {"variantId": gid("ProductVariant", variant.pk), "quantity": quantity}
            ],
            "email": email,
        },
    )
    return get_graphql_content(response)["data"]["checkoutCreate"]


def test_pricing_a_guest_with_a_members_email_pays_saleors_price(
    api_client, member, variant, channel_USD
):
    # when
    data = guest_checkout(api_client, variant, channel_USD, member.email)

    # then: not the member's contract price (6.00 or 8.00): an e-mail proves nothing
    assert data["errors"] == []
    line = data["checkout"]["lines"][0]
    assert Decimal(str(line["unitPrice"]["gross"]["amount"])) == Decimal("10.00")
    checkout = Checkout.objects.get()
    assert checkout.lines.get().price_override is None


def test_visibility_a_guest_with_a_members_email_sees_the_guests_catalog(
    api_client, member, variant, product, channel_USD, two_companies
):
    # given: the member may not buy the product; a guest may
    exclude(two_companies["berlin"], product)
    exclude(two_companies["globex"], product)

    # when
    data = guest_checkout(api_client, variant, channel_USD, member.email)

    # then: the guest's catalog, not the member's
    assert data["errors"] == []

    # given: a B2B-only channel
    b2b_only(channel_USD)

    # when
    data = guest_checkout(api_client, variant, channel_USD, member.email)

    # then: closed to guests, whatever the e-mail says
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("channel", CheckoutErrorCode.CHANNEL_INACTIVE.name)
    ]


def test_approvals_a_guest_with_a_members_email_is_refused_at_completion(
    api_client, member, variant, channel_USD, pay_and_prepare_checkout
):
    # given: 5 x 10.00 is above Berlin's USD 25 threshold, but a guest has no policy
    data = guest_checkout(api_client, variant, channel_USD, member.email)
    assert data["checkout"]["approval"]["state"] == "NOT_REQUIRED"
    pay_and_prepare_checkout(Checkout.objects.get())

    # when: Saleor would give the order to the member's account
    response = api_client.post_graphql(
        CHECKOUT_COMPLETE, {"id": data["checkout"]["id"]}
    )

    # then
    result = get_graphql_content(response)["data"]["checkoutComplete"]
    assert result["order"] is None
    assert [(e["field"], e["code"], e["message"]) for e in result["errors"]] == [
        ("email", CheckoutErrorCode.INVALID.name, MEMBER_MUST_SIGN_IN_MESSAGE)
    ]
    assert not Order.objects.exists()


def test_order_from_a_guest_checkout_of_a_members_email_is_refused(
    api_client,
    app_api_client,
    permission_handle_checkouts,
    member,
    variant,
    channel_USD,
    pay_and_prepare_checkout,
):
    # given
    data = guest_checkout(api_client, variant, channel_USD, member.email)
    pay_and_prepare_checkout(Checkout.objects.get())
    app_api_client.app.permissions.add(permission_handle_checkouts)

    # when
    response = app_api_client.post_graphql(
        ORDER_CREATE_FROM_CHECKOUT, {"id": data["checkout"]["id"]}
    )

    # then
    result = get_graphql_content(response)["data"]["orderCreateFromCheckout"]
    assert result["order"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("email", OrderCreateFromCheckoutErrorCode.GRAPHQL_ERROR.name)
    ]
    assert not Order.objects.exists()


def test_a_guest_with_a_non_members_email_completes_as_in_saleor(
    api_client,
    customer_user2,
    two_companies,
    variant,
    channel_USD,
    pay_and_prepare_checkout,
):
    # given: customer_user2 has an account but no group
    data = guest_checkout(api_client, variant, channel_USD, customer_user2.email)
    pay_and_prepare_checkout(Checkout.objects.get())

    # when
    response = api_client.post_graphql(
        CHECKOUT_COMPLETE, {"id": data["checkout"]["id"]}
    )

    # then: Saleor gives the order to that account, as usual
    result = get_graphql_content(response)["data"]["checkoutComplete"]
    assert result["errors"] == []
    assert Order.objects.get().user == customer_user2


def test_the_member_signed_in_buys_under_their_terms(
    user_api_client, member, variant, channel_USD, two_companies
):
    # when: the same member, signed in, buying for Globex
    from .test_purchasing_group import select

    select(user_api_client, two_companies["globex"])
    data = guest_checkout(user_api_client, variant, channel_USD, None)

    # then
    line = data["checkout"]["lines"][0]
    assert Decimal(str(line["unitPrice"]["gross"]["amount"])) == Decimal("6.00")
