"""The run's results: a table on stdout and the same, in full, as JSON.

``verdict`` checks a scenario's numbers against the issue's target; it reports a
miss and by how much, and flags a result whose rounds straddle the target (noise
decides it: re-run on a quiet machine).
"""

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .scenarios import COMPARE, COUNTS, PLUGIN_ONLY, THROUGHPUT, TIMED, Target
from .session import PLUGIN

ROOT = Path(__file__).resolve().parent.parent


def machine() -> dict[str, Any]:
    """Where the numbers come from."""
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gib": _ram_gib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "saleor": version("saleor"),
        "saleor_b2b_groups": version("saleor-b2b-groups"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain")),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def verdict(target: Target | None, result: dict[str, Any], kind: str) -> dict[str, Any]:
    """Whether ``result`` meets ``target``: ``met``, and why not when it is not."""
    if target is None:
        return {"met": None, "text": "no target"}
    misses: list[str] = []
    noisy = False
    if kind == COMPARE and target.max_ratio is not None:
        # The median of the rounds' ratios: a round disturbed in one mode only (a
        # neighbour's burst of load) moves it less than the ratio of all samples.
        ratio = result["latency"]["ratio_median_of_rounds"]
        if ratio > target.max_ratio:
            over = (ratio / target.max_ratio - 1) * 100
            misses.append(
                f"ratio {ratio:.2f} > {target.max_ratio:.2f} ({over:.0f} % over)"
            )
        low = result["latency"]["ratio_round_min"]
        high = result["latency"]["ratio_round_max"]
        noisy = low <= target.max_ratio < high
    if kind == COMPARE and target.max_extra_queries is not None:
        extra = result["queries"]["extra"]
        if extra is not None and extra > target.max_extra_queries:
            misses.append(f"+{extra} queries > +{target.max_extra_queries}")
    if kind == COUNTS and target.max_extra_queries is not None:
        if result["max_extra"] > target.max_extra_queries:
            misses.append(
                f"+{result['max_extra']} queries > +{target.max_extra_queries}"
            )
        if not result["independent"]:
            misses.append("the extra queries differ between page sizes or buyers")
    if kind == THROUGHPUT and target.min_rate is not None:
        rate = min(p["rate"] for p in result["passes"].values())
        if rate < target.min_rate:
            under = (1 - rate / target.min_rate) * 100
            misses.append(
                f"{rate:,.0f}/s < {target.min_rate:,.0f}/s ({under:.0f} % under)"
            )
    text = "met" if not misses else "MISSED: " + "; ".join(misses)
    if noisy:
        text += " (rounds straddle the target: noise decides)"
    return {"met": not misses, "noisy": noisy, "text": text, "misses": misses}


def _ms(value: float) -> str:
    return f"{value:8.1f}"


def _unmeasured(scenario: dict[str, Any]) -> str:
    """Why a scenario has no numbers: a pending feature, or a failure."""
    status = "FAILED" if scenario["status"] == "failed" else scenario["status"]
    return f"{status}: {scenario['reason']}"


def table(run: dict[str, Any]) -> str:
    """The human-readable report."""
    lines: list[str] = []
    m, d = run["machine"], run["dataset"]
    size = d["size"]
    lines += [
        f"saleor-b2b-groups benchmark, {run['started_at']} "
        f"({run['duration_seconds']:.0f} s{', --quick' if run['quick'] else ''})",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM; load at "
        f"start {m['load_average_at_start']}, at end {m.get('load_average_at_end')}; "
        f"Saleor {m['saleor']}, commit {m['commit']}"
        f"{' (uncommitted changes)' if m['uncommitted_changes'] else ''}",
        f"Dataset {d['key']} ({d['database']}): {size['products']:,} products "
        f"({d['counts'].get('variants', 0):,} variants), {size['categories']:,} "
        f"categories, {size['customers']:,} customers, {size['groups']:,} groups "
        f"{size['depth']} deep, {d['counts'].get('price_lists', 0):,} price lists, "
        f"{d['counts'].get('price_list_entries', 0):,} fixed prices and tiers, "
        f"{d['counts'].get('price_list_rules', 0):,} rules, "
        f"{d['counts'].get('catalog_rules', 0):,} catalog rules, "
        f"{d['counts'].get('approval_policies', 0):,} approval policies",
        f"Rounds: {run['rounds']}, vanilla and plugin interleaved (each round "
        "alternates which goes first); latencies in ms over HTTP, one request at "
        "a time.",
        "",
    ]
    compared = [s for s in run["scenarios"] if s["kind"] in TIMED]
    header = (
        f"{'scenario':<52} {'vanilla med':>11} {'p95':>8} {'plugin med':>11} "
        f"{'p95':>8} {'ratio':>6} {'(rounds)':>11} {'all':>5} {'SQL':>10}  target"
    )
    if compared:
        lines += [header, "-" * len(header)]
    for scenario in compared:
        if scenario["status"] != "measured":
            lines.append(f"{scenario['title']:<52} {_unmeasured(scenario)}")
            continue
        if scenario["kind"] == PLUGIN_ONLY:
            lines += _plugin_only_rows(scenario)
            continue
        latency = scenario["result"]["latency"]
        queries = scenario["result"]["queries"]
        sql = f"{queries['vanilla']}->{queries['plugin']}"
        rounds = f"({latency['ratio_round_min']:.2f}-{latency['ratio_round_max']:.2f})"
        lines.append(
            f"{scenario['title']:<52} {_ms(latency['vanilla']['median']):>11} "
            f"{_ms(latency['vanilla']['p95'])} {_ms(latency['plugin']['median']):>11} "
            f"{_ms(latency['plugin']['p95'])} {latency['ratio_median_of_rounds']:6.2f} "
            f"{rounds:>11} {latency['ratio']:5.2f} {sql:>10}  "
            f"{scenario['verdict']['text']}"
        )
        for step, values in scenario["result"].get("steps", {}).items():
            lines.append(
                f"  {step:<50} {_ms(values['vanilla_median']):>11} {'':>8} "
                f"{_ms(values['plugin_median']):>11} {'':>8} "
                f"{values['plugin_median'] / values['vanilla_median']:6.2f} {'':>17} "
                f"{values['vanilla_queries']}->{values['plugin_queries']:<4}"
            )
        for note in scenario["notes"]:
            lines.append(f"  note: {note}")
    for scenario in run["scenarios"]:
        if scenario["kind"] in TIMED:
            continue
        lines.append("")
        if scenario["status"] != "measured":
            lines.append(f"{scenario['title']}: {_unmeasured(scenario)}")
            continue
        result = scenario["result"]
        if scenario["kind"] == THROUGHPUT:
            lines.append(
                f"{scenario['title']}: {result['entries']:,} entries in calls of "
                f"{result['batch']:,}, plugin on  -- {scenario['verdict']['text']}"
            )
            for name, values in result["passes"].items():
                rates = [b["rate"] for b in values["batches"]]
                lines.append(
                    f"  {name:<8} {values['rate']:>9,.0f} entries/s "
                    f"({values['seconds']:.1f} s; calls {min(rates):,.0f}-"
                    f"{max(rates):,.0f}/s, {values['batches'][0]['queries']} SQL "
                    "queries per call)"
                )
        elif scenario["kind"] == COUNTS:
            lines.append(f"{scenario['title']}  -- {scenario['verdict']['text']}")
            lines.append(f"  {'request':<72} {'vanilla':>7} {'plugin':>7} {'extra':>6}")
            for row in result["rows"]:
                lines.append(
                    f"  {row['request']:<72} {row['vanilla']:>7} {row['plugin']:>7} "
                    f"{row['extra']:>+6}"
                )
    summary = [
        s["verdict"]["met"] for s in run["scenarios"] if s["status"] == "measured"
    ]
    unmeasured = sum(1 for s in run["scenarios"] if s["status"] == "not measured")
    failed = sum(1 for s in run["scenarios"] if s["status"] == "failed")
    lines += [
        "",
        f"Targets: {summary.count(True)} met, {summary.count(False)} missed, "
        f"{unmeasured} not measured{f', {failed} FAILED' if failed else ''}. "
        f"JSON: {run['output']}",
    ]
    return "\n".join(lines)


def _plugin_only_rows(scenario: dict[str, Any]) -> list[str]:
    """A flow vanilla Saleor does not have: the plugin's columns only."""
    result = scenario["result"]
    latency = result["latency"][PLUGIN]
    lines = [
        f"{scenario['title']:<52} {'-':>11} {'':>8} {_ms(latency['median']):>11} "
        f"{_ms(latency['p95'])} {'-':>6} {'':>11} {'':>5} "
        f"{result['queries'][PLUGIN]!s:>10}  "
        f"{scenario['verdict']['text']}"
    ]
    for step, values in result.get("steps", {}).items():
        lines.append(
            f"  {step:<50} {'':>11} {'':>8} "
            f"{_ms(values[f'{PLUGIN}_median']):>11} {'':>8} {'':>6} "
            f"{'':>17} {values[f'{PLUGIN}_queries']:>10}"
        )
    for note in scenario["notes"]:
        lines.append(f"  note: {note}")
    return lines


def write_json(run: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run, indent=2) + "\n")


def timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
