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
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .build import DEFAULT_FORMATS, render_to
from .errors import PressgenError
from .load import load_checked
from .model import Meeting

Item = str | os.PathLike[str] | Meeting


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
            languages=job.languages,
        )
    except PressgenError as error:
        trace = "".join(traceback.format_exception(error))
        return Outcome(job.source, (), tuple(error.lines()), error.exit_code, trace)
    except Exception as error:  # a bug of ours: reported as a failure of this input
        detail = traceback.format_exception_only(error)[-1].strip()
        trace = "".join(traceback.format_exception(error))
        return Outcome(job.source, (), (f"{job.source}: internal error: {detail}",), 3, trace)
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
    """The jobs for a list of inputs (``languages``: those to write, default all)."""
    return [
        Job(
            item=item,
            source=f"<meeting {index}>" if isinstance(item, Meeting) else str(item),
            out_dir=Path(out_dir),
            formats=tuple(formats),
            template_dirs=tuple(Path(d) for d in template_dirs),
            pdf_variant=pdf_variant,
            docx_template=Path(docx_template) if docx_template is not None else None,
            languages=tuple(languages) if languages is not None else None,
        )
        for index, item in enumerate(items, 1)
    ]


def run_jobs(
    batch: Sequence[Job],
    executor: Executor | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Run jobs (in this process if ``executor`` is None); outcomes in input order."""
    outcomes: dict[int, Outcome] = {}
    if executor is None:
        for index, job in enumerate(batch):
            outcomes[index] = run_job(job)
            if on_done:
                on_done(outcomes[index])
    else:
        futures: dict[Future[Outcome], int] = {
            executor.submit(run_job, job): index for index, job in enumerate(batch)
        }
        for future in as_completed(futures):
            outcomes[futures[future]] = future.result()
            if on_done:
                on_done(outcomes[futures[future]])
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
    A meeting given as an object is written under its default stem.
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
    return run_jobs(batch, executor)
