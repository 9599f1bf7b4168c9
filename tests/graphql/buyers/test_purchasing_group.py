"""One purchasing group for prices, catalog and approval (see ``buyers``).

``customer_user`` belongs to Berlin (ACME's contract 8.00, approval above USD 25)
and to Globex (6.00, no approval). Until they name a group, they get the best price
and the strictest approval; once named, everything follows that group alone.
"""

from decimal import Decimal

import graphene
import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.approvals.error_codes import CheckoutApprovalErrorCode
from saleor_b2b_groups.buyers.error_codes import PurchasingGroupErrorCode
from saleor_b2b_groups.buyers.models import PurchasingGroupSelection
from tests.fixtures.visibility import exclude

from .operations import (
    APPROVAL_REQUEST,
    CHECKOUT,
    CHECKOUT_CREATE,
    LINES_ADD,
    ME,
    SELECT,
    USER,
    VARIANT_PRICE,
)


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


def select(client, group):
    response = client.post_graphql(
        SELECT, {"group": gid("CustomerGroup", group.pk) if group else None}
    )
    return get_graphql_content(response)["data"]["purchasingGroupSelect"]


def storefront_price(client, variant, channel):
    response = client.post_graphql(
        VARIANT_PRICE,
        {"id": gid("ProductVariant", variant.pk), "channel": channel.slug},
    )
    data = get_graphql_content(response)["data"]["productVariant"]
    return Decimal(str(data["pricing"]["price"]["gross"]["amount"]))


def create_checkout(client, variant, channel, quantity=5, email=None):
    response = client.post_graphql(
        CHECKOUT_CREATE,
        {
            "channel": channel.slug,
            "lines": [
                {"variantId": gid("ProductVariant", variant.pk), "quantity": quantity}
            ],
            "email": email,
        },
    )
    data = get_graphql_content(response)["data"]["checkoutCreate"]
    assert data["errors"] == []
    return data["checkout"]


def read_checkout(client, checkout_id):
    response = client.post_graphql(CHECKOUT, {"id": checkout_id})
    return get_graphql_content(response)["data"]["checkout"]


def unit_prices(checkout):
    return [
        Decimal(str(line["unitPrice"]["gross"]["amount"])) for line in checkout["lines"]
    ]


def test_unnamed_best_price_and_strictest_approval(
    user_api_client, two_companies, variant, channel_USD
):
    # when
    checkout = create_checkout(user_api_client, variant, channel_USD)

    # then: Globex's price, but Berlin's policy still asks for approval
    assert storefront_price(user_api_client, variant, channel_USD) == Decimal("6.00")
    assert unit_prices(checkout) == [Decimal("6.00")]
    assert checkout["approval"]["state"] == "REQUIRED"
    me = get_graphql_content(user_api_client.post_graphql(ME))["data"]["me"]
    assert me["purchasingGroup"] is None


def test_named_group_decides_price_and_approval_alike(
    user_api_client, two_companies, variant, channel_USD
):
    # given
    checkout = create_checkout(user_api_client, variant, channel_USD)

    # when: the buyer buys for Berlin
    data = select(user_api_client, two_companies["berlin"])

    # then: the storefront and the checkout (at its next change) follow Berlin
    assert data["errors"] == []
    assert data["purchasingGroup"]["name"] == "Berlin"
    assert storefront_price(user_api_client, variant, channel_USD) == Decimal("8.00")
    response = user_api_client.post_graphql(
        LINES_ADD,
        {
            "id": checkout["id"],
            "lines": [{"variantId": gid("ProductVariant", variant.pk), "quantity": 1}],
        },
    )
    added = get_graphql_content(response)["data"]["checkoutLinesAdd"]
    assert unit_prices(added["checkout"]) == [Decimal("8.00")]
    assert read_checkout(user_api_client, checkout["id"])["approval"]["state"] == (
        "REQUIRED"
    )

    # when: the buyer buys for Globex
    select(user_api_client, two_companies["globex"])

    # then: Globex's price, and Globex's policy, which asks nothing
    assert storefront_price(user_api_client, variant, channel_USD) == Decimal("6.00")
    checkout2 = create_checkout(user_api_client, variant, channel_USD)
    assert unit_prices(checkout2) == [Decimal("6.00")]
    assert checkout2["approval"]["state"] == "NOT_REQUIRED"
    me = get_graphql_content(user_api_client.post_graphql(ME))["data"]["me"]
    assert me["purchasingGroup"]["name"] == "Globex"


