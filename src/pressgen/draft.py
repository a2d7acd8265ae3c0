"""Drafting the next meeting's file from the previous one (``pressgen new``).

The previous file is loaded as ``render`` loads it, and the meeting it describes is
dumped field by field: whatever the model holds is carried over, including fields
added to it later. A few rules then say what changes from one meeting to the next:
the number goes up by one, the host is the one announced last time, and every fact
a person must confirm is marked with :data:`~pressgen.load.TO_CONFIRM` (``TO
CONFIRM: previously …`` where the previous value is a good guess), which the loader
refuses with the line of each. Every value is written by the YAML serializer,
never pasted into text; the comments are fixed text, and the previous file's name,
the one thing from outside they show, is serialized too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .load import TO_CONFIRM, load_checked
from .model import Meeting
from .schema import schema_modeline

PREVIOUSLY = f"{TO_CONFIRM}: previously "

# What a person writes where the draft cannot guess.
_ASK = {
    "date": "the date, as YYYY-MM-DD",
    "city": "the city",
    "host": "the host state's code, such as KZ",
    "chair.name": "the chair's name",
    "chair.position": "the chair's position, without the state",
    "chair.state": "the chair's state",
    "next": "the next host state's code",
}

# Comments above each field of the draft (fixed text: nothing from the input).
_GUIDE = {
    "number": "The meeting's number: the previous one plus one.",
    "date": "The first day of the meeting, as YYYY-MM-DD; for a meeting over several\n"
    "days, add end_date: with the last day.",
    "venue": "The host state is the one announced at the previous meeting.\n"
    "For a videoconference, replace city and state with  kind: videoconference",
    "chair": "Who chaired: a person (as below), or  kind: state  with the state alone.",
    "participants": "Carried over from the previous meeting: confirm each name (and\n"
    "position, if it changed); delete those who did not attend.",
    "officials": "The organisation's own officials: confirm each.",
    "discussion": "What was discussed, one paragraph each, as it is to be printed.\n"
    "The previous meeting's paragraphs are kept as a start: rewrite or delete each.",
    "next_meeting": "Where the next meeting will be held: state (and city), a year, a\n"
    "period or a date; or  to_be_agreed: true",
}
_FROM_PREVIOUS = "Carried over from the previous meeting as a reminder: confirm, rewrite or delete."


def _previously(value: Any) -> Any:
    """Every text of ``value`` marked as still to confirm (``kind`` stays as it is)."""
    if isinstance(value, str):
        return PREVIOUSLY + value
    if isinstance(value, dict):
        return {k: v if k == "kind" else _previously(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_previously(item) for item in value]
    return value


def _ask(key: str) -> str:
    return f"{TO_CONFIRM}: {_ASK[key]}"


def _attendee(data: dict[str, Any]) -> dict[str, Any]:
    """A participant or official with the names marked, the rest carried over."""
    data = dict(data)
    if "name" in data:
        data["name"] = _previously(data["name"])
    if isinstance(data.get("head"), dict):
        data["head"] = {**data["head"], "name": _previously(data["head"]["name"])}
    if "members" in data:
        data["members"] = _previously(data["members"])
    return data


# Facts of the previous meeting alone (what it discussed, agreed or signed, who spoke)
# are kept as reminders, every text marked; any other field (organisation, series,
# and fields the model gains later) is carried over as it is.
_PER_MEETING = (
    "in_preparation_for",
    "addresses",
    "related_events",
    "discussion",
    "agreements",
    "documents",
    "side_events",
    "chairmanship_passes_to",
)


def draft_data(meeting: Meeting) -> dict[str, Any]:
    """The data of a draft for the meeting after ``meeting``, as plain YAML-ready values."""
    host = meeting.next_meeting.state if meeting.next_meeting else None
    previous = meeting.model_dump(mode="json", exclude_defaults=True)
    previous.pop("end_date", None)
    previous.setdefault("next_meeting", None)
    rules: dict[str, Callable[[Any], Any]] = {
        "number": lambda n: n + 1,
        "date": lambda _: _ask("date"),
        "venue": lambda _: {"city": _ask("city"), "state": host or _ask("host")},
        "chair": lambda _: {
            "name": _ask("chair.name"),
            "position": _ask("chair.position"),
            "state": host or _ask("chair.state"),
        },
        "participants": lambda items: [_attendee(item) for item in items],
        "officials": lambda items: [_attendee(item) for item in items],
        "next_meeting": lambda _: {"state": _ask("next")},
        **dict.fromkeys(_PER_MEETING, _previously),
    }
    data: dict[str, Any] = {"kind": meeting.kind, "language": meeting.language}
    for name in Meeting.model_fields:
        if name in previous and name not in data:
            data[name] = rules.get(name, lambda value: value)(previous[name])
    series = previous.get("series")
    if isinstance(series, dict) and series.get("id"):
        data["series"] = series["id"]  # named, as the previous file may have named it
    return data


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)


def _one_line(value: str) -> str:
    """A value as one YAML double-quoted line, every unprintable character escaped."""
    text = yaml.safe_dump(value, default_style='"', allow_unicode=False, width=1 << 30)
    return text.removesuffix("\n...\n").strip()


def _which(data: dict[str, Any]) -> str:
    # The draft's comments are English whatever the record's language ("the 8th").
    number = data.get("number")
    return f"the {_ordinal(number)} meeting" if isinstance(number, int) else "the next meeting"


def _ordinal(number: int) -> str:
    from .language import Language  # Babel's locale data, loaded only for a draft

    return Language("en-GB").ordinal(number)


def _comment(text: str) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in text.split("\n"))


def draft_text(previous: str | os.PathLike[str]) -> str:
    """The YAML text of a draft for the meeting after ``previous``."""
    meeting, _warnings = load_checked(previous)  # the previous release is published as it is
    data = draft_data(meeting)
    source = _one_line(Path(previous).name)
    parts = [
        schema_modeline() + "\n",  # a file: URL, which works wherever the draft is saved
        _comment(
            f"\nDRAFT of {_which(data)}, made by `pressgen new` from {source}.\n"
            f'Every value that starts with "{TO_CONFIRM}" must be replaced before the release\n'
            "can be rendered: `pressgen check` lists those left, with their lines.\n"
            "The organisation, the series and the delegations are carried over from the\n"
            "previous meeting: check that they still hold."
        ),
    ]
    for name, value in data.items():
        guide = _GUIDE.get(name) or (_FROM_PREVIOUS if name in _PER_MEETING else "")
        parts.append("\n" + (_comment(guide) if guide else "") + _dump({name: value}))
    return "".join(parts)
