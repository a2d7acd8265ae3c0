"""Parsing the wording's output — a small XML vocabulary — into the Release tree.

The wording template writes::

    <release lang="en-GB" date="2017-04-14" kind="press-release" title="…" number="…"
             event-start="2017-04-14" event-end="…" location="Astana">
      <publisher>Shanghai Cooperation Organisation</publisher>
      <keyword>SCO</keyword>
      <title>…</title>
      <subtitle>…</subtitle>
      <p>… <em>…</em> … <a href="https://…">…</a></p>
    </release>

Because Jinja escapes every value from the data, text in the data can never become
markup here. Runs of spaces, tabs and line breaks inside a block become one space
(so templates and folded YAML may wrap lines freely); U+00A0 is not touched.
A line break between two East Asian wide characters (Chinese, Japanese) is removed
instead, as CSS Text 3 does with segment breaks: those scripts put no space between
words, so a template's line break there must not become one.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import urlsplit

from .errors import TemplateError
from .tree import Block, Emphasis, Inline, Link, Meta, Release, Role, Text

_SPACE = re.compile(r"[ \t\r\n]+")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r]*\n[ \t\r\n]*(?=[{_WIDE}])")
_BLOCKS = {"title": Role.TITLE, "subtitle": Role.SUBTITLE, "p": Role.PARAGRAPH}


class _Inlines:
    """Collects inline nodes, collapsing white space across node boundaries."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.after_space = True  # a block's leading space is dropped

    def text(self, raw: str | None) -> list[Inline]:
        if not raw:
            return []
        text = _SPACE.sub(" ", _WIDE_BREAK.sub("", raw))
        if self.after_space:
            text = text.lstrip(" ")
        if text:
            self.after_space = text.endswith(" ")
        return [Text(text)] if text else []

    def children(self, element: ET.Element) -> tuple[Inline, ...]:
        nodes = self.text(element.text)
        for child in element:
            if child.tag == "em":
                nodes.append(Emphasis(self.children(child)))
            elif child.tag == "a":
                nodes.append(Link(_href(child, self.template), self.children(child)))
            else:
                raise TemplateError(f"unknown inline element <{child.tag}>", self.template)
            nodes.extend(self.text(child.tail))
        return tuple(nodes)


def _href(element: ET.Element, template: str) -> str:
    href = element.get("href", "")
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in href for c in ' "<>'):
        raise TemplateError(f"link target {href!r} is not an absolute http(s) URL", template)
    return href


def _strip_end(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Drop a trailing space of the last text node (the block's end)."""
    if not nodes:
        return nodes
    last = nodes[-1]
    match last:
        case Text(text=text):
            stripped = text.rstrip(" ")
            return (*nodes[:-1], Text(stripped)) if stripped else nodes[:-1]
        case Emphasis(children=children):
            return (*nodes[:-1], Emphasis(_strip_end(children)))
        case Link(href=href, children=children):
            return (*nodes[:-1], Link(href, _strip_end(children)))
    return nodes


def parse(markup: str, template: str = "") -> Release:
    """The Release tree of the wording's output; a :class:`TemplateError` if it is malformed."""
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as exc:
        line, _column = exc.position
        raise TemplateError(
            f"the wording produced malformed markup (line {line} of its output): {exc}", template
        ) from None
    if root.tag != "release":
        raise TemplateError(f"the markup's root must be <release>, not <{root.tag}>", template)
    try:
        date = dt.date.fromisoformat(root.get("date", ""))
        start, end = (root.get(name) for name in ("event-start", "event-end"))
        event_start = dt.date.fromisoformat(start) if start else None
        event_end = dt.date.fromisoformat(end) if end else None
    except ValueError:
        message = '<release> needs a date="YYYY-MM-DD" attribute (and event dates of that form)'
        raise TemplateError(message, template) from None
    publisher = ""
    keywords: list[str] = []
    blocks: list[Block] = []
    for element in root:
        if element.tag == "publisher":
            publisher = _SPACE.sub(" ", element.text or "").strip()
        elif element.tag == "keyword":
            keywords.append(_SPACE.sub(" ", element.text or "").strip())
        elif element.tag in _BLOCKS:
            children = _strip_end(_Inlines(template).children(element))
            if not children:
                raise TemplateError(f"empty <{element.tag}> block", template)
            blocks.append(Block(_BLOCKS[element.tag], children))
        else:
            raise TemplateError(f"unknown element <{element.tag}>", template)
    release = Release(
        Meta(
            language=root.get("lang", ""),
            title="",
            description="",
            publisher=publisher,
            date=date,
            keywords=tuple(keywords),
            kind=root.get("kind", ""),
            number=_SPACE.sub(" ", root.get("number", "")).strip(),
            event_start=event_start,
            event_end=event_end,
            location=_SPACE.sub(" ", root.get("location", "")).strip(),
        ),
        tuple(blocks),
    )
    for role in (Role.TITLE, Role.SUBTITLE):
        if len(release.of_role(role)) > 1:
            raise TemplateError(f"a release has at most one <{role.value}> block", template)
    if release.of_role(Role.SUBTITLE) and not release.of_role(Role.TITLE):
        raise TemplateError("a <subtitle> needs a <title>", template)
    if not release.meta.language or not publisher:
        raise TemplateError("<release> needs a lang attribute and a <publisher>", template)
    release = with_derived_meta(release, _SPACE.sub(" ", root.get("title", "")).strip())
    if not release.meta.title:
        raise TemplateError('a release without a <title> needs a title="…" attribute', template)
    return release


def with_derived_meta(release: Release, title: str = "") -> Release:
    """The release with its metadata title and description: the title given (the
    ``title`` attribute), else the title block's; the description is the subtitle,
    else the first paragraph, else the title."""
    title = title or "".join(b.text for b in release.of_role(Role.TITLE))
    candidates = [*release.of_role(Role.SUBTITLE), *release.of_role(Role.PARAGRAPH)[:1]]
    description = candidates[0].text if candidates else title
    meta = replace(release.meta, title=_fit(title), description=_fit(description))
    return replace(release, meta=meta)


MAX_META = 255
"""Longest title or description in the metadata: Word's limit for a document property."""


def _fit(text: str) -> str:
    """The text, or, if longer than :data:`MAX_META`, its words up to it and "…"."""
    if len(text) <= MAX_META:
        return text
    return text[: MAX_META - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
