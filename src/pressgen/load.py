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
import json
import os
import re
import types
import typing
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import domain
from . import messages as say
from .errors import DataError, Location, Problem
from .model import Meeting
from .reading import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    NULL,
    SEQ,
    STR,
    ReadError,
    compose_json,
    compose_yaml,
    read_text,
)

TIMESTAMP = "tag:yaml.org,2002:timestamp"

TO_CONFIRM = "TO CONFIRM"
"""How ``pressgen new`` marks a drafted value that a person must still confirm."""

_CORE_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MAP, SEQ}
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")

Path_ = tuple[str | int, ...]


def dotted(path: Path_) -> str:
    """``("participants", 2, "name")`` → ``participants[2].name``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class Written:
    """A plain scalar that YAML 1.1 would read as something other than what was written.

    ``010`` (octal 8), ``yes`` (true), ``1:30`` (90), ``0x10`` (16), ``1_000``, ``+5``,
    ``7.0``: no field takes it, so validation fails and the message shows it as written.
    """

    def __init__(self, raw: str, guess: Any) -> None:
        self.raw = raw
        self.guess = guess

    def __repr__(self) -> str:
        return self.raw

    __str__ = __repr__


class _Reader:
    """Builds plain data from a composed node graph, remembering positions."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.values: dict[Path_, Location] = {}
        self.keys: dict[Path_, Location] = {}
        self.problems: list[Problem] = []
        self.plain: dict[Path_, str] = {}
        """The text of every plain (unquoted) scalar that is not text, as written."""
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
            self.fail(node, path, say.ALIAS)
            return None
        self._seen.add(id(node))
        if node.tag not in _CORE_TAGS:
            self.fail(node, path, say.TAG.format(tag=node.tag))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        raw: str = node.value
        if not node.style:  # None from PyYAML, "" from libyaml
            self.plain[path] = raw
        if node.tag == STR:
            return raw
        # Only what reads the same in YAML 1.1, YAML 1.2 and JSON is taken as it comes.
        if node.tag == INT and _DECIMAL.fullmatch(raw):
            return int(raw)
        if node.tag == BOOL and raw in ("true", "false"):
            return raw == "true"
        if node.tag == NULL:
            return None
        if node.tag == TIMESTAMP:
            # Left as text: the model parses ISO dates itself and says why others fail.
            return raw
        try:
            guess = self._constructor.construct_object(node)
        except (yaml.YAMLError, ValueError):
            guess = raw
        return Written(raw, guess)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, path, say.MERGE_KEY)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR:
                self.fail(key_node, path, say.KEY_NOT_NAME)
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = self.keys[child]
                self.fail(key_node, child, say.DUPLICATE_KEY.format(line=first.line))
                continue
            self.keys[child] = self.at(key_node.start_mark)
            result[key] = self.build(value_node, child)
        return result


