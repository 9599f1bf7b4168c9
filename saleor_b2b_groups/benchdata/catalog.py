"""The Saleor side: a channel, a warehouse that ships there, and a catalog it sells.

Everything Saleor needs to list, price and sell a product to a buyer: the channel
(USD, flat-rate taxes entered net), a tax class with a US rate, a shipping zone for
the US with a flat-rate method, a warehouse in that zone and channel, product types,
a category tree (Saleor's MPTT columns filled as ``Category.tree.rebuild`` would
fill them), products published, visible in listings and available for purchase,
each with variants priced in the channel and in stock, and collections published in
the channel (ranges across categories, each product in one: ``collection_of``),
which catalog rules can name.

Channel prices run from 10.99 to 99.99 by variant row, so price lists have
something to discount; stock is large enough for any number of bench checkouts.
"""

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from . import CHANNEL_SLUG, Dataset, variant_sku
from .progress import Progress
from .writes import create_in_batches

TITLE = "catalog: channel, warehouse, shipping, categories, products"

CURRENCY = "USD"
COUNTRY = "US"
TAX_RATE = Decimal(8)
SHIPPING_PRICE = Decimal("15.00")
STOCK_QUANTITY = 1_000_000
PRODUCT_TYPES = 20
#: About this many products per collection.
PRODUCTS_PER_COLLECTION = 100


def pending() -> str | None:
    return None


