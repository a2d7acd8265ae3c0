"""(c) The cold command line: one release in every format against the ``weasyprint`` command.

    .venv/bin/python benchmarks/cold_cli.py [--runs 15]

pressgen: ``pressgen render EXAMPLE --out DIR`` (txt, html, pdf, docx), a new
process each time. Baseline: ``weasyprint PAGE.html OUT.pdf`` on the very HTML and
CSS pressgen prints (written once beforehand, with the template folder as base URL).
Both include starting Python and importing their libraries. Goal ≤ 1.15.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import interleaved, machine, ratio_line

import pressgen
from pressgen.writers import Options, html, pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sco-counternarcotics-07-astana-2017.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(machine())
    release = pressgen.build(pressgen.load_meeting(EXAMPLE))
    page = html.page(release, Options(), pdf.PDF_STYLESHEETS)
    weasyprint_command = Path(sys.executable).parent / "weasyprint"
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "page.html"
        source.write_text(page, encoding="utf-8")

        def ours() -> None:
            subprocess.run(
                [sys.executable, "-m", "pressgen", "render", str(EXAMPLE), "--out", work],
                check=True,
                stdout=subprocess.DEVNULL,
            )

        def theirs() -> None:
            subprocess.run(
                [
                    str(weasyprint_command),
                    "--base-url",
                    pdf.base_url(),
                    str(source),
                    str(Path(work) / "w.pdf"),
                ],
                check=True,
            )

        times = interleaved({"pressgen": ours, "weasyprint": theirs}, args.runs, warmup=1)
    print(
        ratio_line(
            "cold CLI, all formats vs weasyprint command",
            times["pressgen"],
            times["weasyprint"],
            1.15,
        )
    )


if __name__ == "__main__":
    main()
