"""Loading meeting files: YAML or JSON text → a validated :class:`~pressgen.model.Meeting`.

PyYAML's own loader keeps the last of two duplicate keys and forgets where each value
stood. So we only let it *compose* the node graph (safe: no tags are constructed),
and build the plain data ourselves, recording the line and column of every value
and refusing duplicate keys, aliases and foreign tags. pydantic then validates, and
each of its errors is mapped back to ``FILE:LINE:COL: field.path: message``.
JSON is read the same way: it is a subset of YAML's flow style.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import domain, series
from .errors import DataError, Location, Problem
from .model import Meeting

MAX_FILE_BYTES = 1_000_000
"""Largest meeting file accepted: a release is a few kilobytes."""
MAX_DEPTH = 16
"""Deepest nesting of mappings and lists accepted."""
TO_CONFIRM = "TO CONFIRM"
"""How ``pressgen new`` marks a drafted value that a person must still confirm."""

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

Path_ = tuple[str | int, ...]


def dotted(path: Path_) -> str:
    """``("participants", 2, "name")`` → ``participants[2].name``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Reader:
    """Builds plain data from a composed YAML node graph, remembering positions."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.values: dict[Path_, Location] = {}
        self.keys: dict[Path_, Location] = {}
        self.problems: list[Problem] = []
        self.scalars: dict[Path_, str] = {}
        self._seen: set[int] = set()
        self._constructor = yaml.constructor.SafeConstructor()

    def at(self, mark: yaml.Mark) -> Location:
        return Location(self.filename, mark.line + 1, mark.column + 1)

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(Problem(message, self.at(node.start_mark), dotted(path)))

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        self.values[path] = self.at(node.start_mark)
        if id(node) in self._seen:
            # An alias: refusing them rules out "billion laughs" expansion.
            self.fail(node, path, "YAML aliases (*name) are not supported; write the value out")
            return None
        self._seen.add(id(node))
        if node.tag not in _CORE_TAGS:
            self.fail(node, path, f"YAML tag {node.tag!r} is not supported")
            return None
        if len(path) > MAX_DEPTH:
            self.fail(node, path, f"nested deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.style is None and node.tag != "tag:yaml.org,2002:str":
            self.scalars[path] = node.value
        if node.tag == _TIMESTAMP:
            # Left as text: the model parses ISO dates itself and says why others fail.
            return node.value
        return self._constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(
                    key_node, path, "YAML merge keys (<<) are not supported; write the fields out"
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self.fail(key_node, path, "keys must be plain names")
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = self.keys[child]
                self.fail(key_node, child, f"duplicate key (first given at line {first.line})")
                continue
            self.keys[child] = self.at(key_node.start_mark)
            result[key] = self.build(value_node, child)
        return result


def _read_text(path: Path) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(
                [Problem(f"file is {size} bytes; the limit is {MAX_FILE_BYTES}", Location(name))]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem("no such file", Location(name))]) from None
    except IsADirectoryError:
        raise DataError([Problem("is a directory, not a meeting file", Location(name))]) from None
    except OSError as exc:
        raise DataError([Problem(f"cannot read: {exc.strerror}", Location(name))]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            [Problem(f"not UTF-8 text (byte 0x{raw[exc.start]:02X})", Location(name, line, column))]
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str, filename: str) -> tuple[Any, _Reader]:
    """Plain data from YAML or JSON text, with the positions of its values."""
    reader = _Reader(filename)
    kind = "JSON" if filename.lower().endswith(".json") else "YAML"
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = reader.at(mark) if mark else Location(filename)
        message = " ".join(filter(None, [exc.context, exc.problem]))
        raise DataError([Problem(f"not valid {kind}: {message}", where)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(f"not valid {kind}: {exc}", Location(filename))]) from None
    except RecursionError:
        raise DataError([Problem("nested too deeply", Location(filename))]) from None
    if node is None:
        raise DataError([Problem("the file is empty", Location(filename))])
    if not isinstance(node, yaml.MappingNode):
        raise DataError(
            [
                Problem(
                    "a meeting file is a mapping of fields (key: value)", reader.at(node.start_mark)
                )
            ]
        )
    data = reader.build(node)
    if reader.problems:
        raise DataError(reader.problems)
    return data, reader


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    return []


def _field_names(path: Path_) -> list[str]:
    """The field names valid at ``path`` (for "did you mean"), best effort."""
    models: list[type[BaseModel]] = [Meeting]
    for part in path:
        if isinstance(part, int):
            continue
        models = [
            m
            for model in models
            if part in model.model_fields
            for m in _models_in(model.model_fields[part].annotation)
        ]
    return sorted({name for model in models for name in model.model_fields})


def _problem(error: Mapping[str, Any], reader: _Reader, data: Any) -> Problem:
    # pydantic's loc may hold union tags ("person"); keep only the steps into the data.
    path: Path_ = ()
    node = data
    for part in error["loc"]:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node, path = node[part], (*path, part)
    kind = error["type"]
    message = str(error["msg"])
    if kind == "missing":
        field = error["loc"][-1]
        path = (*path, field) if field not in path[-1:] else path
        message = "field required"
        location = reader.values.get(path[:-1])
    elif kind == "extra_forbidden":
        location = reader.keys.get(path)
        valid = _field_names(path[:-1])
        close = difflib.get_close_matches(str(path[-1]), valid, n=1)
        message = "unknown field" + (f"; did you mean {close[0]!r}?" if close else "")
        if valid:
            message += f" (valid here: {', '.join(valid)})"
    elif kind == "union_tag_invalid":
        path = (*path, "kind")
        location = reader.values.get(path)
        expected = error.get("ctx", {}).get("expected_tags", "")
        message = f"unknown kind {error['ctx']['tag']!r}; expected one of {expected}"
    elif kind == "string_unicode" and isinstance(node, str):
        location = reader.values.get(path)
        bad = next(c for c in node if 0xD800 <= ord(c) <= 0xDFFF)
        message = f"character U+{ord(bad):04X} is not allowed in text (a lone surrogate)"
    else:
        location = reader.values.get(path)
        message = message.removeprefix("Value error, ")
        message = message[:1].lower() + message[1:]
        if kind == "string_type" and path in reader.scalars:
            # YAML 1.1 reads NO as false, 012345 as 5349 and 12:30 as 750.
            written = reader.scalars[path]
            message = (
                f"text expected, but YAML reads {written} as the {type(node).__name__} {node!r};"
                " put the value in quotes"
            )
    return Problem(message, location, dotted(path))


def _to_confirm(data: Any, path: Path_ = ()) -> list[Path_]:
    """Paths of the values a draft marked as still to confirm."""
    if isinstance(data, str):
        return [path] if data.startswith(TO_CONFIRM) else []
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _to_confirm(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _to_confirm(value, (*path, i))]
    return []


def _locate(reader: _Reader, path: Path_) -> Location | None:
    """Where a field path stands in the file, or its nearest enclosing value."""
    while path not in reader.values and path:
        path = path[:-1]
    return reader.values.get(path)


def domain_problems(
    meeting: Meeting, reader: _Reader | None = None, user_dirs: Sequence[Path] | None = None
) -> list[Problem]:
    """The domain checks' findings as problems, located in the file if there is one."""
    return [
        Problem(f.message, _locate(reader, f.path) if reader else None, dotted(f.path), f.severity)
        for f in domain.check(meeting, user_dirs)
    ]