def collection_count(products: int) -> int:
    """How many collections: one per hundred products, at least three."""
    return max(3, products // PRODUCTS_PER_COLLECTION)


def collection_of(product_row: int, collections: int) -> int:
    """The collection row the ``product_row``-th product is in."""
    return product_row % collections


def channel_price_cents(variant_row: int) -> int:
    """The channel price of the ``variant_row``-th variant, in cents."""
    return 1099 + (variant_row % 90) * 100


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    size = dataset.size
    with progress.task("channel, taxes, shipping", 1):
        channel, tax_class, warehouse = _channel_and_logistics()
    dataset.channel = channel
    with progress.task("categories", size.categories) as task:
        categories = _categories(size.categories)
        task.advance(len(categories))
    dataset.category_ids = [pk for pk, _is_leaf in categories]
    leaves = [row for row, (_pk, is_leaf) in enumerate(categories) if is_leaf]
    dataset.product_categories = [
        leaves[row % len(leaves)] for row in range(size.products)
    ]
    product_types = _product_types(tax_class, min(PRODUCT_TYPES, size.products))
    _products(dataset, product_types, progress)
    _variants(dataset, warehouse, progress)
    _collections(dataset, progress)
    return {
        "categories": len(categories),
        "product_types": len(product_types),
        "products": len(dataset.product_ids),
        "variants": len(dataset.variants),
        "collections": len(dataset.collection_ids),
    }


def _channel_and_logistics():
    from saleor.account.models import Address
    from saleor.channel.models import Channel
    from saleor.shipping import ShippingMethodType
    from saleor.shipping.models import (
        ShippingMethod,
        ShippingMethodChannelListing,
        ShippingZone,
    )
    from saleor.tax import TaxCalculationStrategy
    from saleor.tax.models import TaxClass, TaxClassCountryRate, TaxConfiguration
    from saleor.warehouse import WarehouseClickAndCollectOption
    from saleor.warehouse.models import Warehouse

    channel = Channel.objects.create(
        name="Bench USD",
        slug=CHANNEL_SLUG,
        currency_code=CURRENCY,
        default_country=COUNTRY,
        is_active=True,
        order_mark_as_paid_strategy="transaction_flow",
        default_transaction_flow_strategy="charge",
    )
    TaxConfiguration.objects.create(
        channel=channel,
        charge_taxes=True,
        tax_calculation_strategy=TaxCalculationStrategy.FLAT_RATES,
        prices_entered_with_tax=False,
        display_gross_prices=True,
    )
    tax_class = TaxClass.objects.create(name="Bench standard rate")
    TaxClassCountryRate.objects.create(
        tax_class=tax_class, country=COUNTRY, rate=TAX_RATE
    )
    zone = ShippingZone.objects.create(
        name="Bench US",
        countries=[COUNTRY],  # type: ignore[misc] # a multiple CountryField
    )
    zone.channels.add(channel)
    method = ShippingMethod.objects.create(
        name="Bench ground", type=ShippingMethodType.PRICE_BASED, shipping_zone=zone
    )
    ShippingMethodChannelListing.objects.create(
        shipping_method=method,
        channel=channel,
        price_amount=SHIPPING_PRICE,
        minimum_order_price_amount=Decimal(0),
        currency=CURRENCY,
    )
    address = Address.objects.create(
        company_name="Bench Distribution",
        street_address_1="1600 Amphitheatre Pkwy",
        city="MOUNTAIN VIEW",
        postal_code="94043",
        country_area="CA",
        country=COUNTRY,
    )
    warehouse = Warehouse.objects.create(
        name="Bench warehouse",
        slug="bench-warehouse",
        address=address,
        is_private=False,
        click_and_collect_option=WarehouseClickAndCollectOption.DISABLED,
    )
    warehouse.shipping_zones.add(zone)
    warehouse.channels.add(channel)
    return channel, tax_class, warehouse


def category_levels(count: int) -> list[int]:
    """How many categories on each level: a few roots, then 7 and 6 children each."""
    roots = max(1, count // 50)
    second = min(count - roots, roots * 7)
    return [n for n in (roots, second, count - roots - second) if n]


def category_tree(count: int) -> list[tuple[int | None, int, int, int, int]]:
    """(parent row, tree id, lft, rght, level) per category row, as MPTT numbers them.

    Rows are numbered level by level; a row's parent is on the level above, taken
    round robin, so the tree is as balanced as the level sizes allow.
    """
    levels = category_levels(count)
    parents: list[int | None] = []
    children: dict[int, list[int]] = {}
    first_of_level = 0
    previous: list[int] = []
    for level_size in levels:
        current = list(range(first_of_level, first_of_level + level_size))
        for index, row in enumerate(current):
            parent = previous[index % len(previous)] if previous else None
            parents.append(parent)
            if parent is not None:
                children.setdefault(parent, []).append(row)
        previous = current
        first_of_level += level_size

    numbers: dict[int, tuple[int, int, int, int]] = {}

    def number(row: int, tree_id: int, left: int, level: int) -> int:
        right = left + 1
        for child in children.get(row, []):
            right = number(child, tree_id, right, level + 1) + 1
        numbers[row] = (tree_id, left, right, level)
        return right

    roots = [row for row, parent in enumerate(parents) if parent is None]
    for tree_id, root in enumerate(roots, start=1):
        number(root, tree_id, 1, 0)
    return [(parents[row], *numbers[row]) for row in range(count)]


def _categories(count: int) -> list[tuple[int, bool]]:
    """Create the tree; (id, is leaf) per category row."""
    from saleor.product.models import Category

    tree = category_tree(count)
    ids: list[int] = []

    def category(row: int) -> Category:
        parent, tree_id, left, right, level = tree[row]
        return Category(
            name=f"Bench category {row:04d}",
            slug=f"bench-category-{row:04d}",
            parent_id=None if parent is None else ids[parent],
            tree_id=tree_id,
            lft=left,
            rght=right,
            level=level,
        )

    # Level by level, so every parent has its id before its children are written.
    for level in sorted({item[4] for item in tree}):
        rows = [row for row, item in enumerate(tree) if item[4] == level]
        created = Category.objects.bulk_create([category(row) for row in rows])
        ids.extend(created_category.pk for created_category in created)
    return [(ids[row], item[3] - item[2] == 1) for row, item in enumerate(tree)]


def _product_types(tax_class, count: int) -> list[int]:
    from saleor.product import ProductTypeKind
    from saleor.product.models import ProductType

    created = ProductType.objects.bulk_create(
        [
            ProductType(
                name=f"Bench type {n:02d}",
                slug=f"bench-type-{n:02d}",
                kind=ProductTypeKind.NORMAL,
                has_variants=True,
                is_shipping_required=True,
                tax_class=tax_class,
            )
            for n in range(count)
        ]
    )
    return [product_type.pk for product_type in created]


def _description(text: str) -> dict:
    return {"time": 0, "blocks": [{"type": "paragraph", "data": {"text": text}}]}


def _products(dataset: Dataset, product_types: list[int], progress: Progress) -> None:
    from saleor.product.models import Product, ProductChannelListing

    size = dataset.size
    assert dataset.channel is not None
    with progress.task("products", size.products) as task:
        products = create_in_batches(
            Product,
            (
                Product(
                    name=f"Bench product {row:05d}",
                    slug=slugify(f"bench-product-{row:05d}"),
                    product_type_id=product_types[row % len(product_types)],
                    category_id=dataset.category_ids[dataset.product_categories[row]],
                    description=_description(f"Bench product {row} for B2B buyers."),
                    description_plaintext=f"Bench product {row} for B2B buyers.",
                    external_reference=f"BENCH-P{row:05d}",
                    search_index_dirty=False,
                )
                for row in range(size.products)
            ),
            task,
        )
    dataset.product_ids = [product.pk for product in products]
    yesterday = timezone.now() - datetime.timedelta(days=1)
    per_product = size.variants_per_product
    with progress.task("product channel listings", size.products) as task:
        create_in_batches(
            ProductChannelListing,
            (
                ProductChannelListing(
                    product_id=product_id,
                    channel=dataset.channel,
                    is_published=True,
                    published_at=yesterday,
                    visible_in_listings=True,
                    available_for_purchase_at=yesterday,
                    currency=CURRENCY,
                    discounted_price_amount=_cents(
                        min(
                            channel_price_cents(row * per_product + n)
                            for n in range(per_product)
                        )
                    ),
                )
                for row, product_id in enumerate(dataset.product_ids)
            ),
            task,
        )


def _variants(dataset: Dataset, warehouse, progress: Progress) -> None:
    from saleor.product.models import ProductVariant, ProductVariantChannelListing
    from saleor.warehouse.models import Stock

    size = dataset.size
    per_product = size.variants_per_product
    with progress.task("variants", size.variants) as task:
        variants = create_in_batches(
            ProductVariant,
            (
                ProductVariant(
                    product_id=product_id,
                    sku=variant_sku(row * per_product + n),
                    name=f"Pack of {10**n}",
                    external_reference=f"BENCH-V{row * per_product + n:07d}",
                    sort_order=n,
                    track_inventory=True,
                )
                for row, product_id in enumerate(dataset.product_ids)
                for n in range(per_product)
            ),
            task,
        )
    dataset.variants = [
        (variant.pk, channel_price_cents(row)) for row, variant in enumerate(variants)
    ]
    with progress.task("variant channel listings", size.variants) as task:
        create_in_batches(
            ProductVariantChannelListing,
            (
                ProductVariantChannelListing(
                    variant_id=variant_id,
                    channel=dataset.channel,
                    currency=CURRENCY,
                    price_amount=_cents(cents),
                    discounted_price_amount=_cents(cents),
                    cost_price_amount=_cents(cents * 6 // 10),
                )
                for variant_id, cents in dataset.variants
            ),
            task,
        )
    with progress.task("stock", size.variants) as task:
        create_in_batches(
            Stock,
            (
                Stock(
                    warehouse=warehouse,
                    product_variant_id=variant_id,
                    quantity=STOCK_QUANTITY,
                )
                for variant_id, _cents_price in dataset.variants
            ),
            task,
        )
    with connection.cursor() as cursor:
        # Each product's first variant is its default, as Saleor sets it.
        cursor.execute(
            """
            UPDATE product_product AS product SET default_variant_id = first.id
            FROM (
                SELECT DISTINCT ON (product_id) product_id, id
                FROM product_productvariant
                WHERE product_id = ANY(%s)
                ORDER BY product_id, sort_order, id
            ) AS first
            WHERE product.id = first.product_id
            """,
            [dataset.product_ids],
        )


def _collections(dataset: Dataset, progress: Progress) -> None:
    from saleor.product.models import (
        Collection,
        CollectionChannelListing,
        CollectionProduct,
    )

    count = collection_count(len(dataset.product_ids))
    created = Collection.objects.bulk_create(
        [
            Collection(
                name=f"Bench range {row:03d}",
                slug=f"bench-range-{row:03d}",
                description=_description(f"Bench range {row} across categories."),
            )
            for row in range(count)
        ]
    )
    dataset.collection_ids = [collection.pk for collection in created]
    yesterday = timezone.now() - datetime.timedelta(days=1)
    CollectionChannelListing.objects.bulk_create(
        [
            CollectionChannelListing(
                collection_id=pk,
                channel=dataset.channel,
                is_published=True,
                published_at=yesterday,
            )
            for pk in dataset.collection_ids
        ]
    )
    with progress.task("collection products", len(dataset.product_ids)) as task:
        create_in_batches(
            CollectionProduct,
            (
                CollectionProduct(
                    collection_id=dataset.collection_ids[collection_of(row, count)],
                    product_id=product_id,
                    sort_order=row // count,
                )
                for row, product_id in enumerate(dataset.product_ids)
            ),
            task,
        )


def _cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)
