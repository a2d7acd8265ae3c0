"""The house typography, per language, applied to the Release tree.

For English, as in the published releases:

* in body paragraphs a lowercase preposition standing between two plain spaces is
  bound to the next word by a no-break space (U+00A0), so that it never ends a line.
  The scan goes left to right and matches do not overlap: in "as well as to adopt"
  the space before "to" was taken by the bound "as", so "to" stays free;
* titles use the typographic apostrophe (’), the body the straight one (').

The rules' words live in the language data (``templates/languages/<lang>.yaml``),
not here. Every rule replaces one character by one character, so a block's text can
be changed as a whole and cut back into its inline nodes by length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import assert_never

from . import resources
from .tree import Block, Emphasis, Inline, Link, Release, Role, Text

NBSP = "\u00a0"
_APOSTROPHES = "'’"


@dataclass(frozen=True)
class Rules:
    """The typography of one language."""

    bound_words: tuple[str, ...]
    """Words bound to the next one by U+00A0 in body text."""
    title_apostrophe: str
    """The apostrophe of the title and subtitle."""
    body_apostrophe: str
    """The apostrophe of body paragraphs."""

    @classmethod
    @cache
    def for_language(cls, tag: str, user_dirs: tuple[Path, ...] = ()) -> Rules:
        """The rules for a BCP 47 language tag, from the language data."""
        data = resources.language(tag, user_dirs)["typography"]
        return cls(
            bound_words=tuple(data["bound_words"]),
            title_apostrophe=data["title_apostrophe"],
            body_apostrophe=data["body_apostrophe"],
        )


@cache
def _binding(words: tuple[str, ...]) -> re.Pattern[str]:
    # Both spaces are part of the match, so a space consumed by one bound word
    # cannot start the next match: this is what "without overlap" means.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f" ({alternatives}) ")


def bind_words(text: str, words: tuple[str, ...]) -> str:
    """Put U+00A0 after each of ``words`` that stands between two plain spaces."""
    if not words:
        return text
    return _binding(words).sub(lambda m: f" {m.group(1)}{NBSP}", text)


def set_apostrophes(text: str, apostrophe: str) -> str:
    """Make every apostrophe that follows a letter or digit ``apostrophe``.

    An apostrophe after a space or at the start is an opening quote: left alone.
    """
    return re.sub(rf"(?<=\w)[{_APOSTROPHES}]", apostrophe, text)


def _recut(nodes: tuple[Inline, ...], text: str) -> tuple[tuple[Inline, ...], str]:
    """Give ``nodes`` the characters of ``text``, in order; return them and the rest."""
    result: list[Inline] = []
    for node in nodes:
        match node:
            case Text(text=old):
                result.append(Text(text[: len(old)]))
                text = text[len(old) :]
            case Emphasis(children=children):
                new, text = _recut(children, text)
                result.append(Emphasis(new))
            case Link(href=href, children=children):
                new, text = _recut(children, text)
                result.append(Link(href, new))
            case _:
                assert_never(node)
    return tuple(result), text


def _transform(block: Block, change: Callable[[str], str]) -> Block:
    old = block.text
    new = change(old)
    if new == old:
        return block
    assert len(new) == len(old), "typography rules replace one character by one"
    children, rest = _recut(block.children, new)
    assert not rest
    return Block(block.role, children)


def apply(release: Release, user_dirs: tuple[Path, ...] = ()) -> Release:
    """The release with its language's typography applied to every block."""
    rules = Rules.for_language(release.meta.language, user_dirs)

    def body(text: str) -> str:
        return bind_words(set_apostrophes(text, rules.body_apostrophe), rules.bound_words)

    def heading(text: str) -> str:
        return set_apostrophes(text, rules.title_apostrophe)

    blocks = []
    for block in release.blocks:
        match block.role:
            case Role.TITLE | Role.SUBTITLE:
                blocks.append(_transform(block, heading))
            case Role.PARAGRAPH:
                blocks.append(_transform(block, body))
            case _:
                assert_never(block.role)

    # The metadata's title and description are headings too (a release built in
    # code may leave them empty: then they are its title and subtitle blocks).
    def text_of(role: Role) -> str:
        return "".join(block.text for block in release.of_role(role))

    meta = replace(
        release.meta,
        title=heading(release.meta.title or text_of(Role.TITLE)),
        description=heading(release.meta.description or text_of(Role.SUBTITLE)),
    )
    if meta.event is not None:  # the event's name is a title too
        meta = replace(meta, event=replace(meta.event, name=heading(meta.event.name)))
    return replace(release, meta=meta, blocks=tuple(blocks))
