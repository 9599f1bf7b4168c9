"""``manage.py b2b_import KIND FILE``: the ERP's bulk upserts from a CSV or JSON file.

The same code as ``customerGroupBulkUpsert``, ``customerGroupMembershipBulkUpsert``
and ``priceListBulkUpsert`` (see ``saleor_b2b_groups.imports``), in batches, with a
progress bar on stderr and a summary; idempotent, so an interrupted import is
simply run again.
"""

import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from ... import imports
from ...webhooks.models import OutboxEvent

MAX_ERRORS_SHOWN = 50


class Progress:
    """``[#####.....] 4,000/10,000  40%  1,234/s`` on stderr: redrawn on a terminal,
    a line per batch otherwise (logs, CI)."""

    WIDTH = 30

    def __init__(self, total: int, unit: str, stream: OutputWrapper) -> None:
        self.total, self.unit, self.stream = max(total, 1), unit, stream
        self.started = time.monotonic()
        self.tty = stream.isatty()

    def __call__(self, done: int) -> None:
        share = min(done / self.total, 1.0)
        bar = "#" * int(share * self.WIDTH)
        rate = done / max(time.monotonic() - self.started, 1e-6)
        text = (
            f"[{bar:.<{self.WIDTH}}] {done:,}/{self.total:,} {self.unit} "
            f"{share:4.0%}  {rate:,.0f}/s"
        )
        self.stream.write(
            f"\r{text}" if self.tty else text, ending="" if self.tty else "\n"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Import customer groups, memberships or price lists from a CSV or JSON file "
        "(the bulk mutations' fields; see docs/erp/bulk-api.md), keyed by external "
        "reference: rows equal to what is stored change nothing. Exit code 1 when "
        "a row was refused."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=imports.KINDS, help="what the file holds")
        parser.add_argument("file", type=Path, help="a .csv or .json file")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="rows per transaction (price lists: entries, rules and groups), "
            f"at most {imports.MAX_ROWS}; default 1000",
        )
        parser.add_argument(
            "--error-policy",
            choices=("reject-failed-rows", "reject-everything"),
            default="reject-failed-rows",
            help="reject-failed-rows (default): write every good row, batch by "
            "batch; reject-everything: one transaction, nothing written if any row "
            "is refused",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, path = options["kind"], options["file"]
        try:
            rows = imports.read_file(path, kind)
        except imports.ImportFileError as e:
            raise CommandError(str(e)) from e
        unit = "entries" if kind == "price-lists" else "rows"
        progress = Progress(imports.units(kind, rows), unit, self.stderr)
        events_before = OutboxEvent.objects.count()
        started = time.monotonic()
        result = imports.run_import(
            kind,
            rows,
            batch_size=options["batch_size"],
            all_or_nothing=options["error_policy"] == "reject-everything",
            progress=progress,
        )
        progress.close()
        elapsed = time.monotonic() - started
        for failure in result.failures[:MAX_ERRORS_SHOWN]:
            self.stderr.write(
                f"row {failure.row}: {failure.path}: {failure.message} [{failure.code}]"
            )
        if len(result.failures) > MAX_ERRORS_SHOWN:
            self.stderr.write(
                f"... and {len(result.failures) - MAX_ERRORS_SHOWN} more errors."
            )
        refused = len({failure.row for failure in result.failures})
        events = OutboxEvent.objects.count() - events_before
        name = "price lists" if kind == "price-lists" else kind
        self.stdout.write(
            f"{path}: {result.ok:,} {name} stored as given (written or already "
            f"equal), {refused:,} rows refused, {events:,} events raised, "
            f"in {elapsed:.1f} s."
        )
        if result.failures:
            hint = (
                "nothing was written: fix the rows above and run again"
                if options["error_policy"] == "reject-everything"
                else "the other rows were written: fix the rows above and run the "
                "same file again (rows already stored change nothing)"
            )
            self.stderr.write(hint)
            sys.exit(1)
