"""Set-based writes for the seeding steps: large batches, never a row at a time."""

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Model

from .progress import Task

#: Rows per INSERT of ``bulk_create``: large enough to amortise round trips, small
#: enough to keep a statement's parameters well under PostgreSQL's limit.
BATCH_SIZE = 2_000


def create_in_batches[M: Model](
    model: type[M], objects: Iterable[M], task: Task, batch_size: int = BATCH_SIZE
) -> list[M]:
    """``bulk_create`` in batches, advancing ``task``; returns the rows with pks."""
    created: list[M] = []
    iterator = iter(objects)
    while batch := list(islice(iterator, batch_size)):
        created.extend(model._default_manager.bulk_create(batch))
        task.advance(len(batch))
    return created


def copy_rows(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    task: Task,
    report_every: int = 10_000,
) -> int:
    """Write ``rows`` (values in ``columns`` order) with PostgreSQL's ``COPY``.

    For the largest tables, whose rows are plain values: the database fills
    nothing in, so ``rows`` must hold every column without a database default.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    written = 0
    sql = f"COPY {table} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
            if written % report_every == 0:
                task.advance(report_every)
    task.advance(written % report_every)
    return written
