"""The runner's pieces, cheaply: statistics, verdicts, the report, the query-count
header, and the scenarios on a tiny dataset in-process. Nothing here times."""

from dataclasses import replace

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connections

from bench import database, report, run, stats
from bench.client import BenchError, DjangoTransport, FlowTimer, Response, result
from bench.scenarios import (
    COMPARE,
    COUNTS,
    PLUGIN_ONLY,
    THROUGHPUT,
    Plan,
    Scenario,
    Target,
    bulk_upsert,
    scenarios,
)
from bench.scenarios.approvals import ApprovalRequired
from bench.scenarios.checkout import Checkout
from bench.scenarios.query_counts import QueryCounts
from bench.scenarios.storefront import Detail, Listing, ShallowBuyerListing
from bench.scenarios.visibility import CatalogRulesOnly
from bench.session import PLUGIN, VANILLA, Bench
from saleor_b2b_groups import benchdata
from saleor_b2b_groups.pricing.bulk.base import MAX_ROWS
from saleor_b2b_groups.pricing.models import PriceList, PriceListEntry

#: A dataset seeded without the steps of two features (as when a feature is not
#: installed): their scenarios say so instead of failing.
PENDING_MARKER = {
    "steps": {
        "pricing": "seeded",
        "visibility": "feature not installed",
        "approvals": "feature not installed",
    }
}
SEEDED_MARKER = {
    "steps": {"pricing": "seeded", "visibility": "seeded", "approvals": "seeded"},
    "counts": {
        "products": 10_000,
        "deep_buyer_catalog_rules": 39,
        "deep_buyer_visible_products": 5_050,
        "catalog_buyer_catalog_rules": 39,
        "catalog_buyer_visible_products": 5_001,
        "deep_buyer_approval_threshold": 1_000_000,
        "approval_branch_threshold": 100,
    },
}


def test_percentile_interpolates_between_ranks():
    assert stats.percentile([1, 2, 3, 4, 5], 0.5) == 3
    assert stats.percentile([10, 20], 0.95) == pytest.approx(19.5)
    assert stats.percentile([7], 0.95) == 7


def test_comparison_reports_ratio_and_its_spread_over_rounds():
    # when
    comparison = stats.compare(
        vanilla=[[0.100, 0.100, 0.100], [0.200, 0.200, 0.200]],
        plugin=[[0.110, 0.110, 0.110], [0.260, 0.260, 0.260]],
    )

    # then
    assert comparison.vanilla.round_medians == pytest.approx([100, 200])
    assert comparison.round_ratios == pytest.approx([1.1, 1.3])
    assert comparison.ratio == pytest.approx(185 / 150)
    assert comparison.vanilla.round_spread == pytest.approx(100 / 150)
    data = comparison.as_dict()
    assert (data["ratio_round_min"], data["ratio_round_max"]) == (1.1, 1.3)


def test_comparison_needs_matching_rounds():
    with pytest.raises(ValueError, match="same number of rounds"):
        stats.compare([[0.1]], [[0.1], [0.2]])


def test_typical_query_count_is_the_most_common():
    assert stats.typical([21, 21, 22, 21]) == 21
    assert stats.typical([3, 4]) == 3
    assert stats.typical([None, None]) is None


def compare_result(ratio, low, high, extra):
    return {
        "latency": {
            "ratio": 9.99,  # all samples: one disturbed round must not decide
            "ratio_median_of_rounds": ratio,
            "ratio_round_min": low,
            "ratio_round_max": high,
        },
        "queries": {"extra": extra},
    }


@pytest.mark.parametrize(
    ("result", "met", "noisy", "text"),
    [
        (compare_result(1.05, 1.01, 1.09, 2), True, False, "met"),
        (
            compare_result(1.30, 1.25, 1.40, 2),
            False,
            False,
            "ratio 1.30 > 1.15 (13 % over)",
        ),
        (compare_result(1.10, 1.02, 1.20, 3), True, True, "noise decides"),
        (compare_result(1.05, 1.01, 1.09, 4), False, False, "+4 queries > +3"),
    ],
)
def test_verdict_says_by_how_much_a_target_is_missed(result, met, noisy, text):
    # given
    target = Target("storefront", max_ratio=1.15, max_extra_queries=3)

    # when
    verdict = report.verdict(target, result, COMPARE)

    # then
    assert (verdict["met"], verdict["noisy"]) == (met, noisy)
    assert text in verdict["text"]


def test_verdict_on_rates_and_query_independence():
    rate = Target("rate", min_rate=5_000)
    slow = {"passes": {"create": {"rate": 4_000}, "update": {"rate": 9_000}}}
    assert (
        "4,000/s < 5,000/s (20 % under)"
        in report.verdict(rate, slow, THROUGHPUT)["text"]
    )
    counts = Target("counts", max_extra_queries=3)
    growing = {"max_extra": 3, "independent": False}
    assert report.verdict(counts, growing, COUNTS)["met"] is False


