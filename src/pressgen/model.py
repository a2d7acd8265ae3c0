"""The meeting model: the facts of one meeting, typed and validated.

A meeting file (YAML or JSON) fills in :class:`Meeting`; so can code. Everything is
frozen and unknown keys are refused, so a typo in a file is an error, not a silently
ignored field. Text a translator would change (the wording) is not here but in the
templates; only the facts and the names as officially written are.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
)

from . import resources

MAX_TEXT = 10_000
"""Longest text of one field, in characters: a paragraph, not a book."""
MAX_ITEMS = 200
"""Longest list (participants, paragraphs…) one meeting may hold."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


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


def _check_characters(value: str) -> str:
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
    known = resources.states()
    if code not in known:
        raise ValueError(f"unknown state code {code!r}; known codes: {', '.join(sorted(known))}")
    return code


Prose = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_check_characters)]
"""Free text, possibly over several lines in the file (folded into one paragraph)."""
Line = Annotated[Prose, AfterValidator(_check_line)]
"""Text on one line: a name, a position, a title."""
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written in ISO form (2017-04-14)."""
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$"), AfterValidator(_known_state)]
"""A state, by the ISO 3166-1 alpha-2 code of the shipped reference data (KZ, CN…)."""
LanguageTag = Annotated[str, Field(pattern=_LANGUAGE_TAG.pattern)]
"""A BCP 47 language tag such as en-GB."""


class Model(BaseModel):
    """Base of every model: frozen, unknown keys refused, fields documented."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Organisation(Model):
    """The organisation the mechanism belongs to, which publishes the release."""

    name: Line
    """Full name, as on the letterhead: "Shanghai Cooperation Organisation"."""
    short_name: Line
    """Abbreviation used in running text: "SCO"."""


class SeriesNames(Model):
    """The name of the meeting series in the variants the wording needs."""

    title: Line
    """As in the title line: "Meeting of Senior Officials of the SCO Member States' ..."."""
    full: Line
    """The complete name, in the "PRESS RELEASE on the results of ..." line."""
    running: Line
    """As in the opening sentence of the body (may add "the" and the full mandate)."""


class Series(Model):
    """The standing mechanism whose meetings the releases report."""

    names: SeriesNames
    """The series' name variants."""


class Venue(Model):
    """Where a meeting took place."""

    city: Line
    """The city, as it is to be written: "Astana"."""
    state: StateCode
    """The host state."""


class PersonChair(Model):
    """A named person chaired the meeting."""

    kind: Literal["person"] = "person"
    """Discriminator; the default, so it may be left out."""
    name: Line
    """Full name as officially written: "Rashid Zhakupov"."""
    position: Line
    """Position as officially given, without the state: "Deputy Interior Minister"."""
    state: StateCode
    """The state the chair represents."""


class StateChair(Model):
    """A member state chaired the meeting ("the Uzbek party chaired the meeting")."""

    kind: Literal["state"]
    """Discriminator: always "state"."""
    state: StateCode
    """The chairing state."""


def _chair_kind(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("kind", "person"))
    return str(getattr(value, "kind", "person"))


Chair = Annotated[
    Annotated[PersonChair, Tag("person")] | Annotated[StateChair, Tag("state")],
    Discriminator(_chair_kind),
]
"""Who chaired: a person (the default) or a state."""


class Participant(Model):
    """A head of delegation, as the attendance sentence names them."""

    name: Line
    """Full name as officially written: "Sultan Kusetov"."""
    position: Line
    """Position as officially given: "Head", "First Deputy Director"."""
    agency: Line | None = None
    """The agency, as it follows "of": "the Drug Control Agency under the President of …"."""
    state: StateCode
    """The member state the participant represents."""


class Official(Model):
    """An official of the organisation itself who attended (the Deputy Secretary-General)."""

    name: Line
    """Full name: "Sabyr Imandosov"."""
    position: Line
    """Post, without the organisation's name: "Deputy Secretary-General"."""


class RelatedEvent(Model):
    """An event elsewhere that the meeting took note of or welcomed."""

    description: Line
    """What it was, as it follows "welcomed": "the joint event of the UNODC and SCO"."""
    title: Line | None = None
    """Its title, if it had one."""
    city: Line
    """Where it was held: "Vienna"."""
    date: Date
    """When it was held."""


class NextMeeting(Model):
    """Where the next meeting of the series will be held."""

    state: StateCode
    """The next host state."""


class Meeting(Model):
    """One meeting of the series: everything its press release says."""

    kind: Literal["press-release"] = "press-release"
    """The kind of document; it picks the wording template."""
    language: LanguageTag = "en-GB"
    """Language of the release; picks the wording, the typography and the date format."""
    organisation: Organisation
    """The organisation, which publishes the release."""
    series: Series
    """The standing mechanism."""
    number: int = Field(ge=1, le=10_000)
    """The meeting's number in the series: 7 for the 7th Meeting."""
    date: Date
    """The date of the meeting, which is also the date of the release."""
    venue: Venue
    """Where it was held."""
    chair: Chair
    """Who chaired it."""
    participants: tuple[Participant, ...] = Field(min_length=1, max_length=MAX_ITEMS)
    """Heads of delegations, in the order the release names them."""
    officials: tuple[Official, ...] = Field(default=(), max_length=MAX_ITEMS)
    """The organisation's own officials who attended, named after the delegations."""
    related_events: tuple[RelatedEvent, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Events the heads of delegations welcomed."""
    discussion: tuple[Prose, ...] = Field(default=(), max_length=MAX_ITEMS)
    """What was discussed: one paragraph of prose each, in order."""
    agreements: tuple[Prose, ...] = Field(default=(), max_length=MAX_ITEMS)
    """What agreements were reached on, each as it follows "on": "boosting interaction …"."""
    next_meeting: NextMeeting | None = None
    """Where the next meeting will be held, if it is known."""
