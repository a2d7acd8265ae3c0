"""The house typography, per language, applied to the Release tree.

Every rule comes from the language data (``templates/languages/<lang>.yaml``,
section ``typography``); adding a language adds a file, not Python. The kinds of
rule, applied in this order:

* ``title_apostrophe`` / ``body_apostrophe``: an apostrophe after a letter or digit
  becomes this character (English: ’ in titles, ' in the body, as published);
* ``quotes``: straight double quotes become the language's pairs, the outer pair
  first and the inner pair inside it (Russian « » with „ “ inside);
* ``rules``: regular expressions with their replacement and the roles they apply to
  (``heading`` = title and subtitle, ``body`` = paragraphs). A replacement may be
  shorter than its match (Chinese drops the space after full-width punctuation) but
  never longer;
* ``bound_words``: each listed word standing between two plain spaces is bound to
  the next word by U+00A0, scanning left to right without overlap (English: in
  "as well as to adopt" the space before "to" was taken by the bound "as", so "to"
  stays free). This is the reference text's rule, kept exactly.

A block's text is changed as a whole (so a rule sees across inline nodes) and cut
back into its inline nodes by length: every change keeps each character's place,
a deleted character being first a placeholder that is removed node by node.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal, assert_never

from . import resources
from .errors import TemplateError
from .tree import Block, Emphasis, Inline, Link, Release, Role, Text

NBSP = "\u00a0"
_APOSTROPHES = "'’"
_GONE = "\uffff"
"""Stands for a deleted character until the text is cut back into its nodes.

U+FFFF is not an XML character, so it can never come from the wording's markup."""

Where = Literal["heading", "body"]


@dataclass(frozen=True)
class Rule:
    """One regular-expression rule of a language's typography."""

    pattern: re.Pattern[str]
    replacement: str
    where: frozenset[Where]

    def apply(self, text: str) -> str:
        """``text`` with every match replaced, deletions kept as placeholders."""

        def one(match: re.Match[str]) -> str:
            new = match.expand(self.replacement)
            old = match.group(0)
            if len(new) > len(old):
                raise TemplateError(
                    f"typography rule {self.pattern.pattern!r} makes {old!r} longer ({new!r});"
                    " a rule may only replace or delete characters"
                )
            return new + _GONE * (len(old) - len(new))

        return self.pattern.sub(one, text)


@dataclass(frozen=True)
class Rules:
    """The typography of one language."""

    bound_words: tuple[str, ...] = ()
    """Words bound to the next one by U+00A0 in body text."""
    title_apostrophe: str | None = None
    """The apostrophe of the title and subtitle (None: left as written)."""
    body_apostrophe: str | None = None
    """The apostrophe of body paragraphs (None: left as written)."""
    quotes: tuple[tuple[str, str], ...] = ()
    """Pairs of quotation marks by depth: the outer pair, then the inner one."""
    rules: tuple[Rule, ...] = ()
    """Regular-expression rules, in order."""

    @classmethod
    @cache
    def for_language(cls, tag: str, user_dirs: tuple[Path, ...] = ()) -> Rules:
        """The rules for a BCP 47 language tag, from the language data (the user's
        template folders first)."""
        data = resources.language(tag, user_dirs).get("typography") or {}
        return cls.from_data(data, tag)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], source: str = "") -> Rules:
        """The rules of a language file's ``typography`` section."""
        try:
            return cls(
                bound_words=tuple(str(w) for w in data.get("bound_words", ())),
                title_apostrophe=data.get("title_apostrophe"),
                body_apostrophe=data.get("body_apostrophe"),
                quotes=tuple((str(o), str(c)) for o, c in data.get("quotes", ())),
                rules=tuple(_rule(r) for r in data.get("rules", ())),
            )
        except (TypeError, ValueError, KeyError, re.error) as exc:
            raise TemplateError(f"bad typography rules for {source!r}: {exc}") from None


