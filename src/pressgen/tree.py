"""The Release tree: what every writer sees, and all it sees.

A release is its metadata and a sequence of blocks; a block has a role (title,
subtitle, paragraph) and inline content: plain text, emphasis, links. The tree is
built by :mod:`pressgen.markup` from the wording's output and refined by
:mod:`pressgen.typography`; writers turn it into bytes and never look at the meeting.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import assert_never


@dataclass(frozen=True)
class Text:
    """A run of plain text."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised text (italic in print)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink; ``href`` is an absolute http(s) URL checked when the tree is parsed."""

    href: str
    children: tuple[Inline, ...]


Inline = Text | Emphasis | Link
"""Content of a block."""


class Role(enum.StrEnum):
    """What a block is in the release; each writer styles a role its own way."""

    TITLE = "title"
    """The headline: "The 7th Meeting of …"."""
    SUBTITLE = "subtitle"
    """The "PRESS RELEASE on the results of …" line."""
    PARAGRAPH = "paragraph"
    """A paragraph of the body."""


@dataclass(frozen=True)
class Block:
    """One block of the release: a title, a subtitle or a body paragraph."""

    role: Role
    children: tuple[Inline, ...]

    @property
    def text(self) -> str:
        """The block's text, without markup."""
        return "".join(plain(self.children))


@dataclass(frozen=True)
class Meta:
    """What a writer needs besides the blocks: document metadata, all from the data."""

    language: str
    """BCP 47 tag: "en-GB"."""
    title: str
    """The release's title, as in its title block."""
    description: str
    """One line describing it (the subtitle)."""
    publisher: str
    """The organisation that publishes it."""
    date: dt.date
    """The release date: as the data gives it, or the meeting's last day."""
    keywords: tuple[str, ...]
    """Subject keywords."""
    kind: str
    """The document kind: "press-release"."""
    number: str = ""
    """The release's number, if it has one: "No. 41/2024" (also printed in the body)."""
    event_start: dt.date | None = None
    """The first day of the meeting the release is about (its date may differ)."""
    event_end: dt.date | None = None
    """The last day of that meeting, if over several days."""
    location: str = ""
    """Where that meeting was held, as written: "Astana", or "videoconference"."""
    alternates: tuple[tuple[str, str], ...] = ()
    """The same release in every language written together: (language, file name)."""


@dataclass(frozen=True)
class Release:
    """A release ready to be written."""

    meta: Meta
    blocks: tuple[Block, ...]

    def of_role(self, role: Role) -> tuple[Block, ...]:
        """The blocks of one role, in order."""
        return tuple(block for block in self.blocks if block.role is role)


def plain(nodes: tuple[Inline, ...]) -> Iterator[str]:
    """The text of inline nodes, in order, without markup."""
    for node in nodes:
        match node:
            case Text(text=text):
                yield text
            case Emphasis(children=children) | Link(children=children):
                yield from plain(children)
            case _:
                assert_never(node)
