"""The field types of the meeting model: text, dates, state codes, each validated.

Every string a meeting holds goes through :func:`check_characters`, so nothing that
cannot be text in XML, HTML, DOCX or PDF gets past loading.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from functools import cache
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
        raise ValueError(say.EMPTY_TEXT)
    return value


def _check_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError(say.ONE_LINE)
    return value


def _iso_date(value: Any) -> Any:
    # YAML reads 2017-04-14 as a date; JSON gives a string. Anything else (a number
    # of seconds, "14.04.2017", a date and time) is refused rather than guessed.
    if isinstance(value, dt.datetime):
        raise ValueError(say.DATE_WITHOUT_TIME)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(say.IMPOSSIBLE_DATE.format(value=value, reason=exc)) from None
    raise ValueError(say.DATE_NOT_ISO.format(value=value))


@cache
def _state_names() -> dict[str, str]:
    """Names of the known states, case-folded, to the code: every form in the reference
    data, and the English, Russian and Chinese names CLDR gives (through Babel)."""
    from babel import Locale

    known = resources.state_codes()
    names: dict[str, str] = {}
    for code, forms in resources.data("states/en").items():
        for name in forms.values():
            names[str(name).casefold().removeprefix("the ")] = code
    for language in ("en", "ru", "zh"):
        for code, name in Locale.parse(language).territories.items():
            if code in known:
                names.setdefault(name.casefold(), code)
    return names


def _state_code(value: Any) -> Any:
    # A state written as a name ("Kyrgyzstan") or in lower case ("kg") is the
    # commonest slip: say which code was meant rather than quote a pattern.
    known = resources.state_codes()
    if not isinstance(value, str) or value in known:
        return value
    if re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError(say.UNKNOWN_STATE_CODE.format(value=value))
    names = _state_names()
    key = value.strip().casefold().removeprefix("the ")
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    code = (
        value.upper()
        if value.upper() in known
        else names.get(key) or (names[close[0]] if close else None)
    )
    if code:
        raise ValueError(say.NOT_A_STATE_CODE.format(value=value, code=code))
    raise ValueError(say.NOT_A_STATE.format(value=value))


def _web_url(value: str) -> str:
    # A URL ends up in an attribute (href) of HTML, DOCX and PDF: only absolute
    # http(s) addresses, with nothing that could close or extend the attribute.
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(say.URL_NOT_WEB.format(value=value))
    if any(c in value for c in " \"'<>`\\") or any(ord(c) < 0x21 or ord(c) == 0x7F for c in value):
        raise ValueError(say.URL_CHARACTERS)
    if parts.username or parts.password:
        raise ValueError(say.URL_PASSWORD)
    return value


Prose = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(check_characters)]
"""Free text, possibly over several lines in the file (folded into one paragraph)."""
Line = Annotated[Prose, AfterValidator(_check_line)]
"""Text on one line: a name, a position, a title."""
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written in ISO form (2017-04-14)."""
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$"), BeforeValidator(_state_code)]
"""A state, by its ISO 3166-1 alpha-2 code (KZ, CN…)."""
WebUrl = Annotated[
    str, Field(max_length=2000), AfterValidator(check_characters), AfterValidator(_web_url)
]
"""An absolute http(s) URL, safe to place in a link."""
WholeNumber = Annotated[int, Strict()]
"""A whole number, written as one: ``"7"`` in quotes is text, and refused."""
Flag = Annotated[bool, Strict()]
"""``true`` or ``false``, written as such (not ``yes``, ``1`` or ``"true"``)."""
# The tag's pattern for editors (JSON Schema); the validator is what decides.
_SCHEMA_TAG = "^" + re.sub(r"\(\?P<\w+>", "(?:", resources.LANGUAGE_TAG.pattern) + "$"

LanguageTag = Annotated[
    str,
    Field(max_length=64),
    AfterValidator(resources.canonical_tag),
    Field(json_schema_extra={"pattern": _SCHEMA_TAG}),
]
"""A BCP 47 language tag such as en-GB (language, script, region, variants), in its
usual case; it reaches HTML ``lang`` and DOCX ``w:lang``, and never names a file."""
