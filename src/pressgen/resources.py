"""Where pressgen finds its templates, stylesheets, fonts and reference data.

Every resource is a file under a *template folder*. The folders a caller names are
searched first, then the package's own ``templates/``, so a user overrides a file by
putting one of the same name in their folder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

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


@cache
def states() -> Mapping[str, Mapping[str, Any]]:
    """The shipped reference data of states: code → {names: language → form → text, status}."""
    data = _load_yaml(package_templates() / "data" / "states.yaml")
    assert isinstance(data, dict)
    return data


@cache
def language(tag: str) -> Mapping[str, Any]:
    """The shipped language data (locale, ordinals, typography) for a language tag."""
    primary = tag.split("-")[0].lower()
    path = package_templates() / "languages" / f"{primary}.yaml"
    if not path.is_file():
        raise TemplateError(f"no language data for {tag!r}", str(path))
    data = _load_yaml(path)
    assert isinstance(data, dict)
    return data


@cache
def state_names(primary: str) -> Mapping[str, Mapping[str, str]]:
    """The names of states in one language: code → form → text (empty if none ship)."""
    path = package_templates() / "data" / "states" / f"{primary}.yaml"
    if not path.is_file():
        return {}
    data = _load_yaml(path)
    assert isinstance(data, dict)
    return data


@cache
def cases(primary: str) -> Mapping[str, Mapping[str, str]]:
    """The declined nouns of one language: nominative → case → text (empty if none)."""
    path = package_templates() / "data" / "cases" / f"{primary}.yaml"
    if not path.is_file():
        return {}
    data = _load_yaml(path)
    assert isinstance(data, dict)
    return data
