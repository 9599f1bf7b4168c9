"""Checkout lines carry the buyer's group price, kept in step with every change."""

from decimal import Decimal

import graphene
import pytest
from saleor.checkout.models import Checkout
from saleor.graphql.tests.utils import get_graphql_content
from saleor.order.models import OrderLine

from saleor_b2b_groups.pricing.models import PriceListEntry
from tests.fixtures.checkout_flow import CHECKOUT_COMPLETE, ORDER_CREATE_FROM_CHECKOUT

from .storefront_utils import put_on_catalogue_promotion, storefront_prices

CHECKOUT_FIELDS = """
  id
  totalPrice { gross { amount } }
  lines { id quantity variant { id } unitPrice { gross { amount } } }
"""

CHECKOUT_CREATE = f"""
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {{
  checkoutCreate(input: {{channel: $channel, lines: $lines, email: "b@example.com"}}) {{
    checkout {{ {CHECKOUT_FIELDS} }}
    errors {{ field code }}
  }}
}}
"""

LINES_ADD = f"""
mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {{
  checkoutLinesAdd(id: $id, lines: $lines) {{
    checkout {{ {CHECKOUT_FIELDS} }} errors {{ field code }}
  }}
}}
"""

LINES_UPDATE = f"""
mutation ($id: ID!, $lines: [CheckoutLineUpdateInput!]!) {{
  checkoutLinesUpdate(id: $id, lines: $lines) {{
    checkout {{ {CHECKOUT_FIELDS} }} errors {{ field code }}
  }}
}}
"""

CUSTOMER_ATTACH = f"""
mutation ($id: ID!) {{
  checkoutCustomerAttach(id: $id) {{ checkout {{ {CHECKOUT_FIELDS} }} errors {{ code }} }}
}}
"""

CUSTOMER_DETACH = f"""
mutation ($id: ID!) {{
  checkoutCustomerDetach(id: $id) {{ checkout {{ {CHECKOUT_FIELDS} }} errors {{ code }} }}
}}
"""

CHECKOUT_QUERY = f"""
query ($id: ID!) {{ checkout(id: $id) {{ {CHECKOUT_FIELDS} }} }}
"""


def variant_id(variant):
    return graphene.Node.to_global_id("ProductVariant", variant.pk)


def unit_prices(checkout_data):
    return [
        Decimal(str(line["unitPrice"]["gross"]["amount"]))
        for line in checkout_data["lines"]
    ]


def create_checkout(client, channel, variant, quantity=1):
    response = client.post_graphql(
        CHECKOUT_CREATE,
        {
            "channel": channel.slug,
            "lines": [{"variantId": variant_id(variant), "quantity": quantity}],
        },
    )
    data = get_graphql_content(response)["data"]["checkoutCreate"]
    assert data["errors"] == []
    return data["checkout"]


def test_checkout_create_gives_each_buyer_their_price(
    user_api_client,
    user2_api_client,
    buyer_in_branch,
    buyer_in_other_group,
    contracts,
    variant,
    channel_USD,
):
    # when
    berlin = create_checkout(user_api_client, channel_USD, variant)
    globex = create_checkout(user2_api_client, channel_USD, variant)

    # then
    assert unit_prices(berlin) == [Decimal("8.00")]
    assert unit_prices(globex) == [Decimal("6.00")]
    line = Checkout.objects.get(
        pk=graphene.Node.from_global_id(berlin["id"])[1]
    ).lines.get()
    assert line.price_override == Decimal("8.00")
    assert line.price_override_reason == "b2b-price-list:acme-contract"


@pytest.mark.parametrize("who", ["anonymous", "no_group"])
def test_everyone_else_pays_saleor_prices(
    who, api_client, user_api_client, contracts, variant, channel_USD
):
    # given
    client = api_client if who == "anonymous" else user_api_client

    # when
    checkout = create_checkout(client, channel_USD, variant)

    # then
    assert unit_prices(checkout) == [Decimal("10.00")]


