"""The benchmark: the plugin's cost against vanilla Saleor, side by side, in one run.

    bench/run                 # the issue's B2B scale; a few minutes on 2 cores
    bench/run --quick         # fewer rounds and requests, 20,000 bulk rows
    bench/run --small --quick # a small dataset too: about a minute
    bench/run --only listing,detail --rounds 9

Steps: make or reuse the bench database for the dataset's size (``bench.database``),
start one Saleor server on loopback (``bench.server``), log the bench users in,
then for each scenario (``bench.scenarios``) measure vanilla (the plugin switched
off with ``pluginUpdate``) and plugin in interleaved rounds (the plugin alone for
a flow vanilla does not have: approvals); print the table and
write the JSON to ``bench/results/``. Exit status: 0 when every scenario ran
(targets met or not: the table says; pending features are not failures), 1 when
the run or a scenario failed (a failed scenario is reported; the others still run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from saleor_b2b_groups import benchdata

from . import database, report, server
from .client import BenchError, Timed
from .scenarios import COMPARE, TIMED, Scenario, scenarios
from .session import MODES, PLUGIN, VANILLA, Bench
from .stats import compare, summarise, typical

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ROUNDS = 5
QUICK_ROUNDS = 3


def log(message: str) -> None:
    print(f"==> {message}", flush=True)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer rounds and requests"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help=f"rounds per scenario (default {ROUNDS}, --quick {QUICK_ROUNDS})",
    )
    parser.add_argument(
        "--only",
        help="comma-separated scenario keys: " + ", ".join(s.key for s in scenarios()),
    )
    parser.add_argument(
        "--output", type=Path, help="JSON file (default bench/results/...)"
    )
    parser.add_argument(
        "--reseed", action="store_true", help="seed the bench database again"
    )
    parser.add_argument(
        "--database",
        help="the bench database's name (default: named after the dataset)",
    )
    parser.add_argument(
        "--drop-databases",
        action="store_true",
        help="drop every bench database on the server, then exit",
    )
    data = parser.add_argument_group("dataset (as b2b_bench_seed takes them)")
    data.add_argument("--small", action="store_true", help="the small preset")
    for item in fields(benchdata.Size):
        data.add_argument(
            "--" + item.name.replace("_", "-"),
            type=int,
            dest=item.name,
            help=f"default {getattr(benchdata.DEFAULT, item.name):,}",
        )
    return parser.parse_args(argv)


def size_of(options: argparse.Namespace) -> benchdata.Size:
    base = benchdata.SMALL if options.small else benchdata.DEFAULT
    chosen = {
        item.name: getattr(options, item.name)
        for item in fields(benchdata.Size)
        if getattr(options, item.name) is not None
    }
    return replace(base, **chosen)


def selected(options: argparse.Namespace) -> list[Scenario]:
    every = scenarios()
    if not options.only:
        return every
    keys = [key.strip() for key in options.only.split(",") if key.strip()]
    unknown = sorted(set(keys) - {s.key for s in every})
    if unknown:
        raise BenchError(f"Unknown scenario {', '.join(unknown)}; see --help.")
    return [s for s in every if s.key in keys]


def measure_rounds(
    scenario: Scenario, bench: Bench, rounds: int, quick: bool
) -> dict[str, Any]:
    """Round after round: both modes (COMPARE), alternating which goes first, or
    the plugin alone (PLUGIN_ONLY)."""
    modes = MODES if scenario.kind == COMPARE else (PLUGIN,)
    plan = scenario.plan
    requests = plan.quick_requests if quick else plan.requests
    samples: dict[str, list[list[Timed]]] = {mode: [] for mode in modes}
    for number in range(rounds):
        order = modes if number % 2 == 0 else modes[::-1]
        for mode in order:
            bench.set_mode(mode)
            scenario.start(bench)
            for _ in range(plan.warmup):
                scenario.run_once(bench)
            samples[mode].append([scenario.run_once(bench) for _ in range(requests)])
        medians = ", ".join(
            f"{mode} {_median_ms(samples[mode][-1]):.1f} ms" for mode in modes
        )
        print(f"    round {number + 1}/{rounds}: {medians}", flush=True)
    if scenario.kind == COMPARE:
        return summarise_compare(samples)
    return summarise_plugin_only(samples[PLUGIN])


def summarise_compare(samples: dict[str, list[list[Timed]]]) -> dict[str, Any]:
    latency = compare(
        [[t.seconds for t in round_] for round_ in samples[VANILLA]],
        [[t.seconds for t in round_] for round_ in samples[PLUGIN]],
    )
    queries = {mode: _queries(samples[mode]) for mode in MODES}
    extra = (
        None
        if queries[VANILLA] is None or queries[PLUGIN] is None
        else queries[PLUGIN] - queries[VANILLA]
    )
    result: dict[str, Any] = {
        "latency": latency.as_dict(),
        "queries": {**queries, "extra": extra},
        "samples_ms": {mode: _samples_ms(samples[mode]) for mode in MODES},
    }
    return result | _steps(samples)


def summarise_plugin_only(rounds: list[list[Timed]]) -> dict[str, Any]:
    """The plugin's latency and queries, with no vanilla to compare with."""
    latency = summarise([[t.seconds for t in round_] for round_ in rounds])
    return {
        "latency": {PLUGIN: latency.as_dict()},
        "queries": {PLUGIN: _queries(rounds)},
        "samples_ms": {PLUGIN: _samples_ms(rounds)},
    } | _steps({PLUGIN: rounds})


