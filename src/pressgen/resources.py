"""Where pressgen finds its templates, stylesheets, fonts and reference data.

Every resource is a file under a *template folder*. The folders a caller names are
searched first, then the package's own ``templates/``, so a user overrides a file by
putting one of the same name in their folder.

Template folders may come from someone else, so :func:`find` is the one way to a
file in them: templates and what they include, stylesheets, fonts, images, the
.docx template, reference and language data. It takes a relative name, never a
path, and refuses a file whose real location (after symbolic links) lies outside
the folders in use.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from .errors import TemplateError, UsageError

MAX_RESOURCE_BYTES = 32 * 1024 * 1024
"""Largest file read from a template folder (a font or a .docx template fits easily)."""

Folders = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
"""Template folders as the API takes them: one folder, or several."""

LANGUAGE_TAG = re.compile(
    r"(?P<language>[A-Za-z]{2,3})"
    r"(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?"
    r"(?P<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)"
)
"""A BCP 47 language tag of language, script, region and variants (use ``fullmatch``)."""


class LanguageFallbackWarning(UserWarning):
    """A language tag has no language data of its own; a more general one is used."""


@cache
def package_templates() -> Path:
    """The folder of the templates that ship with pressgen.

    An installed wheel carries them as ``pressgen/templates``; in a source checkout
    (an editable install, or running the tests) they are the repository's
    ``templates/``, two levels above this package.
    """
    inside = Path(__file__).resolve().parent / "templates"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / "templates"


def folders(value: Folders = ()) -> tuple[Path, ...]:
    """The user's template folders: one (a string or path) or several, each checked.

    A single string is one folder, never a sequence of one-letter names; a folder
    that does not exist, or is not a folder, is a :class:`UsageError` naming it.
    """
    items = [value] if isinstance(value, (str, os.PathLike)) else list(value)
    result = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise UsageError(f"a template folder must be a path, not {type(item).__name__}")
        path = Path(item)
        if not path.is_dir():
            what = "is not a folder" if path.exists() else "does not exist"
            raise UsageError(f"template folder {str(path)!r} {what}")
        result.append(path)
    return tuple(result)


def search_path(user_dirs: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The template folders in search order: the user's first, the package's last."""
    return (*(Path(d) for d in user_dirs), package_templates())


def _check_name(name: str) -> None:
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or "\0" in name
        or ":" in parts[0]
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise TemplateError(
            f"{name!r} is not a file name inside the template folders"
            " (a relative name such as css/release.css, without '..')"
        )


def candidates(name: str, user_dirs: Sequence[Path] = ()) -> list[Path]:
    """Every file called ``name`` in the search path, in search order (the user's first).

    ``name`` is relative and slash-separated. A file that is a symbolic link (or lies
    in a linked folder) whose target is outside every template folder in use is
    refused with a :class:`TemplateError`, never skipped, so that a user sees why.
    """
    _check_name(name)
    path = search_path(user_dirs)
    roots = tuple(folder.resolve() for folder in path)
    found = []
    for folder in path:
        candidate = folder / name
        if not os.path.lexists(candidate):
            continue
        real = candidate.resolve()
        if not any(real.is_relative_to(root) for root in roots):
            raise TemplateError("leads outside the template folders (a link?)", str(candidate))
        if real.is_file():
            found.append(candidate)
    return found


def locate(name: str, user_dirs: Sequence[Path] = ()) -> Path | None:
    """The first file called ``name`` in the search path, or None (see :func:`candidates`)."""
    found = candidates(name, user_dirs)
    return found[0] if found else None


def find(name: str, user_dirs: Sequence[Path] = ()) -> Path:
    """The file called ``name`` in the search path (see :func:`locate`)."""
    path = locate(name, user_dirs)
    if path is None:
        raise TemplateError(
            f"no template file {name!r} in {', '.join(map(str, search_path(user_dirs)))}"
        )
    return path


def read_file(path: Path) -> bytes:
    """The bytes of a file :func:`find` returned (a regular file, within the size cap)."""
    try:
        # Opened at its real location, without following a link put there since.
        fd = os.open(path.resolve(), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise TemplateError("not a regular file", str(path))
            data = file.read(MAX_RESOURCE_BYTES + 1)
    except OSError as exc:
        raise TemplateError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    if len(data) > MAX_RESOURCE_BYTES:
        raise TemplateError(f"larger than {MAX_RESOURCE_BYTES} bytes", str(path))
    return data


def read_bytes(name: str, user_dirs: Sequence[Path] = ()) -> bytes:
    """The bytes of a resource file (read again only when the file changes)."""
    path = find(name, user_dirs)
    try:
        info = path.stat()
    except OSError as exc:
        raise TemplateError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return _read_cached(path, info.st_mtime_ns, info.st_size)


def read_text(name: str, user_dirs: Sequence[Path] = ()) -> str:
    """The UTF-8 text of a resource file."""
    try:
        return read_bytes(name, user_dirs).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"not UTF-8 text: {exc}", str(find(name, user_dirs))) from None


@lru_cache(maxsize=64)
def _read_cached(path: Path, mtime_ns: int, size: int) -> bytes:
    # The modification time and size are part of the key: an edited stylesheet is
    # read again, an unchanged one once per process.
    return read_file(path)


