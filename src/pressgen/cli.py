"""The command line: ``pressgen render``, ``check``, ``new`` and ``schema``.

Exit codes: 0 success; 1 bad input (data, template); 2 bad usage; 3 failure while
writing. Errors are printed one per line on stderr, without a traceback unless
``--debug`` is given.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

from . import writers
from .batch import jobs, run_jobs
from .build import DEFAULT_FORMATS
from .draft import draft_text
from .errors import PressgenError, UsageError
from .load import load_checked
from .model import Meeting
from .output import write_files
from .progress import progress, summary
from .schema import schema_text
from .writers import PDF_VARIANTS

# 1 (bad input), 2 (bad usage) and 3 (writing) come with the errors: PressgenError.exit_code.
EXIT_OK = 0
EXIT_WRITE = 3


def _version() -> str:
    try:
        return metadata.version("pressgen")
    except metadata.PackageNotFoundError:
        return "unknown"


def _formats(value: str) -> list[str]:
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


def _render(args: argparse.Namespace) -> int:
    batch = jobs(
        args.files,
        args.format,
        args.out,
        template_dirs=args.templates,
        pdf_variant=args.pdf_variant,
        docx_template=args.docx_template,
        languages=args.lang,
    )
    workers = min(args.jobs or os.cpu_count() or 1, len(batch))
    started = time.perf_counter()
    if workers <= 1:
        with progress(len(batch), enabled=len(batch) > 1) as on_done:
            outcomes = run_jobs(batch, None, on_done)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            # Start the workers before the progress bar starts its refresh thread:
            # forking while another thread runs can leave a child deadlocked.
            pool.submit(int).result()
            with progress(len(batch)) as on_done:
                outcomes = run_jobs(batch, pool, on_done)
    for outcome in outcomes:
        for path in outcome.paths:
            print(path)
        if args.debug and outcome.trace:
            print(outcome.trace, file=sys.stderr, end="")
        for line in outcome.messages:
            print(line, file=sys.stderr)
    if len(batch) > 1:
        print(summary(outcomes, time.perf_counter() - started), file=sys.stderr)
    return max((o.exit_code for o in outcomes), default=EXIT_OK)


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``pressgen`` command."""
    main = argparse.ArgumentParser(
        prog="pressgen",
        description="Turn the facts of a meeting into its official press release.",
        epilog="Exit codes: 0 success, 1 bad input, 2 bad usage, 3 failure while writing.",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    main.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    render = commands.add_parser("render", help="render meeting files into releases")
    render.add_argument(
        "files", nargs="+", metavar="FILE", type=Path, help="meeting files (YAML or JSON)"
    )
    render.add_argument(
        "--format",
        "-f",
        type=_formats,
        default=list(DEFAULT_FORMATS),
        help=f"comma-separated formats (default: {','.join(DEFAULT_FORMATS)})",
    )
    render.add_argument(
        "--lang",
        type=_languages,
        default=None,
        metavar="LANGS",
        help="comma-separated languages to write, of those the meeting is written in"
        " (default: all; e.g. ru,zh)",
    )
    render.add_argument(
        "--out", "-o", type=Path, default=Path(), metavar="DIR", help="output folder (default: .)"
    )
    render.add_argument(
        "--templates",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of your own templates, searched before the built-in ones (repeatable)",
    )

    render.add_argument(
        "--pdf-variant",
        choices=PDF_VARIANTS,
        default=None,
        help="write the PDF as PDF/A-3b (archival) or PDF/UA-1 (tagged, accessible)",
    )

    render.add_argument(
        "--docx-template",
        type=Path,
        default=None,
        metavar="FILE",
        help="a .docx whose styles, page setup, header and footer the DOCX output takes",
    )

    check = commands.add_parser("check", help="validate meeting files without rendering")
    check.add_argument(
        "files", nargs="+", metavar="FILE", type=Path, help="meeting files (YAML or JSON)"
    )
    check.add_argument(
        "--templates", type=Path, action="append", default=[], metavar="DIR",
        help="a folder of your own templates and series files (repeatable)",
    )  # fmt: skip

    render.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help="render in N parallel processes (default: the number of cores)",
    )

    new = commands.add_parser("new", help="draft the next meeting's file from the previous one")
    new.add_argument("--from", dest="previous", type=Path, required=True, metavar="PREVIOUS")
    new.add_argument(
        "-o", "--output", type=Path, default=None, metavar="NEW", help="default: stdout"
    )
    new.add_argument("--force", action="store_true", help="overwrite NEW if it exists")

    commands.add_parser("schema", help="print the JSON Schema of meeting files")
    return main


def _new(args: argparse.Namespace) -> int:
    text = draft_text(args.previous, tuple(args.templates) if hasattr(args, "templates") else ())
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if args.output.exists() and not args.force:
        raise UsageError(f"{args.output} exists; pass --force to overwrite it")
    write_files({args.output: text.encode("utf-8")})
    print(args.output)
    return EXIT_OK


def _report(error: PressgenError, debug: bool) -> int:
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    for line in error.lines():
        print(line, file=sys.stderr)
    return error.exit_code


def _load(file: Path, template_dirs: Sequence[Path] = ()) -> Meeting:
    meeting, warnings = load_checked(file, template_dirs)
    for warning in warnings:
        print(warning, file=sys.stderr)
    return meeting


def _each_file(files: Sequence[Path], action: Callable[[Path], object], debug: bool) -> int:
    # Every file is processed even when one fails; the exit code is the worst.
    worst = EXIT_OK
    for file in files:
        try:
            action(file)
        except PressgenError as error:
            worst = max(worst, _report(error, debug))
    return worst


def _show_warning(
    message: Warning | str, category: type[Warning], *_: object, **__: object
) -> None:
    # A warning on the command line is a line for a person, not a source location.
    print(f"pressgen: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    try:
        if args.command == "schema":
            sys.stdout.write(schema_text())
            return EXIT_OK
        if args.command == "new":
            return _new(args)
        if args.command == "check":
            return _each_file(args.files, lambda f: _load(f, args.templates), args.debug)

        return _render(args)
    except PressgenError as error:
        return _report(error, args.debug)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: say so, briefly, and fail as a write failure
        if args.debug:
            traceback.print_exception(error, file=sys.stderr)
        print(
            f"pressgen: internal error: {type(error).__name__}: {error} (--debug shows where)",
            file=sys.stderr,
        )
        return EXIT_WRITE


def run() -> None:
    """Entry point of the ``pressgen`` console script."""
    warnings.showwarning = _show_warning
    sys.exit(main())
