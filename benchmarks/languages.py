"""(e) A release in three languages against the same release one language at a time.

    .venv/bin/python benchmarks/languages.py [--runs 11]

The 7th meeting's record, which holds English, Russian and Chinese texts, written
with render_to in every format (txt, html, pdf, docx, json), warm, into a fresh
temporary folder each time: all three languages at once, and each language alone.
Goal: the three at once cost at most 3.3 times one language, taking for "one
language" the mean of the three single-language medians (so the goal measures what
writing several languages together adds, not how much dearer Chinese is to print).
English alone is printed too, for scale: the Chinese PDF embeds subsets of two Noto
CJK faces (~75 ms each with HarfBuzz), and the Russian release is a page longer.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from timing import interleaved, machine

import pressgen

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "sco-counternarcotics-07-astana-2017.yaml"
)
GOAL = 3.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each side (default 11)")
    runs = parser.parse_args().runs

    meeting = pressgen.load_meeting(EXAMPLE)
    print(machine())

    def render(languages: list[str] | None) -> None:
        with tempfile.TemporaryDirectory() as folder:
            pressgen.render_to(meeting, folder, languages=languages)

    times = interleaved(
        {
            "en+ru+zh": lambda: render(None),
            "en": lambda: render(["en"]),
            "ru": lambda: render(["ru"]),
            "zh": lambda: render(["zh"]),
        },
        runs,
    )
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name}: {median * 1000:.1f} ms (median of {runs})")
    one = statistics.mean(medians[tag] for tag in ("en", "ru", "zh"))
    ratio = medians["en+ru+zh"] / one
    verdict = "meets" if ratio <= GOAL else f"misses by {(ratio / GOAL - 1) * 100:.1f}%"
    print(
        f"en+ru+zh vs one language (mean {one * 1000:.1f} ms): ratio {ratio:.3f};"
        f" goal ≤ {GOAL}: {verdict}"
    )
    print(
        f"en+ru+zh vs English alone (informative): ratio {medians['en+ru+zh'] / medians['en']:.3f}"
    )


if __name__ == "__main__":
    main()