def _parse_file(path: Path) -> tuple[Any, _Reader]:
    return parse(_read_text(path), str(path))


def validate(
    data: Any, reader: _Reader, beside: Path | None = None, user_dirs: Sequence[Path] = ()
) -> tuple[Meeting, list[Problem]]:
    """A :class:`Meeting` from parsed data and its warnings, or a :class:`DataError`.

    A series named by id takes its fields from its series file (:mod:`pressgen.series`),
    looked for ``beside`` the meeting file, in ``user_dirs`` and among the built-in ones.

    The error lists every problem of the stage that failed: values a draft still
    marks as to be confirmed; else the model's errors; else the domain checks' errors
    (with their warnings).
    """
    data = series.apply(data, reader, _parse_file, beside, user_dirs)
    pending = _to_confirm(data)
    if pending:
        raise DataError(
            [
                Problem(
                    "still to be confirmed: replace the drafted value",
                    _locate(reader, p),
                    dotted(p),
                )
                for p in pending
            ]
        )
    try:
        meeting = Meeting.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(error, reader, data) for error in exc.errors()]
        raise DataError(problems) from None
    problems = domain_problems(meeting, reader)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return meeting, problems


def load_checked(
    path: str | os.PathLike[str], template_dirs: Sequence[str | os.PathLike[str]] = ()
) -> tuple[Meeting, list[Problem]]:
    """Load a meeting file; return the meeting and the warnings about it.

    ``template_dirs`` are the folders of your own templates (and series files)."""
    file = Path(path)
    data, reader = parse(_read_text(file), str(path))
    return validate(data, reader, file.parent, [Path(d) for d in template_dirs])


class DataWarning(UserWarning):
    """A meeting file is valid but probably wrong (see the message)."""


def load_meeting(
    path: str | os.PathLike[str], template_dirs: Sequence[str | os.PathLike[str]] = ()
) -> Meeting:
    """Load and validate a meeting file (YAML or JSON).

    Raises :class:`~pressgen.errors.DataError` listing every problem of the file, each
    as ``FILE:LINE:COL: field.path: message``; warnings (a member state marked as an
    observer, say) are issued as :class:`DataWarning`.
    """
    meeting, problems = load_checked(path, template_dirs)
    for problem in problems:
        warnings.warn(str(problem), DataWarning, stacklevel=2)
    return meeting


def meeting_from_data(
    data: Any, source: str = "<data>", template_dirs: Sequence[str | os.PathLike[str]] = ()
) -> Meeting:
    """Validate plain data (a dict, as from ``json.loads``) into a :class:`Meeting`.

    Errors name the field path; there is no line to name. A series named by id is
    looked for in ``template_dirs`` and among the built-in series.
    """
    meeting, problems = validate(data, _Reader(source), None, [Path(d) for d in template_dirs])
    for problem in problems:
        warnings.warn(str(problem), DataWarning, stacklevel=2)
    return meeting
