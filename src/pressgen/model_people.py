"""Who takes part in a meeting: chairs, attendees, officials, speakers.

Every form is one a published release uses: a person with a position, or with an
agency and no position ("X from the Y of Z"); a whole delegation, with or without
its head and members; a body ("representatives of the UNODC"); an official of the
organisation or of another body, each with its own organisation; a headcount
("more than 50 experts").
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, Tag, model_validator

from .fields import MAX_ITEMS, Flag, StateCode, WholeNumber
from .model_base import Model, TextLine, TextProse, kind_of

Status = Literal["member", "observer", "dialogue-partner", "guest"]
"""How a state takes part: as a member state, an observer, a dialogue partner or a guest."""


class Person(Model):
    """A named person, written as officially given."""

    honorific: TextLine | None = None
    """Rank or honorific placed before the name: "Major General", "Ambassador"."""
    name: TextLine
    """Full name in the official order: "Wei Xiaojun", "Rashid Zhakupov"."""
    position: TextLine | None = None
    """Position as officially given, without the state: "Deputy Interior Minister"."""
    state: StateCode | None = None
    """The state the person serves, if the wording should name it ("Kazakhstan's …")."""


class PersonChair(Person):
    """A named person chaired the meeting ("Kazakhstan's Deputy Interior Minister …")."""

    kind: Literal["person"] = "person"
    """Discriminator; the default."""
    position: TextLine
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
    position: TextLine
    """The representative's position, without the state."""
    state: StateCode
    """The chairing state."""


Chair = Annotated[
    Annotated[PersonChair, Tag("person")]
    | Annotated[StateChair, Tag("state")]
    | Annotated[PartyChair, Tag("party")],
    kind_of("person"),
]
"""Who chaired: a person (the default), a state, or a state through a person."""


class PersonParticipant(Person):
    """An attendee named as a person: with a position, or from an agency."""

    kind: Literal["person"] = "person"
    """Discriminator; the default."""
    position: TextLine | None = None
    """Position as officially given: "Head"; without it, the agency must be given."""
    agency: TextLine | None = None
    """The agency, as it follows "of" or "from": "the Drug Control Agency under …"."""
    state: StateCode
    """The state the attendee represents."""
    status: Status = "member"
    """How that state takes part; a state that is not a member must say which."""

    @model_validator(mode="after")
    def _position_or_agency(self) -> Self:
        if self.position is None and self.agency is None:
            raise ValueError("give the attendee's position, or the agency they came from")
        return self


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
    members: tuple[TextLine | Person, ...] = Field(default=(), max_length=MAX_ITEMS)
    """The other members, if the release lists them: names, or persons with positions."""


class Body(Model):
    """Attendees named only as a body: "representatives of the SCO Secretariat"."""

    kind: Literal["body"]
    """Discriminator: always "body"."""
    description: TextLine
    """As it stands in the attendance sentence: "representatives of the UNODC"."""
    category: Literal["organisation", "international-organisation"] = "international-organisation"
    """The organisation's own body, or another international organisation."""
    invited: Flag = False
    """Attended at the invitation of the meeting ("also attended … as invited guests")."""


Participant = Annotated[
    Annotated[PersonParticipant, Tag("person")]
    | Annotated[Delegation, Tag("delegation")]
    | Annotated[Body, Tag("body")],
    kind_of("person"),
]
"""An attendee: a person (the default), a delegation, or a body."""


class Official(Model):
    """An official of an organisation or body who attended in that capacity.

    Without ``organisation``, of the meeting's own organisation: "SCO Deputy
    Secretary-General Sabyr Imandosov". With it, of that body, which is then named
    instead: "Director of the Executive Committee of the SCO RATS …".
    """

    kind: Literal["person"] = "person"
    """Discriminator; the default."""
    honorific: TextLine | None = None
    """Rank or honorific placed before the name."""
    name: TextLine
    """Full name: "Sabyr Imandosov"."""
    position: TextLine
    """Post, without the organisation's name: "Deputy Secretary-General"."""
    organisation: TextLine | None = None
    """Another organisation or body, as it follows "of": "the UNODC Regional Office …"."""


OrganisationAttendee = Annotated[
    Annotated[Official, Tag("person")] | Annotated[Body, Tag("body")], kind_of("person")
]
"""Attending officials (the organisation's own, or other bodies'), or bodies."""


class Headcount(Model):
    """Attendance as a number: "more than 50 experts from the member states"."""

    count: WholeNumber = Field(ge=1, le=100_000)
    """The number as the release gives it."""
    precision: Literal["exact", "more-than", "about"] = "exact"
    """Whether the number is exact, a lower bound ("more than"), or rounded ("about")."""
    who: TextLine
    """Who they were, as it follows the number: "experts from the member states"."""


class Address(Model):
    """A speech by someone other than the chair: a welcome, an opening, a keynote."""

    speaker: Person
    """Who spoke."""
    speech: Literal["welcome", "opening", "closing", "keynote"] = "welcome"
    """What kind of speech it was."""
    on_behalf_of: TextLine | None = None
    """On whose behalf, as it follows "on behalf of": "the Secretary-General of the SCO"."""
    said: TextProse | None = None
    """What the speaker said, as a paraphrase that follows "stressing that" or "noting"."""
    quote: TextProse | None = None
    """The speaker's words, shown as a quotation (without quotation marks)."""

    @model_validator(mode="after")
    def _one_report(self) -> Self:
        if self.said is not None and self.quote is not None:
            raise ValueError("give what the speaker said as `said` or as `quote`, not both")
        return self
