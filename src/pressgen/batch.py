"""Rendering many releases at once, on any :class:`concurrent.futures.Executor`.

Each input (a meeting file or a :class:`Meeting`) is one job: load, build once,
write every format (all or nothing). A job never raises: its :class:`Outcome` says
what was written or what went wrong, so one bad input does not stop the others. A
process pool gives one WeasyPrint font configuration per worker, kept for all the
jobs that worker runs; a Dask client's ``get_executor()`` spreads the jobs over a
cluster.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import arguments, pool, writers
from .build import DEFAULT_FORMATS, default_stem, render_to
from .errors import PressgenError, UsageError
from .load import load_checked
from .model import Meeting
from .output import check_targets
from .pool import signal_name

Item = str | os.PathLike[str] | Meeting
EXIT_INTERNAL = 4
"""The exit code of an internal error: a bug of pressgen's, not the input's."""
DEBUG_HINT = "a bug; run again with --debug to see where"


def describe(error: BaseException) -> str:
    """An exception as one printable line: ``TypeError: message``."""
    text = " ".join(traceback.format_exception_only(error)[-1].split())
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


@dataclass(frozen=True)
class Outcome:
    """What became of one input."""

    source: str
    """The input's file name, or ``<meeting N>`` for a meeting given in code."""
    paths: tuple[Path, ...] = ()
    """The files written (none if it failed)."""
    messages: tuple[str, ...] = ()
    """Error lines, or the warnings of a successful input."""
    exit_code: int = 0
    """0 when written, else the code the CLI uses for the error."""
    trace: str = ""
    """The traceback of a failure, for ``--debug``."""
    stopped: bool = False
    """Whether the input was not rendered because the batch was stopped."""

    @property
    def ok(self) -> bool:
        """Whether the files were written."""
        return self.exit_code == 0


@dataclass(frozen=True)
class Job:
    """One input and how to render it (picklable, so it can go to another process)."""

    item: Item
    source: str
    out_dir: Path
    formats: tuple[str, ...]
    template_dirs: tuple[Path, ...] = ()
    pdf_variant: str | None = None
    docx_template: Path | None = None
    stem: str | None = field(default=None)
    languages: tuple[str, ...] | None = None


def run_job(job: Job) -> Outcome:
    """Render one job; never raises (a failure is in the outcome)."""
    warnings: list[str] = []
    try:
        if isinstance(job.item, Meeting):
            meeting, stem = job.item, job.stem
        else:
            meeting, problems = load_checked(job.item, job.template_dirs)
            warnings = [str(p) for p in problems]
            stem = job.stem or Path(job.item).stem
        paths = render_to(
            meeting,
            job.out_dir,
            job.formats,
            stem=stem,
            template_dirs=job.template_dirs,
            pdf_variant=job.pdf_variant,
            docx_template=job.docx_template,
            protect=[] if isinstance(job.item, Meeting) else [job.item],
            languages=job.languages,
        )
    except PressgenError as error:
        trace = "".join(traceback.format_exception(error))
        return Outcome(job.source, (), tuple(error.lines()), error.exit_code, trace)
    except Exception as error:  # a bug of ours: reported as a failure of this input
        trace = "".join(traceback.format_exception(error))
        message = f"{job.source}: internal error: {describe(error)} ({DEBUG_HINT})"
        return Outcome(job.source, (), (message,), EXIT_INTERNAL, trace)
    return Outcome(job.source, tuple(paths), tuple(warnings), 0)


def jobs(
    items: Iterable[Item],
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: str | os.PathLike[str] = ".",
    *,
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    pdf_variant: str | None = None,
    docx_template: str | os.PathLike[str] | None = None,
    languages: Sequence[str] | None = None,
) -> list[Job]:
    """The jobs for a list of inputs (each a meeting file or a :class:`Meeting`)."""
    if isinstance(items, str | os.PathLike):
        raise UsageError(
            f"items: expected a list of meeting files or Meetings, not the one path {items!r}"
        )
    if not isinstance(items, Iterable):
        raise UsageError(f"items: expected a list of meeting files or Meetings, not {items!r}")
    template = Job(
        item="",
        source="",
        out_dir=arguments.path(out_dir, "out_dir"),
        formats=arguments.formats(formats),
        template_dirs=arguments.folders(template_dirs),
        pdf_variant=arguments.pdf_variant(pdf_variant),
        docx_template=arguments.optional_path(docx_template, "docx_template"),
        languages=arguments.names(languages, "languages") if languages is not None else None,
    )
    return [
        replace(template, item=item, source=f"<meeting {index}>")
        if isinstance(item, Meeting)
        else replace(template, item=arguments.path(item, f"items[{index - 1}]"), source=str(item))
        for index, item in enumerate(items, 1)
    ]


def targets(job: Job) -> list[Path]:
    """The files a job would write (none known for a meeting that is not valid)."""
    if isinstance(job.item, Meeting):
        try:
            stem = job.stem or default_stem(arguments.meeting(job.item))
        except PressgenError:
            return []  # its job fails with the reason
    else:
        stem = job.stem or Path(job.item).stem
    # The names of a single-language release; with several languages asked for,
    # those of each (a file's own languages are known only once it is read).
    tags = [""] if not job.languages else ["", *(f".{tag}" for tag in job.languages)]
    return [
        job.out_dir / f"{stem}{tag}{writers.get(name).suffix}"
        for tag in tags
        for name in job.formats
    ]


