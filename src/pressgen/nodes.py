"""Composing a meeting file's text into a YAML node graph, counting as it goes.

Composing stops at the :data:`MAX_NODES`-th node or the :data:`MAX_DEPTH`-th level,
wherever in the file that is: a huge list in a small file costs no more than the
limit. YAML is parsed by libyaml where it is installed (several times faster; marks
kept), with PyYAML's pure-Python parser as the fallback; the nodes are composed here
either way, so that they can be counted. JSON is parsed as JSON (tabs, surrogate
pairs and all), into the same kind of nodes, so that the reader treats both alike.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import Composer

from . import messages as say

MAX_NODES = 50_000
"""Most values (scalars, lists, mappings) one file may hold; a full meeting has a few thousand."""
MAX_DEPTH = 16
"""Deepest nesting of mappings and lists accepted."""

STR, INT, FLOAT, BOOL, NULL, MAP, SEQ = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
# The pure-Python scanner calls back into our parse_object and parse_array (the C
# one does not); scanstring reads one string. Neither is in the type stubs.
_make_scanner: Callable[[Any], Any] = json.scanner.py_make_scanner  # type: ignore[attr-defined]
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class Lines:
    """Line and column (1-based, counting characters) of an index into a text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_column(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


class ReadError(Exception):
    """A limit was reached while composing: the message, and the 1-based line and column."""

    def __init__(self, message: str, mark: yaml.Mark | Any) -> None:
        super().__init__(message)
        self.message = message
        self.line: int = mark.line + 1
        self.column: int = mark.column + 1


class _Counting(Composer):
    """Composes nodes one by one, counting them and their depth (PyYAML's own logic)."""

    nodes = 0
    depth = 0
    peek_event: Callable[[], yaml.Event]

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        mark = self.peek_event().start_mark
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ReadError(say.TOO_MANY_VALUES.format(limit=MAX_NODES), mark)
        self.depth += 1
        if self.depth > MAX_DEPTH + 1:
            raise ReadError(say.TOO_DEEP.format(limit=MAX_DEPTH), mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PyComposer(_Counting, yaml.SafeLoader):
    """The pure-Python parser, composed with counting."""


if yaml.__with_libyaml__:

    class _CComposer(_Counting, yaml.CSafeLoader):
        """libyaml's parser (events in C), composed here with counting."""

        def __init__(self, stream: str) -> None:
            # Composer's own __init__ takes no stream: initialise the C loader instead.
            yaml.CSafeLoader.__init__(self, stream)
            self.anchors = {}

    _COMPOSER: type[Any] = _CComposer
else:  # pragma: no cover - libyaml is installed wherever PyYAML's wheel is
    _COMPOSER = _PyComposer


def _compose(composer: type[Any], text: str, filename: str) -> yaml.Node | None:
    loader = composer(text)
    loader.name = filename
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def compose_yaml(text: str, filename: str) -> yaml.Node | None:
    """The node graph of a YAML text (None if it holds no document).

    What libyaml refuses is composed again by the pure-Python parser: its messages
    point at the place itself, and it reads a few escapes (``\\ud800``) that libyaml
    refuses without saying which field; the field checks then say why.
    """
    try:
        return _compose(_COMPOSER, text, filename)
    except yaml.YAMLError:
        if _COMPOSER is _PyComposer:
            raise
    return _compose(_PyComposer, text, filename)


class _JsonComposer:
    """JSON text → YAML nodes with marks, using the standard library's scanner.

    The scanner calls back into :meth:`_object` and :meth:`_array` for containers;
    scalars come back from it as values, turned into nodes here with the position
    they started at. Strings are double-quoted scalars (so always text), numbers
    plain scalars holding the digits as written.
    """

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.lines = Lines(text)
        self.nodes = 0
        self.depth = 0
        self.strict = True
        self.object_hook = None
        self.object_pairs_hook = None
        self.memo: dict[str, str] = {}
        self.parse_string = _scanstring
        self.parse_object = self._object
        self.parse_array = self._array
        self.parse_int = lambda digits: _Number(INT, digits)
        self.parse_float = lambda digits: _Number(FLOAT, digits)
        self.parse_constant = self._constant
        self.scan_once = _make_scanner(self)

    def mark(self, index: int) -> yaml.Mark:
        line, column = self.lines.line_column(index)
        return yaml.Mark(self.filename, index, line - 1, column - 1, None, 0)

    def _constant(self, name: str) -> Any:
        raise ValueError(name)

    def _skip(self, index: int) -> int:
        while index < len(self.text) and self.text[index] in " \t\n\r":
            index += 1
        return index

    def value(self, index: int) -> tuple[yaml.Node, int]:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ReadError(say.TOO_MANY_VALUES.format(limit=MAX_NODES), self.mark(index))
        self.depth += 1
        if self.depth > MAX_DEPTH + 1:
            raise ReadError(say.TOO_DEEP.format(limit=MAX_DEPTH), self.mark(index))
        try:
            value, end = self.scan_once(self.text, index)
        except StopIteration:
            raise json.JSONDecodeError("Expecting value", self.text, index) from None
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError):
                raise
            raise ReadError(say.JSON_CONSTANT.format(name=exc), self.mark(index)) from None
        finally:
            self.depth -= 1
        return self._node(value, index), end

    def _node(self, value: Any, index: int) -> yaml.Node:
        if isinstance(value, yaml.Node):
            return value
        mark = self.mark(index)
        if isinstance(value, str):
            return yaml.ScalarNode(STR, value, mark, mark, style='"')
        if isinstance(value, _Number):
            return yaml.ScalarNode(value.tag, value.digits, mark, mark)
        if value is None:
            return yaml.ScalarNode(NULL, "null", mark, mark)
        return yaml.ScalarNode(BOOL, "true" if value else "false", mark, mark)

    def _object(self, s_and_end: tuple[str, int], *_: Any) -> tuple[yaml.Node, int]:
        text, end = s_and_end
        mark = self.mark(end - 1)
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        end = self._skip(end)
        if text[end : end + 1] == "}":
            return yaml.MappingNode(MAP, pairs, mark, mark, flow_style=True), end + 1
        while True:
            if text[end : end + 1] != '"':
                message = "Expecting property name enclosed in double quotes"
                if pairs and text[end : end + 1] == "}":
                    message = "Illegal trailing comma before end of object"
                raise json.JSONDecodeError(message, text, end)
            key_mark = self.mark(end)
            key, end = _scanstring(text, end + 1, True)
            end = self._skip(end)
            if text[end : end + 1] != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, end)
            value, end = self.value(self._skip(end + 1))
            pairs.append((yaml.ScalarNode(STR, key, key_mark, key_mark, style='"'), value))
            end = self._skip(end)
            if text[end : end + 1] == "}":
                return yaml.MappingNode(MAP, pairs, mark, mark, flow_style=True), end + 1
            if text[end : end + 1] != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, end)
            end = self._skip(end + 1)

    def _array(self, s_and_end: tuple[str, int], *_: Any) -> tuple[yaml.Node, int]:
        text, end = s_and_end
        mark = self.mark(end - 1)
        items: list[yaml.Node] = []
        end = self._skip(end)
        if text[end : end + 1] == "]":
            return yaml.SequenceNode(SEQ, items, mark, mark, flow_style=True), end + 1
        while True:
            item, end = self.value(end)
            items.append(item)
            end = self._skip(end)
            if text[end : end + 1] == "]":
                return yaml.SequenceNode(SEQ, items, mark, mark, flow_style=True), end + 1
            if text[end : end + 1] != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, end)
            end = self._skip(end + 1)


class _Number:
    """A JSON number as written, until it becomes a node."""

    def __init__(self, tag: str, digits: str) -> None:
        self.tag = tag
        self.digits = digits


def compose_json(text: str, filename: str) -> yaml.Node | None:
    """The node graph of a JSON text (None if it is empty)."""
    composer = _JsonComposer(text, filename)
    start = composer._skip(0)
    if start == len(text):
        return None
    node, end = composer.value(start)
    if composer._skip(end) != len(text):
        raise json.JSONDecodeError("Extra data", text, composer._skip(end))
    return node
