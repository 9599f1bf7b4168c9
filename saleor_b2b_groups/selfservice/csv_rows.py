"""Quick order rows from an uploaded CSV file.

The file is UTF-8 (a byte-order mark is allowed), comma or semicolon separated,
two columns: SKU, quantity. A first line reading ``sku,quantity`` (any case) is a
header and skipped. Row numbers are the file's line numbers, so a buyer finds the
row in their spreadsheet. A blank line in the middle is a row refused with
``REQUIRED``; trailing blank lines are ignored. A quantity that is not a whole
number is ``INVALID_QUANTITY``. The whole file is refused (``INVALID``,
``TOO_MANY``, ``REQUIRED``) when it is not UTF-8 text, has a line with other than
two columns, is larger than ``MAX_CSV_BYTES``, has more than ``MAX_ROWS`` rows, or
has none.
"""

import csv
import io

from . import MAX_CSV_BYTES, MAX_ROWS
from .error_codes import SelfServiceErrorCode as Code
from .rows import Row, RowResult


class CsvError(Exception):
    def __init__(self, code: Code, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def read_upload(upload) -> bytes:
    data = upload.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise CsvError(Code.TOO_MANY, f"The file is larger than {MAX_CSV_BYTES} bytes.")
    return data


def _quantity(text: str) -> object:
    text = text.strip()
    if text.isdigit() and len(text) < 10:
        return int(text)
    return text


def parse_csv(data: bytes) -> tuple[list[Row], list[RowResult]]:
    """Rows to check, and rows already refused (blank lines)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CsvError(Code.INVALID, "The file is not UTF-8 text.") from e
    if "\x00" in text:
        raise CsvError(Code.INVALID, "The file is not text.")
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise CsvError(Code.REQUIRED, "The file has no rows.")
    delimiter = ";" if ";" in lines[0] and "," not in lines[0] else ","
    rows: list[Row] = []
    blank: list[RowResult] = []
    try:
        cells = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    except csv.Error as e:
        raise CsvError(Code.INVALID, f"The file is not valid CSV: {e}.") from e
    for number, row in enumerate(cells, start=1):
        if number == 1 and [c.strip().lower() for c in row] == ["sku", "quantity"]:
            continue
        if not any(cell.strip() for cell in row):
            blank.append(
                RowResult(number, None, None, None, Code.REQUIRED, "An empty row.")
            )
            continue
        if len(row) != 2:
            raise CsvError(
                Code.INVALID, f"Line {number}: expected two columns, SKU and quantity."
            )
        sku = row[0].strip()
        if not sku:
            blank.append(
                RowResult(
                    number, None, None, None, Code.REQUIRED, "The SKU is missing."
                )
            )
            continue
        if len(sku) > 255:
            raise CsvError(Code.INVALID, f"Line {number}: the SKU is too long.")
        rows.append(Row(number=number, quantity=_quantity(row[1]), sku=sku))
    if len(rows) + len(blank) > MAX_ROWS:
        raise CsvError(Code.TOO_MANY, f"At most {MAX_ROWS} rows.")
    if not rows:
        raise CsvError(Code.REQUIRED, "The file has no rows.")
    return rows, blank
