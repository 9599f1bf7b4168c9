"""``manage.py b2b_demo``: load the B2B demo, check it, or list its logins.

``scripts/demo`` runs the same code in its own process; this command is for a
Saleor that runs elsewhere (``DATABASE_URL``), for scripts, and for checking.
"""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ... import PLUGIN_ID, demo


class Command(BaseCommand):
    help = (
        "Load the B2B demo (idempotent) and activate the plugin. Run Saleor's "
        "`populatedb --createsuperuser` first. --check: exit 0 only when the whole "
        "demo is loaded (1: something is missing, 2: the database is not ready). "
        "--logins: print the demo logins, one per line: email, password, who."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        modes = parser.add_mutually_exclusive_group()
        modes.add_argument(
            "--check", action="store_true", help="report what is loaded; load nothing"
        )
        modes.add_argument(
            "--logins",
            action="store_true",
            help="print the demo logins, tab-separated: email, password, who",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            for email, password, description in demo.logins():
                self.stdout.write(f"{email}\t{password}\t{description}")
        elif options["check"]:
            self._check()
        else:
            self._load()

    def _check(self) -> None:
        try:
            parts = demo.status()
        except DatabaseError as error:
            self.stderr.write(
                f"The database is not ready ({error}).\n"
                "Migrate it first: python -m django migrate"
            )
            raise SystemExit(2) from error
        for name, loaded in parts:
            mark = (
                self.style.SUCCESS("loaded ") if loaded else self.style.ERROR("missing")
            )
            self.stdout.write(f"{mark} {name}")
        if not all(loaded for _, loaded in parts):
            self.stderr.write(
                "The demo is not fully loaded: run `populatedb --createsuperuser "
                "--withoutimages` if the catalog is missing, then `b2b_demo`."
            )
            raise SystemExit(1)

    def _load(self) -> None:
        try:
            catalog_loaded = demo.catalog_loaded()
        except DatabaseError as error:
            raise CommandError(
                f"The database is not ready ({error}).\n"
                "Migrate it first: python -m django migrate"
            ) from error
        if not catalog_loaded:
            raise CommandError(
                "Saleor's demo catalog is missing: run `python -m django populatedb "
                "--createsuperuser --withoutimages` first (or scripts/demo)."
            )
        started = time.monotonic()
        demo.load(log=lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"B2B demo loaded in {time.monotonic() - started:.1f} s; "
                f"plugin {PLUGIN_ID} active."
            )
        )
