"""(b) 200 releases in every format: ``pressgen render --jobs 1`` against ``--jobs 2``.

    .venv/bin/python benchmarks/jobs.py [--releases 200] [--runs 3]

Each run is the whole command, started fresh, on copies of the example meeting, in
its English release (``--lang en``: one release per copy);
the two settings alternate. Goal: --jobs 2 at least 1.7 times as fast on two cores.
A round counts only if the machine was otherwise idle before and after it (see
``timing.guarded``); with too few such rounds the result is "disturbed".
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import guarded, guarded_line, machine

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sco-counternarcotics-07-astana-2017.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="quiet rounds wanted (default 3)")
    parser.add_argument("--max-rounds", type=int, default=None, help="default: 3 × runs")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as work:
        inputs = Path(work) / "in"
        inputs.mkdir()
        for index in range(args.releases):
            shutil.copy(EXAMPLE, inputs / f"release-{index:03d}.yaml")
        files = sorted(str(p) for p in inputs.iterdir())

        def command(jobs: int) -> None:
            out = Path(work) / f"out-{jobs}"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pressgen",
                    "render",
                    *files,
                    "--lang",
                    "en",
                    "--jobs",
                    str(jobs),
                    "--out",
                    str(out),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        measured = guarded(
            {"jobs 1": lambda: command(1), "jobs 2": lambda: command(2)},
            args.runs,
            warmup=0,
            max_rounds=args.max_rounds,
        )
    print(f"{args.releases} releases in every format")
    print(
        guarded_line(
            "--jobs 2 vs --jobs 1, speed-up",
            measured,
            "jobs 2",
            "jobs 1",
            1.7,
            higher_is_better=True,
        )
    )


if __name__ == "__main__":
    main()
