"""(c) The cold command line, each command a new process, on a quiet machine only.

    .venv/bin/python benchmarks/cold_cli.py [--runs 15] [--baseline DIR]

The example is written in three languages; each command takes its English release
(``--lang en``), one release, as the goals are set for.

- render: ``pressgen render EXAMPLE --lang en --out DIR`` (txt, html, pdf, docx, json) against
  ``weasyprint PAGE.html OUT.pdf`` on the very HTML and CSS pressgen prints (written
  once beforehand, with the template folder as base URL). Both include starting
  Python and importing their libraries. Goal ≤ 1.15.
- import: ``python -c "import pressgen"`` against ``python -c "import jinja2"``.
  Goal ≤ 1.5.
- check: ``pressgen check EXAMPLE --lang en``, what an editor runs on every save, which
  runs every stage of render (every format); and ``check --format txt``, which
  stops short of the PDF and DOCX writers. Goal ≤ 250 ms.
- version: ``pressgen --version`` (informative).

``--baseline DIR`` adds the same pressgen commands run from another source tree
(``DIR/src``, e.g. ``git archive COMMIT | tar -x -C DIR``) in the same rounds, for
a comparison under the same conditions.

The machine is shared: a round (every command once, the order alternating) counts
only if a CPU-bound calibration loop run before and after it had a core to itself
(see ``timing.guarded``); when too few rounds are quiet the result is "disturbed",
not a ratio. The CPU time of the processes, measured in every round, is printed
too: it is much less sensitive to other load. The compiled templates are cached
(``~/.cache/pressgen``) after the warm-up round, as on any machine after the first
run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from timing import cpu_line, guarded, guarded_line, machine

import pressgen
from pressgen.writers import Options, html, pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sco-counternarcotics-07-astana-2017.yaml"
CHECK_GOAL = 0.250
ONE = ("--lang", "en")


def _command(*command: str, source: Path | None = None) -> Callable[[], None]:
    env = None
    if source is not None:
        env = {**os.environ, "PYTHONPATH": str(source / "src")}

    def run() -> None:
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="quiet rounds wanted (default 15)")
    parser.add_argument("--max-rounds", type=int, default=None, help="default: 3 × runs")
    parser.add_argument("--baseline", type=Path, default=None, metavar="DIR")
    args = parser.parse_args()
    print(machine())
    release = pressgen.build(pressgen.load_meeting(EXAMPLE))
    page = html.page(release, Options(), pdf.PDF_STYLESHEETS)
    python = sys.executable
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "page.html"
        source.write_text(page, encoding="utf-8")
        weasyprint = str(Path(python).parent / "weasyprint")
        sides = {
            "weasyprint": _command(
                weasyprint, "--base-url", pdf.base_url(), str(source), f"{work}/w.pdf"
            ),
            "import jinja2": _command(python, "-c", "import jinja2"),
        }
        versions = {"": None} if args.baseline is None else {"": None, " (baseline)": args.baseline}
        for suffix, tree in versions.items():
            out = f"{work}/out{len(suffix)}"
            sides |= {
                f"render{suffix}": _command(
                    python, "-m", "pressgen", "render", str(EXAMPLE), *ONE, "-o", out, source=tree
                ),
                f"import pressgen{suffix}": _command(python, "-c", "import pressgen", source=tree),
                f"check{suffix}": _command(
                    python, "-m", "pressgen", "check", str(EXAMPLE), *ONE, source=tree
                ),
                f"check txt{suffix}": _command(
                    python, "-m", "pressgen", "check", str(EXAMPLE), *ONE, "-f", "txt", source=tree
                ),
                f"version{suffix}": _command(python, "-m", "pressgen", "--version", source=tree),
            }
        measured = guarded(sides, args.runs, warmup=1, max_rounds=args.max_rounds)
    for suffix in versions:
        render, imported = f"render{suffix}", f"import pressgen{suffix}"
        print(f"-- pressgen{suffix or ' (this tree)'}")
        label = "cold render, all formats vs weasyprint command"
        print(guarded_line(label, measured, render, "weasyprint", 1.15))
        print(cpu_line(label, measured, render, "weasyprint"))
        print(
            guarded_line(
                "import pressgen vs import jinja2", measured, imported, "import jinja2", 1.5
            )
        )
        print(cpu_line("import pressgen vs import jinja2", measured, imported, "import jinja2"))
        for name in (f"check{suffix}", f"check txt{suffix}", f"version{suffix}"):
            cpu = statistics.median(measured.cpu[name]) * 1000
            wall = "disturbed"
            if not measured.disturbed:
                wall = f"{statistics.median(measured.times[name]) * 1000:.1f} ms"
            goal = f"; goal ≤ {CHECK_GOAL * 1000:.0f} ms" if name.startswith("check") else ""
            print(f"cold {name}: {wall} (median of quiet rounds), CPU {cpu:.1f} ms{goal}")


if __name__ == "__main__":
    main()
