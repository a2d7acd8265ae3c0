"""Loading meeting files: YAML or JSON → a validated :class:`~pressgen.model.Meeting`.

The file is read into plain data with the place of every value
(:mod:`pressgen.reading`); pydantic then validates, and each of its errors is
mapped back to ``FILE:LINE:COL: field.path: message``, in the words of
:mod:`pressgen.messages`: what is wrong, as written in the file, and what to write.
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

from pydantic import BaseModel, ValidationError

from . import arguments, domain, series
from . import messages as say
from .errors import DataError, Location, Problem
from .model import Meeting
from .reading import Path_, Reader, Written, dotted, parse, read_text

TO_CONFIRM = "TO CONFIRM"
"""How ``pressgen new`` marks a drafted value that a person must still confirm."""


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


def _problem(error: Mapping[str, Any], reader: Reader, data: Any) -> Problem:
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


def _left_empty(data: Any, path: Path_ = ()) -> list[Path_]:
    """Paths of the fields written with no value (``number:``).

    A field a meeting may lack is left out; one written empty is a slip (a value
    forgotten), never a silent "none".
    """
    if isinstance(data, dict):
        return [
            p
            for key, value in data.items()
            for p in ([(*path, key)] if value is None else _left_empty(value, (*path, key)))
        ]
    if isinstance(data, list | tuple):
        return [p for i, value in enumerate(data) for p in _left_empty(value, (*path, i))]
    return []


def _to_confirm(data: Any, path: Path_ = ()) -> list[Path_]:
    """Paths of the values a draft marked as still to confirm."""
    if isinstance(data, str):
        return [path] if data.startswith(TO_CONFIRM) else []
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _to_confirm(value, (*path, key))]
    if isinstance(data, list | tuple):
        return [p for i, value in enumerate(data) for p in _to_confirm(value, (*path, i))]
    return []


def _locate(reader: Reader, path: Path_) -> Location | None:
    """Where a field path stands in the file, or its nearest enclosing value."""
    while path not in reader.values and path:
        path = path[:-1]
    return reader.values.get(path)


def domain_checked(
    meeting: Meeting, reader: Reader | None = None, user_dirs: Sequence[Path] | None = None
) -> list[Problem]:
    """The domain checks' warnings, or a :class:`DataError` with all findings if any is an error.

    The one place the domain checks run, for a meeting from a file (located in it)
    and one built in code alike.
    """
    problems = [
        Problem(f.message, _locate(reader, f.path) if reader else None, dotted(f.path), f.severity)
        for f in domain.check(meeting, user_dirs)
    ]
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return problems


def _parse_file(path: Path) -> tuple[Any, Reader]:
    return parse(read_text(path), str(path))


def validate(
    data: Any,
    reader: Reader,
    beside: Path | None = None,
    user_dirs: Sequence[Path] = (),
    *,
    complete: bool = False,
) -> tuple[Meeting, list[Problem]]:
    """A :class:`Meeting` from parsed data and its warnings, or a :class:`DataError`.

    A series named by id takes its fields from its series file (:mod:`pressgen.series`),
    looked for ``beside`` the meeting file, in ``user_dirs`` and among the built-in ones.

    The error lists every problem of the stage that failed: values a draft still
    marks as to be confirmed; else the model's errors; else the domain checks' errors
    (with their warnings). ``complete`` data (a meeting's own, validated again) has
    its series written in already.
    """
    if not complete:
        data = series.apply(data, reader, _parse_file, beside, user_dirs)
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
    # No template folders given: an organisation only they could define is a warning
    # here, and checked when the release is built with them.
    return meeting, domain_checked(meeting, reader, list(user_dirs) or None)


def load_checked(
    path: str | os.PathLike[str], template_dirs: Sequence[str | os.PathLike[str]] = ()
) -> tuple[Meeting, list[Problem]]:
    """Load a meeting file; return the meeting and the warnings about it.

    ``template_dirs`` are the folders of your own templates (and series files)."""
    file = arguments.path(path, "path")
    data, reader = parse(read_text(file), str(path))
    empty = _left_empty(data)
    if empty:
        raise DataError([Problem(_empty(p), _locate(reader, p), dotted(p)) for p in empty])
    return validate(data, reader, file.parent, arguments.folders(template_dirs))


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
    meeting, problems = validate(
        arguments.plain_data(data, source), Reader(source), None, arguments.folders(template_dirs)
    )
    for problem in problems:
        warnings.warn(str(problem), DataWarning, stacklevel=2)
    return meeting
