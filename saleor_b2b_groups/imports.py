"""Reading ERP files (CSV or JSON) into the rows the bulk upserts take.

A JSON file is a list of objects exactly as the bulk mutations take them
(``CustomerGroupBulkInput``, ``CustomerGroupMembershipBulkInput``,
``PriceListBulkInput``, camelCase keys). A CSV file has one column per input
field, same names; a price list CSV has one line per fixed price, the list's
columns repeated (lines of one list are grouped by ``externalReference``; entry
columns: ``variantSku``, ``variantExternalReference``, ``minQuantity``, ``price``,
``entryExternalReference``). Values are converted as GraphQL converts them, then
handed to the same code as the mutations (``import_batch``), in batches.
"""

import csv
import json
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime
from saleor.plugins.manager import get_plugins_manager

from .groups import bulk as groups_bulk
from .pricing.bulk import MAX_ROWS
from .pricing.bulk.price_lists import upsert_price_lists
from .rows import read_membership_row, read_price_list_row

KINDS = ("groups", "memberships", "price-lists")

INTEGERS = {"paymentTermsDays", "minQuantity", "priority"}
BOOLEANS = {"isActive", "capAtChannelPrice"}
DECIMALS = {"price", "percentage"}
DATETIMES = {"validFrom", "validTo"}
#: Enum names (as in GraphQL) to stored values.
ENUMS = {"role", "scope"}
ENTRY_COLUMNS = {
    "variant",
    "variantSku",
    "variantExternalReference",
    "minQuantity",
    "price",
    "entryExternalReference",
}


class ImportFileError(ValueError):
    """The file cannot be read; the message says where and what to do."""


@dataclass
class RowFailure:
    #: 1-based: the line in a CSV file (after the header), the item in a JSON list.
    row: int
    path: str
    message: str
    code: str


@dataclass
class BatchResult:
    ok: int = 0
    failures: list[RowFailure] = field(default_factory=list)


def snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def convert(key: str, value: Any, where: str) -> Any:
    """One value as GraphQL would have converted it."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    try:
        if key in INTEGERS:
            return int(value)
        if key in BOOLEANS:
            if isinstance(value, bool):
                return value
            lowered = str(value).strip().lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return lowered in ("true", "1", "yes")
        if key in DECIMALS:
            return Decimal(str(value).strip())
        if key in DATETIMES:
            parsed = parse_datetime(str(value).strip())
            if parsed is None:
                raise ValueError(value)
            return parsed
        if key in ENUMS:
            return str(value).strip().lower()
    except (ValueError, InvalidOperation) as e:
        raise ImportFileError(
            f"{where}: {key} cannot be {value!r}: fix the value in the file."
        ) from e
    return value.strip() if isinstance(value, str) else value


def to_input(data: dict, where: str) -> dict:
    """camelCase keys and file values to what a mutation's resolver receives."""
    converted: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            converted[snake(key)] = [
                to_input(item, f"{where}, {key}[{i}]") for i, item in enumerate(value)
            ]
        elif (found := convert(key, value, where)) is not None:
            converted[snake(key)] = found  # an empty cell is an omitted field
    return converted


def read_file(path: Path, kind: str) -> list[dict]:
    """The file's rows as mutation inputs (snake_case, converted)."""
    if not path.exists():
        raise ImportFileError(f"{path}: no such file.")
    if path.suffix.lower() == ".json":
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise ImportFileError(f"{path}: not valid JSON ({e}).") from e
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ImportFileError(f"{path}: expected a JSON list of objects.")
        return [
            {**to_input(item, f"item {n}"), "_row": n}
            for n, item in enumerate(items, 1)
        ]
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            lines = list(csv.DictReader(handle))
        if kind == "price-lists":
            return _price_lists_from_csv(lines)
        return [
            {**to_input(line, f"line {n}"), "_row": n}
            for n, line in enumerate(lines, 2)
        ]
    raise ImportFileError(f"{path}: give a .csv or a .json file.")


def _price_lists_from_csv(lines: list[dict]) -> list[dict]:
    lists: dict[str, dict] = {}
    for n, line in enumerate(lines, 2):
        where = f"line {n}"
        own = {k: v for k, v in line.items() if k not in ENTRY_COLUMNS}
        entry = {
            ("externalReference" if k == "entryExternalReference" else k): v
            for k, v in line.items()
            if k in ENTRY_COLUMNS
        }
        reference = (own.get("externalReference") or "").strip()
        price_list = lists.setdefault(
            reference,
            {**to_input(own, where), "entries": [], "_lines": [], "_row": n},
        )
        if any((v or "").strip() for v in entry.values()):
            price_list["entries"].append(to_input(entry, where))
            price_list["_lines"].append(n)
    return list(lists.values())


