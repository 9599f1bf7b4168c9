"""``bench/run`` end to end on a tiny dataset: database, seed, server, HTTP, report.

Run as a user runs it, with the fewest requests that exercise every part: a bench
database of its own (copied from the Saleor template, migrated, seeded through
``b2b_bench_seed``), the real server with the query-count header, one round of the
listing, the checkout, the catalog-rules-only listing and the approval round trip,
the query counts, the table and the JSON. It asserts that everything was measured
and reported, never how fast.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from bench import database
from tests.fixtures.bench import APPROVAL_FLOW_STEPS, TINY

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 900  # about a minute when idle; room for a busy 2-core machine


@pytest.fixture
def bench_database():
    name = f"{database.PREFIX}e2e_{os.getpid()}"
    database.drop(name)
    yield name
    database.drop(name)


def test_bench_run_measures_and_reports(bench_database, tmp_path):
    # given
    output = tmp_path / "result.json"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL_REPLICA"}
    }

    # when
    process = subprocess.run(
        [
            str(ROOT / "bench" / "run"),
            *database.seed_arguments(TINY),
            "--database",
            bench_database,
            "--only",
            "listing,checkout,catalog_rules,approval_flow,query_counts",
            "--quick",
            "--rounds",
            "1",
            "--output",
            str(output),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )

    # then
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    run = json.loads(output.read_text())
    by_key = {scenario["key"]: scenario for scenario in run["scenarios"]}
    assert by_key["listing"]["status"] == "measured"
    assert by_key["listing"]["result"]["queries"]["extra"] is not None
    assert by_key["checkout"]["result"]["steps"].keys() == {
        "create",
        "lines add",
        "delivery",
        "payment",
        "complete",
    }
    assert by_key["checkout"]["notes"][0].startswith("approval policy: measured")
    assert by_key["listing"]["notes"][0].startswith("catalog rules: measured")
    assert by_key["catalog_rules"]["status"] == "measured"
    assert by_key["catalog_rules"]["result"]["queries"]["extra"] is not None
    flow = by_key["approval_flow"]
    assert (flow["status"], flow["kind"]) == ("measured", "plugin only")
    assert list(flow["result"]["steps"]) == APPROVAL_FLOW_STEPS
    assert set(flow["result"]["latency"]) == {"plugin"}
    assert len(by_key["query_counts"]["result"]["rows"]) == 12
    assert {s["status"] for s in run["scenarios"]} == {"measured"}
    assert run["dataset"]["steps"] == dict.fromkeys(run["dataset"]["steps"], "seeded")
    assert run["dataset"]["size"] == TINY.as_dict()
    assert run["machine"]["nproc"] == os.cpu_count()
    assert "Targets:" in process.stdout
    assert " 0 not measured." in process.stdout
    assert "approval policy: measured" in process.stdout
