"""``manage.py b2b_segments_recompute``: recompute every segment (or some) now.

The full recompute the periodic task does, for an operator: after an import, a
change of rules in bulk, or to measure it. One transaction per group; prints a
progress bar and, per group, who joined and left.
"""

from argparse import ArgumentParser
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand
from saleor.plugins.manager import get_plugins_manager

from ...benchdata.progress import Progress
from ...segments import services
from ...segments.models import CustomerGroupSegment


class Command(BaseCommand):
    help = (
        "Recompute the members of every group with membership rules (or of the "
        "groups given by slug), one transaction per group, with a progress bar."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slugs", nargs="*", help="only these groups (slugs)")

    def handle(self, *args: Any, **options: Any) -> None:
        segments = CustomerGroupSegment.objects.select_related("group").order_by(
            "group__slug"
        )
        if options["slugs"]:
            segments = segments.filter(group__slug__in=options["slugs"])
        segments_list = list(segments)
        manager = get_plugins_manager(allow_replica=False)
        progress = Progress(stream=cast(TextIO, self.stdout._out))  # unwrapped: redraws
        added = removed = 0
        with progress.task("segments", len(segments_list)) as task:
            for segment in segments_list:
                result = services.recompute_group(segment, manager)
                added, removed = (
                    added + len(result.added),
                    removed + len(result.removed),
                )
                task.advance()
        for segment in segments_list:
            self.stdout.write(
                f"{segment.group.slug}: {segment.last_matched_count} matched "
                f"in {segment.last_duration_ms} ms"
            )
        self.stdout.write(f"{added} joined, {removed} left.")