def _median_ms(samples: list[Timed]) -> float:
    return statistics.median(t.seconds for t in samples) * 1000


def _queries(rounds: list[list[Timed]]) -> int | None:
    return typical([t.queries for round_ in rounds for t in round_])


def _samples_ms(rounds: list[list[Timed]]) -> list[list[float]]:
    return [[round(t.seconds * 1000, 2) for t in round_] for round_ in rounds]


def _steps(samples: dict[str, list[list[Timed]]]) -> dict[str, Any]:
    """A flow's steps: each mode's median and usual queries per step."""
    first = next(iter(samples.values()))[0][0]
    if not first.steps:
        return {}
    return {
        "steps": {
            step: {
                f"{mode}_median": statistics.median(
                    t.steps[step][0] * 1000 for r in rounds for t in r if t.steps
                )
                for mode, rounds in samples.items()
            }
            | {
                f"{mode}_queries": typical(
                    [t.steps[step][1] for r in rounds for t in r if t.steps]
                )
                for mode, rounds in samples.items()
            }
            for step in first.steps
        }
    }


def measure(
    scenario: Scenario, bench: Bench, rounds: int, quick: bool
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "key": scenario.key,
        "title": scenario.title,
        "kind": scenario.kind,
        "target": scenario.target.description if scenario.target else None,
        "notes": [],
    }
    reason = scenario.pending(bench)
    if reason is not None:
        log(f"{scenario.title}: not measured: {reason}")
        return {**entry, "status": "not measured", "reason": reason}
    log(scenario.title)
    started = time.monotonic()
    entry["notes"] = scenario.notes(bench)
    try:
        if scenario.kind in TIMED:
            scenario.prepare(bench)
            result = measure_rounds(scenario, bench, rounds, quick)
        else:
            result = scenario.run(bench, quick)
    except BenchError as error:  # the other scenarios still run and report
        print(f"    FAILED: {error}", flush=True)
        return {**entry, "status": "failed", "reason": str(error)}
    entry.update(
        status="measured",
        result=result,
        seconds=round(time.monotonic() - started, 1),
        verdict=report.verdict(scenario.target, result, scenario.kind),
    )
    print(f"    {entry['verdict']['text']} ({entry['seconds']:.0f} s)", flush=True)
    return entry


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    started = time.monotonic()
    try:
        if options.drop_databases:
            database.drop_all(log)
            return 0
        size = size_of(options)
        size.check()
        chosen = selected(options)
        rounds = options.rounds or (QUICK_ROUNDS if options.quick else ROUNDS)
        name, marker = database.prepare(
            size, reseed=options.reseed, log=log, name=options.database
        )
        run: dict[str, Any] = {
            "started_at": report.timestamp(),
            "quick": options.quick,
            "rounds": rounds,
            "command": " ".join(
                ["bench/run", *(argv if argv is not None else sys.argv[1:])]
            ),
            "machine": report.machine(),
            "server": database.SALEOR_SETTINGS,
            "dataset": {
                "database": name,
                "key": marker["key"],
                "size": marker["size"],
                "counts": marker["counts"],
                "steps": marker["steps"],
                "seed_seconds": marker.get("seconds"),
            },
        }
        output = (
            options.output
            or RESULTS / f"bench-{run['started_at'].replace(':', '')}.json"
        )
        log("Starting Saleor (uvicorn, DEBUG=False) on 127.0.0.1")
        running = server.start(name, output.with_suffix(".server.log"))
        try:
            bench = Bench(running.transport(), marker)
            bench.login()
            try:
                run["scenarios"] = [
                    measure(s, bench, rounds, options.quick) for s in chosen
                ]
            finally:
                bench.delete_payment_app()
        finally:
            running.stop()
    except (BenchError, ValueError) as error:
        print(f"\nERROR: {error}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    run["duration_seconds"] = time.monotonic() - started
    run["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    run["output"] = str(
        output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    )
    report.write_json(run, output)
    if options.output is None:
        report.write_json(run, RESULTS / "latest.json")
    print("\n" + report.table(run), flush=True)
    failed = [s["key"] for s in run["scenarios"] if s["status"] == "failed"]
    if failed:
        print(f"\nERROR: {', '.join(failed)} failed (above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