def parents_first(rows: list[dict]) -> list[dict]:
    """Groups ordered so that a parent in the file comes before its children, so
    that batches never name a parent a later batch creates."""
    by_reference = {r.get("external_reference"): r for r in rows}
    ordered: list[dict] = []
    placed: set[int] = set()

    def place(row: dict, seen: frozenset = frozenset()) -> None:
        if id(row) in placed or id(row) in seen:
            return  # placed, or a cycle (the upsert reports it)
        parent = by_reference.get(row.get("parent_external_reference"))
        if parent is not None:
            place(parent, seen | {id(row)})
        placed.add(id(row))
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def batches(kind: str, rows: list[dict], size: int) -> Iterator[list[dict]]:
    """Rows in batches of at most ``size`` rows; a price list counts its entries,
    rules and groups, and a list larger than a batch is split over several."""
    size = max(1, min(size, MAX_ROWS))
    if kind != "price-lists":
        for start in range(0, len(rows), size):
            yield rows[start : start + size]
        return
    batch: list[dict] = []
    weight = 0
    for row in rows:
        for part in _split_list(row, size):
            part_weight = max(1, _weight(part))
            if batch and weight + part_weight > size:
                yield batch
                batch, weight = [], 0
            batch.append(part)
            weight += part_weight
    if batch:
        yield batch


def _weight(row: dict) -> int:
    return sum(len(row.get(key) or []) for key in ("entries", "rules", "groups"))


def _split_list(row: dict, size: int) -> Iterator[dict]:
    entries, rules = row.get("entries") or [], row.get("rules") or []
    lines = row.get("_lines") or []
    if len(entries) + len(rules) + len(row.get("groups") or []) <= size:
        yield row
        return
    for start in range(0, len(entries), size):
        yield {
            **row,
            "entries": entries[start : start + size],
            "_lines": lines[start : start + size],
            "rules": [],
            "groups": row.get("groups") if start == 0 else [],
        }
    for start in range(0, len(rules), size):
        yield {**row, "entries": [], "_lines": [], "rules": rules[start : start + size]}


def units(kind: str, rows: list[dict]) -> int:
    """What progress counts: rows; for price lists, their entries, rules, groups."""
    if kind != "price-lists":
        return len(rows)
    return sum(max(1, _weight(row)) for row in rows)


def import_batch(kind: str, rows: list[dict], all_or_nothing: bool) -> BatchResult:
    """Write one batch through the bulk mutations' code; its failures by file row."""
    if kind == "groups":
        results, errors = groups_bulk.upsert_groups(rows, all_or_nothing=all_or_nothing)
        return _result(rows, results, errors)
    if kind == "memberships":
        memberships = groups_bulk.upsert_memberships(
            [read_membership_row(row) for row in rows],
            all_or_nothing=all_or_nothing,
            manager=get_plugins_manager(allow_replica=False),
        )
        return _result(rows, memberships.rows, memberships.errors)
    lists = upsert_price_lists(
        [read_price_list_row(row) for row in rows], all_or_nothing=all_or_nothing
    )
    result = BatchResult()
    for row, outcome in zip(rows, lists.rows, strict=True):
        paths = outcome.error_paths()
        result.ok += bool(outcome.price_list and not paths)
        for path, error in paths:
            result.failures.append(
                RowFailure(
                    _price_list_line(row, path),
                    path,
                    error.message,
                    error.code.name,
                )
            )
    return result


def _price_list_line(row: dict, path: str) -> int:
    """The CSV line of an entry's error; else the list's own row."""
    lines = row.get("_lines") or []
    parts = path.split(".")
    if lines and parts[0] == "entries" and parts[1].isdigit():
        return lines[int(parts[1])]
    return row["_row"]


def _result(rows: list[dict], results: list, errors: dict[int, list[dict]]):
    result = BatchResult(ok=sum(1 for r in results if r is not None))
    for index in sorted(errors):
        for error in errors[index]:
            result.failures.append(
                RowFailure(
                    rows[index]["_row"],
                    error["path"],
                    error["message"],
                    error["code"].upper(),
                )
            )
    return result


def run_import(
    kind: str,
    rows: list[dict],
    *,
    batch_size: int,
    all_or_nothing: bool,
    progress: Callable[[int], None],
) -> BatchResult:
    """Every batch, each in its transaction (its events delivered as it commits);
    ``all_or_nothing``: all in one transaction, rolled back on any error."""
    total = BatchResult()
    if kind == "groups":
        rows = parents_first(rows)
    done = 0
    with transaction.atomic() if all_or_nothing else nullcontext():
        for batch in batches(kind, rows, batch_size):
            result = import_batch(kind, batch, all_or_nothing)
            total.ok += result.ok
            total.failures += result.failures
            done += units(kind, batch)
            progress(done)
        if all_or_nothing and total.failures:
            transaction.set_rollback(True)
            total.ok = 0
    total.failures.sort(key=lambda failure: failure.row)
    return total
