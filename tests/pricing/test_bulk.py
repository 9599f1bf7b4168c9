"""Bulk upserts and deletes of entries and rules, at the domain level."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saleor_b2b_groups.pricing import DiscountScope
from saleor_b2b_groups.pricing.bulk import (
    MAX_ROWS,
    EntryRow,
    RowError,
    RuleRow,
    TargetKey,
    TierKey,
    TooManyRows,
    delete_entries,
    delete_rules,
    upsert_entries,
    upsert_rules,
)
from saleor_b2b_groups.pricing.error_codes import PriceListErrorCode as Code
from saleor_b2b_groups.pricing.models import PriceListEntry, PriceListRule
from tests.fixtures.pricing import make_priced_variants


def stored_entries(price_list):
    return sorted(
        PriceListEntry.objects.filter(price_list=price_list).values_list(
            "variant_id", "min_quantity", "price_amount", "external_reference"
        )
    )


def stored_rules(price_list):
    return sorted(
        PriceListRule.objects.filter(price_list=price_list).values_list(
            "scope",
            "variant_id",
            "product_id",
            "category_id",
            "collection_id",
            "percentage",
            "external_reference",
        ),
        key=str,
    )


def codes(outcome):
    return {
        index: [(e.field, e.code) for e in errors]
        for index, errors in outcome.errors.items()
    }


def writes(captured):
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]


# Entries -------------------------------------------------------------------------


def test_entries_by_id_sku_and_reference_with_tiers(price_list, priced_variants):
    # given
    first, second, third = priced_variants[:3]
    rows = [
        EntryRow(Decimal("8.50"), variant_id=first.pk),
        EntryRow(Decimal("7.25"), min_quantity=10, variant_id=first.pk),
        EntryRow(Decimal(9), variant_sku=second.sku, external_reference="E-2"),
        EntryRow(Decimal(0), variant_external_reference=third.external_reference),
    ]

    # when
    outcome = upsert_entries(price_list, rows)

    # then
    assert outcome.errors == {}
    assert (outcome.created, outcome.updated, outcome.unchanged) == (4, 0, 0)
    assert [entry.pk for entry in outcome.rows] == list(
        PriceListEntry.objects.order_by("pk").values_list("pk", flat=True)
    )
    assert stored_entries(price_list) == sorted(
        [
            (first.pk, 1, Decimal("8.500"), None),
            (first.pk, 10, Decimal("7.250"), None),
            (second.pk, 1, Decimal("9.000"), "E-2"),
            (third.pk, 1, Decimal("0.000"), None),
        ]
    )


def test_repeating_a_call_writes_nothing_and_returns_the_same(
    price_list, priced_variants
):
    # given
    rows = [
        EntryRow(Decimal("8.5"), variant_id=variant.pk, external_reference=f"E-{n}")
        for n, variant in enumerate(priced_variants)
    ]
    first = upsert_entries(price_list, rows)

    # when
    with CaptureQueriesContext(connection) as captured:
        again = upsert_entries(price_list, rows)

    # then
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert not again.changed
    assert [e.pk for e in again.rows] == [e.pk for e in first.rows]
    assert writes(captured) == []


def test_a_row_without_reference_updates_its_tier_and_keeps_the_reference(
    price_list, price_list_entries
):
    # given: the 1-unit tier has reference ACME-123-1
    entry = price_list_entries[0]

    # when
    outcome = upsert_entries(
        price_list, [EntryRow(Decimal("7.50"), variant_id=entry.variant_id)]
    )

    # then
    assert (outcome.created, outcome.updated) == (0, 1)
    entry.refresh_from_db()
    assert (entry.price_amount, entry.external_reference) == (
        Decimal("7.500"),
        "ACME-123-1",
    )


def test_a_row_by_reference_moves_its_entry_to_another_tier(
    price_list, price_list_entries
):
    # given
    entry = price_list_entries[0]

    # when
    outcome = upsert_entries(
        price_list,
        [
            EntryRow(
                Decimal("7.90"),
                min_quantity=5,
                variant_id=entry.variant_id,
                external_reference="ACME-123-1",
            )
        ],
    )

    # then
    assert outcome.errors == {}
    assert outcome.rows[0].pk == entry.pk
    assert stored_entries(price_list) == [
        (entry.variant_id, 5, Decimal("7.900"), "ACME-123-1"),
        (entry.variant_id, 10, Decimal("7.000"), None),
    ]


def test_a_row_with_a_new_reference_adopts_the_unreferenced_tier(
    price_list, price_list_entries
):
    # given: the 10-unit tier has no reference
    entry = price_list_entries[1]

    # when
    outcome = upsert_entries(
        price_list,
        [
            EntryRow(
                Decimal(6),
                min_quantity=10,
                variant_id=entry.variant_id,
                external_reference="ACME-123-10",
            )
        ],
    )

    # then
    assert outcome.rows[0].pk == entry.pk
    entry.refresh_from_db()
    assert (entry.price_amount, entry.external_reference) == (
        Decimal("6.000"),
        "ACME-123-10",
    )


def test_a_tier_held_under_another_reference_is_refused(price_list, price_list_entries):
    # given: the 1-unit tier is ACME-123-1's
    before = stored_entries(price_list)
    variant_id = price_list_entries[0].variant_id

    # when: another reference claims it, and ACME-123-1 moves onto the 10-unit tier
    outcome = upsert_entries(
        price_list,
        [
            EntryRow(Decimal(5), variant_id=variant_id, external_reference="OTHER"),
            EntryRow(
                Decimal(5),
                min_quantity=10,
                variant_id=variant_id,
                external_reference="ACME-123-1",
            ),
        ],
    )

    # then
    assert codes(outcome) == {
        0: [("min_quantity", Code.UNIQUE)],
        1: [("min_quantity", Code.UNIQUE)],
    }
    assert stored_entries(price_list) == before


def test_duplicate_tiers_and_references_in_one_call_are_refused(
    price_list, priced_variants
):
    # given: the same tier twice (by id and by SKU), the same reference twice
    first, second, third = priced_variants[:3]
    rows = [
        EntryRow(Decimal(8), variant_id=first.pk),
        EntryRow(Decimal(7), variant_sku=first.sku),
        EntryRow(Decimal(8), variant_id=second.pk, external_reference="R"),
        EntryRow(Decimal(8), variant_id=third.pk, external_reference="R"),
    ]

    # when
    outcome = upsert_entries(price_list, rows)

    # then
    assert codes(outcome) == {
        0: [("min_quantity", Code.DUPLICATED_INPUT_ITEM)],
        1: [("min_quantity", Code.DUPLICATED_INPUT_ITEM)],
        2: [("external_reference", Code.DUPLICATED_INPUT_ITEM)],
        3: [("external_reference", Code.DUPLICATED_INPUT_ITEM)],
    }
    assert outcome.rows == [None] * 4
    assert stored_entries(price_list) == []


def test_one_stored_entry_claimed_by_two_rows_is_refused(
    price_list, price_list_entries
):
    # given: one row by reference, one by the same entry's tier
    entry = price_list_entries[0]
    rows = [
        EntryRow(
            Decimal(5),
            min_quantity=3,
            variant_id=entry.variant_id,
            external_reference="ACME-123-1",
        ),
        EntryRow(Decimal(6), variant_id=entry.variant_id),
    ]

    # when
    outcome = upsert_entries(price_list, rows)

    # then
    assert codes(outcome) == {
        0: [("min_quantity", Code.DUPLICATED_INPUT_ITEM)],
        1: [("min_quantity", Code.DUPLICATED_INPUT_ITEM)],
    }


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"price_amount": Decimal("-0.01")}, [("price", Code.INVALID_PRICE)]),
        ({"price_amount": Decimal("1.001")}, [("price", Code.INVALID_PRICE)]),
        ({"price_amount": Decimal("1e17")}, [("price", Code.INVALID_PRICE)]),
        ({"price_amount": Decimal("NaN")}, [("price", Code.INVALID_PRICE)]),
        ({"price_amount": None}, [("price", Code.REQUIRED)]),
        ({"min_quantity": 0}, [("min_quantity", Code.INVALID)]),
        ({"currency": "PLN"}, [("currency", Code.INVALID_CURRENCY)]),
        ({"external_reference": "x" * 251}, [("external_reference", Code.INVALID)]),
        ({"variant_id": None}, [("variant", Code.REQUIRED)]),
        ({"variant_sku": "B2B-1"}, [("variant", Code.INVALID)]),
        ({"variant_id": 0}, [("variant", Code.NOT_FOUND)]),
        (
            {"variant_id": None, "variant_sku": "NOPE"},
            [("variant_sku", Code.NOT_FOUND)],
        ),
        (
            {"variant_id": None, "variant_external_reference": "NOPE"},
            [("variant_external_reference", Code.NOT_FOUND)],
        ),
    ],
)
def test_bad_rows_are_refused_and_change_nothing(
    price_list, price_list_entries, priced_variants, row, expected
):
    # given
    before = stored_entries(price_list)
    values = {"price_amount": Decimal(5), "variant_id": priced_variants[0].pk, **row}

    # when
    outcome = upsert_entries(price_list, [EntryRow(**values)])

    # then
    assert codes(outcome) == {0: expected}
    assert outcome.rows == [None]
    assert stored_entries(price_list) == before


def test_a_variant_not_priced_in_the_lists_channel_is_refused(
    price_list, variant_priced_in_pln_only
):
    # when
    outcome = upsert_entries(
        price_list, [EntryRow(Decimal(5), variant_id=variant_priced_in_pln_only.pk)]
    )

    # then
    assert codes(outcome) == {0: [("variant", Code.VARIANT_NOT_ASSIGNED_TO_CHANNEL)]}
    assert stored_entries(price_list) == []


def test_errors_read_by_the_caller_refuse_the_row(price_list):
    # given: the caller could not decode the row's variant ID
    error = RowError("variant", "Invalid ID.", Code.GRAPHQL_ERROR)

    # when
    outcome = upsert_entries(price_list, [EntryRow(Decimal(5), errors=[error])])

    # then
    assert codes(outcome) == {0: [("variant", Code.GRAPHQL_ERROR)]}


def test_without_all_or_nothing_the_valid_rows_are_written(price_list, priced_variants):
    # given
    rows = [
        EntryRow(Decimal(5), variant_id=priced_variants[0].pk),
        EntryRow(Decimal(-5), variant_id=priced_variants[1].pk),
    ]

    # when
    outcome = upsert_entries(price_list, rows, all_or_nothing=False)

    # then
    assert codes(outcome) == {1: [("price", Code.INVALID_PRICE)]}
    assert outcome.rows[0] is not None
    assert outcome.rows[1] is None
    assert stored_entries(price_list) == [
        (priced_variants[0].pk, 1, Decimal("5.000"), None)
    ]


def test_too_many_rows_are_refused(price_list):
    with pytest.raises(TooManyRows):
        upsert_entries(price_list, [EntryRow(Decimal(1))] * (MAX_ROWS + 1))


def test_queries_do_not_grow_with_the_number_of_rows(price_list, product, channel_USD):
    # given: 10 and 400 variants, each half created, half updated by the call
    def count_queries(variants, prefix):
        upsert_entries(
            price_list,
            [EntryRow(Decimal(9), variant_id=v.pk) for v in variants[::2]],
        )
        rows = [
            EntryRow(Decimal(8), variant_id=v.pk, external_reference=f"{prefix}{n}")
            for n, v in enumerate(variants)
        ]
        with CaptureQueriesContext(connection) as captured:
            outcome = upsert_entries(price_list, rows)
        assert outcome.errors == {}
        assert outcome.updated == len(variants[::2])
        return len(captured)

    small = count_queries(make_priced_variants(product, channel_USD, 10, "S"), "S")
    large = count_queries(make_priced_variants(product, channel_USD, 400, "L"), "L")

    # then
    assert large == small
    assert large <= 8


# Rules ---------------------------------------------------------------------------


def test_rules_for_every_scope(
    price_list, priced_variants, product, category, collection
):
    # given
    rows = [
        RuleRow(DiscountScope.ALL, Decimal(5), external_reference="ALL"),
        RuleRow(DiscountScope.CATEGORY, Decimal("7.5"), category.pk, "category"),
        RuleRow(DiscountScope.COLLECTION, Decimal(8), collection.pk, "collection"),
        RuleRow(DiscountScope.PRODUCT, Decimal(9), product.pk, "product"),
        RuleRow(DiscountScope.VARIANT, Decimal(100), priced_variants[0].pk, "variant"),
    ]

    # when
    outcome = upsert_rules(price_list, rows)
    again = upsert_rules(price_list, rows)

    # then
    assert outcome.errors == {}
    assert outcome.created == 5
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert stored_rules(price_list) == sorted(
        [
            ("all", None, None, None, None, Decimal("5.00"), "ALL"),
            ("category", None, None, category.pk, None, Decimal("7.50"), None),
            ("collection", None, None, None, collection.pk, Decimal("8.00"), None),
            ("product", None, product.pk, None, None, Decimal("9.00"), None),
            ("variant", priced_variants[0].pk, None, None, None, Decimal(100), None),
        ],
        key=str,
    )


def test_a_rule_by_target_updates_and_a_rule_by_reference_retargets(
    price_list, price_list_rules, category, product
):
    # when: the category rule changes its percentage; ACME-ALL becomes a product rule
    outcome = upsert_rules(
        price_list,
        [
            RuleRow(DiscountScope.CATEGORY, Decimal(12), category.pk, "category"),
            RuleRow(
                DiscountScope.PRODUCT,
                Decimal(3),
                product.pk,
                "product",
                external_reference="ACME-ALL",
            ),
        ],
    )

    # then
    assert outcome.errors == {}
    assert [r.pk for r in outcome.rows] == [
        price_list_rules[1].pk,
        price_list_rules[0].pk,
    ]
    assert stored_rules(price_list) == sorted(
        [
            ("category", None, None, category.pk, None, Decimal("12.00"), None),
            ("product", None, product.pk, None, None, Decimal("3.00"), "ACME-ALL"),
        ],
        key=str,
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"percentage": Decimal("100.01")},
            [("percentage", Code.INVALID_PERCENTAGE)],
        ),
        ({"percentage": Decimal(-1)}, [("percentage", Code.INVALID_PERCENTAGE)]),
        (
            {"percentage": Decimal("1.005")},
            [("percentage", Code.INVALID_PERCENTAGE)],
        ),
        ({"percentage": None}, [("percentage", Code.REQUIRED)]),
        ({"scope": None}, [("scope", Code.REQUIRED)]),
        ({"target_id": None, "target_scope": None}, [("target", Code.REQUIRED)]),
        ({"target_scope": "product"}, [("target", Code.INVALID)]),
        ({"target_id": 0}, [("target", Code.NOT_FOUND)]),
        (
            {"scope": "all"},
            [("target", Code.INVALID)],
        ),
    ],
)
def test_bad_rules_are_refused_and_change_nothing(
    price_list, price_list_rules, category, row, expected
):
    # given
    before = stored_rules(price_list)
    values = {
        "scope": DiscountScope.CATEGORY,
        "percentage": Decimal(10),
        "target_id": category.pk,
        "target_scope": "category",
        **row,
    }

    # when
    outcome = upsert_rules(price_list, [RuleRow(**values)])

    # then
    assert codes(outcome) == {0: expected}
    assert stored_rules(price_list) == before


def test_a_variant_rule_needs_the_variant_priced_in_the_channel(
    price_list, variant_priced_in_pln_only
):
    # when
    outcome = upsert_rules(
        price_list,
        [
            RuleRow(
                DiscountScope.VARIANT,
                Decimal(10),
                variant_priced_in_pln_only.pk,
                "variant",
            )
        ],
    )

    # then
    assert codes(outcome) == {0: [("target", Code.VARIANT_NOT_ASSIGNED_TO_CHANNEL)]}


def test_two_rules_on_one_target_in_a_call_are_refused(price_list, category):
    # when
    outcome = upsert_rules(
        price_list,
        [
            RuleRow(DiscountScope.CATEGORY, Decimal(10), category.pk, "category"),
            RuleRow(DiscountScope.CATEGORY, Decimal(12), category.pk, "category"),
            RuleRow(DiscountScope.ALL, Decimal(1)),
            RuleRow(DiscountScope.ALL, Decimal(2)),
        ],
    )

    # then
    assert codes(outcome) == {
        index: [("target", Code.DUPLICATED_INPUT_ITEM)] for index in range(4)
    }


# Deletes -------------------------------------------------------------------------


def test_delete_entries_by_id_reference_and_tier(
    price_list, price_list_entries, priced_variants
):
    # given
    upsert_entries(
        price_list,
        [
            EntryRow(Decimal(1), variant_id=priced_variants[0].pk),
            EntryRow(Decimal(1), min_quantity=5, variant_id=priced_variants[0].pk),
            EntryRow(Decimal(1), variant_id=priced_variants[1].pk),
            EntryRow(Decimal(1), variant_id=priced_variants[2].pk),
        ],
    )

    # when: the fixture's 10-unit tier by id, its 1-unit tier by reference, every
    # tier of the first variant by SKU, one tier of the second by reference
    outcome = delete_entries(
        price_list,
        ids=[price_list_entries[1].pk],
        external_references=["ACME-123-1"],
        tiers=[
            TierKey(variant_sku=priced_variants[0].sku),
            TierKey(
                variant_external_reference=priced_variants[1].external_reference,
                min_quantity=1,
            ),
            TierKey(variant_sku="UNKNOWN"),
        ],
    )
    again = delete_entries(price_list, ids=[price_list_entries[1].pk])

    # then
    assert outcome.errors == []
    assert len(outcome.deleted_ids) == 5
    assert again.deleted_ids == []
    assert stored_entries(price_list) == [
        (priced_variants[2].pk, 1, Decimal("1.000"), None)
    ]


def test_deleting_another_lists_entry_is_refused(
    price_list, price_list_entries, price_list_in_pln
):
    # when
    outcome = delete_entries(price_list_in_pln, ids=[price_list_entries[0].pk])

    # then
    assert [(e.field, e.code) for e in outcome.errors] == [("ids", Code.NOT_FOUND)]
    assert PriceListEntry.objects.count() == 2


def test_delete_rules_by_target_and_reference(price_list, price_list_rules, category):
    # when
    outcome = delete_rules(
        price_list,
        external_references=["ACME-ALL"],
        targets=[TargetKey(DiscountScope.CATEGORY, category.pk)],
    )

    # then
    assert sorted(outcome.deleted_ids) == sorted(r.pk for r in price_list_rules)
    assert PriceListRule.objects.count() == 0
