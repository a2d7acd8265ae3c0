"""The field types of the meeting model: text, dates, state codes, each validated.

Every string a meeting holds goes through :func:`check_characters`, so nothing that
cannot be text in XML, HTML, DOCX or PDF gets past loading.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, Strict

from . import messages as say
from . import resources

MAX_TEXT = 10_000
"""Longest text of one field, in characters: a paragraph, not a book."""
MAX_ITEMS = 200
"""Longest list (participants, paragraphs…) one meeting may hold."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
# Invisible format characters (category Cf) that scripts need, and so are kept:
# the soft hyphen; Arabic, Syriac and Kaithi number signs and the Arabic letter
# mark; the Mongolian vowel separator; the zero-width space and word joiner
# (line-break hints in Thai, Khmer, Tibetan); the zero-width non-joiner and joiner
# (spelling in Persian, conjuncts in Indic scripts, emoji sequences); the
# left-to-right and right-to-left marks. Every other Cf character (tags, bidi
# embeddings, overrides and isolates, invisible operators, interlinear annotation,
# deprecated format controls, shorthand controls) is refused: it has no use in a
# release and can hide text or reorder it.
_FORMAT_KEPT = frozenset(
    (0x00AD, *range(0x0600, 0x0606), 0x061C, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2)
) | frozenset((0x110BD, 0x110CD, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060))
# A run of invisible characters longer than any legitimate sequence needs (an emoji's
# VS16 then ZWJ is two) is how text is hidden in plain sight.
_INVISIBLE = _FORMAT_KEPT - {0x00AD} | frozenset(range(0xFE00, 0xFE10))
_INVISIBLE |= frozenset(range(0xE0100, 0xE01F0))
_LONGEST_INVISIBLE_RUN = 2


def _refused(code: int) -> str | None:
    """Why a code point may not stand in text, or None if it may."""
    if (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or 0x7F <= code <= 0x9F:
        return say.CONTROL_CHARACTER
    if 0xD800 <= code <= 0xDFFF:
        return say.LONE_SURROGATE_CHARACTER
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return say.NON_CHARACTER
    if code in (0x2028, 0x2029):
        return say.LINE_BREAK_CHARACTER
    if code in _BIDI_CONTROLS:
        return say.BIDI_CONTROL
    if code == 0xFEFF:
        return say.BYTE_ORDER_MARK
    if 0xE0000 <= code <= 0xE007F:
        return say.TAG_CHARACTER
    if code not in _FORMAT_KEPT and unicodedata.category(chr(code)) == "Cf":
        return say.FORMAT_CHARACTER
    return None


def check_characters(value: str) -> str:
    # XML cannot hold controls (but tab and line breaks), lone surrogates or
    # non-characters, so neither can HTML, DOCX or PDF metadata; line separators
    # are breaks no format shows alike; bidirectional overrides, tags and other
    # invisible characters can hide or reorder text and are never intended in a
    # release (the direction of Arabic or Hebrew text needs no control).
    run: list[str] = []
    for char in value:
        reason = _refused(ord(char))
        if reason:
            raise ValueError(say.NOT_IN_TEXT.format(char=say.code_point(char), reason=reason))
        run = [*run, char] if ord(char) in _INVISIBLE else []
        if len(run) > _LONGEST_INVISIBLE_RUN:
            codes = " ".join(f"U+{ord(c):04X}" for c in run)
            raise ValueError(say.INVISIBLE_RUN.format(codes=codes))
    if not value.strip():
        raise ValueError("must not be empty or only spaces")
    return value


def _check_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be on one line")
    return value


def _iso_date(value: Any) -> Any:
    # YAML reads 2017-04-14 as a date; JSON gives a string. Anything else (a number
    # of seconds, "14.04.2017", a date and time) is refused rather than guessed.
    if isinstance(value, dt.datetime):
        raise ValueError("a date without a time is expected, such as 2017-04-14")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"impossible date {value!r}: {exc}") from None
    raise ValueError(f"dates are written in ISO form, such as 2017-04-14, not {value!r}")


def _known_state(code: str) -> str:
    known = resources.states()
    if code not in known:
        raise ValueError(f"unknown state code {code!r}; known codes: {', '.join(sorted(known))}")
    return code


def _web_url(value: str) -> str:
    # A URL ends up in an attribute (href) of HTML, DOCX and PDF: only absolute
    # http(s) addresses, with nothing that could close or extend the attribute.
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {value!r}")
    if any(c in value for c in " \"'<>`\\") or any(ord(c) < 0x21 or ord(c) == 0x7F for c in value):
        raise ValueError("a URL may not contain spaces, quotes, angle brackets or controls")
    if parts.username or parts.password:
        raise ValueError("a URL may not carry a user name or password")
    return value


Prose = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(check_characters)]
"""Free text, possibly over several lines in the file (folded into one paragraph)."""
Line = Annotated[Prose, AfterValidator(_check_line)]
"""Text on one line: a name, a position, a title."""
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written in ISO form (2017-04-14)."""
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$"), AfterValidator(_known_state)]
"""A state, by the ISO 3166-1 alpha-2 code of the shipped reference data (KZ, CN…)."""
WebUrl = Annotated[
    str, Field(max_length=2000), AfterValidator(check_characters), AfterValidator(_web_url)
]
"""An absolute http(s) URL, safe to place in a link."""
WholeNumber = Annotated[int, Strict()]
"""A whole number, written as one: ``"7"`` in quotes is text, and refused."""
Flag = Annotated[bool, Strict()]
"""``true`` or ``false``, written as such (not ``yes``, ``1`` or ``"true"``)."""
LanguageTag = Annotated[str, Field(pattern=_LANGUAGE_TAG.pattern)]
"""A BCP 47 language tag such as en-GB."""
