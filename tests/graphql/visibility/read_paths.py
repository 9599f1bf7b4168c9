"""Every storefront path that can read a product, as GraphQL documents.

``reads(client, product, channel)`` asks each path whether it returns the product
and answers ``{path: bool}``; a hidden product must be False everywhere, an
allowed one True everywhere.
"""

import graphene
from saleor.graphql.tests.utils import get_graphql_content
from saleor.product.models import ProductTranslation

PRODUCTS = """
query ($channel: String, $first: Int, $after: String, $search: String) {
  products(channel: $channel, first: $first, after: $after, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug } }
  }
}
"""

PRODUCT = """
query ($id: ID, $slug: String, $ref: String, $lang: LanguageCodeEnum, $channel: String) {
  product(id: $id, slug: $slug, externalReference: $ref, slugLanguageCode: $lang,
          channel: $channel) {
    slug
    translation(languageCode: PL) { name }
  }
}
"""

VARIANT = """
query ($id: ID, $sku: String, $channel: String) {
  productVariant(id: $id, sku: $sku, channel: $channel) { sku }
}
"""

VARIANTS = """
query ($ids: [ID!], $channel: String) {
  productVariants(ids: $ids, first: 10, channel: $channel) {
    totalCount edges { node { sku } }
  }
}
"""

CATEGORY_PRODUCTS = """
query ($slug: String, $channel: String) {
  category(slug: $slug) {
    products(first: 50, channel: $channel) { totalCount edges { node { slug } } }
  }
}
"""

COLLECTION_PRODUCTS = """
query ($slug: String, $channel: String) {
  collection(slug: $slug, channel: $channel) {
    products(first: 50) { totalCount edges { node { slug } } }
  }
}
"""

COLLECTIONS = """
query ($channel: String) {
  collections(first: 50, channel: $channel) { totalCount edges { node { slug } } }
}
"""

ENTITIES = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Product { slug }
    ... on ProductVariant { sku }
  }
}
"""


def gql(client, query, variables=None) -> dict:
    return get_graphql_content(client.post_graphql(query, variables))["data"]


def global_id(instance) -> str:
    return graphene.Node.to_global_id(instance.__class__.__name__, instance.pk)


def listed_slugs(client, channel, **variables) -> list[str]:
    data = gql(client, PRODUCTS, {"channel": channel.slug, "first": 100, **variables})
    return [edge["node"]["slug"] for edge in data["products"]["edges"]]


def reads(client, product, channel) -> dict[str, bool]:
    """Whether each read path returns ``product`` (and its variant) in ``channel``."""
    variant = product.variants.first()
    ProductTranslation.objects.get_or_create(
        product=product,
        language_code="pl",
        defaults={"name": f"{product.name} PL", "slug": f"{product.slug}-pl"},
    )
    slug = product.slug
    c = channel.slug
    found = {
        "products": slug in listed_slugs(client, channel),
        "search": slug in listed_slugs(client, channel, search=product.name),
    }
    for path, variables in {
        "product_by_id": {"id": global_id(product)},
        "product_by_slug": {"slug": slug},
        "product_by_external_reference": {"ref": product.external_reference},
        "product_by_translated_slug": {"slug": f"{slug}-pl", "lang": "PL"},
    }.items():
        data = gql(client, PRODUCT, {**variables, "channel": c})["product"]
        found[path] = data is not None and data["slug"] == slug
        if path == "product_by_id":
            found["translation"] = bool(data and data["translation"])
    for path, variables in {
        "variant_by_id": {"id": global_id(variant)},
        "variant_by_sku": {"sku": variant.sku},
    }.items():
        found[path] = gql(client, VARIANT, {**variables, "channel": c})[
            "productVariant"
        ] == {"sku": variant.sku}
    variants = gql(client, VARIANTS, {"ids": [global_id(variant)], "channel": c})
    found["variants"] = variants["productVariants"]["totalCount"] == 1
    category = gql(
        client, CATEGORY_PRODUCTS, {"slug": product.category.slug, "channel": c}
    )["category"]
    found["category_products"] = bool(category) and slug in [
        e["node"]["slug"] for e in category["products"]["edges"]
    ]
    for collection in product.collections.all():
        data = gql(client, COLLECTION_PRODUCTS, {"slug": collection.slug, "channel": c})
        found[f"collection_products:{collection.slug}"] = bool(
            data["collection"]
        ) and slug in [
            e["node"]["slug"] for e in data["collection"]["products"]["edges"]
        ]
    entities = gql(
        client,
        ENTITIES,
        {
            "representations": [
                {"__typename": "Product", "id": global_id(product), "channel": c},
                {
                    "__typename": "ProductVariant",
                    "id": global_id(variant),
                    "channel": c,
                },
            ]
        },
    )["_entities"]
    found["federation_product"] = entities[0] is not None
    found["federation_variant"] = entities[1] is not None
    return found


def hidden_everywhere(client, product, channel) -> bool:
    found = reads(client, product, channel)
    assert not any(found.values()), {k: v for k, v in found.items() if v}
    return True


def visible_everywhere(client, product, channel) -> bool:
    found = reads(client, product, channel)
    assert all(found.values()), {k: v for k, v in found.items() if not v}
    return True
