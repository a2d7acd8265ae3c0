"""Font subsets of the bundled fonts, made once and kept between runs.

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
import io
import os
import tempfile
from functools import cache, lru_cache
from pathlib import Path

from ..bytecode_cache import _module_digest, _private_folder, cache_folder

LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF")
"""OpenType layout tables left out of every subset (see :func:`subset`)."""


@cache
def _folder() -> Path | None:
    folder = cache_folder().parent / "fonts"
    if not folder.is_absolute() or not _private_folder(folder):
        return None
    return folder


@cache
def _digest_of(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=64)
def subset(
    path: Path,
    mtime_ns: int,
    chars: str,
    *,
    flavor: str | None = None,
    name_ids: tuple[int, ...] | None = None,
    word: bool = False,
) -> bytes:
    """A subset of the font at ``path`` holding ``chars``.

    ``flavor`` "woff2" for the web; ``name_ids`` the name records kept (all if None);
    ``word`` for a Word document: a drawn .notdef and no hinting (hints serve small
    sizes on old screens, not this). ``mtime_ns`` keys the in-process cache.
    """
    from fontTools import version

    how = f"{flavor} {name_ids} {word} fontTools {version} {_module_digest(__name__)}"
    folder = _folder()
    if folder is None:
        return _make(path, chars, flavor, name_ids, word)
    status = path.stat()
    key = hashlib.sha256(
        "\0".join((_digest_of(path, status.st_mtime_ns, status.st_size), how, chars)).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    entry = folder / f"{key}.font"
    with contextlib.suppress(OSError):
        return entry.read_bytes()
    data = _make(path, chars, flavor, name_ids, word)
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


def _make(
    path: Path, chars: str, flavor: str | None, name_ids: tuple[int, ...] | None, word: bool
) -> bytes:
    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont

    options = fonttools_subset.Options()
    options.flavor = flavor
    options.name_IDs = ["*"] if name_ids is None else list(name_ids)
    if word:
        options.notdef_outline = True
        options.hinting = False
    font = TTFont(str(path), recalcTimestamp=False)  # else "modified" is the clock
    # Without the OpenType layout tables: reading GPOS alone costs 0.3 s a face, ten
    # times the rest of the subsetting. Word sets neither kerning nor ligatures by
    # default; a browser or LibreOffice with Noto installed uses the full font.
    for tag in LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out)
    return out.getvalue()
