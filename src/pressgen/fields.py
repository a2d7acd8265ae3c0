"""The field types of the meeting model: text, dates, state codes, each validated.

Every string a meeting holds goes through :func:`check_characters`, so nothing that
cannot be text in XML, HTML, DOCX or PDF gets past loading.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field

from . import resources

MAX_TEXT = 10_000
"""Longest text of one field, in characters: a paragraph, not a book."""
MAX_ITEMS = 200
"""Longest list (participants, paragraphs…) one meeting may hold."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def _refused(code: int) -> str | None:
    """Why a code point may not stand in text, or None if it may."""
    if (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or 0x7F <= code <= 0x9F:
        return "a control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return "a non-character"
    if code in _BIDI_CONTROLS:
        return "a bidirectional control that could reorder the text invisibly"
    if code == 0xFEFF:
        return "a byte order mark"
    return None


def check_characters(value: str) -> str:
    # XML cannot hold controls (but tab and line breaks), lone surrogates or
    # non-characters, so neither can HTML, DOCX or PDF metadata; bidirectional
    # overrides and stray byte order marks are invisible and never intended in a
    # release (the direction of Arabic or Hebrew text needs no control).
    for char in value:
        reason = _refused(ord(char))
        if reason:
            raise ValueError(f"character U+{ord(char):04X} is not allowed in text ({reason})")
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
    if code not in resources.state_codes():
        raise ValueError(f"unknown state code {code!r}: not an ISO 3166-1 alpha-2 code of a state")
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
"""A state, by its ISO 3166-1 alpha-2 code (KZ, CN…)."""
WebUrl = Annotated[
    str, Field(max_length=2000), AfterValidator(check_characters), AfterValidator(_web_url)
]
"""An absolute http(s) URL, safe to place in a link."""
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