def synthetic_run(scenario_results):
    return {
        "started_at": "2026-01-01T00:00:00Z",
        "duration_seconds": 100.0,
        "quick": True,
        "rounds": 2,
        "output": "bench/results/x.json",
        "machine": {
            "nproc": 2,
            "cpu": "CPU",
            "ram_gib": 4.0,
            "load_average_at_start": [1.0, 1.0, 1.0],
            "load_average_at_end": [1.0, 1.0, 1.0],
            "saleor": "3.23.28",
            "commit": "abc",
            "uncommitted_changes": False,
        },
        "dataset": {
            "key": "k",
            "database": "db",
            "size": benchdata.SMALL.as_dict(),
            "counts": {"variants": 900},
        },
        "scenarios": scenario_results,
    }


def test_the_table_shows_measured_and_pending_scenarios():
    # given
    latency = stats.compare([[0.1, 0.1]], [[0.105, 0.105]]).as_dict()
    latency["ratio"] = 1.07  # as if another round had been disturbed
    measured = {
        "key": "listing",
        "title": "storefront listing",
        "kind": COMPARE,
        "status": "measured",
        "notes": ["catalog rules: not measured: feature not installed"],
        "result": {
            "latency": latency,
            "queries": {"vanilla": 18, "plugin": 21, "extra": 3},
        },
        "verdict": {"met": True, "text": "met"},
    }
    pending = {
        "key": "catalog_rules",
        "title": "catalog rules only",
        "kind": COMPARE,
        "status": "not measured",
        "reason": "feature not installed",
        "notes": [],
    }

    # when
    text = report.table(synthetic_run([measured, pending]))

    # then
    assert "18->21" in text
    assert "  1.05 " in text
    assert " 1.07 " in text
    assert "catalog rules only" in text
    assert "not measured: feature not installed" in text
    assert "Targets: 1 met, 0 missed, 1 not measured." in text


def test_scenarios_of_features_not_installed_say_so():
    # given
    bench = Bench(DjangoTransport(), PENDING_MARKER)

    # then
    assert CatalogRulesOnly().pending(bench) == "feature not installed"
    assert ApprovalRequired().pending(bench) == "feature not installed"
    assert Listing().notes(bench) == [
        "catalog rules: not measured: feature not installed"
    ]
    assert Checkout().notes(bench) == [
        "approval policy: not measured: feature not installed"
    ]
    assert {s.key for s in scenarios()} >= {
        "listing",
        "detail",
        "checkout",
        "bulk_upsert",
    }


def test_seeded_features_are_measured_and_the_rows_say_so():
    # given
    bench = Bench(DjangoTransport(), SEEDED_MARKER)

    # then
    assert CatalogRulesOnly().pending(bench) is None
    assert ApprovalRequired().pending(bench) is None
    assert Listing().notes(bench) == [
        "catalog rules: measured: 39 in the buyer's groups, a restricted catalog; it "
        "sees 5,050 of 10,000 products"
    ]
    assert Detail().notes(bench) == Listing().notes(bench)
    assert ShallowBuyerListing().notes(bench) == [
        "catalog rules: none in this buyer's groups"
    ]
    assert "it sees 5,001 of 10,000" in CatalogRulesOnly().notes(bench)[0]
    assert Checkout().notes(bench) == [
        "approval policy: measured: evaluated at completion; the buyer's account "
        "asks for approval above USD 1,000,000, which no bench checkout reaches"
    ]
    assert "vanilla Saleor has no approvals" in ApprovalRequired().notes(bench)[0]


def test_bulk_batches_are_the_mutations_limit():
    assert bulk_upsert.BATCH == MAX_ROWS


def test_bulk_rows_beyond_the_variants_become_higher_tiers():
    # when
    rows = bulk_upsert.rows(variants=3, count=7, price_cents=1500)

    # then
    keys = {(row["variantSku"], row["minQuantity"]) for row in rows}
    assert len(keys) == 7
    assert {row["minQuantity"] for row in rows} == {1, 6, 11}
    assert rows[0]["price"] == "15.00"


def test_bench_database_is_named_after_the_dataset():
    # then
    small = database.database_name(benchdata.SMALL)
    assert small == database.database_name(benchdata.SMALL)
    assert small != database.database_name(replace(benchdata.SMALL, products=301))
    assert small.startswith(database.PREFIX)
    assert len(small) < 63


def test_seed_arguments_describe_the_same_size_to_the_runner():
    # when
    options = run.parse(database.seed_arguments(benchdata.SMALL))

    # then
    assert run.size_of(options) == benchdata.SMALL
    assert run.size_of(run.parse([])) == benchdata.DEFAULT
    assert run.size_of(run.parse(["--small", "--products", "50"])).products == 50


def test_unknown_scenarios_are_refused():
    with pytest.raises(BenchError, match="Unknown scenario nope"):
        run.selected(run.parse(["--only", "listing,nope"]))


def test_result_raises_on_graphql_and_mutation_errors():
    with pytest.raises(BenchError, match="boom"):
        result(Response({"errors": [{"message": "boom"}]}, 0.1, 1), "shop")
    with pytest.raises(BenchError, match="INVALID"):
        result(
            Response({"data": {"x": {"errors": [{"code": "INVALID"}]}}}, 0.1, 1), "x"
        )


