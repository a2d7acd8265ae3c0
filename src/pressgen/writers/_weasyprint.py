"""WeasyPrint, imported without the ~50 child processes of ``ctypes.util.find_library``.

WeasyPrint opens each of its libraries by trying a list of names, the spellings of
every platform ("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", …), through cffi,
which asks ``ctypes.util.find_library`` for each name without a dot. On Linux that
function runs ``ldconfig -p`` and, for a name the linker cache does not hold, ``gcc``
and ``ld`` as well: 54 child processes and about 200 ms for names that are not
meant for this platform or libraries that are not installed — paid by every
process that makes a PDF, each ``--jobs`` worker included.

While WeasyPrint is imported, ``find_library`` answers as its first step does, from
the linker cache, which is read once with a single ``ldconfig -p``; a name the cache
does not hold is absent. The libraries loaded are the same: ``dlopen`` itself finds
a library by that cache (or by ``LD_LIBRARY_PATH``, in which case the ordinary
search is kept). Elsewhere than on Linux WeasyPrint is imported as it is.

Also here, for the same reason (a PDF made sooner): the PDF's stylesheets parsed
once per process (:func:`parsed_stylesheets`), and the removal of WeasyPrint's
temporary fonts for a process that ends without the interpreter's teardown
(:func:`remove_font_folder`).
"""

from __future__ import annotations

import ctypes.util
import importlib
import logging
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

LDCONFIG = "/sbin/ldconfig"


class FindLibrary(Protocol):
    """The signature of ``ctypes.util.find_library``."""

    def __call__(self, name: str) -> str | None: ...


# The ABI tag ldconfig prints for this interpreter's libraries, as ctypes.util reads it.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
    "arm-32": "libc6(,hard-float)?",
}


def _abi() -> str:
    machine = os.uname().machine
    if machine.startswith("arm"):
        machine = "arm"
    return _ABI.get(f"{machine}-{struct.calcsize('l') * 8}", "libc6")


def _linker_cache() -> bytes | None:
    """The output of ``ldconfig -p``, or None if it cannot be had."""
    try:
        result = subprocess.run(
            [LDCONFIG, "-p"],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def cached_find_library(cache: bytes, abi: str) -> FindLibrary:
    """A ``find_library`` that looks names up in ``cache`` (``ldconfig -p``'s output) only."""

    def find_library(name: str) -> str | None:
        # The same pattern ctypes.util applies to the same output.
        pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(os.fsencode(name)), abi.encode())
        found = re.search(pattern, cache)
        return os.fsdecode(found.group(1)) if found else None

    return find_library


def _import() -> ModuleType:
    cache = None
    if sys.platform.startswith("linux") and not os.environ.get("LD_LIBRARY_PATH"):
        cache = _linker_cache()
    if cache is None:
        return importlib.import_module("weasyprint")
    original = ctypes.util.find_library
    ctypes.util.find_library = cached_find_library(cache, _abi())
    try:
        return importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = original


weasyprint = _import()
"""The ``weasyprint`` package."""

from weasyprint.urls import FatalURLFetchingError  # noqa: E402 (imported by the line above)

__all__ = [
    "FatalURLFetchingError",
    "logged_warnings",
    "parsed_stylesheets",
    "remove_font_folder",
    "weasyprint",
]


def remove_font_folder(font_config: object) -> None:
    """Remove the temporary folder a FontConfiguration copies ``@font-face`` fonts to.

    Its ``__del__`` does it when the object is freed, which a process ended with
    ``os._exit`` never does (the command line's quick exit), and which fails in the
    interpreter's teardown once ``shutil`` is gone; :func:`pressgen.writers.pdf.font_config`
    registers this to run at exit instead. The attribute is WeasyPrint's own (70,
    pinned); a test checks that no folder is left behind.
    """
    folder = getattr(font_config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        font_config._folder = None  # type: ignore[attr-defined]  # nothing left for __del__


_PARSED: dict[tuple[str, str, str, tuple[Path, ...]], tuple[Any, tuple[str, ...]]] = {}


def parsed_stylesheets(
    sheets: Sequence[tuple[str, str]],
    template_dirs: tuple[Path, ...],
    base_url: str,
    url_fetcher: Any,
    font_config: Any,
) -> list[Any]:
    """The (file, media) stylesheets that apply to print, parsed once per process.

    Parsing pressgen's three stylesheets was ~7% of a warm PDF. A parsed sheet is
    kept by its text, base URL and template folders (which decide what its URLs may
    fetch), so an edited stylesheet is parsed anew. What WeasyPrint logged while
    parsing is logged again on each use, so a faulty sheet fails every render.
    """
    from weasyprint.css.media_queries import evaluate_media_query

    from .html import stylesheet

    parsed = []
    logger = logging.getLogger("weasyprint")
    for name, media in sheets:
        if not evaluate_media_query([m.strip() for m in media.split(",")], "print"):
            continue
        text = str(stylesheet(name, template_dirs))
        key = (text, media, base_url, template_dirs)
        if key not in _PARSED:
            with logged_warnings(logger) as logged:
                css = weasyprint.CSS(
                    string=text, base_url=base_url, url_fetcher=url_fetcher, font_config=font_config
                )
            _PARSED[key] = css, tuple(logged)
        css, messages = _PARSED[key]
        for message in messages:
            logger.warning("%s", message)
        parsed.append(css)
    return parsed


@contextmanager
def logged_warnings(logger: logging.Logger) -> Iterator[list[str]]:
    """The warnings ``logger`` gets from this thread while the block runs.

    The logger is the process's: a render in another thread keeps its own."""
    messages: list[str] = []
    thread = threading.get_ident()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread:  # the logger is the process's
                messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