def parse(text: str, filename: str) -> tuple[Any, _Reader]:
    """Plain data from YAML or JSON text, with the positions of its values."""
    reader = _Reader(filename)
    kind = "JSON" if filename.lower().endswith(".json") else "YAML"
    try:
        node = compose_json(text, filename) if kind == "JSON" else compose_yaml(text, filename)
    except ReadError as exc:
        raise DataError([Problem(exc.message, Location(filename, exc.line, exc.column))]) from None
    except json.JSONDecodeError as exc:
        where = Location(filename, exc.lineno, exc.colno)
        detail = say.JSON_ERRORS.get(exc.msg) or _plain(exc.msg)
        raise DataError([Problem(say.NOT_VALID.format(kind=kind, detail=detail), where)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = reader.at(mark) if mark else Location(filename)
        detail = _yaml_detail(" ".join(filter(None, [exc.context, exc.problem])))
        raise DataError([Problem(say.NOT_VALID.format(kind=kind, detail=detail), where)]) from None
    except yaml.YAMLError as exc:
        problem = Problem(say.NOT_VALID.format(kind=kind, detail=exc), Location(filename))
        raise DataError([problem]) from None
    if node is None:
        raise DataError([Problem(say.EMPTY_FILE, Location(filename))])
    if not isinstance(node, yaml.MappingNode):
        raise DataError([Problem(say.NOT_A_MAPPING, reader.at(node.start_mark))])
    data = reader.build(node)
    if reader.problems:
        raise DataError(reader.problems)
    return data, reader


def _yaml_detail(detail: str) -> str:
    """PyYAML's account of a syntax error, in plain words where it is a common slip."""
    for pattern, plain in say.YAML_ERRORS.items():
        match = re.search(pattern, detail)
        if match:
            return plain.format(**match.groupdict())
    return detail


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


def _description(path: Path_) -> str | None:
    """The model's description of the field at ``path``, best effort."""
    models: list[type[BaseModel]] = [Meeting]
    description = None
    for part in path:
        if isinstance(part, int):
            continue
        fields = [m.model_fields[part] for m in models if part in m.model_fields]
        if not fields:
            return None
        description = fields[0].description
        models = [m for field in fields for m in _models_in(field.annotation)]
    return description


def _empty(path: Path_) -> str:
    # "The city, as it is to be written: "Astana"." → "write the city, as it is …"
    description = (_description(path) or "").split("\n")[0].strip().removesuffix(".")
    what = description[:1].lower() + description[1:] if description else say.EMPTY_WHAT
    return say.EMPTY.format(what=what)


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
    location = reader.values.get(path)
    if kind == "missing":
        field = error["loc"][-1]
        path = (*path, field) if field not in path[-1:] else path
        message = say.FIELD_REQUIRED
        location = reader.values.get(path[:-1])
    elif kind == "extra_forbidden":
        location = reader.keys.get(path)
        valid = _field_names(path[:-1])
        close = difflib.get_close_matches(str(path[-1]), valid, n=1)
        message = say.UNKNOWN_FIELD
        message += "; " + say.DID_YOU_MEAN_FIELD.format(name=close[0]) if close else ""
        message += " (" + say.VALID_HERE.format(names=", ".join(valid)) + ")" if valid else ""
    elif kind == "union_tag_invalid":
        path = (*path, "kind")
        location = reader.values.get(path)
        expected = error.get("ctx", {}).get("expected_tags", "")
        message = say.UNKNOWN_KIND.format(tag=str(error["ctx"]["tag"]), expected=expected)
    elif kind == "string_unicode" and isinstance(node, str):
        bad = next(c for c in node if 0xD800 <= ord(c) <= 0xDFFF)
        message = say.LONE_SURROGATE.format(code=ord(bad))
    elif path in reader.values and (node is None or (isinstance(node, str) and not node.strip())):
        message = _empty(path)  # written but left empty: say what to write
    else:
        message = _as_written(kind, node, reader.plain.get(path)) or _plain(message)
    return Problem(message, location, dotted(path))


def _plain(message: str) -> str:
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def _as_written(kind: str, value: Any, written: str | None) -> str | None:
    """A message that shows a wrongly typed value as it was written, or None."""
    if kind in ("int_type", "int_parsing"):
        if written is not None:
            return say.WHOLE_NUMBER_EXPECTED.format(written=written)
        if isinstance(value, str):
            return say.WHOLE_NUMBER_NOT_TEXT.format(value=value)
    if kind in ("bool_type", "bool_parsing"):
        if written is not None:
            return say.TRUE_OR_FALSE_EXPECTED.format(written=written)
        if isinstance(value, str):
            return say.TRUE_OR_FALSE_NOT_TEXT.format(value=value)
    if kind == "string_type" and written is not None:
        # YAML 1.1 reads NO as false, 012345 as 5349 and 12:30 as 750.
        guess = value.guess if isinstance(value, Written) else value
        return say.TEXT_EXPECTED.format(written=written, type=type(guess).__name__, value=guess)
    return None


def _to_confirm(data: Any, path: Path_ = ()) -> list[Path_]:
    """Paths of the values a draft marked as still to confirm."""
    if isinstance(data, str):
        return [path] if data.startswith(TO_CONFIRM) else []
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _to_confirm(value, (*path, key))]
    if isinstance(data, list | tuple):
        return [p for i, value in enumerate(data) for p in _to_confirm(value, (*path, i))]
    return []


def _locate(reader: _Reader, path: Path_) -> Location | None:
    """Where a field path stands in the file, or its nearest enclosing value."""
    while path not in reader.values and path:
        path = path[:-1]
    return reader.values.get(path)


def domain_problems(meeting: Meeting, reader: _Reader | None = None) -> list[Problem]:
    """The domain checks' findings as problems, located in the file if there is one."""
    return [
        Problem(f.message, _locate(reader, f.path) if reader else None, dotted(f.path), f.severity)
        for f in domain.check(meeting)
    ]


def validate(data: Any, reader: _Reader) -> tuple[Meeting, list[Problem]]:
    """A :class:`Meeting` from parsed data and its warnings, or a :class:`DataError`.

    The error lists every problem of the stage that failed: values a draft still
    marks as to be confirmed; else the model's errors; else the domain checks' errors
    (with their warnings).
    """
    pending = _to_confirm(data)
    if pending:
        raise DataError(
            [
                Problem(
                    say.TO_BE_CONFIRMED,
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


def load_checked(path: str | os.PathLike[str]) -> tuple[Meeting, list[Problem]]:
    """Load a meeting file; return the meeting and the warnings about it."""
    file = Path(path)
    data, reader = parse(read_text(file), str(path))
    return validate(data, reader)


class DataWarning(UserWarning):
    """A meeting file is valid but probably wrong (see the message)."""


def load_meeting(path: str | os.PathLike[str]) -> Meeting:
    """Load and validate a meeting file (YAML or JSON).

    Raises :class:`~pressgen.errors.DataError` listing every problem of the file, each
    as ``FILE:LINE:COL: field.path: message``; warnings (a member state marked as an
    observer, say) are issued as :class:`DataWarning`.
    """
    meeting, problems = load_checked(path)
    for problem in problems:
        warnings.warn(str(problem), DataWarning, stacklevel=2)
    return meeting


def meeting_from_data(data: Any, source: str = "<data>") -> Meeting:
    """Validate plain data (a dict, as from ``json.loads``) into a :class:`Meeting`.

    Errors name the field path; there is no line to name.
    """
    meeting, problems = validate(data, _Reader(source))
    for problem in problems:
        warnings.warn(str(problem), DataWarning, stacklevel=2)
    return meeting
