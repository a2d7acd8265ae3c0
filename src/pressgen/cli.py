"""The command line: ``pressgen render``, ``check``, ``new`` and ``schema``.

Exit codes: 0 success; 1 bad input (data, template); 2 bad usage; 3 failure while
writing; 4 internal error (a bug). Errors are printed one per line on stderr,
without a traceback unless ``--debug`` is given (anywhere on the line).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from . import process
from ._version import __version__

if TYPE_CHECKING:
    from .errors import PressgenError
    from .model import Meeting

# Each command imports what it needs when it runs: an editor runs `check` on every
# save, and `--version` imports nothing of the library. Keep library imports inside
# the functions.

# 1 (bad input), 2 (bad usage) and 3 (writing) come with the errors: PressgenError.exit_code.
EXIT_OK = 0


def _formats(value: str) -> list[str]:
    from . import writers

    names = [name.strip() for name in value.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("no format given")
    for name in names:
        if name not in writers.REGISTRY:
            raise argparse.ArgumentTypeError(
                f"unknown format {name!r}; known formats: {', '.join(writers.REGISTRY)}"
            )
    return names


def _languages(value: str) -> list[str]:
    tags = [tag.strip() for tag in value.split(",") if tag.strip()]
    if not tags or not all(re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", t) for t in tags):
        raise argparse.ArgumentTypeError(f"expected language tags such as ru,zh, not {value!r}")
    return tags


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return number


@contextmanager
def _sigterm_stops() -> Iterator[None]:
    """While a batch runs, SIGTERM stops it as Ctrl-C does (cleanly, with a summary)."""

    from .pool import Stop

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stop(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _render(args: argparse.Namespace) -> int:
    from .batch import BatchStopped, check_batch, jobs, run_job, run_jobs
    from .pool import Pool
    from .progress import progress, summary

    batch = jobs(
        args.files,
        args.format,
        args.out,
        template_dirs=args.templates,
        pdf_variant=args.pdf_variant,
        docx_template=args.docx_template,
        languages=args.lang,
    )
    check_batch(batch)
    workers = min(args.jobs or os.cpu_count() or 1, len(batch))
    started = time.perf_counter()
    stopped_by: int | None = None
    if workers > 1:
        process.collect_from_now()  # the workers are forked from this process: collect there
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(_sigterm_stops())
            # The workers start before the progress bar's thread, so they can be forked.
            processes = stack.enter_context(Pool(run_job, workers)) if workers > 1 else None
            on_done = stack.enter_context(progress(len(batch), enabled=len(batch) > 1))
            outcomes = run_jobs(batch, None, process.collecting_after_first(on_done), processes)
    except BatchStopped as stopped:
        outcomes, stopped_by = stopped.outcomes, stopped.signum
    for outcome in outcomes:
        for path in outcome.paths:
            print(path)
        if args.debug and outcome.trace:
            print(outcome.trace, file=sys.stderr, end="")
        for line in outcome.messages:
            print(line, file=sys.stderr)
    if len(batch) > 1 or stopped_by is not None:
        print(summary(outcomes, time.perf_counter() - started), file=sys.stderr)
    if stopped_by is not None:
        return 128 + stopped_by
    return max((o.exit_code for o in outcomes), default=EXIT_OK)


def _templates_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--templates",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of your own templates, searched before the built-in ones (repeatable)",
    )


def _release_options(command: argparse.ArgumentParser) -> None:
    """The options that shape a release, shared by ``render`` and ``check``."""
    from . import writers

    default_formats = tuple(writers.REGISTRY)
    command.add_argument(
        "--format",
        "-f",
        type=_formats,
        default=list(default_formats),
        help=f"comma-separated formats (default: {','.join(default_formats)})",
    )
    command.add_argument(
        "--lang",
        type=_languages,
        default=None,
        metavar="LANGS",
        help="comma-separated languages to write, of those the meeting is written in"
        " (default: all; e.g. ru,zh)",
    )
    _templates_option(command)
    command.add_argument(
        "--pdf-variant",
        choices=writers.PDF_VARIANTS,
        default=None,
        help="write the PDF as PDF/A-3b (archival) or PDF/UA-1 (tagged, accessible)",
    )
    command.add_argument(
        "--docx-template",
        type=Path,
        default=None,
        metavar="FILE",
        help="a .docx whose styles, page setup, header and footer the DOCX output takes",
    )


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``pressgen`` command."""
    main = argparse.ArgumentParser(
        prog="pressgen",
        description="Turn the facts of a meeting into its official press release.",
        epilog="Exit codes: 0 success, 1 bad input, 2 bad usage, 3 failure while writing,"
        " 4 internal error (a bug: --debug shows where).",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    main.add_argument(
        "--debug", action="store_true", help="show tracebacks of errors (anywhere on the line)"
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    render = commands.add_parser("render", help="render meeting files into releases")
    render.add_argument(
        "files", nargs="+", metavar="FILE", type=Path, help="meeting files (YAML or JSON)"
    )
    _release_options(render)
    render.add_argument(
        "--out", "-o", type=Path, default=Path(), metavar="DIR", help="output folder (default: .)"
    )

    check = commands.add_parser(
        "check",
        help="run every stage of render on meeting files, writing nothing; one line per file",
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", type=Path, help="meeting files (YAML or JSON)"
    )
    _release_options(check)

    render.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help="render in N parallel processes (default: the number of cores)",
    )

    new = commands.add_parser("new", help="draft the next meeting's file from the previous one")
    new.add_argument(
        "--from",
        dest="previous",
        type=Path,
        required=True,
        metavar="PREVIOUS",
        help="the previous meeting's file: the draft takes its number plus one and the"
        " host it announced, carries the rest over, and marks what must be confirmed"
        " TO CONFIRM",
    )
    new.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="NEW",
        help="the file to write the draft to (default: print it)",
    )
    new.add_argument("--force", action="store_true", help="overwrite NEW if it exists")

    schema = commands.add_parser("schema", help="print the JSON Schema of meeting files")
    schema.add_argument(
        "--url",
        action="store_true",
        help="print the file: URL of the installed schema instead (for an editor's settings)",
    )

    preview = commands.add_parser(
        "preview", help="show a meeting file's release in the browser, updated on every save"
    )
    preview.add_argument("file", metavar="FILE", type=Path, help="a meeting file (YAML or JSON)")
    preview.add_argument("--lang", default=None, metavar="TAG", help="the language to show")
    _templates_option(preview)
    preview.add_argument(
        "--port", type=int, default=0, metavar="N", help="port on 127.0.0.1 (default: a free one)"
    )
    preview.add_argument("--no-browser", action="store_true", help="do not open a browser")
    return main


