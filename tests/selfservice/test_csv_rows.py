"""Parsing quick order CSV files (the domain, without GraphQL)."""

import pytest

from saleor_b2b_groups.selfservice.csv_rows import CsvError, parse_csv
from saleor_b2b_groups.selfservice.error_codes import SelfServiceErrorCode as Code


def test_rows_keep_their_line_numbers_and_raw_quantities():
    rows, refused = parse_csv(b'sku,quantity\r\nA-1, 3\r\n,\r\n"B,2",x\r\n')
    assert [(r.number, r.sku, r.quantity) for r in rows] == [
        (2, "A-1", 3),
        (4, "B,2", "x"),
    ]
    assert [(r.number, r.code) for r in refused] == [(3, Code.REQUIRED)]


def test_semicolons_without_a_header():
    rows, _ = parse_csv("ÄBC;7\n".encode())
    assert [(r.sku, r.quantity) for r in rows] == [("ÄBC", 7)]


@pytest.mark.parametrize(
    "data",
    [b"A\x00,1\n", b"\xc3(,1\n", b"A,1\nB\n", b"", b"  \n"],
    ids=["nul", "not-utf8", "one-column", "empty", "blank"],
)
def test_broken_files_are_refused(data):
    with pytest.raises(CsvError):
        parse_csv(data)
