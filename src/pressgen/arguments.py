"""The arguments of the public API, checked: a bad one is a clear pressgen error.

The command line's parser refuses bad arguments with a message; a program calling
the library deserves the same, not a ``TypeError`` from deep inside. Each check
returns the value in the form the stages use (a :class:`~pathlib.Path`, a tuple of
format names, a meeting validated again) or raises :class:`UsageError` naming the
argument.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from . import resources, writers
from .errors import DataError, Location, Problem, UsageError
from .model import Meeting

MAX_DEPTH = 32
"""Deepest nesting of plain data accepted from code (a meeting is about 6 deep)."""

_validated: weakref.WeakValueDictionary[int, Meeting] = weakref.WeakValueDictionary()
"""Meetings already validated again, by id (an entry goes when its meeting does)."""


def _kind(value: object) -> str:
    return type(value).__name__


def path(value: object, name: str) -> Path:
    """A file or folder path: ``str`` or ``os.PathLike``, without NUL characters."""
    if not isinstance(value, str | os.PathLike):
        raise UsageError(f"{name}: expected a path (str or os.PathLike), not {_kind(value)}")
    text = os.fspath(value)
    if not isinstance(text, str):
        raise UsageError(f"{name}: expected a path as text, not {_kind(text)}")
    if not text:
        raise UsageError(f"{name}: the path is empty")
    if "\0" in text:
        raise UsageError(f"{name}: a path cannot contain a NUL character: {text!r}")
    return Path(text)


def optional_path(value: object, name: str) -> Path | None:
    """A path, or None."""
    return None if value is None else path(value, name)


def folders(value: object, name: str = "template_dirs") -> tuple[Path, ...]:
    """Folders: a list of paths, or one path (never a string taken letter by letter)."""
    if isinstance(value, str | os.PathLike):
        return resources.folders((path(value, name),))
    if not isinstance(value, Iterable):
        raise UsageError(f"{name}: expected a list of folders, not {_kind(value)}")
    return resources.folders(tuple(path(item, f"{name}[{i}]") for i, item in enumerate(value)))


def format_name(value: object) -> str:
    """A known format name."""
    if not isinstance(value, str):
        raise UsageError(f"format: expected a format name such as 'pdf', not {_kind(value)}")
    return writers.get(value).name


def formats(value: object) -> tuple[str, ...]:
    """Known format names, each once, in the order given (at least one)."""
    if isinstance(value, str):
        raise UsageError(
            f"formats: expected a list of format names such as ['txt', 'pdf'],"
            f" not the string {value!r}"
        )
    if not isinstance(value, Iterable):
        raise UsageError(f"formats: expected a list of format names, not {_kind(value)}")
    names = tuple(dict.fromkeys(format_name(item) for item in value))
    if not names:
        raise UsageError("formats: no format given")
    return names


def names(value: object, name: str) -> tuple[str, ...]:
    """A list of names (language tags, say), each text, at least one."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise UsageError(f"{name}: expected a list such as ['en', 'ru'], not {_kind(value)}")
    items = tuple(value)
    if not items or not all(isinstance(item, str) for item in items):
        raise UsageError(f"{name}: expected a non-empty list of text, such as ['en', 'ru']")
    return items


def pdf_variant(value: object) -> str | None:
    """None, or one of the PDF variants on offer."""
    if value is not None and value not in writers.PDF_VARIANTS:
        raise UsageError(f"unknown PDF variant {value!r}; known: {', '.join(writers.PDF_VARIANTS)}")
    return value


def executor(value: object) -> Executor | None:
    """None, or a :class:`concurrent.futures.Executor`."""
    if value is not None and not isinstance(value, Executor):
        raise UsageError(
            f"executor: expected a concurrent.futures.Executor (a process pool, a Dask"
            f" client's get_executor()), not {_kind(value)}"
        )
    return value


def meeting(value: object) -> Meeting:
    """A :class:`Meeting`, validated again.

    A meeting made with ``model_copy(update=...)`` (or ``model_construct``) skipped
    validation; validating its data again gives the errors a file with those values
    would, instead of a failure deep in the wording.
    """
    if not isinstance(value, Meeting):
        raise UsageError(
            f"expected a Meeting (from load_meeting or meeting_from_data), not {_kind(value)}"
        )
    if _validated.get(id(value)) is value:
        return value
    from .load import validate
    from .reading import Reader

    data = value.model_dump(warnings=False)
    validated, _ = validate(data, Reader("<meeting>"), complete=True)
    # Frozen, so it stays valid: the next render of the same object skips this.
    _validated[id(value)] = value
    return validated


def plain_data(value: Any, source: str) -> Any:
    """Data for :func:`~pressgen.load.meeting_from_data`: refuses cycles and deep nesting.

    Data that contains itself would send validation round for ever (a
    ``RecursionError``); say where instead.
    """
    if not isinstance(source, str):
        raise UsageError(f"source: expected a name as text, not {_kind(source)}")
    stack: list[tuple[Any, tuple[str | int, ...], frozenset[int]]] = [(value, (), frozenset())]
    while stack:
        item, where, above = stack.pop()
        if isinstance(item, dict | list | tuple):
            if id(item) in above or len(where) > MAX_DEPTH:
                from .reading import dotted

                problem = "contains itself" if id(item) in above else "is nested too deeply"
                raise DataError([Problem(f"the data {problem}", Location(source), dotted(where))])
            inside = above | {id(item)}
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend((child, (*where, key), inside) for key, child in pairs)
    return value
