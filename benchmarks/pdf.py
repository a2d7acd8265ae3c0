"""Warm per-release PDF time: pressgen against WeasyPrint alone on the same HTML and CSS.

Run from the repository root, after scripts/setup.sh:

    .venv/bin/python benchmarks/pdf.py [--runs 25]

Both sides are warmed up first, then timed in interleaved pairs (alternating which
goes first), so that a noisy neighbour slows both alike. The baseline is WeasyPrint
as a careful user would call it: one reused FontConfiguration, the HTML and CSS that
pressgen prints (same fonts, same emblem), its default URL fetcher. pressgen's time
includes everything from the loaded meeting to the PDF bytes: wording, typography,
page, fetching through the allow-list, and the checks on WeasyPrint's log.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration

import pressgen
from pressgen.writers import Options, pdf

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "sco-counternarcotics-07-astana-2017.yaml"
)
GOAL = 1.10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=25, help="timed runs of each side (default 25)")
    args = parser.parse_args()

    meeting = pressgen.load_meeting(EXAMPLE)
    html = pdf.page(pressgen.build(meeting), Options(), pdf.PDF_STYLESHEETS)
    base_url = pdf.base_url()
    fonts = FontConfiguration()

    def bare() -> bytes:
        data: bytes = weasyprint.HTML(string=html, base_url=base_url).write_pdf(font_config=fonts)
        return data

    def ours() -> bytes:
        return pressgen.render(meeting, "pdf")

    sides: dict[str, Callable[[], bytes]] = {"weasyprint": bare, "pressgen": ours}
    times: dict[str, list[float]] = {name: [] for name in sides}
    for function in sides.values():
        for _ in range(3):
            function()
    for run in range(args.runs):
        order = list(sides) if run % 2 == 0 else list(reversed(sides))
        for name in order:
            start = time.perf_counter()
            sides[name]()
            times[name].append(time.perf_counter() - start)

    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["pressgen"] / medians["weasyprint"]
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"machine: {platform.machine()}, {python}")
    print(f"runs: {args.runs} interleaved pairs after 3 warm-up runs each")
    for name, median in medians.items():
        spread = f"{min(times[name]) * 1000:.1f}–{max(times[name]) * 1000:.1f}"
        print(f"{name:>10}: median {median * 1000:.1f} ms (range {spread} ms)")
    verdict = "meets" if ratio <= GOAL else f"misses by {(ratio / GOAL - 1) * 100:.1f}%"
    print(f"ratio pressgen / weasyprint: {ratio:.3f} (goal ≤ {GOAL:.2f}: {verdict})")


if __name__ == "__main__":
    main()
