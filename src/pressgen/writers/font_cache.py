"""Font subsets kept between runs, in the user's cache folder.

Subsetting a face with fontTools costs a cold process about 0.1 s a face, paid again
by every run of the command line (the web page embeds up to five faces, the DOCX as
many). The subset depends only on the font file's bytes, the characters and how it
is subset, so it is kept under a digest of those in
``$XDG_CACHE_HOME/pressgen/fonts``; the bytes that come back are the bytes fontTools
made, so the outputs stay the same with or without the cache.

As for compiled templates, the folder is used only when it belongs to this user and
nobody else may write to it; otherwise every subset is made afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..bytecode_cache import _private_folder, cache_folder


@cache
def _folder() -> Path | None:
    folder = cache_folder().parent / "fonts"
    if not folder.is_absolute() or not _private_folder(folder):
        return None
    return folder


@cache
def _digest_of(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cached_subset(path: Path, chars: str, how: str, make: Callable[[Path, str], bytes]) -> bytes:
    """``make(path, chars)``, or the bytes it made before for the same font file,
    characters and ``how`` (a text naming the subsetting options and their version)."""
    folder = _folder()
    if folder is None:
        return make(path, chars)
    status = path.stat()
    key = hashlib.sha256(
        "\0".join((_digest_of(path, status.st_mtime_ns, status.st_size), how, chars)).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    entry = folder / f"{key}.font"
    with contextlib.suppress(OSError):
        return entry.read_bytes()
    data = make(path, chars)
    # Written aside and renamed: a reader never sees half an entry.
    with contextlib.suppress(OSError):
        fd, name = tempfile.mkstemp(dir=folder, prefix=".font-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(name, entry)  # noqa: PTH105
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(name)  # noqa: PTH108
    return data
