"""priceListRulesBulkUpsert and priceListRulesBulkDelete."""

from decimal import Decimal

import pytest
from saleor.graphql.tests.utils import get_graphql_content

from saleor_b2b_groups.pricing.models import PriceListRule

from .price_list_operations import (
    RULES_BULK_DELETE,
    RULES_BULK_UPSERT,
    global_id,
    price_list_id,
    pricing_snapshot,
)


def run(client, document, variables):
    content = get_graphql_content(client.post_graphql(document, variables))
    return next(iter(content["data"].values()))


def row_errors(data):
    return [
        [(e["field"], e["code"]) for e in result["errors"]]
        for result in data["results"]
    ]


def test_rules_for_every_scope_then_repeat_changes_nothing(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    product,
    category,
    collection,
    priced_variants,
    price_lists_changed_calls,
):
    # given
    variables = {
        "priceList": price_list_id(price_list),
        "rules": [
            {"scope": "ALL", "percentage": 5, "externalReference": "ALL"},
            {
                "scope": "CATEGORY",
                "target": global_id("Category", category),
                "percentage": "7.5",
            },
            {
                "scope": "COLLECTION",
                "target": global_id("Collection", collection),
                "percentage": 8,
            },
            {
                "scope": "PRODUCT",
                "target": global_id("Product", product),
                "percentage": 9,
            },
            {
                "scope": "VARIANT",
                "target": global_id("ProductVariant", priced_variants[0]),
                "percentage": 100,
            },
        ],
    }

    # when
    data = run(staff_api_client, RULES_BULK_UPSERT, variables)
    again = run(staff_api_client, RULES_BULK_UPSERT, variables)

    # then
    assert data["count"] == 5
    assert row_errors(data) == [[]] * 5
    rules = [result["rule"] for result in data["results"]]
    assert [(r["scope"], r["percentage"]) for r in rules] == [
        ("ALL", 5.0),
        ("CATEGORY", 7.5),
        ("COLLECTION", 8.0),
        ("PRODUCT", 9.0),
        ("VARIANT", 100.0),
    ]
    assert rules[1]["category"] == {"slug": category.slug}
    assert rules[2]["collection"] == {"slug": collection.slug}
    assert rules[3]["product"] == {"slug": product.slug}
    assert rules[4]["variant"] == {"sku": priced_variants[0].sku}
    assert again == data
    assert price_lists_changed_calls == [{price_list.pk}]


@pytest.mark.parametrize(
    ("make_row", "expected"),
    [
        (
            lambda ctx: {"scope": "ALL", "percentage": 101},
            [("percentage", "INVALID_PERCENTAGE")],
        ),
        (
            lambda ctx: {"scope": "ALL", "percentage": -1},
            [("percentage", "INVALID_PERCENTAGE")],
        ),
        (
            lambda ctx: {"scope": "ALL", "percentage": "1.234"},
            [("percentage", "INVALID_PERCENTAGE")],
        ),
        (lambda ctx: {"scope": "CATEGORY", "percentage": 5}, [("target", "REQUIRED")]),
        (
            lambda ctx: {"scope": "ALL", "target": ctx["category"], "percentage": 5},
            [("target", "INVALID")],
        ),
        (
            lambda ctx: {
                "scope": "PRODUCT",
                "target": ctx["category"],
                "percentage": 5,
            },
            [("target", "INVALID")],
        ),
        (
            lambda ctx: {
                "scope": "CATEGORY",
                "target": ctx["gone_category"],
                "percentage": 5,
            },
            [("target", "NOT_FOUND")],
        ),
        (
            lambda ctx: {
                "scope": "PRODUCT",
                "target": global_id("Product", ctx["gone"]),
                "percentage": 5,
            },
            [("target", "NOT_FOUND")],
        ),
        (
            lambda ctx: {
                "scope": "COLLECTION",
                "target": global_id("Collection", ctx["gone"]),
                "percentage": 5,
            },
            [("target", "NOT_FOUND")],
        ),
        (
            lambda ctx: {
                "scope": "VARIANT",
                "target": ctx["pln_variant"],
                "percentage": 5,
            },
            [("target", "VARIANT_NOT_ASSIGNED_TO_CHANNEL")],
        ),
        (
            lambda ctx: {
                "scope": "CATEGORY",
                "target": global_id("Order", ctx["gone"]),
                "percentage": 5,
            },
            [("target", "GRAPHQL_ERROR")],
        ),
    ],
)
def test_a_bad_rule_is_refused_and_changes_nothing(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    price_list_rules,
    category,
    variant_priced_in_pln_only,
    price_lists_changed_calls,
    make_row,
    expected,
):
    # given
    class Gone:
        pk = 0

    ctx = {
        "category": global_id("Category", category),
        "gone_category": global_id("Category", Gone),
        "gone": Gone,
        "pln_variant": global_id("ProductVariant", variant_priced_in_pln_only),
    }
    before = pricing_snapshot()

    # when
    data = run(
        staff_api_client,
        RULES_BULK_UPSERT,
        {"priceList": price_list_id(price_list), "rules": [make_row(ctx)]},
    )

    # then
    assert row_errors(data) == [expected]
    assert data["count"] == 0
    assert pricing_snapshot() == before
    assert price_lists_changed_calls == []


