"""Every argument this package adds, fed bad input: a typed error or success.

A property-based test (hypothesis): for every root query and mutation this package
adds to Saleor's schema, arguments and input fields are generated from the schema
itself -- strings with NUL characters, over-long strings, bidirectional controls,
malformed and foreign IDs, out-of-range numbers -- mixed with valid values. It asks,
as staff with every permission:

* never an internal error (a database error, a Python exception reaching the
  client): only GraphQL's own input errors, permission errors or the payload's typed
  ``errors``;
* nothing changed when the call was refused (the package's tables are compared
  before and after), except for bulk calls that write the valid rows by design
  (``errorPolicy: REJECT_FAILED_ROWS``).
"""

import hashlib
from decimal import Decimal
from typing import Any

import graphene
import pytest
from django.apps import apps
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from saleor.graphql.api import schema
from saleor.permission.models import Permission

from saleor_b2b_groups.credit.models import CreditAccount
from saleor_b2b_groups.pricing.models import PriceList
from tests.fixtures.groups import add_member, create_group

ADDED = "Added in saleor-b2b-groups"

#: What a client may be told: its own mistakes and permission refusals.
EXPECTED_EXCEPTIONS = {None, "GraphQLError", "PermissionDenied", "ValidationError"}

BAD_STRINGS = [
    "a\x00b",
    "\x00",
    "x" * 256,
    "y" * 5000,
    "\u202eevil\u202c",
    "<script>alert(1)</script>",
    "a/b c",
    " ",
    "",
    "😀" * 100,
]
BAD_INTS = [0, -1, -(2**31), 2**31 - 1, 10**9]
BAD_DECIMALS = ["-1", "0", "1e30", "0.123456789", "NaN", "Infinity", "-0.001", "12.5"]


def package_fields() -> list[tuple[str, str]]:
    found = []
    for root in ("Query", "Mutation"):
        for name, field in schema.get_type(root).fields.items():
            if ADDED in (field.description or ""):
                found.append((root, name))
    return sorted(found)


def type_ref(graphql_type) -> str:
    if isinstance(graphql_type, GraphQLNonNull):
        return f"{type_ref(graphql_type.of_type)}!"
    if isinstance(graphql_type, GraphQLList):
        return f"[{type_ref(graphql_type.of_type)}]"
    return graphql_type.name


def values_for(graphql_type, ids: list[str], depth: int = 0) -> st.SearchStrategy:
    """Values of a GraphQL input type: mostly plausible, often hostile."""
    required = isinstance(graphql_type, GraphQLNonNull)
    inner = graphql_type.of_type if required else graphql_type
    if isinstance(inner, GraphQLList):
        items = values_for(inner.of_type, ids, depth + 1)
        strategy: st.SearchStrategy = st.lists(items, min_size=0, max_size=3)
    elif isinstance(inner, GraphQLInputObjectType):
        fields = inner.fields
        required_fields = {
            name: values_for(f.type, ids, depth + 1)
            for name, f in fields.items()
            if isinstance(f.type, GraphQLNonNull)
        }
        optional_fields = {
            name: values_for(f.type, ids, depth + 1)
            for name, f in fields.items()
            if not isinstance(f.type, GraphQLNonNull) and depth < 3
        }
        strategy = st.fixed_dictionaries(required_fields, optional=optional_fields)
    elif isinstance(inner, GraphQLEnumType):
        strategy = st.sampled_from([value.name for value in inner.values])
    elif isinstance(inner, GraphQLScalarType):
        strategy = scalar_values(inner.name, ids)
    else:  # pragma: no cover - the schema has no other input kinds
        raise AssertionError(inner)
    return strategy if required else st.one_of(st.none(), strategy)