def check_batch(batch: Sequence[Job]) -> None:
    """Refuse a batch, before anything is written, if an output would replace an input
    or two inputs would write the same file (:class:`~pressgen.errors.UsageError`)."""
    files = [job for job in batch if not isinstance(job.item, Meeting)]
    inputs = [Path(job.source) for job in files]
    given: dict[object, str] = {}
    for job, path in zip(files, inputs, strict=True):
        try:
            stat = path.stat()
            key: object = (stat.st_dev, stat.st_ino)
        except (OSError, ValueError):
            key = str(path)
        if key in given:
            raise UsageError(f"{job.source}: given twice (also as {given[key]})")
        given[key] = job.source
    inputs += [job.docx_template for job in batch if job.docx_template is not None]
    check_targets([(path, job.source) for job in batch for path in targets(job)], inputs)


class BatchStopped(KeyboardInterrupt):
    """A batch stopped by Ctrl-C or SIGTERM: one outcome per input, the unfinished
    ones marked ``stopped``. It is a ``KeyboardInterrupt``, so a caller that does not
    look for it stops as on Ctrl-C."""

    def __init__(self, signum: int, outcomes: list[Outcome]) -> None:
        super().__init__(signal_name(signum))
        self.signum = signum
        self.outcomes = outcomes


def _failed(job: Job, message: str, exit_code: int = 3, *, stopped: bool = False) -> Outcome:
    return Outcome(job.source, (), (f"{job.source}: {message}",), exit_code, stopped=stopped)


def _lost(batch: Sequence[Job]) -> Callable[[int, int], Outcome]:
    def lost(index: int, exit_code: int) -> Outcome:
        how = signal_name(-exit_code) if exit_code < 0 else f"exit code {exit_code}"
        return _failed(batch[index], f"not rendered: its worker process ended ({how})")

    return lost


def _on_executor(
    batch: Sequence[Job], executor: Executor, finish: Callable[[int, Outcome], None]
) -> dict[Future[Outcome], int]:
    """Run the jobs on any executor; a failure of the executor fails only its jobs."""
    futures: dict[Future[Outcome], int] = {}
    try:
        for index, job in enumerate(batch):
            try:
                futures[executor.submit(run_job, job)] = index
            except Exception as error:  # a shut-down executor, a lost cluster
                finish(index, _failed(job, f"the executor refused it: {describe(error)}"))
        for future in as_completed(futures):
            index = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # a dead worker process, a lost cluster
                outcome = _failed(batch[index], f"the executor failed: {describe(error)}")
            finish(index, outcome)
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        raise
    return futures


def run_jobs(
    batch: Sequence[Job],
    executor: Executor | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    workers: pool.Pool[Job, Outcome] | None = None,
) -> list[Outcome]:
    """Run jobs; one outcome per job, in input order.

    In this process if neither ``executor`` nor ``workers`` is given; on
    ``executor``; or on the worker processes of a :class:`~pressgen.pool.Pool` of
    :func:`run_job`, where a worker that dies fails only the input it held. On Ctrl-C
    (or a :class:`~pressgen.pool.Stop`) the queued jobs are dropped and
    :class:`BatchStopped` is raised with what was done.
    """
    outcomes: dict[int, Outcome] = {}

    def finish(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if on_done:
            on_done(outcome)

    try:
        if workers is not None:
            workers.run(batch, finish, _lost(batch))
        elif executor is not None:
            _on_executor(batch, executor, finish)
        else:
            for index, job in enumerate(batch):
                finish(index, run_job(job))
    except KeyboardInterrupt as interrupt:
        signum = getattr(interrupt, "signum", signal.SIGINT)
        stopped = [
            outcomes.get(index)
            or _failed(
                job,
                f"not rendered: stopped by {signal_name(signum)}",
                128 + signum,
                stopped=True,
            )
            for index, job in enumerate(batch)
        ]
        raise BatchStopped(signum, stopped) from None
    return [outcomes[index] for index in range(len(batch))]


def render_many(
    items: Iterable[Item],
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: str | os.PathLike[str] = ".",
    executor: Executor | None = None,
    *,
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    pdf_variant: str | None = None,
    docx_template: str | os.PathLike[str] | None = None,
    languages: Sequence[str] | None = None,
) -> list[Outcome]:
    """Render many meetings (files or :class:`Meeting` objects) into ``out_dir``.

    With ``executor`` (a process pool, a Dask client's ``get_executor()``…) the
    inputs are rendered in parallel; without, one after the other. Returns one
    :class:`Outcome` per input, in input order; no input's failure stops another.
    A meeting given as an object is written under its default stem. A batch where an
    output would replace an input, or two inputs would write the same file, is refused
    with a :class:`~pressgen.errors.UsageError` before anything is written.
    """
    batch = jobs(
        items,
        formats,
        out_dir,
        template_dirs=template_dirs,
        pdf_variant=pdf_variant,
        docx_template=docx_template,
        languages=languages,
    )
    check_batch(batch)
    return run_jobs(batch, arguments.executor(executor))