def test_a_rule_by_reference_is_retargeted(
    staff_api_client, staff_with_manage_discounts, price_list, price_list_rules, product
):
    # given: ACME-ALL is 5% off everything

    # when
    data = run(
        staff_api_client,
        RULES_BULK_UPSERT,
        {
            "priceList": price_list_id(price_list),
            "rules": [
                {
                    "scope": "PRODUCT",
                    "target": global_id("Product", product),
                    "percentage": 3,
                    "externalReference": "ACME-ALL",
                }
            ],
        },
    )

    # then
    assert row_errors(data) == [[]]
    rule = PriceListRule.objects.get(external_reference="ACME-ALL")
    assert (rule.pk, rule.scope, rule.product_id, rule.percentage) == (
        price_list_rules[0].pk,
        "product",
        product.pk,
        Decimal("3.00"),
    )


def test_delete_rules_by_target_id_and_reference(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    price_list_rules,
    category,
    price_lists_changed_calls,
):
    # when
    data = run(
        staff_api_client,
        RULES_BULK_DELETE,
        {
            "priceList": price_list_id(price_list),
            "targets": [
                {"scope": "CATEGORY", "target": global_id("Category", category)}
            ],
            "externalReferences": ["ACME-ALL", "UNKNOWN"],
        },
    )
    again = run(
        staff_api_client,
        RULES_BULK_DELETE,
        {
            "priceList": price_list_id(price_list),
            "ids": [global_id("PriceListRule", rule) for rule in price_list_rules],
        },
    )

    # then
    assert (data["errors"], data["count"]) == ([], 2)
    assert (again["errors"], again["count"]) == ([], 0)
    assert not PriceListRule.objects.exists()
    assert price_lists_changed_calls == [{price_list.pk}]


@pytest.mark.parametrize(
    ("make_variables", "expected"),
    [
        (
            lambda ctx: {"targets": [{"scope": "ALL", "target": ctx["category"]}]},
            [("targets", "INVALID")],
        ),
        (
            lambda ctx: {"targets": [{"scope": "PRODUCT", "target": ctx["category"]}]},
            [("targets", "INVALID")],
        ),
        (lambda ctx: {"ids": ["nonsense"]}, [("ids", "GRAPHQL_ERROR")]),
        (lambda ctx: {"ids": [ctx["other_rule"]]}, [("ids", "NOT_FOUND")]),
    ],
)
def test_bad_rule_delete_deletes_nothing(
    staff_api_client,
    staff_with_manage_discounts,
    price_list,
    price_list_rules,
    price_list_in_pln,
    category,
    make_variables,
    expected,
):
    # given
    other = PriceListRule.objects.create(
        price_list=price_list_in_pln, scope="all", percentage=1
    )
    ctx = {
        "category": global_id("Category", category),
        "other_rule": global_id("PriceListRule", other),
    }
    before = pricing_snapshot()

    # when
    data = run(
        staff_api_client,
        RULES_BULK_DELETE,
        {"priceList": price_list_id(price_list), **make_variables(ctx)},
    )

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == expected
    assert pricing_snapshot() == before