def test_tiers_follow_quantity_changes(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # given
    checkout = create_checkout(user_api_client, channel_USD, variant, quantity=9)
    assert unit_prices(checkout) == [Decimal("8.00")]

    # when: one more unit reaches the 10-unit tier
    added = get_graphql_content(
        user_api_client.post_graphql(
            LINES_ADD,
            {
                "id": checkout["id"],
                "lines": [{"variantId": variant_id(variant), "quantity": 1}],
            },
        )
    )["data"]["checkoutLinesAdd"]["checkout"]

    # then
    assert added["lines"][0]["quantity"] == 10
    assert unit_prices(added) == [Decimal("7.00")]
    assert Decimal(str(added["totalPrice"]["gross"]["amount"])) >= Decimal("70.00")

    # when: back below the tier
    updated = get_graphql_content(
        user_api_client.post_graphql(
            LINES_UPDATE,
            {
                "id": checkout["id"],
                "lines": [{"lineId": added["lines"][0]["id"], "quantity": 3}],
            },
        )
    )["data"]["checkoutLinesUpdate"]["checkout"]

    # then
    assert unit_prices(updated) == [Decimal("8.00")]


def test_attaching_and_detaching_the_customer_reprices(
    api_client, user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # given: an anonymous checkout at the channel price
    checkout = create_checkout(api_client, channel_USD, variant)
    assert unit_prices(checkout) == [Decimal("10.00")]

    # when the buyer logs in and attaches themself
    attached = get_graphql_content(
        user_api_client.post_graphql(CUSTOMER_ATTACH, {"id": checkout["id"]})
    )["data"]["checkoutCustomerAttach"]["checkout"]

    # then
    assert unit_prices(attached) == [Decimal("8.00")]

    # when they detach
    detached = get_graphql_content(
        user_api_client.post_graphql(CUSTOMER_DETACH, {"id": checkout["id"]})
    )["data"]["checkoutCustomerDetach"]["checkout"]

    # then
    assert unit_prices(detached) == [Decimal("10.00")]


def test_another_buyer_cannot_get_a_groups_price_into_their_checkout(
    user2_api_client,
    buyer_in_other_group,
    buyer_in_branch,
    contracts,
    variant,
    channel_USD,
):
    # when: Globex's buyer orders 10 (ACME's 10-unit tier is 7.00)
    checkout = create_checkout(user2_api_client, channel_USD, variant, quantity=10)

    # then: Globex's own price, never ACME's
    assert unit_prices(checkout) == [Decimal("6.00")]


def test_storefront_and_checkout_agree_under_a_catalogue_promotion(
    user_api_client, buyer_in_branch, contracts, product, variant, channel_USD
):
    # given
    put_on_catalogue_promotion(variant, channel_USD, 10)

    # when
    shown = storefront_prices(user_api_client, product, channel_USD)["variant"]
    charged = unit_prices(create_checkout(user_api_client, channel_USD, variant))[0]

    # then
    assert shown == charged == Decimal("7.20")


def test_app_custom_price_is_left_alone(
    app_api_client,
    permission_handle_checkouts,
    buyer_in_branch,
    contracts,
    variant,
    channel_USD,
):
    # given: an app with HANDLE_CHECKOUTS sets its own price for the buyer's checkout
    app_api_client.app.permissions.add(permission_handle_checkouts)
    query = """
    mutation ($channel: String!, $lines: [CheckoutLineInput!]!, $email: String) {
      checkoutCreate(input: {channel: $channel, lines: $lines, email: $email}) {
        checkout { id lines { unitPrice { gross { amount } } } } errors { code }
      }
    }"""

    # when
    response = app_api_client.post_graphql(
        query,
        {
            "channel": channel_USD.slug,
            "email": buyer_in_branch.email,
            "lines": [
                {"variantId": variant_id(variant), "quantity": 1, "price": "5.55"}
            ],
        },
    )

    # then
    data = get_graphql_content(response)["data"]["checkoutCreate"]
    assert unit_prices(data["checkout"]) == [Decimal("5.55")]


def test_completed_order_keeps_the_price_and_records_the_list(
    user_api_client,
    buyer_in_branch,
    contracts,
    variant,
    channel_USD,
    pay_and_prepare_checkout,
):
    # given
    created = create_checkout(user_api_client, channel_USD, variant, quantity=2)
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    pay_and_prepare_checkout(checkout)

    # when
    response = user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})

    # then
    data = get_graphql_content(response)["data"]["checkoutComplete"]
    assert data["errors"] == []
    line = OrderLine.objects.get(
        order_id=graphene.Node.from_global_id(data["order"]["id"])[1]
    )
    assert line.unit_price_net_amount == Decimal("8.00")
    assert line.is_price_overridden
    assert line.price_override_reason == "b2b-price-list:acme-contract"


def test_completion_refused_when_prices_changed_meanwhile(
    user_api_client,
    buyer_in_branch,
    contracts,
    variant,
    channel_USD,
    pay_and_prepare_checkout,
):
    # given: the contract price drops after the checkout was priced
    created = create_checkout(user_api_client, channel_USD, variant)
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    pay_and_prepare_checkout(checkout)
    PriceListEntry.objects.filter(price_list=contracts[0], min_quantity=1).update(
        price_amount=Decimal("7.50")
    )

    # when
    response = user_api_client.post_graphql(CHECKOUT_COMPLETE, {"id": created["id"]})

    # then: refused, with the checkout already showing the new price
    data = get_graphql_content(response)["data"]["checkoutComplete"]
    assert data["order"] is None
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("lines", "INVALID")]
    refreshed = get_graphql_content(
        user_api_client.post_graphql(CHECKOUT_QUERY, {"id": created["id"]})
    )["data"]["checkout"]
    assert unit_prices(refreshed) == [Decimal("7.50")]


