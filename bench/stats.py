"""Latency statistics and the plugin/vanilla comparison, with their noise.

Each COMPARE scenario yields, per mode, one list of samples per round. The runner
reports the median and the 95th percentile over all samples, the ratio of the
medians, and the noise two ways: the ratio per round (its median and its range:
drift affects both modes of a round alike, so a wide range means noise within
rounds) and the spread of each mode's round medians.
"""

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(values: Sequence[float], share: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    """Latencies of one mode, in milliseconds."""

    count: int
    median: float
    p95: float
    minimum: float
    maximum: float
    #: Median of each round.
    round_medians: list[float]

    @property
    def round_spread(self) -> float:
        """(max - min) of the round medians over their median: 0.05 is 5 %."""
        middle = statistics.median(self.round_medians)
        return (max(self.round_medians) - min(self.round_medians)) / middle

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "round_spread": round(self.round_spread, 4)}


def summarise(rounds: Sequence[Sequence[float]]) -> Summary:
    """``rounds`` of latencies in seconds."""
    everything = [seconds * 1000 for samples in rounds for seconds in samples]
    return Summary(
        count=len(everything),
        median=statistics.median(everything),
        p95=percentile(everything, 0.95),
        minimum=min(everything),
        maximum=max(everything),
        round_medians=[statistics.median(samples) * 1000 for samples in rounds],
    )


@dataclass(frozen=True)
class Comparison:
    vanilla: Summary
    plugin: Summary
    #: Median with the plugin over median without, all samples.
    ratio: float
    #: The same ratio, round by round.
    round_ratios: list[float]

    @property
    def ratio_of_rounds(self) -> float:
        return statistics.median(self.round_ratios)

    def as_dict(self) -> dict[str, Any]:
        return {
            "vanilla": self.vanilla.as_dict(),
            "plugin": self.plugin.as_dict(),
            "ratio": round(self.ratio, 4),
            "round_ratios": [round(r, 4) for r in self.round_ratios],
            "ratio_median_of_rounds": round(self.ratio_of_rounds, 4),
            "ratio_round_min": round(min(self.round_ratios), 4),
            "ratio_round_max": round(max(self.round_ratios), 4),
        }


def compare(
    vanilla: Sequence[Sequence[float]], plugin: Sequence[Sequence[float]]
) -> Comparison:
    """Both modes' rounds of latencies (seconds), round ``n`` of each side by side."""
    if len(vanilla) != len(plugin) or not vanilla:
        raise ValueError("both modes need the same number of rounds, at least one")
    off, on = summarise(vanilla), summarise(plugin)
    return Comparison(
        vanilla=off,
        plugin=on,
        ratio=on.median / off.median,
        round_ratios=[
            p / v for p, v in zip(on.round_medians, off.round_medians, strict=True)
        ],
    )


def typical(values: Sequence[int | None]) -> int | None:
    """The query count a request usually runs (the most common; the lowest on a
    tie), or None when the transport could not count."""
    counted = [value for value in values if value is not None]
    if not counted:
        return None
    counts = statistics.multimode(counted)
    return min(counts)
