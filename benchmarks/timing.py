"""Shared by the benchmarks: interleaved timing, medians, ratios, and the machine."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

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


CALIBRATION_LOOPS = 300_000


def calibration() -> tuple[float, float]:
    """Wall and CPU seconds of a fixed CPU-bound loop.

    On a core of its own the loop's wall time equals its CPU time; when other
    processes want the cores, it waits and the wall time grows. The loop runs
    before and after each round of a benchmark to tell a quiet round from a
    disturbed one.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    total = 0
    for number in range(CALIBRATION_LOOPS):
        total += number * number
    return time.perf_counter() - wall, time.process_time() - cpu


@dataclass
class Guarded:
    """The times of the quiet rounds, and how many rounds were thrown away."""

    times: dict[str, list[float]]
    rounds: int
    rejected: int
    wanted: int
    calibrations: list[float] = field(default_factory=list)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    """CPU seconds of the child processes of every round, quiet or not."""

    @property
    def disturbed(self) -> bool:
        """Whether too few quiet rounds were had for a ratio worth printing."""
        return self.rounds < self.wanted


def guarded(
    sides: Mapping[str, Timer],
    runs: int,
    warmup: int = 1,
    *,
    tolerance: float = 0.10,
    max_rounds: int | None = None,
) -> Guarded:
    """Like :func:`interleaved`, keeping only rounds run on an otherwise idle machine.

    A round runs every side once (the order alternating). It is thrown away when the
    calibration loop before or after it waited for a core: its wall time exceeded its
    CPU time by more than ``tolerance``, or exceeded the fastest calibration seen by
    more than twice ``tolerance`` (CPU time counts too, when the processor is shared
    below the operating system). Rounds go on until ``runs`` are quiet or
    ``max_rounds`` (default 3 × runs) were tried.
    """
    for function in sides.values():
        for _ in range(warmup):
            function()
    names = list(sides)
    result = Guarded({name: [] for name in names}, 0, 0, runs)
    result.cpu = {name: [] for name in names}
    limit = max_rounds if max_rounds is not None else 3 * runs
    before = calibration()
    for attempt in range(limit):
        if result.rounds >= runs:
            break
        round_times: dict[str, float] = {}
        for name in names if attempt % 2 == 0 else reversed(names):
            children = _children_cpu()
            start = time.perf_counter()
            sides[name]()
            round_times[name] = time.perf_counter() - start
            result.cpu[name].append(_children_cpu() - children)
        after = calibration()
        result.calibrations += [before[0], after[0]]
        fastest = min(result.calibrations)
        quiet = all(
            wall <= cpu * (1 + tolerance) and wall <= fastest * (1 + 2 * tolerance)
            for wall, cpu in (before, after)
        )
        if quiet:
            result.rounds += 1
            for name, seconds in round_times.items():
                result.times[name].append(seconds)
        else:
            result.rejected += 1
        before = after
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_line(label: str, measured: Guarded, ours: str, base: str) -> str:
    """The medians of the CPU time of two sides' processes over every round, and their ratio.

    CPU time is far less disturbed by other load than wall time (not immune: caches
    and memory are shared), so it says something when the wall times cannot.
    """
    ours_median = statistics.median(measured.cpu[ours])
    base_median = statistics.median(measured.cpu[base])
    return (
        f"{label}, CPU time of the processes: {ours_median * 1000:.1f} ms vs"
        f" {base_median * 1000:.1f} ms (medians of {len(measured.cpu[ours])} rounds),"
        f" ratio {ours_median / base_median:.3f}"
    )


def guarded_line(
    label: str,
    measured: Guarded,
    ours: str,
    base: str,
    goal: float | None = None,
    *,
    higher_is_better: bool = False,
) -> str:
    """:func:`ratio_line` for quiet rounds, or "disturbed" when there were too few."""
    tried = measured.rounds + measured.rejected
    if measured.disturbed:
        return (
            f"{label}: disturbed — only {measured.rounds} of {tried} rounds ran on a quiet"
            f" machine ({measured.wanted} wanted); no ratio. Run again when the machine is idle."
        )
    line = ratio_line(
        label, measured.times[ours], measured.times[base], goal, higher_is_better=higher_is_better
    )
    return f"{line} [{measured.rounds} quiet rounds, {measured.rejected} disturbed ones discarded]"