def test_naming_the_group_in_an_approval_request_prices_under_it(
    user_api_client, two_companies, variant, channel_USD
):
    # given: priced at Globex's 6.00 while no group is named
    checkout = create_checkout(user_api_client, variant, channel_USD)
    assert unit_prices(checkout) == [Decimal("6.00")]

    # when: the buyer asks approval for Berlin
    response = user_api_client.post_graphql(
        APPROVAL_REQUEST,
        {
            "id": checkout["id"],
            "group": gid("CustomerGroup", two_companies["berlin"].pk),
        },
    )

    # then: Berlin is their purchasing group, and the checkout is at Berlin's price
    data = get_graphql_content(response)["data"]["checkoutApprovalRequest"]
    assert data["errors"] == []
    assert data["approval"]["group"]["name"] == "Berlin"
    assert data["approval"]["state"] == "PENDING"
    assert unit_prices(read_checkout(user_api_client, checkout["id"])) == [
        Decimal("8.00")
    ]
    assert PurchasingGroupSelection.objects.get().group == two_companies["berlin"]


def test_approval_for_another_group_than_the_selected_one_is_refused(
    user_api_client, two_companies, variant, channel_USD
):
    # given
    select(user_api_client, two_companies["globex"])
    checkout = create_checkout(user_api_client, variant, channel_USD)

    # when: the buyer names Berlin, whose policy would ask, at Globex's price
    response = user_api_client.post_graphql(
        APPROVAL_REQUEST,
        {
            "id": checkout["id"],
            "group": gid("CustomerGroup", two_companies["berlin"].pk),
        },
    )

    # then
    data = get_graphql_content(response)["data"]["checkoutApprovalRequest"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("group", CheckoutApprovalErrorCode.PURCHASING_GROUP_MISMATCH.name)
    ]
    assert PurchasingGroupSelection.objects.get().group == two_companies["globex"]


def test_named_group_decides_the_catalog(
    user_api_client, two_companies, variant, product, channel_USD
):
    # given: Globex may not see the product; Berlin may
    exclude(two_companies["globex"], product)

    # when: no group named: the union of catalogs
    checkout = create_checkout(user_api_client, variant, channel_USD)

    # then: Berlin lets them buy it
    assert [line["quantity"] for line in checkout["lines"]] == [5]

    # when: they buy for Globex
    select(user_api_client, two_companies["globex"])
    response = user_api_client.post_graphql(
        LINES_ADD,
        {
            "id": checkout["id"],
            "lines": [{"variantId": gid("ProductVariant", variant.pk), "quantity": 1}],
        },
    )

    # then: the product is hidden for Globex's buyer
    data = get_graphql_content(response)["data"]["checkoutLinesAdd"]
    assert [e["code"] for e in data["errors"]] == ["PRODUCT_NOT_PUBLISHED"]
    response = user_api_client.post_graphql(
        VARIANT_PRICE,
        {"id": gid("ProductVariant", variant.pk), "channel": channel_USD.slug},
    )
    assert get_graphql_content(response)["data"]["productVariant"] is None


