"""Documents and helpers shared by the storefront and checkout pricing tests."""

from decimal import Decimal

import graphene
from saleor.discount import PromotionType, RewardValueType
from saleor.discount.models import Promotion, PromotionRule
from saleor.product.models import VariantChannelListingPromotionRule

PRODUCT_PRICING = """
query ($id: ID!, $channel: String) {
  product(id: $id, channel: $channel) {
    pricing {
      onSale
      discount { gross { amount } }
      priceRange { start { net { amount } gross { amount currency } } }
      priceRangeUndiscounted { start { gross { amount } } }
    }
    variants {
      pricing {
        onSale
        price { net { amount } gross { amount currency } }
        priceUndiscounted { gross { amount } }
        discount { gross { amount } }
      }
    }
  }
}
"""

PRODUCTS_PRICING = """
query ($first: Int, $channel: String) {
  products(first: $first, channel: $channel) {
    edges { node {
      name
      pricing { priceRange { start { gross { amount } } } }
      variants { pricing { price { gross { amount } } } }
    } }
  }
}
"""


def product_id(product) -> str:
    return graphene.Node.to_global_id("Product", product.pk)


def storefront_prices(client, product, channel) -> dict:
    """The product's range start and its variant's price, gross."""
    from saleor.graphql.tests.utils import get_graphql_content

    data = get_graphql_content(
        client.post_graphql(
            PRODUCT_PRICING, {"id": product_id(product), "channel": channel.slug}
        )
    )["data"]["product"]
    variant = data["variants"][0]["pricing"]
    return {
        "range_start": Decimal(
            str(data["pricing"]["priceRange"]["start"]["gross"]["amount"])
        ),
        "variant": Decimal(str(variant["price"]["gross"]["amount"])),
        "undiscounted": Decimal(str(variant["priceUndiscounted"]["gross"]["amount"])),
        "on_sale": variant["onSale"],
        "raw": data,
    }


def put_on_catalogue_promotion(variant, channel, percentage: int):
    """A catalogue promotion as Saleor's promotion tasks leave it on the listing."""
    promotion = Promotion.objects.create(name="Sale", type=PromotionType.CATALOGUE)
    rule = PromotionRule.objects.create(
        promotion=promotion,
        catalogue_predicate={
            "variantPredicate": {
                "ids": [graphene.Node.to_global_id("ProductVariant", variant.pk)]
            }
        },
        reward_value_type=RewardValueType.PERCENTAGE,
        reward_value=Decimal(percentage),
    )
    rule.channels.add(channel)
    listing = variant.channel_listings.get(channel=channel)
    discount = listing.price_amount * Decimal(percentage) / 100
    listing.discounted_price_amount = listing.price_amount - discount
    listing.save(update_fields=["discounted_price_amount"])
    VariantChannelListingPromotionRule.objects.create(
        variant_channel_listing=listing,
        promotion_rule=rule,
        discount_amount=discount,
        currency=channel.currency_code,
    )
    return rule
