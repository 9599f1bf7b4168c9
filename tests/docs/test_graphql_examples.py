"""Every GraphQL example in the README and the docs is valid against the real schema.

A field renamed or removed, an argument of the wrong type, a typo: the example fails
here, naming its file and line. A block may hold several operations (anonymous too:
they are examples side by side, not one document sent at once).
"""

import pytest
from graphql import parse
from graphql.validation import validate
from graphql.validation.rules import LoneAnonymousOperation, specified_rules
from saleor.graphql.api import schema

from docsite.examples import examples

RULES = [rule for rule in specified_rules if rule is not LoneAnonymousOperation]
GRAPHQL_EXAMPLES = examples("graphql")


def test_the_docs_have_graphql_examples():
    assert len(GRAPHQL_EXAMPLES) >= 20


@pytest.mark.parametrize(
    "example", GRAPHQL_EXAMPLES, ids=[example.where for example in GRAPHQL_EXAMPLES]
)
def test_graphql_example_is_valid_against_the_schema(example):
    errors = validate(schema, parse(example.code), RULES)

    assert not errors, f"{example.where}: " + "; ".join(
        error.message for error in errors
    )