@pytest.mark.parametrize(
    ("which", "code"),
    [
        ("other", PurchasingGroupErrorCode.NOT_A_MEMBER),
        ("missing", PurchasingGroupErrorCode.NOT_FOUND),
        ("product", PurchasingGroupErrorCode.GRAPHQL_ERROR),
        ("garbage", PurchasingGroupErrorCode.GRAPHQL_ERROR),
        ("nul", PurchasingGroupErrorCode.GRAPHQL_ERROR),
        ("huge", PurchasingGroupErrorCode.GRAPHQL_ERROR),
    ],
)
def test_select_refuses_what_is_not_the_buyers_group(
    which, code, user_api_client, two_companies, make_group, product
):
    # given
    select(user_api_client, two_companies["berlin"])
    group_id = {
        "other": gid("CustomerGroup", make_group("Initech").pk),
        "missing": gid("CustomerGroup", 999999),
        "product": gid("Product", product.pk),
        "garbage": "not-an-id",
        "nul": gid("CustomerGroup", "1\x00"),
        "huge": gid("CustomerGroup", 10**30),
    }[which]

    # when
    response = user_api_client.post_graphql(SELECT, {"group": group_id})

    # then
    data = get_graphql_content(response)["data"]["purchasingGroupSelect"]
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("group", code.name)]
    assert PurchasingGroupSelection.objects.get().group == two_companies["berlin"]


def test_select_inactive_group_is_refused(user_api_client, two_companies):
    # given
    globex = two_companies["globex"]
    globex.is_active = False
    globex.save(update_fields=["is_active"])

    # when
    data = select(user_api_client, globex)

    # then
    assert [e["code"] for e in data["errors"]] == [
        PurchasingGroupErrorCode.NOT_A_MEMBER.name
    ]
    assert not PurchasingGroupSelection.objects.exists()


def test_select_null_clears_the_choice(user_api_client, two_companies):
    # given
    select(user_api_client, two_companies["berlin"])

    # when
    data = select(user_api_client, None)

    # then
    assert data == {"purchasingGroup": None, "errors": []}
    assert not PurchasingGroupSelection.objects.exists()


def test_select_needs_a_signed_in_customer(api_client, two_companies):
    response = api_client.post_graphql(
        SELECT, {"group": gid("CustomerGroup", two_companies["berlin"].pk)}
    )
    content = get_graphql_content(response, ignore_errors=True)
    assert content["errors"][0]["extensions"]["exception"]["code"] == (
        "PermissionDenied"
    )
    assert not PurchasingGroupSelection.objects.exists()


def test_select_while_inactive_is_refused(
    user_api_client, two_companies, plugin_inactive
):
    data = select(user_api_client, two_companies["berlin"])
    assert [e["code"] for e in data["errors"]] == [
        PurchasingGroupErrorCode.INACTIVE.name
    ]
    assert not PurchasingGroupSelection.objects.exists()


def test_staff_reads_a_customers_purchasing_group_with_manage_users(
    staff_api_client, permission_manage_users, two_companies, customer_user
):
    # given
    PurchasingGroupSelection.objects.create(
        user=customer_user, group=two_companies["berlin"]
    )
    variables = {"id": gid("User", customer_user.pk)}

    # when: without the permission
    response = staff_api_client.post_graphql(USER, variables)

    # then
    content = get_graphql_content(response, ignore_errors=True)
    assert content["errors"][0]["extensions"]["exception"]["code"] == (
        "PermissionDenied"
    )

    # when: with it
    response = staff_api_client.post_graphql(
        USER, variables, permissions=[permission_manage_users]
    )

    # then
    user = get_graphql_content(response)["data"]["user"]
    assert user["purchasingGroup"] == {"name": "Berlin"}


def test_another_customers_choice_does_not_reach_a_customer_of_another_company(
    user2_api_client, buyer_in_other_group, two_companies, customer_user
):
    # given: customer_user's choice
    PurchasingGroupSelection.objects.create(
        user=customer_user, group=two_companies["berlin"]
    )

    # then: another customer's own context is theirs alone
    me = get_graphql_content(user2_api_client.post_graphql(ME))["data"]["me"]
    assert me["purchasingGroup"]["name"] == "Globex"  # their only group
