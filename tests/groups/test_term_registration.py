"""Features register their inherited terms; the groups package imports no feature."""

import ast
from pathlib import Path

import pytest

from saleor_b2b_groups.groups.terms import TERMS, Term, register_term

GROUPS = Path(__file__).resolve().parents[2] / "saleor_b2b_groups" / "groups"
FEATURES = ("pricing", "visibility", "approvals", "quantities", "graphql")


def test_terms_keep_their_order():
    assert list(TERMS) == [
        "payment_terms_days",
        "price_conflict_policy",
        "catalog_mode",
        "allowed_channels",
        "approval_policy",
        "approval_validity_hours",
        "min_order_subtotal",
        "max_order_subtotal",
    ]


def test_the_groups_package_imports_no_feature():
    for path in GROUPS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:
                feature = (node.module or "").split(".")[0]
                assert feature not in FEATURES, f"{path.name} imports {feature}"


def test_a_term_cannot_be_registered_twice_with_other_rules():
    clash = Term(field="catalog_mode", default="open", description="another")
    with pytest.raises(ValueError, match="registered twice"):
        register_term(clash)
    assert TERMS["catalog_mode"] is not clash
