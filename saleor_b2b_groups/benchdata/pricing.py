"""Price lists: fixed prices with quantity tiers, percentage rules, assignments.

Every list is in the bench channel. List ``i`` prices a run of consecutive variants
starting at row ``i * (variants / lists)``, so lists overlap as contracts do: a
variant is usually in more than one list. Each priced variant has a tier from 1
unit, every fourth one from 10 and every eighth from 50; a list with more entries
than variants adds higher tiers. Fixed prices are 5-24 % under the channel price,
tiers lower still. Rules: one on everything, then alternately on a category and on
a product. One list in five caps at the channel price, one in ten has a validity
window (open now).

Assignments: the deep bench buyer's lineage (its group and every ancestor) gets two
lists per level, so the resolver weighs many candidates for that buyer; the shallow
bench buyer's root group gets exactly one; every other list goes to another group.
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal

from django.utils import timezone

from ..pricing import DiscountScope
from ..pricing.models import (
    CustomerGroupPriceList,
    PriceList,
    PriceListEntry,
    PriceListRule,
)
from . import Dataset
from .progress import Progress
from .writes import copy_rows, create_in_batches

TITLE = "price lists, fixed prices and tiers, rules, assignments"


def pending() -> str | None:
    return None


def deep_buyer_list_count(dataset: Dataset) -> int:
    return min(2 * dataset.size.depth, dataset.size.price_lists - 1)


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    size = dataset.size
    price_lists = _price_lists(dataset)
    assignments = _assignments(dataset, price_lists)
    with progress.task("fixed prices and tiers", size.entries) as task:
        entries = copy_rows(
            PriceListEntry,
            ["price_list_id", "variant_id", "min_quantity", "price_amount"],
            _entry_rows(dataset, [price_list.pk for price_list in price_lists]),
            task,
        )
    rules = _rules(dataset, price_lists, progress)
    # Not announced through ``pricing.changes``: a fresh benchmark database has no
    # ERP endpoint, and 500,000 entries would make 500 events nobody reads.
    return {
        "price_lists": len(price_lists),
        "price_list_assignments": assignments,
        "price_list_entries": entries,
        "price_list_rules": rules,
        "deep_buyer_price_lists": deep_buyer_list_count(dataset),
        "shallow_buyer_price_lists": 1,
    }


def _price_lists(dataset: Dataset) -> list[PriceList]:
    assert dataset.channel is not None
    now = timezone.now()
    return PriceList.objects.bulk_create(
        [
            PriceList(
                name=f"Bench contract {row:03d}",
                slug=f"bench-contract-{row:03d}",
                external_reference=f"BENCH-PL-{row:03d}",
                channel=dataset.channel,
                currency=dataset.channel.currency_code,
                cap_at_channel_price=row % 5 == 4,
                valid_from=now - datetime.timedelta(days=30) if row % 10 == 9 else None,
                valid_to=now + datetime.timedelta(days=365) if row % 10 == 9 else None,
            )
            for row in range(dataset.size.price_lists)
        ]
    )


def _assignments(dataset: Dataset, price_lists: list[PriceList]) -> int:
    lineage = [level[0] for level in dataset.group_levels]  # root first
    shallow = dataset.shallow_buyer_group_id
    assert shallow is not None, "the groups step runs first"
    deep_lists = deep_buyer_list_count(dataset)
    others = [pk for pk in dataset.group_ids if pk not in {*lineage, shallow}]
    rows = []
    for row, price_list in enumerate(price_lists):
        if row < deep_lists:
            group_id, priority = lineage[row % len(lineage)], row
        elif row == deep_lists:
            group_id, priority = shallow, 0
        elif others:
            group_id, priority = others[(row * 37) % len(others)], row % 3
        else:
            continue
        rows.append(
            CustomerGroupPriceList(
                price_list=price_list, group_id=group_id, priority=priority
            )
        )
    CustomerGroupPriceList.objects.bulk_create(rows)
    return len(rows)


def _entry_rows(dataset: Dataset, list_ids: list[int]) -> Iterator[tuple]:
    variants = dataset.variants
    count = len(variants)
    stride = max(1, count // len(list_ids))
    per_list, extra = divmod(dataset.size.entries, len(list_ids))
    for row, list_id in enumerate(list_ids):
        wanted = per_list + (1 if row < extra else 0)
        start = row * stride
        written = 0
        position = 0
        while written < wanted:
            round_, offset = divmod(position, count)
            variant_id, cents = variants[(start + offset) % count]
            for min_quantity, percent in _tiers(row, offset, round_):
                yield (list_id, variant_id, min_quantity, _price(cents, percent))
                written += 1
                if written == wanted:
                    break
            position += 1


def _tiers(list_row: int, offset: int, round_: int) -> list[tuple[int, int]]:
    """(minimum quantity, percent of the channel price) of one variant's tiers."""
    if round_:  # more entries than variants: one higher tier per extra round
        return [(100 * round_, 70)]
    base = 95 - (list_row + offset) % 20
    tiers = [(1, base)]
    if offset % 4 == 0:
        tiers.append((10, base - 5))
    if offset % 8 == 0:
        tiers.append((50, base - 10))
    return tiers


def _price(cents: int, percent: int) -> str:
    value = cents * percent // 100
    return f"{value // 100}.{value % 100:02d}"


def _rules(dataset: Dataset, price_lists: list[PriceList], progress: Progress) -> int:
    size = dataset.size
    categories, products = dataset.category_ids, dataset.product_ids

    def rules() -> Iterator[PriceListRule]:
        for row, price_list in enumerate(price_lists):
            seen: set[tuple[str, int]] = set()
            for n in range(size.rules_per_list):
                percentage = Decimal(5 + (row + n) % 26)
                if n == 0:
                    yield PriceListRule(
                        price_list=price_list,
                        scope=DiscountScope.ALL,
                        percentage=Decimal(2 + row % 5),
                    )
                    continue
                if n % 2:
                    target = (
                        DiscountScope.CATEGORY,
                        categories[(row * 7 + n) % len(categories)],
                    )
                else:
                    target = (
                        DiscountScope.PRODUCT,
                        products[(row * 13 + n) % len(products)],
                    )
                if target in seen:
                    continue
                seen.add(target)
                scope, target_id = target
                yield PriceListRule(
                    price_list=price_list,
                    scope=scope,
                    percentage=percentage,
                    **{f"{scope}_id": target_id},
                )

    with progress.task(
        "percentage rules", size.price_lists * size.rules_per_list
    ) as task:
        return len(create_in_batches(PriceListRule, rules(), task))
