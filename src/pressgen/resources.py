"""Where pressgen finds its templates, stylesheets, fonts and reference data.

Every resource is a file under a *template folder*. The folders a caller names are
searched first, then the package's own ``templates/``, so a user overrides a file by
putting one of the same name in their folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from .errors import TemplateError


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


def search_path(user_dirs: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The template folders in search order: the user's first, the package's last."""
    return (*(Path(d) for d in user_dirs), package_templates())


def find(name: str, user_dirs: Sequence[Path] = ()) -> Path:
    """The first file called ``name`` (a relative, slash-separated path) in the search path."""
    for folder in search_path(user_dirs):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise TemplateError(
        f"no template file {name!r} in {', '.join(map(str, search_path(user_dirs)))}"
    )


def read_text(name: str, user_dirs: Sequence[Path] = ()) -> str:
    """The UTF-8 text of a resource file (read again only when the file changes)."""
    path = find(name, user_dirs)
    try:
        stat = path.stat()
        return _read_cached(path, stat.st_mtime_ns, stat.st_size)
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read: {exc}", str(path)) from exc


@lru_cache(maxsize=64)
def _read_cached(path: Path, mtime_ns: int, size: int) -> str:
    # The modification time and size are part of the key: an edited stylesheet is
    # read again, an unchanged one once per process.
    return path.read_text(encoding="utf-8")


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TemplateError(f"cannot read reference data: {exc}", str(path)) from exc


def data(name: str, user_dirs: Sequence[Path] = ()) -> Mapping[str, Any]:
    """Reference data ``data/<name>.yaml``, layered like templates.

    The package's file comes first; each user folder's file of the same name then
    adds entries or replaces them whole, by top-level key (a state's forms, an
    organisation's members). A name no folder has gives an empty mapping.
    """
    return _data(name, tuple(Path(d) for d in user_dirs))


@lru_cache(maxsize=64)
def _data(name: str, user_dirs: tuple[Path, ...]) -> Mapping[str, Any]:
    merged: dict[str, Any] = {}
    for folder in reversed(search_path(user_dirs)):
        path = folder / "data" / f"{name}.yaml"
        if path.is_file():
            content = _load_yaml(path)
            if not isinstance(content, dict):
                raise TemplateError("reference data must be a mapping", str(path))
            merged.update(content)
    return merged


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


def language(tag: str, user_dirs: Sequence[Path] = ()) -> Mapping[str, Any]:
    """The language data (locale, ordinals, typography) for a language tag.

    Layered like the reference data: a user folder's ``languages/<language>.yaml``
    adds to the package's or replaces its entries, key by key.
    """
    return _language(tag, tuple(Path(d) for d in user_dirs))


@lru_cache(maxsize=32)
def _language(tag: str, user_dirs: tuple[Path, ...]) -> Mapping[str, Any]:
    primary = tag.split("-")[0].lower()
    merged: dict[str, Any] = {}
    for folder in reversed(search_path(user_dirs)):
        path = folder / "languages" / f"{primary}.yaml"
        if path.is_file():
            data = _load_yaml(path)
            if not isinstance(data, dict):
                raise TemplateError("language data must be a mapping", str(path))
            merged.update(data)
    if not merged:
        path = package_templates() / "languages" / f"{primary}.yaml"
        raise TemplateError(f"no language data for {tag!r}", str(path))
    return merged
