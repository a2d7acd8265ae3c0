"""Domain checks: what a well-formed meeting file can still get wrong.

The model checks each field; these checks look across fields and at the world: who
was a member state of the meeting's organisation on its date (from the organisation's
reference data, when there is any), whether the next host is a member, whether dates
run forward, whether every text has every language the record promises. Each
finding is an error (the release would be wrong) or a warning (it is probably
wrong); all are returned at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from babel import Locale

from . import messages as say
from . import multilingual, resources, rules, series
from .model import Delegation, InPerson, Meeting, Organisation, PersonParticipant

Severity = Literal["error", "warning"]
_MEETING_NUMBER = re.compile(r"\b(\d+)(?:st|nd|rd|th) Meeting\b")
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One finding of the domain checks."""

    path: FieldPath
    message: str
    severity: Severity = "error"


Membership = Mapping[str, Any]
"""An organisation's reference data: names, members (joined, left), observers, partners."""


def membership(
    organisation: str | Organisation, user_dirs: Sequence[Path] = ()
) -> Membership | None:
    """The reference data of a meeting's organisation: by its id, or else by its short
    name; None for an organisation the data does not know."""
    if isinstance(organisation, str):
        return resources.data(f"organisations/{organisation}", user_dirs) or None
    if organisation.id is not None:
        return resources.data(f"organisations/{organisation.id}", user_dirs) or None
    short = organisation.short_name
    for name in resources.data_names("organisations", user_dirs):
        data = resources.data(f"organisations/{name}", user_dirs)
        names = data.get("names", {}).values()
        if any(isinstance(n, dict) and n.get("short_name") == short for n in names):
            return data
    return None


def _start(value: object) -> dt.date | None:
    # A year alone counts from the next 1 January: a meeting within that year is
    # not taken for granted.
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return dt.date(value + 1, 1, 1)
    return None


def is_member(code: str, day: dt.date, data: Membership) -> bool:
    """Whether a state was a member state of an organisation on a day."""
    for entry in data.get("members", []):
        joined, left = _start(entry.get("joined")), entry.get("left")
        started = joined is not None and joined <= day
        ended = isinstance(left, dt.date) and left <= day
        if entry.get("state") == code and started and not ended:
            return True
    return False


def members_on(data: Membership, day: dt.date) -> list[str]:
    """The codes of the member states on a day, in the data's order."""
    codes = [str(entry.get("state")) for entry in data.get("members", [])]
    return [code for code in dict.fromkeys(codes) if is_member(code, day, data)]


def _name(code: str) -> str:
    forms = resources.data("states/en").get(code, {})
    return str(forms.get("short") or Locale.parse("en").territories.get(code, code))


def _languages(meeting: Meeting) -> list[Finding]:
    findings = []
    for tag in multilingual.languages_of(meeting):
        message = multilingual.missing_message(tag)
        findings += [Finding(path, message) for path in multilingual.missing_texts(meeting, tag)]
    return findings


def _membership_findings(meeting: Meeting, data: Membership) -> list[Finding]:
    findings: list[Finding] = []
    day = meeting.date
    when = day.isoformat()

    def must_be_member(path: FieldPath, code: str | None, role: str) -> None:
        if code is not None and not is_member(code, day, data):
            findings.append(
                Finding(
                    path, f"{_name(code)} was not a member state on {when}, so cannot be {role}"
                )
            )

    if isinstance(meeting.venue, InPerson) and not is_member(meeting.venue.state, day, data):
        findings.append(
            Finding(
                ("venue", "state"),
                f"{_name(meeting.venue.state)} was not a member state on {when}",
                "warning",
            )
        )
    if meeting.chair is not None:
        must_be_member(("chair", "state"), meeting.chair.state, "the chair")
    for index, participant in enumerate(meeting.participants):
        if not isinstance(participant, PersonParticipant | Delegation):
            continue
        member = is_member(participant.state, day, data)
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
    if meeting.next_meeting is not None:
        must_be_member(("next_meeting", "state"), meeting.next_meeting.state, "the next host")
    must_be_member(
        ("chairmanship_passes_to",), meeting.chairmanship_passes_to, "given the chairmanship"
    )
    return findings


def _listed_delegations(meeting: Meeting, data: Membership) -> list[Finding]:
    # A state listed by code takes its status from the data: one with none on the
    # date is a typo, or a guest, which must be said in participants.
    if not isinstance(meeting.delegations, tuple):
        return []
    when = meeting.date.isoformat()
    return [
        Finding(
            ("delegations", index),
            f"{_name(code)} ({code}) was not a member state, observer or dialogue partner"
            f" on {when}; if it attended as a guest, list it in participants as"
            f" {{kind: delegation, state: {code}, status: guest}}",
        )
        for index, code in enumerate(meeting.delegations)
        if series.status_on(code, meeting.date, data) is None
    ]


def _date_findings(meeting: Meeting) -> list[Finding]:
    findings: list[Finding] = []
    if meeting.end_date is not None and meeting.end_date < meeting.date:
        findings.append(Finding(("end_date",), "the meeting ends before it begins"))
    released = meeting.release.date
    if released is not None and released < meeting.date and meeting.kind != "announcement":
        message = "the release is dated before the meeting it reports"
        findings.append(Finding(("release", "date"), message))
    for index, event in enumerate(meeting.related_events):
        if event.date > meeting.release_date:
            findings.append(
                Finding(
                    ("related_events", index, "date"), "the event is after the meeting", "warning"
                )
            )
    nxt = meeting.next_meeting
    if nxt is not None:
        if nxt.date is not None and nxt.date <= (meeting.end_date or meeting.date):
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
    return findings


def _texts(value: str | Mapping[str, str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value.values())


def check(meeting: Meeting, user_dirs: Sequence[Path] | None = None) -> list[Finding]:
    """Every domain finding for a meeting, errors and warnings.

    Membership is checked against the organisation's reference data in the package
    and in ``user_dirs``; an organisation the data does not know is not checked.
    ``user_dirs`` None means the template folders are not known yet (a file being
    loaded): an organisation found in none of the shipped data may still be in them,
    so that is a warning until the release is built.
    """
    findings = _languages(meeting)
    data = membership(meeting.organisation, user_dirs or ())
    if data is None and isinstance(meeting.organisation, str):
        message = f"no reference data for organisation {meeting.organisation!r}"
        if user_dirs is None:
            message += " among the shipped data; it must be in a --templates folder"
        findings.append(
            Finding(("organisation",), message, "error" if user_dirs is not None else "warning")
        )
    if data is not None:
        findings += _membership_findings(meeting, data)
        findings += _listed_delegations(meeting, data)
    elif meeting.delegations == "all-members" and (
        user_dirs is not None or not isinstance(meeting.organisation, str)
    ):
        message = "all-members needs the organisation's membership in its reference data"
        findings.append(Finding(("delegations",), message))
    findings += _date_findings(meeting)
    findings += [
        Finding(b.path, b.message, b.severity)
        for b in rules.check(meeting, multilingual.languages_of(meeting))
    ]
    for index, document in enumerate(meeting.documents):
        # A document of this meeting that names another meeting's number is most
        # often a title copied from the previous release.
        for match in (m for t in _texts(document.title) for m in _MEETING_NUMBER.finditer(t)):
            named = int(match.group(1))
            if named != meeting.number:
                message = f"the title names meeting {named}, but this is meeting {meeting.number}"
                findings.append(Finding(("documents", index, "title"), message, "warning"))
    return findings
