"""The meeting model: the facts of one meeting, typed and validated.

A meeting file (YAML or JSON) fills in :class:`Meeting`; so can code. Everything is
frozen and unknown keys are refused, so a typo in a file is an error, not a silently
ignored field. Where a fact can take several forms (a chair that is a person or a
state, a venue or a videoconference, an attendee who is a person, a delegation or a
body) the form is a ``kind`` field, with the commonest form as its default. Only the
facts are required that every meeting has (the organisation, the series, the date,
the venue); everything a real release can lack is optional, and the wording reads
naturally without it. Text a translator would change is not here but in the
templates; only the facts and the names as officially written are, each one string
or one per language (:data:`~pressgen.model_base.TextLine`).

The people are in :mod:`pressgen.model_people`, the frame of the release and linked
meetings in :mod:`pressgen.model_frame`; this module re-exports them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import Field, Tag, model_validator

from .fields import MAX_ITEMS, Date, Flag, LanguageTag, StateCode, WebUrl, WholeNumber
from .model_base import LanguageKey as LanguageKey
from .model_base import Model as Model
from .model_base import TextLine as TextLine
from .model_base import TextProse as TextProse
from .model_base import kind_of
from .model_frame import Contact as Contact
from .model_frame import Frame as Frame
from .model_frame import LinkedMeeting as LinkedMeeting
from .model_frame import Session as Session
from .model_people import Address as Address
from .model_people import Body as Body
from .model_people import Chair as Chair
from .model_people import Delegation as Delegation
from .model_people import Headcount as Headcount
from .model_people import Official as Official
from .model_people import OrganisationAttendee as OrganisationAttendee
from .model_people import Participant as Participant
from .model_people import PartyChair as PartyChair
from .model_people import Person as Person
from .model_people import PersonChair as PersonChair
from .model_people import PersonParticipant as PersonParticipant
from .model_people import StateChair as StateChair
from .model_people import Status as Status

OrganisationId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,39}$")]
"""An organisation of the reference data, by the name of its file: "sco", "asean"."""


class Organisation(Model):
    """The organisation the mechanism belongs to, which publishes the release."""

    id: OrganisationId | None = None
    """Its reference data (``data/organisations/<id>.yaml``), for membership; without it,
    the data whose short name matches, if any."""
    name: TextLine
    """Full name, as on the letterhead: "Shanghai Cooperation Organisation"."""
    short_name: TextLine
    """Abbreviation used in running text: "SCO"."""


class SeriesNames(Model):
    """The name of the meeting series in the variants the wording needs."""

    title: TextLine
    """As in the title line: "Meeting of Senior Officials of the SCO Member States' ..."."""
    full: TextLine | None = None
    """The complete name, in the "PRESS RELEASE on the results of ..." line; default: title."""
    running: TextLine | None = None
    """As in the opening sentence of the body; default: full."""


SeriesId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
"""A series file by its name: "sco-counternarcotics-senior-officials" names
``series/sco-counternarcotics-senior-officials.yaml`` (see :mod:`pressgen.series`)."""


class Series(Model):
    """The standing mechanism (or one of its tiers) whose meetings the releases report."""

    id: SeriesId | None = None
    """The series file it comes from, if any; its other fields apply to the meeting."""
    names: SeriesNames
    """The series' name variants."""


class InPerson(Model):
    """A meeting held in a city."""

    kind: Literal["in-person"] = "in-person"
    """Discriminator; the default."""
    city: TextLine
    """The city, as it is to be written: "Astana"."""
    state: StateCode
    """The host state."""
    premises: TextLine | None = None
    """The host agency whose premises it was held at, as it follows "at the premises of"."""


class Videoconference(Model):
    """A meeting held by videoconference."""

    kind: Literal["videoconference"]
    """Discriminator: always "videoconference"."""
    state: StateCode | None = None
    """The state that hosted the videoconference, if any."""


Venue = Annotated[
    Annotated[InPerson, Tag("in-person")] | Annotated[Videoconference, Tag("videoconference")],
    kind_of("in-person"),
]
"""Where a meeting was held: a city (the default) or a videoconference."""