def scalar_values(name: str, ids: list[str]) -> st.SearchStrategy:
    if name == "ID":
        return st.sampled_from(ids + BAD_STRINGS[:3] + ["not-an-id"])
    if name in {"String", "UUID"}:
        return st.one_of(
            st.sampled_from(BAD_STRINGS), st.text(max_size=20), st.just("valid-name")
        )
    if name == "Int":
        return st.sampled_from(BAD_INTS)
    if name in {"Decimal", "PositiveDecimal", "Float", "PositiveInt"}:
        return st.sampled_from([*BAD_DECIMALS, "1", "10.00"])
    if name == "Boolean":
        return st.booleans()
    if name in {"DateTime", "Date"}:
        return st.sampled_from(
            ["2026-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "garbage"]
        )
    if name in {"JSON", "JSONString", "Metadata"}:
        return st.sampled_from(['{"a": "\\u0000"}', "{}", "[]"])
    return st.sampled_from([*BAD_STRINGS[:3], "x"])


def document(root: str, name: str) -> tuple[str, dict]:
    field = schema.get_type(root).fields[name]
    declared = ", ".join(f"${a}: {type_ref(arg.type)}" for a, arg in field.args.items())
    passed = ", ".join(f"{a}: ${a}" for a in field.args)
    call = f"{name}({passed})" if passed else name
    selection = "{ __typename }"
    payload = (
        field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    )
    if hasattr(payload, "fields") and "errors" in payload.fields:
        selection = "{ __typename errors { field message } }"
    operation = "query" if root == "Query" else "mutation"
    header = f"({declared})" if declared else ""
    return f"{operation} {header} {{ {call} {selection} }}", field.args


def snapshot() -> str:
    """A digest of every row of this package's tables."""
    digest = hashlib.sha256()
    for model in apps.get_app_config("saleor_b2b_groups").get_models():
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def internal_errors(content: dict) -> list[dict]:
    return [
        error
        for error in content.get("errors") or []
        if (error.get("extensions") or {}).get("exception", {}).get("code")
        not in EXPECTED_EXCEPTIONS
    ]


def refused(content: dict, name: str) -> bool:
    if content.get("errors"):
        return True
    payload = (content.get("data") or {}).get(name) or {}
    return bool(isinstance(payload, dict) and payload.get("errors"))


@pytest.fixture
def admin_client(staff_api_client, staff_user):
    staff_user.user_permissions.set(Permission.objects.all())
    staff_user.effective_permissions  # noqa: B018 -- loaded afresh per request
    return staff_api_client


@pytest.fixture
def known_ids(channel_USD, customer_user, product):
    group = create_group("Seed", external_reference="SEED")
    add_member(group, customer_user)
    price_list = PriceList.objects.create(
        name="Seed prices",
        slug="seed-prices",
        channel=channel_USD,
        currency=channel_USD.currency_code,
        external_reference="PL-SEED",
    )
    account = CreditAccount.objects.create(
        group=group, currency="USD", limit=Decimal("100.00")
    )
    to_id = graphene.Node.to_global_id
    return [
        to_id("CreditAccount", account.pk),
        to_id("CustomerGroup", group.pk),
        to_id("PriceList", price_list.pk),
        to_id("User", customer_user.pk),
        to_id("Channel", channel_USD.pk),
        to_id("Product", product.pk),
        to_id("ProductVariant", product.variants.first().pk),
        to_id("CustomerGroup", "1\x00"),
        to_id("CustomerGroup", 10**30),
        to_id("PriceList", -5),
        to_id("Checkout", "not-a-uuid"),
    ]


def writes_valid_rows_by_design(variables: dict) -> bool:
    return variables.get("errorPolicy") not in (None, "REJECT_EVERYTHING")


@pytest.mark.parametrize(("root", "name"), package_fields())
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_bad_input_gets_a_typed_error_and_changes_nothing(
    root, name, data, admin_client, known_ids
):
    # given
    query, args = document(root, name)
    variables: dict[str, Any] = {
        arg: data.draw(values_for(spec.type, known_ids), label=arg)
        for arg, spec in args.items()
    }
    before = snapshot()

    # when
    response = admin_client.post_graphql(query, variables)

    # then
    assert response.status_code in (200, 400), response.content[:500]
    content = response.json()
    assert internal_errors(content) == [], (name, variables)
    if refused(content, name) and not writes_valid_rows_by_design(variables):
        assert snapshot() == before, (name, variables, content)


def test_every_package_field_is_covered():
    names = {name for _root, name in package_fields()}
    assert {"customerGroupCreate", "priceListCreate", "erpEndpointCreate"} <= names


GROUP_CREATE = """
mutation ($input: CustomerGroupCreateInput!) {
  customerGroupCreate(input: $input) { customerGroup { id } errors { field code } }
}
"""
PRICE_LIST_CREATE = """
mutation ($input: PriceListCreateInput!) {
  priceListCreate(input: $input) { priceList { id } errors { field code } }
}
"""
GROUP_BY_REFERENCE = """
query ($ref: String) { customerGroup(externalReference: $ref) { id } }
"""


@pytest.mark.parametrize(
    ("group_input", "field"),
    [
        ({"name": "a\x00b"}, "name"),
        ({"name": "n", "slug": "s\x00"}, "slug"),
        ({"name": "n", "externalReference": "r\x00"}, "externalReference"),
        ({"name": "x" * 251}, "name"),
        ({"name": "n", "slug": "s" * 256}, "slug"),
        ({"name": "n", "description": "d\x00"}, "description"),
    ],
)
def test_group_create_refuses_what_postgres_cannot_store(
    group_input, field, admin_client
):
    # when
    response = admin_client.post_graphql(GROUP_CREATE, {"input": group_input})

    # then
    from saleor_b2b_groups.groups.error_codes import CustomerGroupErrorCode
    from saleor_b2b_groups.groups.models import CustomerGroup

    data = response.json()["data"]["customerGroupCreate"]
    assert data["errors"] == [
        {"field": field, "code": CustomerGroupErrorCode.INVALID.name}
    ]
    assert not CustomerGroup.objects.exists()


def test_price_list_create_refuses_a_nul_in_its_name(admin_client, channel_USD):
    response = admin_client.post_graphql(
        PRICE_LIST_CREATE,
        {
            "input": {
                "name": "a\x00b",
                "channel": graphene.Node.to_global_id("Channel", channel_USD.pk),
            }
        },
    )
    data = response.json()["data"]["priceListCreate"]
    assert [e["field"] for e in data["errors"]] == ["name"]
    assert not PriceList.objects.exists()


def test_group_lookup_with_a_nul_is_a_typed_error(admin_client):
    response = admin_client.post_graphql(GROUP_BY_REFERENCE, {"ref": "ERP\x00"})
    content = response.json()
    assert internal_errors(content) == []
    assert content["errors"][0]["extensions"]["exception"]["code"] == (
        "ValidationError"
    )
