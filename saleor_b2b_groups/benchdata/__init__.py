"""A B2B dataset at scale, for the benchmark suite (``bench/run``).

``python -m django b2b_bench_seed`` builds it in an empty, migrated Saleor database:
a catalog Saleor serves as it serves any other (a channel in USD with flat-rate
taxes, published products whose variants are priced and in stock in a warehouse
that ships to the channel's country), customers with addresses, a hierarchy of
customer groups, price lists with fixed prices, quantity tiers and percentage
rules, and each later feature's data (catalog rules, approval policies).

The dataset is the same for the same ``Size``: every value is computed from row
numbers, nothing is random. Writes are set-based (``bulk_create`` in large
batches, ``COPY`` for the largest tables), in one transaction, so a failed seed
leaves nothing behind.

Each part of the dataset is a *step*, a module listed in ``STEPS``, in the manner
of the demo's loaders: a feature adds its step module (and ``bench/`` a scenario)
and nothing else changes. A step module provides:

- ``TITLE``: what it seeds, for the summary;
- ``pending() -> str | None``: why the step cannot seed in this installation (its
  feature is not installed), or None;
- ``seed(dataset: Dataset, progress: Progress) -> dict[str, int]``: writes its
  rows, records what later steps and the benchmark need on ``dataset``, and returns
  its counts.

Who is who in the dataset (password ``PASSWORD`` for all): ``ADMIN_EMAIL``, a staff
superuser; ``DEEP_BUYER_EMAIL``, a buyer in a group at the bottom of the hierarchy
with price lists assigned on every level above it, catalog rules that hide part of
the catalog and an approval policy its checkouts pass; ``SHALLOW_BUYER_EMAIL``, a
buyer in a root group with one price list and no catalog rules. The benchmark
compares the two to show that a request's SQL does not grow with depth or the
number of price lists. ``CATALOG_BUYER_EMAIL`` is in an account of its own with
catalog rules and no price list (visibility alone); ``APPROVAL_BUYER_EMAIL`` and
``APPROVER_EMAIL`` are a buyer and an approver of a branch whose checkouts need
approval (the approval round trip).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field, fields
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from .progress import Progress

if TYPE_CHECKING:
    from saleor.channel.models import Channel

#: The deep bench buyer's catalog rules show it at least one collection of three
#: (a third of a small catalog), and its checkout buys 20 products.
MIN_PRODUCTS = 60

#: Part of every dataset key (with the size and the seeding code's digest).
SEED_VERSION = 1

#: The channel the dataset lives in; its private metadata records the seed.
CHANNEL_SLUG = "bench-usd"
MARKER_KEY = "b2b-bench-seed"

ADMIN_EMAIL = "bench-admin@example.com"
DEEP_BUYER_EMAIL = "bench-buyer-deep@example.com"
SHALLOW_BUYER_EMAIL = "bench-buyer-shallow@example.com"
CATALOG_BUYER_EMAIL = "bench-buyer-catalog@example.com"
APPROVAL_BUYER_EMAIL = "bench-buyer-approvals@example.com"
APPROVER_EMAIL = "bench-approver@example.com"
#: Every bench user's password: the dataset is for throwaway bench databases.
PASSWORD = "bench-password"

#: Step modules, in seeding order (a later step may use what an earlier recorded).
STEPS: list[str] = [
    "saleor_b2b_groups.benchdata.catalog",
    "saleor_b2b_groups.benchdata.customers",
    "saleor_b2b_groups.benchdata.groups",
    "saleor_b2b_groups.benchdata.pricing",
    "saleor_b2b_groups.benchdata.visibility",
    "saleor_b2b_groups.benchdata.approvals",
]


@dataclass(frozen=True)
class Size:
    """How big the dataset is. The defaults are the issue's B2B scale."""

    products: int = 10_000
    variants_per_product: int = 3
    categories: int = 500
    customers: int = 20_000
    groups: int = 2_000
    #: Levels of the group hierarchy: a root is level 1.
    depth: int = 6
    price_lists: int = 200
    #: Fixed prices and quantity tiers, over all price lists.
    entries: int = 500_000
    #: Percentage rules per price list (one on everything, then categories and
    #: products).
    rules_per_list: int = 10
    #: Catalog visibility rules, over all groups (at least those the bench buyers'
    #: lineages need).
    catalog_rules: int = 2_000

    @property
    def variants(self) -> int:
        return self.products * self.variants_per_product

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def key(self) -> str:
        """Names a database holding exactly this dataset: this size, seeded by this
        code (any change to a step module gives a new key, so a bench database is
        never reused with data an older seeder wrote)."""
        text = json.dumps([SEED_VERSION, self.as_dict(), source_digest()])
        return hashlib.sha256(text.encode()).hexdigest()[:10]

    def check(self) -> None:
        """Refuse sizes the dataset cannot be built from, saying why."""
        problems = []
        if self.products < MIN_PRODUCTS:
            problems.append(
                f"--products must be at least {MIN_PRODUCTS} (the deep bench buyer "
                "may see only a third of them, and its checkout has 20 lines)"
            )
        if self.variants_per_product < 1:
            problems.append("--variants-per-product must be at least 1")
        if self.categories < 1:
            problems.append("--categories must be at least 1")
        if self.depth < 1:
            problems.append("--depth must be at least 1")
        if self.groups < self.depth + 1:
            problems.append(
                "--groups must be at least --depth + 1 (a full-depth branch and a "
                "second account)"
            )
        if self.price_lists < 2:
            problems.append("--price-lists must be at least 2")
        if self.entries < self.price_lists:
            problems.append("--entries must be at least --price-lists")
        for item in fields(self):
            if getattr(self, item.name) < 0:
                problems.append(f"--{item.name.replace('_', '-')} cannot be negative")
        if problems:
            raise ValueError("; ".join(problems))


