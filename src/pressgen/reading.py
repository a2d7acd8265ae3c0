"""Reading a meeting file: bytes → text → plain data, with the place of every value.

At most :data:`MAX_FILE_BYTES` + 1 bytes are ever read (a link to ``/dev/zero``
fails at once), and a control character written raw in the file is refused with
its line and column. PyYAML's own loader keeps the last of two duplicate keys and
forgets where each value stood, so the text is only *composed* into nodes
(:mod:`pressgen.nodes`; no tags are constructed) and the plain data is built here,
recording the line and column of every value and key and refusing duplicate keys,
aliases and foreign tags. Scalars are taken as written: only what reads the same in
YAML 1.1, YAML 1.2 and JSON becomes a number or a boolean.
"""

from __future__ import annotations

import json
import os
import re
import stat
from typing import Any

import yaml

from . import messages as say
from .errors import DataError, Location, Problem
from .nodes import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    NULL,
    SEQ,
    STR,
    Lines,
    ReadError,
    compose_json,
    compose_yaml,
)

MAX_FILE_BYTES = 1_000_000
"""Largest meeting file accepted: a release is a few kilobytes."""
TIMESTAMP = "tag:yaml.org,2002:timestamp"

_CHUNK = 1 << 16
# Controls (but tab and line breaks); C1 controls, U+2028 and U+2029 (YAML reads
# U+0085, U+2028 and U+2029 as line breaks, which editors do not show, so every line
# number after them would be wrong); and the two non-characters YAML refuses.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _refuse(message: str, where: Location) -> DataError:
    return DataError([Problem(message, where)])


def _read_capped(name: str) -> bytes:
    # O_NONBLOCK so that opening a FIFO without a writer cannot hang; reads block again.
    descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb", buffering=0) as file:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        os.set_blocking(descriptor, True)
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
            raise _refuse(
                say.FILE_TOO_LARGE.format(size=info.st_size, limit=MAX_FILE_BYTES), Location(name)
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = file.read(min(_CHUNK, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise _refuse(say.FILE_OVER_LIMIT.format(limit=MAX_FILE_BYTES), Location(name))
        return b"".join(chunks)


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a meeting file, or a :class:`DataError` saying why it cannot be read."""
    name = str(path)
    try:
        raw = _read_capped(name)
    except FileNotFoundError:
        raise _refuse(say.NO_SUCH_FILE, Location(name)) from None
    except IsADirectoryError:
        raise _refuse(say.IS_A_DIRECTORY, Location(name)) from None
    except OSError as exc:
        raise _refuse(say.CANNOT_READ.format(reason=exc.strerror or exc), Location(name)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _refuse(
            say.NOT_UTF8.format(byte=raw[exc.start]), Location(name, line, column)
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _CONTROL.search(text)
    if bad:
        where = Location(name, *Lines(text).line_column(bad.start()))
        raise _refuse(say.CONTROL_IN_FILE.format(char=say.code_point(bad.group())), where)
    return text


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


class Reader:
    """Builds plain data from a composed node graph, remembering positions.

    ``values`` and ``keys`` map each field path to where its value (or key) stands;
    ``plain`` holds the text of each unquoted scalar as written, for messages.
    """

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
        except Exception:  # an explicit tag on a value it cannot take (!!bool maybe)
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


def parse(text: str, filename: str) -> tuple[Any, Reader]:
    """Plain data from YAML or JSON text, with the positions of its values."""
    reader = Reader(filename)
    kind = "JSON" if filename.lower().endswith(".json") else "YAML"
    try:
        node = compose_json(text, filename) if kind == "JSON" else compose_yaml(text, filename)
    except ReadError as exc:
        raise DataError([Problem(exc.message, Location(filename, exc.line, exc.column))]) from None
    except json.JSONDecodeError as exc:
        where = Location(filename, exc.lineno, exc.colno)
        detail = say.JSON_ERRORS.get(exc.msg) or exc.msg[:1].lower() + exc.msg[1:]
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