def test_order_create_from_checkout_refusal_uses_its_own_error_codes(
    app_api_client,
    permission_handle_checkouts,
    buyer_in_branch,
    contracts,
    variant,
    channel_USD,
    pay_and_prepare_checkout,
    user_api_client,
):
    # given
    created = create_checkout(user_api_client, channel_USD, variant)
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    pay_and_prepare_checkout(checkout)
    PriceListEntry.objects.filter(price_list=contracts[0]).update(
        price_amount=Decimal("1")
    )
    app_api_client.app.permissions.add(permission_handle_checkouts)

    # when
    response = app_api_client.post_graphql(
        ORDER_CREATE_FROM_CHECKOUT, {"id": created["id"]}
    )

    # then
    data = get_graphql_content(response)["data"]["orderCreateFromCheckout"]
    assert data["order"] is None
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("lines", "GRAPHQL_ERROR")
    ]


def test_order_from_checkout_by_app_keeps_group_price(
    app_api_client,
    permission_handle_checkouts,
    buyer_in_branch,
    contracts,
    variant,
    channel_USD,
    pay_and_prepare_checkout,
    user_api_client,
):
    # given
    created = create_checkout(user_api_client, channel_USD, variant)
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])
    pay_and_prepare_checkout(checkout)
    app_api_client.app.permissions.add(permission_handle_checkouts)

    # when
    response = app_api_client.post_graphql(
        ORDER_CREATE_FROM_CHECKOUT, {"id": created["id"]}
    )

    # then
    data = get_graphql_content(response)["data"]["orderCreateFromCheckout"]
    assert data["errors"] == []
    assert data["order"]["lines"][0]["unitPrice"]["net"]["amount"] == 8.0


def test_plugin_inactive_checkout_pays_saleor_prices(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD, plugin_inactive
):
    # when
    checkout = create_checkout(user_api_client, channel_USD, variant)

    # then
    assert unit_prices(checkout) == [Decimal("10.00")]


def test_flat_rate_channel_taxes_the_group_price_at_checkout(
    user_api_client, buyer_in_branch, contracts, product, variant, channel_USD
):
    # given: flat rates, prices entered without tax, 20% on the product's class
    from saleor.tax import TaxCalculationStrategy
    from saleor.tax.models import TaxClassCountryRate

    config = channel_USD.tax_configuration
    config.tax_calculation_strategy = TaxCalculationStrategy.FLAT_RATES
    config.prices_entered_with_tax = False
    config.charge_taxes = True
    config.save()
    TaxClassCountryRate.objects.update_or_create(
        tax_class=product.tax_class, country="US", defaults={"rate": Decimal(20)}
    )

    # when
    checkout = create_checkout(user_api_client, channel_USD, variant)

    # then: the storefront and the checkout show the same taxed group price
    assert unit_prices(checkout) == [Decimal("9.60")]
    assert storefront_prices(user_api_client, product, channel_USD)[
        "variant"
    ] == Decimal("9.60")


def test_tax_app_is_asked_to_tax_the_group_price(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # given: Saleor's test channel computes taxes with a tax app
    from saleor.checkout.fetch import fetch_checkout_info, fetch_checkout_lines
    from saleor.checkout.webhooks.calculate_taxes import (
        generate_checkout_payload_for_tax_calculation,
    )
    from saleor.plugins.manager import get_plugins_manager
    from saleor.tax import TaxCalculationStrategy

    assert (
        channel_USD.tax_configuration.tax_calculation_strategy
        == TaxCalculationStrategy.TAX_APP
    )
    created = create_checkout(user_api_client, channel_USD, variant, quantity=3)
    checkout = Checkout.objects.get(pk=graphene.Node.from_global_id(created["id"])[1])

    # when: the payload Saleor sends the tax app (CHECKOUT_CALCULATE_TAXES)
    import json

    lines, _ = fetch_checkout_lines(checkout)
    info = fetch_checkout_info(
        checkout, lines, get_plugins_manager(allow_replica=False)
    )
    payload = json.loads(generate_checkout_payload_for_tax_calculation(info, lines))

    # then
    line = payload[0]["lines"][0]
    assert Decimal(line["unit_amount"]) == Decimal("8.00")
    assert Decimal(line["total_amount"]) == Decimal("24.00")


def test_tiers_count_a_variants_units_across_lines(
    user_api_client, buyer_in_branch, contracts, variant, channel_USD
):
    # given: 5 units on one line, at the 1-unit price
    checkout = create_checkout(user_api_client, channel_USD, variant, quantity=5)
    assert unit_prices(checkout) == [Decimal("8.00")]

    # when: 5 more on a line of their own (Saleor's forceNewLine)
    response = user_api_client.post_graphql(
        LINES_ADD,
        {
            "id": checkout["id"],
            "lines": [
                {"variantId": variant_id(variant), "quantity": 5, "forceNewLine": True}
            ],
        },
    )

    # then: 10 units of the variant reach the 10-unit tier on both lines, as one
    # line of 10 does
    data = get_graphql_content(response)["data"]["checkoutLinesAdd"]
    assert data["errors"] == []
    assert [line["quantity"] for line in data["checkout"]["lines"]] == [5, 5]
    assert unit_prices(data["checkout"]) == [Decimal("7.00"), Decimal("7.00")]
