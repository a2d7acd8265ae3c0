"""One record, several languages: resolving a meeting to the one language being written.

A text of the model (:data:`~pressgen.model_base.TextLine`) is one string for every
language, or a mapping by language. Before the wording sees a meeting, every such
text is resolved to the language being written, and what the wording would
otherwise have to work out is written into the data: the organisation's names from
its reference data, the series' name variants that were left out. A language the
record promises (``languages``) but a text lacks is one error per field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from babel import Locale
from pydantic import BaseModel

from . import resources, series
from .errors import DataError, Problem
from .model import Meeting

FieldPath = tuple[str | int, ...]


def primary(tag: str) -> str:
    """The primary language subtag: "en-GB" → "en"."""
    return tag.split("-")[0].lower()


def languages_of(meeting: Meeting) -> tuple[str, ...]:
    """The languages a meeting is written for: ``languages``, or its ``language``."""
    return meeting.languages or (meeting.language,)


def language_name(tag: str) -> str:
    """A language's English name, for messages: "ru" → "Russian"."""
    return str(Locale.parse("en").languages.get(primary(tag), tag))


def pick(text: str | Mapping[str, str], tag: str) -> str | None:
    """A text in one language: the string itself, or the mapping's entry for the tag
    (exactly, else by its primary subtag); None if the mapping has none."""
    if isinstance(text, str):
        return text
    if tag in text:
        return text[tag]
    wanted = primary(tag)
    for key, value in text.items():
        if primary(key) == wanted:
            return value
    return None


def _walk(value: Any, tag: str, path: FieldPath, missing: list[FieldPath]) -> Any:
    # After validation the only dicts in a meeting are texts by language: models are
    # BaseModel instances and lists are tuples.
    if isinstance(value, BaseModel):
        return {
            name: _walk(getattr(value, name), tag, (*path, name), missing)
            for name in type(value).model_fields
        }
    if isinstance(value, tuple):
        return [_walk(item, tag, (*path, i), missing) for i, item in enumerate(value)]
    if isinstance(value, dict):
        text = pick(value, tag)
        if text is None:
            missing.append(path)
            return "?"
        return text
    return value


def missing_texts(meeting: Meeting, tag: str) -> list[FieldPath]:
    """The fields whose text is given by language but not in ``tag``."""
    missing: list[FieldPath] = []
    _walk(meeting, tag, (), missing)
    return missing


def dotted(path: FieldPath) -> str:
    """``("participants", 2, "name")`` → ``participants[2].name``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def missing_message(tag: str) -> str:
    """The message for a text missing in a language: "no Russian text (ru)"."""
    return f"no {language_name(tag)} text ({tag})"


def organisation_names(org_id: str, tag: str, user_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """An organisation's name and short name in a language, from its reference data."""
    data = resources.data(f"organisations/{org_id}", user_dirs)
    if not data:
        raise DataError(
            [Problem(f"no reference data for organisation {org_id!r}", None, "organisation")]
        )
    names = data.get("names", {})
    found = names.get(tag) or names.get(primary(tag))
    if not isinstance(found, dict) or not {"name", "short_name"} <= found.keys():
        raise DataError(
            [
                Problem(
                    f"data/organisations/{org_id}.yaml has no {language_name(tag)} name"
                    f" and short_name ({primary(tag)})",
                    None,
                    "organisation",
                )
            ]
        )
    return {"name": str(found["name"]), "short_name": str(found["short_name"])}


def resolve(meeting: Meeting, tag: str, user_dirs: Sequence[Path] = ()) -> Meeting:
    """The meeting with every text in language ``tag`` and the derived facts written in.

    Raises :class:`DataError` with one problem per field that lacks the language.
    """
    missing: list[FieldPath] = []
    data = _walk(meeting, tag, (), missing)
    if missing:
        raise DataError([Problem(missing_message(tag), None, dotted(p)) for p in missing])
    data["language"] = tag
    organisation = data["organisation"]
    if isinstance(organisation, str):
        data["organisation"] = {
            "id": organisation,
            **organisation_names(organisation, tag, user_dirs),
        }
    series.write_in_delegations(data, meeting, user_dirs)
    names = data["series"]["names"]
    names["full"] = names["full"] or names["title"]
    names["running"] = names["running"] or names["full"]
    return Meeting.model_validate(data)
