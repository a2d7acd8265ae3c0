"""The command line's process: the garbage collector while it starts, its quick exit.

Importing WeasyPrint, pydantic and python-docx makes hundreds of thousands of
objects that live as long as the process; at the default threshold the cyclic
garbage collector walks them over and over, ~15% of a cold render's CPU time. The
console script turns it off (:func:`start`) until the first input is done
(:func:`collecting_after_first`), or at once for a long-running command, and ends
without the interpreter's teardown (:func:`quick_exit`). Tests call
:func:`pressgen.cli.main` in their own process; this is the console script's only.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from .batch import Outcome


def start() -> None:
    """Turn the cyclic garbage collector off while the libraries load."""
    gc.disable()


def collecting_after_first(
    on_done: Callable[[Outcome], None],
) -> Callable[[Outcome], None]:
    """``on_done``, turning the garbage collector back on once the first input is done.

    Only then are the libraries all imported: the objects alive are frozen (never
    walked again) and the collector runs as usual on what later inputs leave behind,
    so a long batch keeps its memory (measured: 120 releases in ~105 MB, as with the
    collector always on; ~400 MB with it off).
    """

    def done(outcome: Outcome) -> None:
        collect_from_now()
        on_done(outcome)

    return done


BRIEF_COMMANDS = ("render", "check", "new", "schema")
"""Commands that end once their inputs are done (the collector stays off for them)."""


def collect_from_now() -> None:
    """Turn the collector on, if it is off, leaving the objects alive now to it never."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def quick_exit(code: int) -> NoReturn:
    """End the process without the interpreter's teardown, which is of no use here.

    After a PDF, freeing WeasyPrint's and Pango's objects one by one takes longer
    (~130 ms) than anything the command did but the PDF itself. Nothing is lost by
    skipping it: every output file is closed and renamed before :func:`pressgen.cli.main`
    returns, and a worker pool is shut down. What the teardown would still do is
    done here: the exit handlers run (``atexit``, which also runs ``weakref``
    finalizers and removes the fonts WeasyPrint copied to a temporary folder, see
    ``writers.pdf.font_config``), and stdout and stderr are flushed.
    Should a thread still run (the preview's server), or flushing fail (a closed
    pipe), the ordinary exit is taken, which waits for the thread or reports the
    failure as before.
    """
    try:
        if threading.active_count() > 1:
            sys.exit(code)
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        sys.exit(code)
    os._exit(code)