def test_asgi_wrapper_counts_the_queries_of_each_request(db, monkeypatch):
    # given: an app that, like Django's handler, runs its view in a thread
    from bench import asgi

    def view(statements: int) -> None:
        with connections["default"].cursor() as cursor:
            for n in range(statements):
                cursor.execute("SELECT %s", [n])

    async def django_like(scope, receive, send):
        await sync_to_async(view)(int(scope["path"].strip("/")))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    monkeypatch.setattr(asgi, "saleor_application", django_like)

    def request(path: str) -> dict:
        messages: list[dict] = []

        async def send(message):
            messages.append(message)

        async_to_sync(asgi.application)({"type": "http", "path": path}, None, send)
        return dict(messages[0]["headers"])

    # when
    three, five = request("/3/"), request("/5/")

    # then
    assert three[asgi.QUERY_COUNT_HEADER] == b"3"
    assert five[asgi.QUERY_COUNT_HEADER] == b"5"


def test_plugin_switch_goes_through_plugin_update(bench_session):
    # when
    bench_session.set_mode(VANILLA)
    off = bench_session.post("{ shop { customerGroupsEnabled } }", who="anonymous")
    bench_session.set_mode(PLUGIN)
    on = bench_session.post("{ shop { customerGroupsEnabled } }", who="anonymous")

    # then
    assert off.data["data"]["shop"]["customerGroupsEnabled"] is False
    assert on.data["data"]["shop"]["customerGroupsEnabled"] is True
    assert off.queries is not None


def test_query_counts_scenario_on_the_tiny_dataset(bench_session):
    # when
    counted = QueryCounts().run(bench_session, quick=True)

    # then: the product's promise, as the runner checks it
    rows = {row["request"]: row for row in counted["rows"]}
    assert len(rows) == 12
    assert rows["listing 100, anonymous"]["extra"] == 0
    catalog_buyer = [row for row in rows.values() if "catalog buyer" in row["request"]]
    assert {row["kind"] for row in catalog_buyer} == {
        "listing, no price list",
        "product page, no price list",
    }
    assert counted["independent"] is True
    assert 0 < counted["max_extra"] <= 3


def test_bulk_upsert_scenario_imports_and_cleans_up(bench_session, monkeypatch):
    # given: a small import in small calls
    monkeypatch.setattr(bulk_upsert, "QUICK_ENTRIES", 120)
    monkeypatch.setattr(bulk_upsert, "BATCH", 50)
    lists_before = PriceList.objects.count()

    # when
    measured = bulk_upsert.BulkUpsert().run(bench_session, quick=True)

    # then
    assert measured["entries"] == 120
    assert [len(p["batches"]) for p in measured["passes"].values()] == [3, 3]
    assert all(p["rate"] > 0 for p in measured["passes"].values())
    assert PriceList.objects.count() == lists_before
    assert not PriceListEntry.objects.filter(
        external_reference__startswith="BENCH-ERP-"
    )


class Flow(Scenario):
    """A plugin-only flow of two steps that needs no server."""

    key = "flow"
    title = "a flow vanilla does not have"
    kind = PLUGIN_ONLY
    plan = Plan(warmup=1, requests=3, quick_requests=2)

    def notes(self, bench):
        return ["plugin only"]

    def run_once(self, bench):
        flow = FlowTimer()
        flow.add("request", Response({}, 0.010, 4))
        flow.add("approve", Response({}, 0.030, 6))
        return flow.total()


def test_a_plugin_only_flow_is_timed_with_the_plugin_and_reported_without_ratio():
    # given: the plugin already on, so no switch is sent
    bench = Bench(DjangoTransport(), SEEDED_MARKER, mode=PLUGIN)

    # when
    entry = run.measure(Flow(), bench, rounds=2, quick=True)
    text = report.table(synthetic_run([entry]))

    # then
    result = entry["result"]
    assert entry["status"] == "measured"
    assert result["latency"][PLUGIN]["median"] == pytest.approx(40)
    assert result["latency"][PLUGIN]["count"] == 4
    assert result["queries"] == {PLUGIN: 10}
    assert result["steps"]["approve"] == {
        "plugin_median": pytest.approx(30),
        "plugin_queries": 6,
    }
    row = next(line for line in text.splitlines() if line.startswith(Flow.title))
    assert "40.0" in row
    assert "no target" in row
    assert " - " in row
    assert "  note: plugin only" in text
    assert "Targets: 0 met, 0 missed, 0 not measured." in text


class Broken(Scenario):
    key = "broken"
    title = "a scenario whose server answers with errors"

    def prepare(self, bench):
        raise BenchError("products: the server said no")


def test_a_failing_scenario_is_reported_and_does_not_stop_the_run():
    # given
    bench = Bench(DjangoTransport(), PENDING_MARKER)

    # when
    entry = run.measure(Broken(), bench, rounds=1, quick=True)
    text = report.table(synthetic_run([entry]))

    # then
    assert (entry["status"], entry["reason"]) == (
        "failed",
        "products: the server said no",
    )
    assert "FAILED: products: the server said no" in text
    assert "1 FAILED" in text
