"""Progress of a batch on the terminal: a rich progress bar, or plain lines in a log."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .batch import Outcome


@contextmanager
def progress(total: int, enabled: bool = True) -> Iterator[Callable[[Outcome], None]]:
    """A callback to call with each finished outcome, showing progress on stderr.

    On a terminal a progress bar (rich, imported only then); otherwise one plain
    line per input, which reads well in a log. Nothing when ``enabled`` is false.
    """
    if not enabled:
        yield lambda outcome: None
        return
    if not sys.stderr.isatty():
        done = 0

        def line(outcome: Outcome) -> None:
            nonlocal done
            done += 1
            state = "ok" if outcome.ok else "failed"
            print(f"[{done}/{total}] {outcome.source}: {state}", file=sys.stderr, flush=True)

        yield line
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("render", total=total)
        yield lambda outcome: bar.advance(task)


def summary(outcomes: list[Outcome], seconds: float) -> str:
    """One line: how many inputs were rendered, how many files, how many failed."""
    written = sum(len(o.paths) for o in outcomes)
    failed = [o for o in outcomes if not o.ok and not o.stopped]
    stopped = [o for o in outcomes if o.stopped]
    done = len(outcomes) - len(failed) - len(stopped)
    line = f"rendered {done} of {len(outcomes)} inputs ({written} files) in {seconds:.1f} s"
    line += f"; {len(failed)} failed" if failed else ""
    return line + (f"; stopped: {len(stopped)} not rendered" if stopped else "")