def _rule(data: Mapping[str, Any]) -> Rule:
    where = frozenset(data.get("where", ("heading", "body")))
    if not where <= {"heading", "body"}:
        raise ValueError(f"'where' names heading and/or body, not {sorted(where)}")
    pattern = re.compile(str(data["pattern"]))
    replacement = str(data["replace"])
    pattern.sub(replacement, "")  # a bad group reference fails here, not mid-render
    return Rule(pattern, replacement, where)


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


_OPENS_AFTER = " \t\n\u00a0([{/«„“‘—–-" + _GONE


def set_quotes(text: str, pairs: Sequence[tuple[str, str]]) -> str:
    """Straight double quotes as the language's pairs, nested by depth.

    Outside any quotation a quote opens (Chinese puts no space before one); inside,
    a quote at the start or after a space, an opening bracket or an opening mark
    opens a nested one, any other closes. Marks already typeset count for the depth.
    """
    if not pairs:
        return text
    opening = {o for o, _ in pairs}
    closing = {c for _, c in pairs} - opening
    depth = 0
    out: list[str] = []
    for i, char in enumerate(text):
        if char == '"':
            if depth == 0 or text[i - 1] in _OPENS_AFTER:
                out.append(pairs[min(depth, len(pairs) - 1)][0])
                depth += 1
            else:
                depth = max(depth - 1, 0)
                out.append(pairs[min(depth, len(pairs) - 1)][1])
            continue
        if char in opening and (i == 0 or text[i - 1] in _OPENS_AFTER):
            depth += 1
        elif char in closing:
            depth = max(depth - 1, 0)
        out.append(char)
    return "".join(out)


def _recut(nodes: tuple[Inline, ...], text: str) -> tuple[tuple[Inline, ...], str]:
    """Give ``nodes`` the characters of ``text``, in order; return them and the rest.

    Placeholders of deleted characters are dropped here, and a text node left
    empty with them.
    """
    result: list[Inline] = []
    for node in nodes:
        match node:
            case Text(text=old):
                piece = text[: len(old)].replace(_GONE, "")
                if piece:
                    result.append(Text(piece))
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
    assert len(new) == len(old), "typography rules keep each character's place"
    children, rest = _recut(block.children, new)
    assert not rest
    return Block(block.role, children)


def typeset(text: str, rules: Rules, where: Where) -> str:
    """``text`` with the rules for a heading or a body paragraph (placeholders kept)."""
    apostrophe = rules.title_apostrophe if where == "heading" else rules.body_apostrophe
    if apostrophe is not None:
        text = set_apostrophes(text, apostrophe)
    text = set_quotes(text, rules.quotes)
    for rule in rules.rules:
        if where in rule.where:
            text = rule.apply(text)
    if where == "body":
        text = bind_words(text, rules.bound_words)
    return text


def typeset_text(text: str, rules: Rules, where: Where = "body") -> str:
    """Plain ``text`` typeset as a heading or body paragraph (for tests and previews)."""
    return typeset(text, rules, where).replace(_GONE, "")


def apply(release: Release, user_dirs: tuple[Path, ...] = ()) -> Release:
    """The release with its language's typography applied to every block."""
    rules = Rules.for_language(release.meta.language, user_dirs)
    blocks = []
    for block in release.blocks:
        match block.role:
            case Role.TITLE | Role.SUBTITLE:
                blocks.append(_transform(block, lambda t: typeset(t, rules, "heading")))
            case Role.PARAGRAPH:
                blocks.append(_transform(block, lambda t: typeset(t, rules, "body")))
            case _:
                assert_never(block.role)

    # The metadata's title and description are headings too (a release built in
    # code may leave them empty: then they are its title and subtitle blocks).
    def text_of(role: Role) -> str:
        return "".join(block.text for block in release.of_role(role))

    def heading(text: str) -> str:
        return typeset_text(text, rules, "heading")

    meta = replace(
        release.meta,
        title=heading(release.meta.title or text_of(Role.TITLE)),
        description=heading(release.meta.description or text_of(Role.SUBTITLE)),
    )
    return replace(release, meta=meta, blocks=tuple(blocks))
