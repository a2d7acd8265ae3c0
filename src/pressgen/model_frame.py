"""The frame of a release and the meetings around a meeting.

The frame is the press office's furniture and choices (``release:`` in a meeting
file): the heading, a dateline, a release date and number, a press contact, an end
mark, ordinals in words or figures, the order of the opening. Linked meetings are
other tiers' meetings a meeting was held alongside or in preparation for; sessions
are several bodies meeting together or one after another under one release.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, model_validator

from .fields import Date, Flag, Line, StateCode, WebUrl, WholeNumber
from .model_base import Model, TextLine

_EMAIL = re.compile(r"[^@\s<>\"'`]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"not an e-mail address: {value!r}")
    return value


Email = Annotated[Line, AfterValidator(_email)]
"""An e-mail address: press@example.org."""


def _not_a_yes(value: object) -> object:
    # YAML 1.1's yes/no/on/off are kept as written (see fields.Flag): here one would
    # otherwise be printed as the dateline's city.
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "on", "off", "y", "n"):
        raise ValueError(f"write true or false (or the city), not {value!r}")
    return value


class Contact(Model):
    """The press contact printed at the end of the release."""

    office: TextLine
    """The office, as it follows "Contact:": "Press Service of the SCO Secretariat"."""
    person: TextLine | None = None
    """A named press officer."""
    phone: Line | None = None
    """A telephone number, as it is to be printed: "+86 10 6532 9807"."""
    email: Email | None = None
    """An e-mail address."""
    web: WebUrl | None = None
    """The office's web page."""


class Frame(Model):
    """The press office's furniture and the wording choices of one release; all optional."""

    heading: Literal["title", "line", "label", "none"] = "title"
    """The heading: the two-line title (default), one line, only the label, or none."""
    label: TextLine | None = None
    """The label of the "label" heading, replacing the kind's: "Information note"."""
    dateline: Flag | Annotated[TextLine, AfterValidator(_not_a_yes)] = False
    """Open with a dateline ("Astana, 14 April 2017 –"): true for the venue's city, or the city."""
    date: Date | None = None
    """The release date, if not the meeting's last day."""
    number: Line | None = None
    """The release's number, as printed: "No. 12/2024"."""
    contact: Contact | None = None
    """The press contact printed at the end."""
    end_mark: Line | None = None
    """A mark closing the release: "###", "-ENDS-", "* * *"."""
    url: WebUrl | None = None
    """The release's own web address, if known: the web page's canonical link."""
    ordinals: Literal["figures", "words"] = "figures"
    """Ordinals as figures ("7th") or in words ("seventh")."""
    opening: Literal["event", "date", "host", "chair"] = "event"
    """How the first sentence starts: with the event (default), the date ("On 17 May …"),
    the host state ("Kazakhstan hosted …") or the chair ("… opened the meeting")."""
    names: Literal["name-first", "title-first"] = "name-first"
    """Attendees as "X, Head of Y" (default) or "Y's Head X"."""


Relation = Literal["in-preparation-for", "alongside", "on-the-eve-of", "following"]
"""How a meeting stands to a linked meeting."""


class LinkedMeeting(Model):
    """Another tier's meeting a meeting is linked to, which may have its own number and dates."""

    relation: Relation = "in-preparation-for"
    """In preparation for it (default), alongside it, on its eve, or following it."""
    name: TextLine
    """Its name without number or article: "Meeting of the SCO Ministers of Internal Affairs"."""
    number: WholeNumber | None = Field(default=None, ge=1, le=10_000)
    """Its number in its series, if it has one."""
    date: Date | None = None
    """Its (first) date, if the release gives it."""
    end_date: Date | None = None
    """Its last day, if over several days."""
    city: TextLine | None = None
    """Where it is held, if elsewhere or worth saying."""

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.end_date is not None and self.date is None:
            raise ValueError("end_date needs date")
        return self


class Session(Model):
    """One of several bodies (working groups, sessions) reported in one release."""

    body: TextLine
    """The body, as it follows "the Nth meeting of": "the Expert Working Group on …"."""
    number: WholeNumber | None = Field(default=None, ge=1, le=10_000)
    """The meeting's number in that body's series, if numbered."""
    date: Date | None = None
    """Its date, if it differs from the release's meeting date."""
    chair_state: StateCode | None = None
    """The state that chaired it, if the release says."""
