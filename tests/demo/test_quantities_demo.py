import graphene
from saleor.graphql.tests.fixtures import ApiClient
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.demo import DEFAULT_CHANNEL, quantities
from saleor_b2b_groups.groups.models import CustomerGroup
from saleor_b2b_groups.quantities.models import QuantityRule

from .test_pricing_demo import demo_catalog, load_demo, login  # noqa: F401

CHECKOUT_CREATE = """
mutation ($channel: String!, $lines: [CheckoutLineInput!]!) {
  checkoutCreate(input: {channel: $channel, lines: $lines}) {
    checkout { id } errors { field code message }
  }
}
"""


def test_the_demo_rules_load_once_and_sell_tees_by_the_case(demo_catalog):  # noqa: F811
    # given
    load_demo(lambda _message: None)
    assert not quantities.is_loaded()

    # when
    quantities.load(lambda _message: None)
    quantities.load(lambda _message: None)

    # then
    assert quantities.is_loaded()
    assert QuantityRule.objects.count() == 1
    paris = CustomerGroup.objects.get(slug=quantities.MINIMUM_GROUP)
    assert paris.min_order_subtotal == quantities.MINIMUM

    # and: Anna (Berlin) is refused 25 tees and may order 30
    anna = login(ApiClient(user=None), "anna.buyer@northwind.example")
    variant = graphene.Node.to_global_id(
        "ProductVariant", demo_catalog[quantities.CASE_SKU].pk
    )

    def order(quantity):
        return get_graphql_content(
            anna.post_graphql(
                CHECKOUT_CREATE,
                {
                    "channel": DEFAULT_CHANNEL,
                    "lines": [{"variantId": variant, "quantity": quantity}],
                },
            )
        )["data"]["checkoutCreate"]

    refused = order(25)
    assert "Nearest valid: 20, 30." in refused["errors"][0]["message"]
    assert order(30)["errors"] == []