def _new(args: argparse.Namespace) -> int:
    from .draft import draft_text
    from .errors import UsageError
    from .output import check_targets, write_files

    text = draft_text(args.previous)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if args.output.exists() and not args.force:
        raise UsageError(f"{args.output} exists; pass --force to overwrite it")
    check_targets([(args.output, str(args.previous))], [args.previous])
    write_files({args.output: text.encode("utf-8")})
    print(args.output)
    return EXIT_OK


def _report(error: PressgenError, debug: bool) -> int:
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    for line in error.lines():
        print(line, file=sys.stderr)
    return error.exit_code


def _check(file: Path, args: argparse.Namespace) -> None:
    from .build import check, choose_languages
    from .load import load_checked

    meeting, warnings = load_checked(file, args.templates)
    for warning in warnings:
        print(warning, file=sys.stderr)
    check(
        meeting,
        args.format,
        template_dirs=args.templates,
        pdf_variant=args.pdf_variant,
        docx_template=args.docx_template,
        languages=args.lang,
    )
    languages = choose_languages(meeting, args.lang)
    print(_checked_line(file, meeting, languages, args.format, len(warnings)))


def _checked_line(
    file: Path,
    meeting: Meeting,
    languages: Sequence[str],
    formats: Sequence[str],
    warnings: int = 0,
) -> str:
    """The line ``check`` prints for a file it accepts, saying what was checked."""
    number = f"meeting {meeting.number}" if meeting.number is not None else "the meeting"
    line = (
        f"{file}: ok: {meeting.kind} of {number} on {meeting.date.isoformat()}"
        f" in {', '.join(languages)}: every stage of render run for {', '.join(formats)},"
        " nothing written"
    )
    if warnings:
        line += f"; {warnings} warning{'s' if warnings > 1 else ''} above"
    return line


