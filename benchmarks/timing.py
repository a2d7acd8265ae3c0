"""Shared by the benchmarks: interleaved timing, medians, ratios, and the machine."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable, Mapping

Timer = Callable[[], object]


def machine() -> str:
    """One line describing where the numbers were measured."""
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}, {python}"


def interleaved(sides: Mapping[str, Timer], runs: int, warmup: int = 2) -> dict[str, list[float]]:
    """Seconds per call of each side, run in alternating order so noise hits all alike."""
    for function in sides.values():
        for _ in range(warmup):
            function()
    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            start = time.perf_counter()
            sides[name]()
            times[name].append(time.perf_counter() - start)
    return times


def ratio_line(
    label: str,
    ours: list[float],
    base: list[float],
    goal: float | None = None,
    *,
    higher_is_better: bool = False,
) -> str:
    """The medians of two sides, their ratio, and the verdict against a goal."""
    ours_median, base_median = statistics.median(ours), statistics.median(base)
    ratio = (base_median / ours_median) if higher_is_better else (ours_median / base_median)
    line = (
        f"{label}: {ours_median * 1000:.2f} ms vs {base_median * 1000:.2f} ms"
        f" (medians of {len(ours)}), ratio {ratio:.3f}"
    )
    if goal is not None:
        met = ratio >= goal if higher_is_better else ratio <= goal
        sign = "≥" if higher_is_better else "≤"
        verdict = "meets" if met else f"misses by {abs(ratio / goal - 1) * 100:.1f}%"
        line += f"; goal {sign} {goal:.2f}: {verdict}"
    return line