def source_digest() -> str:
    """A digest of the seeding code that makes a dataset (the progress bar aside)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name == "progress.py":
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


#: The issue's scale: about 10,000 products (30,000 variants), 500 categories, ...
DEFAULT = Size()
#: A dataset that seeds in seconds, for quick runs and trying things out.
SMALL = Size(
    products=300,
    variants_per_product=3,
    categories=30,
    customers=300,
    groups=60,
    depth=6,
    price_lists=20,
    entries=6_000,
    rules_per_list=6,
    catalog_rules=60,
)


@dataclass
class Dataset:
    """What the steps seeded so far, for the steps after them."""

    size: Size
    channel: Channel | None = None
    #: Ids in creation order; the row number is each row's identity.
    category_ids: list[int] = field(default_factory=list)
    collection_ids: list[int] = field(default_factory=list)
    product_ids: list[int] = field(default_factory=list)
    #: The category row of each product row.
    product_categories: list[int] = field(default_factory=list)
    #: (variant id, channel price in cents), in creation order.
    variants: list[tuple[int, int]] = field(default_factory=list)
    customer_ids: list[int] = field(default_factory=list)
    #: Group ids per level, root level first.
    group_levels: list[list[int]] = field(default_factory=list)
    #: The groups the bench buyers belong to.
    deep_buyer_group_id: int | None = None
    shallow_buyer_group_id: int | None = None
    #: User ids by email, for the named bench users.
    users: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def group_ids(self) -> list[int]:
        return [pk for level in self.group_levels for pk in level]


class Step(Protocol):
    TITLE: str

    def pending(self) -> str | None: ...

    def seed(self, dataset: Dataset, progress: Progress) -> dict[str, int]: ...


@dataclass
class StepResult:
    name: str
    title: str
    #: None: seeded; otherwise why not.
    pending: str | None
    counts: dict[str, int]
    seconds: float


class DatabaseNotEmpty(Exception):
    """The database already holds a catalog: the dataset needs an empty one."""


def steps() -> list[tuple[str, Step]]:
    """The step modules, imported, as (short name, module)."""
    return [
        (path.rsplit(".", 1)[-1], cast(Step, import_module(path))) for path in STEPS
    ]


def variant_sku(row: int) -> str:
    """The SKU of the ``row``-th variant (from 0): ERP-style keys for bulk upserts."""
    return f"BENCH-{row:07d}"


def feature_pending(module: str) -> str:
    """Why the step of a feature still being built does not seed: for its
    ``pending()`` until the step is written."""
    if find_spec(module) is None:
        return "feature not installed"
    return "feature installed, but its bench seeding step is not written yet"


def check_empty() -> None:
    from saleor.channel.models import Channel
    from saleor.product.models import Product

    if Channel.objects.filter(slug=CHANNEL_SLUG).exists():
        raise DatabaseNotEmpty(
            f"This database already holds a bench dataset (channel '{CHANNEL_SLUG}'): "
            "seed a new database, or let bench/run reuse this one."
        )
    if Product.objects.exists():
        raise DatabaseNotEmpty(
            "This database already holds products: the bench dataset goes into a new, "
            "migrated Saleor database (bench/run makes one from the test template)."
        )


def seed(size: Size, progress: Progress) -> list[StepResult]:
    """Build the whole dataset, all or nothing; record it on the bench channel."""
    from django.db import connection, transaction

    size.check()
    started = time.monotonic()
    results = []
    with transaction.atomic():
        check_empty()
        dataset = Dataset(size)
        for name, step in steps():
            reason = step.pending()
            step_started = time.monotonic()
            if reason is None:
                counts = step.seed(dataset, progress)
                dataset.counts.update(counts)
            else:
                counts = {}
                progress.note(f"{step.TITLE}: not seeded: {reason}")
            results.append(
                StepResult(
                    name, step.TITLE, reason, counts, time.monotonic() - step_started
                )
            )
        _record(dataset, results, time.monotonic() - started)
    with connection.cursor() as cursor, progress.task("statistics (ANALYZE)", 1):
        cursor.execute("ANALYZE")
    return results


def _record(dataset: Dataset, results: list[StepResult], seconds: float) -> None:
    channel = dataset.channel
    if channel is None:
        raise RuntimeError("The catalog step must create the bench channel.")
    channel.store_value_in_private_metadata(
        {MARKER_KEY: marker(dataset, results, seconds)}
    )
    channel.save(update_fields=["private_metadata"])


def marker(
    dataset: Dataset, results: list[StepResult], seconds: float
) -> dict[str, Any]:
    """What ``bench/run`` reads to decide whether a database can be reused."""
    return {
        "version": SEED_VERSION,
        "size": dataset.size.as_dict(),
        "key": dataset.size.key(),
        "steps": {r.name: r.pending or "seeded" for r in results},
        "counts": dataset.counts,
        "seconds": round(seconds, 1),
    }


def read_marker() -> dict[str, Any] | None:
    """The recorded seed of this database, or None."""
    from saleor.channel.models import Channel

    channel = Channel.objects.filter(slug=CHANNEL_SLUG).first()
    if channel is None:
        return None
    return channel.get_value_from_private_metadata(MARKER_KEY)
