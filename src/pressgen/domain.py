"""Domain checks: what a well-formed meeting file can still get wrong.

The model checks each field; these checks look across fields and at the world: who
was a member state on the meeting's date (from the shipped reference data), whether
the next host is a member, whether dates run forward. Each finding is an error (the
release would be wrong) or a warning (it is probably wrong); all are returned at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from . import messages as say
from . import resources
from .model import Delegation, InPerson, Meeting, PersonParticipant

Severity = Literal["error", "warning"]
_MEETING_NUMBER = re.compile(r"\b(\d+)(?:st|nd|rd|th) Meeting\b")
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One finding of the domain checks."""

    path: FieldPath
    message: str
    severity: Severity = "error"


def is_member(code: str, day: dt.date) -> bool:
    """Whether a state was a member state of the organisation on a day."""
    member = False
    for entry in resources.states()[code].get("status", []):
        start = entry["from"]
        if isinstance(start, dt.date) and start <= day:
            member = entry["status"] == "member"
    return member


def _name(code: str) -> str:
    return str(resources.states()[code]["names"]["en"]["short"])


def check(meeting: Meeting) -> list[Finding]:
    """Every domain finding for a meeting, errors and warnings, in field order."""
    findings: list[Finding] = []
    day = meeting.date
    when = day.isoformat()

    def must_be_member(path: FieldPath, code: str | None, role: str) -> None:
        if code is not None and not is_member(code, day):
            findings.append(
                Finding(
                    path, f"{_name(code)} was not a member state on {when}, so cannot be {role}"
                )
            )

    if meeting.end_date is not None and meeting.end_date < meeting.date:
        findings.append(Finding(("end_date",), "the meeting ends before it begins"))
    if isinstance(meeting.venue, InPerson) and not is_member(meeting.venue.state, day):
        findings.append(
            Finding(
                ("venue", "state"),
                f"{_name(meeting.venue.state)} was not a member state on {when}",
                "warning",
            )
        )
    must_be_member(("chair", "state"), meeting.chair.state, "the chair")
    for index, participant in enumerate(meeting.participants):
        if not isinstance(participant, PersonParticipant | Delegation):
            continue
        member = is_member(participant.state, day)
        path: FieldPath = ("participants", index, "status")
        if participant.status == "member" and not member:
            findings.append(
                Finding(
                    path,
                    f"{_name(participant.state)} was not a member state on {when}: "
                    "give status observer, dialogue-partner or guest",
                )
            )
        elif participant.status != "member" and member:
            message = f"{_name(participant.state)} was a member state on {when}"
            status = say.STATUS_WITH_ARTICLE[participant.status]
            findings.append(Finding(path, f"{message}, not {status}", "warning"))
    for index, event in enumerate(meeting.related_events):
        if event.date > meeting.release_date:
            findings.append(
                Finding(
                    ("related_events", index, "date"), "the event is after the meeting", "warning"
                )
            )
    nxt = meeting.next_meeting
    if nxt is not None:
        must_be_member(("next_meeting", "state"), nxt.state, "the next host")
        if nxt.date is not None and nxt.date <= meeting.release_date:
            findings.append(
                Finding(("next_meeting", "date"), "the next meeting is not after this one")
            )
        if nxt.end_date is not None and nxt.date is not None and nxt.end_date < nxt.date:
            findings.append(
                Finding(("next_meeting", "end_date"), "the next meeting ends before it begins")
            )
        if nxt.year is not None and nxt.year < meeting.date.year:
            findings.append(
                Finding(("next_meeting", "year"), "the next meeting is in a year already past")
            )
    must_be_member(
        ("chairmanship_passes_to",), meeting.chairmanship_passes_to, "given the chairmanship"
    )
    for index, document in enumerate(meeting.documents):
        # A document of this meeting that names another meeting's number is most
        # often a title copied from the previous release.
        for match in _MEETING_NUMBER.finditer(document.title):
            named = int(match.group(1))
            if named != meeting.number:
                message = f"the title names meeting {named}, but this is meeting {meeting.number}"
                findings.append(Finding(("documents", index, "title"), message, "warning"))
    return findings
