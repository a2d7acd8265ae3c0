"""The meeting model: the facts of one meeting, typed and validated.

A meeting file (YAML or JSON) fills in :class:`Meeting`; so can code. Everything is
frozen and unknown keys are refused, so a typo in a file is an error, not a silently
ignored field. Where a fact can take several forms (a chair that is a person or a
state, a venue or a videoconference, an attendee who is a person, a delegation or a
body) the form is a ``kind`` field, with the commonest form as its default. Text a
translator would change is not here but in the templates; only the facts and the
names as officially written are.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from .fields import MAX_ITEMS, Date, LanguageTag, Line, Prose, StateCode, WebUrl


class Model(BaseModel):
    """Base of every model: frozen, unknown keys refused, fields documented."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


def _kind(default: str) -> Discriminator:
    """A discriminator on ``kind`` that takes ``default`` when the key is left out."""

    def tag(value: Any) -> str:
        if isinstance(value, dict):
            return str(value.get("kind", default))
        return str(getattr(value, "kind", default))

    return Discriminator(tag)


Status = Literal["member", "observer", "dialogue-partner", "guest"]
"""How a state takes part: as a member state, an observer, a dialogue partner or a guest."""


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
    """The standing mechanism (or one of its tiers) whose meetings the releases report."""

    names: SeriesNames
    """The series' name variants."""


class Person(Model):
    """A named person, written as officially given."""

    honorific: Line | None = None
    """Rank or honorific placed before the name: "Major General", "Ambassador"."""
    name: Line
    """Full name in the official order: "Wei Xiaojun", "Rashid Zhakupov"."""
    position: Line | None = None
    """Position as officially given, without the state: "Deputy Interior Minister"."""
    state: StateCode | None = None
    """The state the person serves, if the wording should name it ("Kazakhstan's …")."""


class InPerson(Model):
    """A meeting held in a city."""

    kind: Literal["in-person"] = "in-person"
    """Discriminator; the default."""
    city: Line
    """The city, as it is to be written: "Astana"."""
    state: StateCode
    """The host state."""
    premises: Line | None = None
    """The host agency whose premises it was held at, as it follows "at the premises of"."""


class Videoconference(Model):
    """A meeting held by videoconference."""

    kind: Literal["videoconference"]
    """Discriminator: always "videoconference"."""
    state: StateCode | None = None
    """The state that hosted the videoconference, if any."""


Venue = Annotated[
    Annotated[InPerson, Tag("in-person")] | Annotated[Videoconference, Tag("videoconference")],
    _kind("in-person"),
]
"""Where a meeting was held: a city (the default) or a videoconference."""


class PersonChair(Person):
    """A named person chaired the meeting ("Kazakhstan's Deputy Interior Minister …")."""

    kind: Literal["person"] = "person"
    """Discriminator; the default."""
    position: Line
    """Position as officially given, without the state."""
    state: StateCode
    """The state the chair represents."""


class StateChair(Model):
    """A state chaired the meeting ("The Uzbek party chaired the meeting")."""

    kind: Literal["state"]
    """Discriminator: always "state"."""
    state: StateCode
    """The chairing state."""


class PartyChair(Person):
    """A state chaired, represented by a named person."""

    kind: Literal["party"]
    """Discriminator: always "party"."""
    position: Line
    """The representative's position, without the state."""
    state: StateCode
    """The chairing state."""


Chair = Annotated[
    Annotated[PersonChair, Tag("person")]
    | Annotated[StateChair, Tag("state")]
    | Annotated[PartyChair, Tag("party")],
    _kind("person"),
]
"""Who chaired: a person (the default), a state, or a state through a person."""


class PersonParticipant(Person):
    """A head of delegation (or other attendee) named as a person."""

    kind: Literal["person"] = "person"
    """Discriminator; the default."""
    position: Line
    """Position as officially given: "Head", "First Deputy Director"."""
    agency: Line | None = None
    """The agency, as it follows "of": "the Drug Control Agency under the President of …"."""
    state: StateCode
    """The state the attendee represents."""
    status: Status = "member"
    """How that state takes part; a state that is not a member must say which."""