class RelatedEvent(Model):
    """An event elsewhere that the meeting took note of or welcomed."""

    description: TextLine
    """What it was, as it follows "welcomed": "the joint event of the UNODC and SCO"."""
    title: TextLine | None = None
    """Its title, if it had one."""
    url: WebUrl | None = None
    """A web page about it; the title (or description) links to it."""
    city: TextLine
    """Where it was held: "Vienna"."""
    date: Date
    """When it was held."""


class Reception(Model):
    """The heads of delegations were received by someone (a head of state)."""

    kind: Literal["reception"]
    """Discriminator: always "reception"."""
    host: Person
    """Who received them: "President of the Republic of Uzbekistan Shavkat Mirziyoyev"."""


class Bilateral(Model):
    """Bilateral meetings on the sidelines."""

    kind: Literal["bilateral"]
    """Discriminator: always "bilateral"."""
    parties: tuple[StateCode, ...] = Field(min_length=2, max_length=MAX_ITEMS)
    """The states whose delegations met."""


class Visit(Model):
    """A visit the participants made."""

    kind: Literal["visit"]
    """Discriminator: always "visit"."""
    place: TextLine
    """What they visited, as it follows "visited": "the training centre of …"."""


SideEvent = Annotated[
    Annotated[Reception, Tag("reception")]
    | Annotated[Bilateral, Tag("bilateral")]
    | Annotated[Visit, Tag("visit")],
    kind_of("reception"),
]
"""Something that happened around the meeting."""


Action = Literal[
    "signed", "adopted", "approved", "recommended", "submitted", "noted",
    "agreed-to-prepare", "finalised",
]  # fmt: skip
"""What a meeting did with a document: signed, adopted, approved, recommended (for
adoption), submitted, noted (took note of), agreed to prepare, finalised."""


class Document(Model):
    """A document the meeting dealt with."""

    action: Action
    """What was done with it."""
    title: TextLine
    """Its title, as it follows the verb: "the Protocol of the 8th Meeting …"."""
    voice: Literal["active", "passive"] = "active"
    """"The meeting adopted the Protocol" (active) or "The Protocol was adopted" (passive)."""
    for_meeting: LinkedMeeting | None = None
    """The meeting it is to be submitted to ("… to be submitted to the meeting of … on …")."""


