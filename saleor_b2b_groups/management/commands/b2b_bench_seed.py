"""``manage.py b2b_bench_seed``: build the benchmark's B2B dataset (``benchdata``).

Into an empty, migrated Saleor database (``DATABASE_URL``); ``bench/run`` makes one
and calls this for you. Defaults are the issue's scale (about 10,000 products and
500,000 fixed prices); ``--small`` seeds in seconds; any size can be set.
"""

import sys
import time
from argparse import ArgumentParser
from dataclasses import fields, replace
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ... import benchdata
from ...benchdata.progress import Progress


class Command(BaseCommand):
    help = (
        "Build the benchmark's B2B dataset in an empty, migrated Saleor database: "
        "catalog, customers, a group hierarchy, price lists (and the data of later "
        "features). All or nothing; prints a progress bar and a summary. "
        "--small for a quick dataset; every size can be set."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--small",
            action="store_true",
            help="start from the small preset (seconds to seed) instead of the default",
        )
        for item in fields(benchdata.Size):
            option = "--" + item.name.replace("_", "-")
            parser.add_argument(
                option,
                type=int,
                dest=item.name,
                default=None,
                help=f"default {getattr(benchdata.DEFAULT, item.name):,} "
                f"(--small: {getattr(benchdata.SMALL, item.name):,})",
            )
        parser.add_argument(
            "--print-key",
            action="store_true",
            help="print the key of the dataset these options describe, and exit",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size = size_from_options(options)
        if options["print_key"]:
            self.stdout.write(size.key())
            return
        try:
            size.check()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Seeding the bench dataset {size.key()}: {describe(size)}")
        started = time.monotonic()
        try:
            # The raw stream: Django's wrapper ends every write with a newline.
            stream = getattr(self.stderr, "_out", sys.stderr)
            results = benchdata.seed(size, Progress(stream))
        except benchdata.DatabaseNotEmpty as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                f"The database refused the dataset ({error}). Is it migrated? "
                "python -m django migrate"
            ) from error
        self.stdout.write("")
        for result in results:
            if result.pending:
                line = f"  {result.title}: not seeded ({result.pending})"
            else:
                counts = ", ".join(f"{k} {v:,}" for k, v in result.counts.items())
                line = f"  {result.title}: {counts} ({result.seconds:.1f} s)"
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Bench dataset {size.key()} seeded in "
                f"{time.monotonic() - started:.0f} s."
            )
        )


def size_from_options(options: dict[str, Any]) -> benchdata.Size:
    base = benchdata.SMALL if options.get("small") else benchdata.DEFAULT
    chosen = {
        item.name: options[item.name]
        for item in fields(benchdata.Size)
        if options.get(item.name) is not None
    }
    return replace(base, **chosen)


def describe(size: benchdata.Size) -> str:
    return (
        f"{size.products:,} products ({size.variants:,} variants) in "
        f"{size.categories:,} categories, {size.customers:,} customers, "
        f"{size.groups:,} groups {size.depth} deep, {size.price_lists:,} price lists "
        f"with {size.entries:,} fixed prices and tiers"
    )
