"""Catalog visibility: rules, catalog modes and allowed channels on the groups.

``Size.catalog_rules`` rules in all (more only if the bench buyers' lineages need
more), written with the feature's own model in batches:

- the deep bench buyer's lineage (root first) hides part of the catalog as an
  account does: the account allows the bench channel and includes every other
  upper category (level 1 of the category tree) with its subcategories; the level
  below includes a collection; a group halfway down makes the catalog
  *restricted* (only what is included shows); the group above the buyer's
  excludes another collection; the buyer's own group excludes a product the rules
  above show and includes one of the excluded collection. So the deep buyer's
  listing pays for product, collection and category rules in a restricted catalog
  over six levels, and still fills its pages: it sees about half the catalog;
- the catalog bench buyer gets an account of its own (account, region, branch:
  the pricing step ran before, so no price list reaches it) with the mirror image
  of those rules: visibility alone;
- every other group but the shallow buyer's root (pricing alone) shares the rest:
  inclusions and exclusions of categories, collections and products; one group in
  thirty is restricted (its first rule includes a category), and every third other
  account allows the bench channel.

What each bench buyer sees is computed here from the rules' design (the
precedence of docs/admin/catalog-visibility.md), not with the feature's code,
and recorded in the counts: the benchmark checks that the server shows exactly
that, so that it measures the filtering the seed meant.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..groups import CustomerGroupRole
from ..groups.models import CustomerGroup
from ..visibility import CatalogMode, RuleEffect, RuleScope
from ..visibility.models import CatalogRule
from . import CATALOG_BUYER_EMAIL, Dataset
from .catalog import category_tree, collection_of
from .groups import add_members, create_group
from .progress import Progress
from .writes import create_in_batches

TITLE = "catalog visibility: rules, restricted catalogs, allowed channels"

#: One group in this many of the other groups is restricted.
RESTRICTED_EVERY = 30
#: One account in this many of the other accounts allows only the bench channel.
CHANNELS_EVERY = 3
#: The scopes of the other groups' rules, in turn.
MIX = [RuleScope.CATEGORY, RuleScope.COLLECTION, RuleScope.PRODUCT]


def pending() -> str | None:
    return None


@dataclass(frozen=True)
class LineagePlan:
    """The rules of a bench buyer's lineage, by row (categories, collections,
    products): where each goes is in the module docstring."""

    #: Included on the account, with their subcategories.
    categories: tuple[int, ...]
    included_collection: int
    excluded_collection: int
    #: Both on the buyer's own group.
    excluded_product: int
    included_product: int

    def shows(self, product: int, collection: int, categories: set[int]) -> bool:
        """Whether the buyer sees the product: a product rule decides first, then
        a collection rule, then a category rule; the catalog is restricted, so
        what no rule includes is hidden. ``categories``: the product's category
        with every category above it."""
        if product in (self.excluded_product, self.included_product):
            return product == self.included_product
        if collection in (self.excluded_collection, self.included_collection):
            return collection == self.included_collection
        return not categories.isdisjoint(self.categories)

    def rules(self, dataset: Dataset, lineage: Sequence[int]) -> list[CatalogRule]:
        """The rules on ``lineage`` (group ids, root first)."""
        account, buyer_group = lineage[0], lineage[-1]
        upper = lineage[min(1, len(lineage) - 1)]
        above_buyer = lineage[max(len(lineage) - 2, 0)]
        include, exclude = RuleEffect.INCLUDE, RuleEffect.EXCLUDE
        collections, products = dataset.collection_ids, dataset.product_ids
        placed = [
            *(
                (account, include, RuleScope.CATEGORY, dataset.category_ids[row])
                for row in self.categories
            ),
            (
                upper,
                include,
                RuleScope.COLLECTION,
                collections[self.included_collection],
            ),
            (
                above_buyer,
                exclude,
                RuleScope.COLLECTION,
                collections[self.excluded_collection],
            ),
            (buyer_group, exclude, RuleScope.PRODUCT, products[self.excluded_product]),
            (buyer_group, include, RuleScope.PRODUCT, products[self.included_product]),
        ]
        return [_rule(*rule) for rule in placed]


def restricted_group(lineage: Sequence[int]) -> int:
    """The group halfway down a bench buyer's lineage that restricts its catalog."""
    return lineage[len(lineage) // 2]


def _rule(group_id: int, effect: str, scope: str, target_id: int) -> CatalogRule:
    return CatalogRule(
        group_id=group_id, effect=effect, scope=scope, **{f"{scope}_id": target_id}
    )


def upper_categories(count: int) -> list[int]:
    """The category rows of level 1 of the tree (level 0 when it has one level)."""
    tree = category_tree(count)
    level = min(1, max(item[4] for item in tree))
    return [row for row, item in enumerate(tree) if item[4] == level]


def category_ancestors(count: int) -> list[set[int]]:
    """Each category row with every row above it."""
    parents = [item[0] for item in category_tree(count)]
    lines: list[set[int]] = []
    for row, parent in enumerate(parents):
        # Parents are on the level above, so they come first.
        lines.append({row} | (lines[parent] if parent is not None else set()))
    return lines


def buyer_plan(dataset: Dataset, mirrored: bool = False) -> LineagePlan:
    """The deep buyer's plan: every other upper category from the first,
    collection 1 in and 0 out, product 1 out and 0 in; ``mirrored``, the catalog
    buyer's: the other categories, collections and products."""
    first, other = (1, 0) if mirrored else (0, 1)
    upper = upper_categories(dataset.size.categories)
    return LineagePlan(
        categories=tuple(upper[first::2]),
        included_collection=other,
        excluded_collection=first,
        excluded_product=other,
        included_product=first,
    )


def visible_products(plan: LineagePlan, dataset: Dataset) -> int:
    """How many products the plan shows its buyer."""
    ancestors = category_ancestors(dataset.size.categories)
    collections = len(dataset.collection_ids)
    return sum(
        1
        for row, category in enumerate(dataset.product_categories)
        if plan.shows(row, collection_of(row, collections), ancestors[category])
    )


def seed(dataset: Dataset, progress: Progress) -> dict[str, int]:
    assert dataset.channel is not None, "the catalog step runs first"
    channel_ids = [dataset.channel.pk]
    deep_lineage = [level[0] for level in dataset.group_levels]
    catalog_lineage = _catalog_account(dataset, channel_ids)
    deep_plan, catalog_plan = buyer_plan(dataset), buyer_plan(dataset, mirrored=True)
    deep_rules = deep_plan.rules(dataset, deep_lineage)
    catalog_rules = catalog_plan.rules(dataset, catalog_lineage)
    CustomerGroup.objects.filter(pk=deep_lineage[0]).update(
        allowed_channels=channel_ids
    )
    others = [
        pk
        for pk in dataset.group_ids
        if pk not in {*deep_lineage, dataset.shallow_buyer_group_id}
    ]
    wanted = max(0, dataset.size.catalog_rules - len(deep_rules) - len(catalog_rules))
    restricted = [
        restricted_group(deep_lineage),
        restricted_group(catalog_lineage),
        *others[: min(len(others), wanted) : RESTRICTED_EVERY],
    ]
    CustomerGroup.objects.filter(pk__in=restricted).update(
        catalog_mode=CatalogMode.RESTRICTED
    )
    other_accounts = [
        pk
        for pk in dataset.group_levels[0]
        if pk not in {deep_lineage[0], dataset.shallow_buyer_group_id}
    ]
    CustomerGroup.objects.filter(pk__in=other_accounts[::CHANNELS_EVERY]).update(
        allowed_channels=channel_ids
    )
    total = len(deep_rules) + len(catalog_rules) + (wanted if others else 0)
    with progress.task("catalog rules", total) as task:
        written = create_in_batches(
            CatalogRule,
            _all_rules(deep_rules + catalog_rules, dataset, others, wanted),
            task,
        )
    return {
        "catalog_rules": len(written),
        "restricted_groups": len(restricted),
        "deep_buyer_catalog_rules": len(deep_rules),
        "deep_buyer_visible_products": visible_products(deep_plan, dataset),
        "catalog_buyer_groups": len(catalog_lineage),
        "catalog_buyer_catalog_rules": len(catalog_rules),
        "catalog_buyer_visible_products": visible_products(catalog_plan, dataset),
    }


def _catalog_account(dataset: Dataset, channel_ids: list[int]) -> list[int]:
    """The catalog buyer's account, region and branch (the buyer's group)."""
    account = create_group(
        "Bench catalog account", "bench-catalog-account", allowed_channels=channel_ids
    )
    region = create_group("Bench catalog region", "bench-catalog-region", account)
    branch = create_group("Bench catalog branch", "bench-catalog-branch", region)
    add_members(branch, [(dataset.users[CATALOG_BUYER_EMAIL], CustomerGroupRole.BUYER)])
    return [account.pk, region.pk, branch.pk]


def _all_rules(
    designed: list[CatalogRule], dataset: Dataset, others: list[int], wanted: int
) -> Iterator[CatalogRule]:
    yield from designed
    if others:
        yield from _other_rules(dataset, others, wanted)


def _other_rules(
    dataset: Dataset, others: list[int], wanted: int
) -> Iterator[CatalogRule]:
    """``wanted`` rules over ``others``, round robin; the ``n``-th is on
    ``MIX[n % 3]``, an inclusion or an exclusion by turns of three (so a
    restricted group's first rule, ``n`` a multiple of 30, includes a category)."""
    targets = {
        RuleScope.CATEGORY: dataset.category_ids,
        RuleScope.COLLECTION: dataset.collection_ids,
        RuleScope.PRODUCT: dataset.product_ids,
    }
    seen: set[tuple[int, str, int]] = set()
    written = 0
    # A group may run out of distinct targets (few collections): those rules are
    # skipped, and the bound keeps a tiny dataset from looping.
    for n in range(wanted * 3):
        if written == wanted:
            return
        group_id = others[n % len(others)]
        turn = n // len(others)
        scope = MIX[n % len(MIX)]
        ids = targets[scope]
        target = ids[(n * 7 + turn * 13) % len(ids)]
        if (group_id, scope, target) in seen:
            continue
        seen.add((group_id, scope, target))
        effect = RuleEffect.INCLUDE if (n // 3) % 2 == 0 else RuleEffect.EXCLUDE
        written += 1
        yield _rule(group_id, effect, scope, target)