def _each_file(files: Sequence[Path], action: Callable[[Path], object], debug: bool) -> int:
    from .errors import PressgenError

    # Every file is processed even when one fails; the exit code is the worst.
    worst = EXIT_OK
    for file in files:
        try:
            action(file)
        except PressgenError as error:
            worst = max(worst, _report(error, debug))
        process.collect_from_now()  # the next file runs with the collector (pressgen.process)
    return worst


def _show_warning(
    message: Warning | str, category: type[Warning], *_: object, **__: object
) -> None:
    # A warning on the command line is a line for a person, not a source location.
    print(f"pressgen: warning: {message}", file=sys.stderr)


def _without_debug(argv: Sequence[str]) -> tuple[list[str], bool]:
    """``--debug`` taken out wherever it stands (before a ``--``), and whether it was."""
    args = list(argv)
    end = args.index("--") if "--" in args else len(args)
    kept = [a for i, a in enumerate(args) if not (i < end and a == "--debug")]
    return kept, len(kept) != len(args)


def _internal_error(error: BaseException, debug: bool) -> int:
    # A bug of ours: one line saying so, the traceback only with --debug.
    from .batch import DEBUG_HINT, EXIT_INTERNAL, describe

    if debug:
        traceback.print_exception(error, file=sys.stderr)
    print(f"pressgen: internal error: {describe(error)} ({DEBUG_HINT})", file=sys.stderr)
    return EXIT_INTERNAL


def _asks_version(words: Sequence[str]) -> bool:
    # What argparse does with --version among the options before the command, without
    # building the parser (which imports the writers' registry).
    for word in words:
        if word == "--version":
            return True
        if word in ("-h", "--help") or not word.startswith("-"):
            return False
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments, debug = _without_debug(sys.argv[1:] if argv is None else argv)
    if _asks_version(arguments):
        print(f"pressgen {__version__}")
        return EXIT_OK
    from .errors import PressgenError

    args = parser().parse_args(arguments)
    args.debug = debug
    if args.command not in process.BRIEF_COMMANDS:
        process.collect_from_now()  # a long-running command collects as usual
    try:
        if args.command == "schema":
            from .schema import schema_file, schema_text

            sys.stdout.write(schema_file().as_uri() + "\n" if args.url else schema_text())
            return EXIT_OK
        if args.command == "new":
            return _new(args)
        if args.command == "check":
            return _each_file(args.files, lambda file: _check(file, args), args.debug)
        if args.command == "preview":
            from .preview import serve  # the web server and file watcher load only here

            return serve(args.file, args.templates, args.lang, args.port, not args.no_browser)

        return _render(args)
    except PressgenError as error:
        return _report(error, args.debug)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        return _internal_error(error, args.debug)


def run() -> None:
    """Entry point of the ``pressgen`` console script."""
    process.start()  # no cyclic garbage collector while the libraries load (see there)
    warnings.showwarning = _show_warning
    if hasattr(signal, "SIGXFSZ"):
        # Past a file-size limit (ulimit -f) a write then fails with EFBIG, which is
        # reported and rolled back, instead of killing the process mid-write.
        # (CPython ignores it at start-up already; an embedding program may not.)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    process.quick_exit(main())
