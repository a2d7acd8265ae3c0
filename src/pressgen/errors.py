"""The errors pressgen raises, one type per stage, each carrying where it happened.

::

    PressgenError                  base of everything pressgen raises on purpose
    ├── InputError                 bad input: the CLI exits with 1
    │   ├── DataError              a meeting file or model (FILE:LINE:COL: field.path: message)
    │   └── TemplateError          a wording or page template (TEMPLATE:LINE: message)
    ├── UsageError                 bad usage (unknown format, bad option): exit 2
    └── WriteError                 failure while writing an output: exit 3

A :class:`DataError` holds every problem found in one file (:class:`Problem`), so
that a person fixing a file sees all of them in one run.

Messages echo what came from the input (file names, keys, values); every line an
error gives is passed through :func:`escaped`, so that no newline, NUL or terminal
escape sequence from a file ever reaches a terminal raw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .messages import AND_MORE

MAX_LINES = 25
"""Most problems of one file printed; a count of the others follows."""


def escaped(text: str) -> str:
    """``text`` with every character that is not printable written as an escape.

    ``"a\\nb"`` for a newline, ``\\x1b`` for ESC, ``\\u2028``, ``\\u202e``, ``\\udcff``
    (a file name's undecodable byte): one visible line, whatever a file held.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


@dataclass(frozen=True)
class Location:
    """A place in a file: path as given, 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        file = escaped(self.file)
        if not self.line:
            return file
        if not self.column:
            return f"{file}:{self.line}"
        return f"{file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One problem in a data file: where, which field, what is wrong."""

    message: str
    location: Location | None = None
    path: str = ""
    severity: str = "error"
    """"error" (the release would be wrong) or "warning" (it probably is)."""

    def __str__(self) -> str:
        parts = [str(self.location)] if self.location else []
        if self.path:
            parts.append(self.path)
        if self.severity != "error":
            parts.append(self.severity)
        parts.append(self.message)
        return escaped(": ".join(parts))


class PressgenError(Exception):
    """Base of every error pressgen raises on purpose."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The error as the lines the CLI prints, one per problem, escaped."""
        return [escaped(line) for line in str(self).split("\n")]


class InputError(PressgenError):
    """Bad input: a data file or a template."""


class DataError(InputError):
    """Problems in a meeting file or in a meeting built in code.

    All of them are in :attr:`problems`; the lines printed stop at
    :data:`MAX_LINES`, then say how many more there are.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        lines = [str(p) for p in self.problems[:MAX_LINES]]
        more = len(self.problems) - MAX_LINES
        if more > 0:
            files = [p.location for p in self.problems if p.location]
            where = f"{Location(files[0].file)}: " if files else ""
            lines.append(where + AND_MORE.format(count=more))
        return lines


class TemplateError(InputError):
    """A wording or page template that fails to load, render or parse."""

    def __init__(self, message: str, template: str = "", line: int = 0) -> None:
        self.message = message
        self.template = template
        self.line = line
        where = str(Location(template, line)) if template else ""
        super().__init__(f"{where}: {message}" if where else message)


class UsageError(PressgenError):
    """A call that cannot be carried out as asked: an unknown format, a bad option."""

    exit_code = 2


class WriteError(PressgenError):
    """A failure while producing or writing an output."""

    exit_code = 3
