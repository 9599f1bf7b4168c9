"""What the benchmark measures: one module per scenario, listed in ``scenarios()``.

A scenario is one of four kinds:

- ``COMPARE``: an operation (one request, or a flow of requests) timed with the
  plugin switched off (vanilla) and on, in interleaved rounds; the runner reports
  both and their ratio;
- ``PLUGIN_ONLY``: a flow only the plugin offers (an approval), timed the same way
  with the plugin on, and reported without a ratio;
- ``THROUGHPUT``: an admin operation the plugin adds (bulk upserts), timed with the
  plugin on, reported as a rate;
- ``COUNTS``: SQL query counts of requests in both modes across page sizes and
  buyers, to show what the plugin adds does not grow with them.

Each feature adds its scenario module here (and its seeding step to
``saleor_b2b_groups.benchdata.STEPS``). A scenario whose feature is not in the
dataset says so through ``pending`` and the runner reports it "not measured"
instead of failing; ``notes`` say what a measured scenario did not include.
"""

from dataclasses import dataclass
from typing import Any

from ..client import Timed
from ..session import Bench

COMPARE, PLUGIN_ONLY, THROUGHPUT, COUNTS = (
    "compare",
    "plugin only",
    "throughput",
    "counts",
)
#: The kinds timed request by request, in rounds (``prepare``, ``run_once``).
TIMED = (COMPARE, PLUGIN_ONLY)


@dataclass(frozen=True)
class Target:
    """The issue's target for a scenario, checked by the runner (never by a test)."""

    description: str
    #: Median latency with the plugin over vanilla, at most.
    max_ratio: float | None = None
    #: SQL queries the plugin adds per request, at most.
    max_extra_queries: int | None = None
    #: Rows per second, at least.
    min_rate: float | None = None


@dataclass(frozen=True)
class Plan:
    """How many times a COMPARE (PLUGIN_ONLY) scenario runs per round and mode."""

    warmup: int
    requests: int
    quick_requests: int


class Scenario:
    key: str = ""
    title: str = ""
    kind: str = COMPARE
    target: Target | None = None
    plan: Plan = Plan(warmup=3, requests=20, quick_requests=8)

    def pending(self, bench: Bench) -> str | None:
        """Why this scenario cannot be measured on this dataset, or None."""
        return None

    def notes(self, bench: Bench) -> list[str]:
        """What a measured run did not include (a pending feature), for the report."""
        return []

    def prepare(self, bench: Bench) -> None:
        """Fetch what the runs need; check the plugin changes what it should."""

    def start(self, bench: Bench) -> None:
        """Before each round of one mode (COMPARE): both modes start alike."""

    def run_once(self, bench: Bench) -> Timed:
        """One measured operation (COMPARE, PLUGIN_ONLY)."""
        raise NotImplementedError

    def run(self, bench: Bench, quick: bool) -> dict[str, Any]:
        """The whole measurement (THROUGHPUT and COUNTS), as JSON-ready data."""
        raise NotImplementedError


def scenarios() -> list[Scenario]:
    from . import approvals, bulk_upsert, checkout, query_counts, storefront, visibility

    return [
        storefront.Listing(),
        storefront.ShallowBuyerListing(),
        storefront.Detail(),
        checkout.Checkout(),
        visibility.CatalogRulesOnly(),
        approvals.ApprovalRequired(),
        bulk_upsert.BulkUpsert(),
        query_counts.QueryCounts(),
    ]