class NextMeeting(Model):
    """Where and when the next meeting will be held, as far as it is known."""

    state: StateCode | None = None
    """The next host state."""
    city: TextLine | None = None
    """The city, if known."""
    year: WholeNumber | None = Field(default=None, ge=1900, le=2200)
    """The year, if only the year is known."""
    period: TextLine | None = None
    """A period, as it follows "in": "the second half of 2025"."""
    date: Date | None = None
    """The (first) date, if fixed."""
    end_date: Date | None = None
    """The last date of a meeting over several days."""
    to_be_agreed: Flag = False
    """The date and venue are still to be agreed (and nothing else is given)."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        given = [self.state, self.city, self.year, self.period, self.date]
        if self.to_be_agreed and any(v is not None for v in given):
            raise ValueError("to_be_agreed excludes state, city, year, period and date")
        if not self.to_be_agreed and all(v is None for v in given):
            raise ValueError("give the next host (state, city) or a time, or to_be_agreed: true")
        if sum(v is not None for v in (self.year, self.period, self.date)) > 1:
            raise ValueError("give one of year, period and date")
        if self.end_date is not None and self.date is None:
            raise ValueError("end_date needs date")
        if self.city is not None and self.state is None:
            raise ValueError("a city needs its state")
        return self


class Meeting(Model):
    """One meeting of the series: everything its release says."""

    kind: Literal["press-release", "information-report", "announcement"] = "press-release"
    """The kind of document; it picks the wording template. An announcement is in the
    future tense, about a meeting still to be held."""
    language: LanguageTag = "en-GB"
    """Language of the release; picks the wording, the typography and the date format."""
    languages: tuple[LanguageKey, ...] = Field(default=(), max_length=20)
    """Every language the record is written for (default: ``language`` alone); a text
    given by language must then have each of them."""
    organisation: OrganisationId | Organisation
    """The organisation, which publishes the release: its reference data's id ("sco"),
    or its names (with an optional id)."""
    series: SeriesId | Series
    """The standing mechanism, or the tier of it that met: a series file by its name
    ("sco-counternarcotics-senior-officials": its names, organisation and usual
    participants, each of which the meeting file may still give to replace it), or the
    names themselves."""
    number: WholeNumber | None = Field(default=None, ge=1, le=10_000)
    """The meeting's number in the series: 7 for the 7th Meeting; none if unnumbered."""
    occasion: TextLine | None = None
    """For an unnumbered meeting, the word in place of the number: "regular", "annual"."""
    date: Date
    """The date of the meeting (its first day)."""
    end_date: Date | None = None
    """The last day of a meeting over several days."""
    venue: Venue
    """Where it was held."""
    in_preparation_for: TextLine | None = None
    """For a lower tier: the meeting it prepared, as it follows "in preparation for"."""
    linked_meetings: tuple[LinkedMeeting, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Other tiers' meetings it was held alongside or in preparation for."""
    sessions: tuple[Session, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Several bodies reported in one release, in the order they met."""
    sessions_held: Literal["jointly", "in-sequence"] = "jointly"
    """Whether the sessions met together or one after another."""
    chair: Chair | None = None
    """Who chaired it, if the release says."""
    addresses: tuple[Address, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Speeches by others than the chair: welcomes, openings, keynotes."""
    delegations: (
        Literal["all-members"]
        | Annotated[tuple[StateCode, ...], Field(max_length=MAX_ITEMS)]
        | None
    ) = None
    """The delegations that attended, without names: "all-members" (every member state
    on the meeting's date), or a list of state codes ``[CN, IN, KZ]``, in the order the
    release names them; a state's status (member, observer, dialogue partner) comes
    from the organisation's data on that date. A participant of a listed state takes
    that state's place in the list."""
    participants: tuple[Participant, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Attendees, in the order the release names them."""
    officials: tuple[OrganisationAttendee, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Officials of the organisation and of other bodies, named after the delegations."""
    headcount: Headcount | None = None
    """Attendance as a number ("more than 50 experts")."""
    related_events: tuple[RelatedEvent, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Events the heads of delegations welcomed."""
    discussion: tuple[TextProse, ...] = Field(default=(), max_length=MAX_ITEMS)
    """What was discussed: one paragraph of prose each, in order."""
    agreements: tuple[TextProse, ...] = Field(default=(), max_length=MAX_ITEMS)
    """What agreements were reached on, each as it follows "on": "boosting interaction …"."""
    documents: tuple[Document, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Documents signed, adopted, submitted, noted… by the meeting."""
    side_events: tuple[SideEvent, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Receptions, bilateral meetings and visits."""
    next_meeting: NextMeeting | None = None
    """The next meeting, if anything is known of it."""
    chairmanship_passes_to: StateCode | None = None
    """The state the chairmanship of the mechanism passes to, if the release says so."""
    release: Frame = Frame()
    """The release's frame: heading, dateline, release date and number, contact, end
    mark, and wording choices."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.number is not None and self.occasion is not None:
            raise ValueError("give the meeting's number or its occasion, not both")
        if self.delegations == "all-members" and any(
            p.kind == "delegation" and p.status == "member" for p in self.participants
        ):
            raise ValueError(
                "delegations: all-members already names every member delegation;"
                " list only others in participants"
            )
        if isinstance(self.delegations, tuple):
            twice = sorted({c for c in self.delegations if self.delegations.count(c) > 1})
            if twice:
                raise ValueError(f"delegations: {', '.join(twice)} listed more than once")
        return self

    @property
    def release_date(self) -> dt.date:
        """The date of the release: as given, or the meeting's last day."""
        return self.release.date or self.end_date or self.date