class Delegation(Model):
    """A whole delegation of a state, with or without named head and members."""

    kind: Literal["delegation"]
    """Discriminator: always "delegation"."""
    state: StateCode
    """The state."""
    status: Status = "member"
    """How that state takes part."""
    head: Person | None = None
    """Who headed it, if named."""
    members: tuple[Line, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Names of the other members, as written, if the release lists them."""


class Body(Model):
    """Attendees named only as a body: "representatives of the SCO Secretariat"."""

    kind: Literal["body"]
    """Discriminator: always "body"."""
    description: Line
    """As it stands in the attendance sentence: "representatives of the UNODC"."""
    category: Literal["organisation", "international-organisation"] = "international-organisation"
    """The organisation's own body, or another international organisation."""


Participant = Annotated[
    Annotated[PersonParticipant, Tag("person")]
    | Annotated[Delegation, Tag("delegation")]
    | Annotated[Body, Tag("body")],
    _kind("person"),
]
"""An attendee: a person (the default), a delegation, or a body."""


class Official(Model):
    """An official of the organisation itself who attended (the Deputy Secretary-General)."""

    kind: Literal["person"] = "person"
    """Discriminator; the default."""
    name: Line
    """Full name: "Sabyr Imandosov"."""
    position: Line
    """Post, without the organisation's name: "Deputy Secretary-General"."""


OrganisationAttendee = Annotated[
    Annotated[Official, Tag("person")] | Annotated[Body, Tag("body")], _kind("person")
]
"""The organisation's own attendees: named officials, or its bodies."""


class Address(Model):
    """A welcoming address by someone other than the chair."""

    speaker: Person
    """Who spoke."""
    on_behalf_of: Line | None = None
    """On whose behalf, as it follows "on behalf of": "the Secretary-General of the SCO"."""


class RelatedEvent(Model):
    """An event elsewhere that the meeting took note of or welcomed."""

    description: Line
    """What it was, as it follows "welcomed": "the joint event of the UNODC and SCO"."""
    title: Line | None = None
    """Its title, if it had one."""
    url: WebUrl | None = None
    """A web page about it; the title (or description) links to it."""
    city: Line
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
    place: Line
    """What they visited, as it follows "visited": "the training centre of …"."""


SideEvent = Annotated[
    Annotated[Reception, Tag("reception")]
    | Annotated[Bilateral, Tag("bilateral")]
    | Annotated[Visit, Tag("visit")],
    _kind("reception"),
]
"""Something that happened around the meeting."""


class Document(Model):
    """A document the meeting dealt with."""

    action: Literal["signed", "adopted", "approved", "recommended"]
    """What was done with it; "recommended" means recommended for adoption."""
    title: Line
    """Its title, as it follows the verb: "the Protocol of the 8th Meeting …"."""


class NextMeeting(Model):
    """Where and when the next meeting will be held, as far as it is known."""

    state: StateCode | None = None
    """The next host state."""
    city: Line | None = None
    """The city, if known."""
    year: int | None = Field(default=None, ge=1900, le=2200)
    """The year, if only the year is known."""
    period: Line | None = None
    """A period, as it follows "in": "the second half of 2025"."""
    date: Date | None = None
    """The (first) date, if fixed."""
    end_date: Date | None = None
    """The last date of a meeting over several days."""
    to_be_agreed: bool = False
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

    kind: Literal["press-release", "information-report"] = "press-release"
    """The kind of document; it picks the wording template."""
    language: LanguageTag = "en-GB"
    """Language of the release; picks the wording, the typography and the date format."""
    organisation: Organisation
    """The organisation, which publishes the release."""
    url: WebUrl | None = None
    """The release's own web address, if known: the web page's canonical link."""
    series: Series
    """The standing mechanism, or the tier of it that met."""
    number: int = Field(ge=1, le=10_000)
    """The meeting's number in the series: 7 for the 7th Meeting."""
    date: Date
    """The date of the meeting (its first day)."""
    end_date: Date | None = None
    """The last day of a meeting over several days."""
    venue: Venue
    """Where it was held."""
    in_preparation_for: Line | None = None
    """For a lower tier: the meeting it prepared, as it follows "in preparation for"."""
    chair: Chair
    """Who chaired it."""
    addresses: tuple[Address, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Welcoming addresses by others than the chair."""
    participants: tuple[Participant, ...] = Field(min_length=1, max_length=MAX_ITEMS)
    """Attendees, in the order the release names them."""
    officials: tuple[OrganisationAttendee, ...] = Field(default=(), max_length=MAX_ITEMS)
    """The organisation's own attendees, named after the delegations."""
    related_events: tuple[RelatedEvent, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Events the heads of delegations welcomed."""
    discussion: tuple[Prose, ...] = Field(default=(), max_length=MAX_ITEMS)
    """What was discussed: one paragraph of prose each, in order."""
    agreements: tuple[Prose, ...] = Field(default=(), max_length=MAX_ITEMS)
    """What agreements were reached on, each as it follows "on": "boosting interaction …"."""
    documents: tuple[Document, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Documents signed, adopted, approved or recommended for adoption."""
    side_events: tuple[SideEvent, ...] = Field(default=(), max_length=MAX_ITEMS)
    """Receptions, bilateral meetings and visits."""
    next_meeting: NextMeeting | None = None
    """The next meeting, if anything is known of it."""
    chairmanship_passes_to: StateCode | None = None
    """The state the chairmanship of the mechanism passes to, if the release says so."""

    @property
    def release_date(self) -> dt.date:
        """The date of the release: the meeting's last day."""
        return self.end_date or self.date