def _load_yaml(path: Path) -> Any:
    """The YAML of a file :func:`candidates` returned."""
    try:
        return yaml.safe_load(read_file(path).decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TemplateError(f"cannot read reference data: {exc}", str(path)) from None


def _layered(name: str, user_dirs: tuple[Path, ...], what: str) -> dict[str, Any]:
    # The package's file first; each user folder's file of the same name then adds
    # entries or replaces them whole, by top-level key.
    merged: dict[str, Any] = {}
    for path in reversed(candidates(name, user_dirs)):
        content = _load_yaml(path)
        if not isinstance(content, dict):
            raise TemplateError(f"{what} must be a mapping", str(path))
        merged.update(content)
    return merged


def data(name: str, user_dirs: Sequence[Path] = ()) -> Mapping[str, Any]:
    """Reference data ``data/<name>.yaml``, layered like templates.

    The package's file comes first; each user folder's file of the same name then
    adds entries or replaces them whole, by top-level key (a state's forms, an
    organisation's members). A name no folder has gives an empty mapping.
    """
    return _data(name, tuple(Path(d) for d in user_dirs))


@lru_cache(maxsize=64)
def _data(name: str, user_dirs: tuple[Path, ...]) -> Mapping[str, Any]:
    return _layered(f"data/{name}.yaml", user_dirs, "reference data")


def data_names(folder: str, user_dirs: Sequence[Path] = ()) -> tuple[str, ...]:
    """The names of the reference data files in ``data/<folder>/`` of every template folder."""
    names = {
        path.stem
        for root in search_path(user_dirs)
        if (root / "data" / folder).is_dir()
        for path in (root / "data" / folder).glob("*.yaml")
    }
    return tuple(sorted(names))


# Codes CLDR names that are not ISO 3166-1 states: user-assigned (AA, QM-QZ, XA-XZ,
# ZZ), exceptionally reserved (AC, CP, CQ, DG, EA, EU, EZ, IC, TA, UN).
_NOT_STATES = re.compile(r"AA|AC|CP|CQ|DG|EA|IC|TA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN")


@cache
def state_codes() -> frozenset[str]:
    """Every state pressgen knows: the ISO 3166-1 alpha-2 codes of CLDR's territory names."""
    codes = [str(code) for code in Locale.parse("en").territories]
    return frozenset(
        code
        for code in codes
        if len(code) == 2 and code.isalpha() and not _NOT_STATES.fullmatch(code)
    )


def canonical_tag(tag: str) -> str:
    """A BCP 47 tag in its usual case (en-GB, zh-Hans-CN), or ValueError if it is none."""
    match = LANGUAGE_TAG.fullmatch(tag) if isinstance(tag, str) else None
    if match is None:
        raise ValueError(
            f"{tag!r} is not a language tag such as en, en-GB or zh-Hans-CN (BCP 47:"
            " language, then optionally script, region and variants, joined by '-')"
        )
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    parts.extend(v.lower() for v in match["variants"].split("-") if v)
    return "-".join(parts)


def language(tag: str, user_dirs: Sequence[Path] = ()) -> Mapping[str, Any]:
    """The language data (locale, ordinals, typography) for a language tag.

    The file of the full tag is used if there is one (``languages/en-US.yaml``), else
    that of a shorter tag (``languages/en.yaml``), with a
    :class:`LanguageFallbackWarning` unless that file's ``locale`` is the tag's own
    (en.yaml is written for en_GB). Layered like the reference data: a user folder's
    file adds to the package's or replaces its entries, key by key. A file may name
    another it is ``based_on`` and give only the keys that differ.
    """
    return _language(tag, tuple(Path(d) for d in user_dirs))


@lru_cache(maxsize=32)
def _language(tag: str, user_dirs: tuple[Path, ...]) -> Mapping[str, Any]:
    try:
        canonical = canonical_tag(tag)
    except ValueError as exc:  # a meeting built without validation (model_construct)
        raise TemplateError(f"no language data: {exc}") from None
    subtags = canonical.split("-")
    for size in range(len(subtags), 0, -1):
        used = "-".join(subtags[:size])
        if candidates(f"languages/{used}.yaml", user_dirs):
            break
    else:
        raise TemplateError(
            f"no language data for {canonical!r}: add languages/{subtags[0]}.yaml"
            " to a template folder"
        )
    data = _language_file(used, user_dirs, ())
    # A shorter tag's data made for this very locale (en.yaml is en_GB) is its own.
    made_for = str(data.get("locale", "")).replace("_", "-").lower()
    if used != canonical and made_for != canonical.lower():
        warnings.warn(
            f"{canonical}: no language data of its own, using {used}",
            LanguageFallbackWarning,
            stacklevel=3,
        )
    return data


def _language_file(
    tag: str, user_dirs: tuple[Path, ...], seen: tuple[str, ...]
) -> Mapping[str, Any]:
    name = f"languages/{tag}.yaml"
    merged = _layered(name, user_dirs, "language data")
    base = merged.pop("based_on", None)
    if base is None:
        return merged
    if not isinstance(base, str) or base in (*seen, tag):
        raise TemplateError(f"bad based_on: {base!r}", str(find(name, user_dirs)))
    try:
        base_data = _language_file(canonical_tag(base), user_dirs, (*seen, tag))
    except ValueError as exc:
        raise TemplateError(f"bad based_on: {exc}", str(find(name, user_dirs))) from None
    return {**base_data, **merged}
