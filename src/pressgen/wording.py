"""The wording: the meeting rendered once, through a Jinja template, into release markup.

One environment of :mod:`pressgen.templating` per language and template search path,
with autoescape (the output is XML, so data can never become markup) and
StrictUndefined (a misspelt field in a template is an error with its line, never an
empty string). The template sees the meeting as plain read-only data, resolved to
the one language it writes. The filters are the only language logic in Python
(:mod:`pressgen.language`); their words and patterns come from the language data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from . import domain, resources
from .language import Language as BaseLanguage
from .model import Meeting, Organisation
from .multilingual import resolve
from .templating import Templates as Templates


class Language(BaseLanguage):
    """A language's filters for the wording, with the membership of organisations."""

    def members(self, organisation: Any, day: dt.date) -> list[str]:
        """The member states of an organisation on a day (codes), from its reference data."""
        data = domain.membership(organisation.id or _as_organisation(organisation), self.user_dirs)
        if data is None:
            raise ValueError(f"no membership data for the organisation {organisation.name!r}")
        return domain.members_on(data, day)


def _as_organisation(organisation: Any) -> Organisation:
    return Organisation(name=organisation.name, short_name=organisation.short_name)


def _attending_as(attendee: Any, status: str) -> bool:
    """Test: whether an attendee takes part with ``status`` (a body counts as a member)."""
    return bool(getattr(attendee, "status", "member") == status)


def _invited(attendee: Any) -> bool:
    """Test: whether an attendee came at the meeting's invitation (a body so marked)."""
    return bool(getattr(attendee, "invited", False))


@cache
def wording_environment(tag: str, user_dirs: tuple[Path, ...] = ()) -> Templates:
    """The wording templates of one language, with that language's filters."""
    language = Language(tag, user_dirs)
    templates = Templates(user_dirs)
    templates.env.tests.update(attending_as=_attending_as, invited=_invited)
    templates.add_filters(
        members=language.members,
        ordinal=language.ordinal,
        date=language.date,
        date_range=language.date_range,
        join_list=language.join_list,
        possessive=language.possessive,
        state=language.state,
        inflect=language.inflect,
        place=language.place,
    )
    return templates


def template_name(meeting: Meeting) -> str:
    """The wording template of a meeting: ``wording/<language>/<kind>.xml.j2``."""
    return f"wording/{meeting.language.split('-')[0].lower()}/{meeting.kind}.xml.j2"


def render_markup(
    meeting: Meeting, user_dirs: Sequence[Path] = (), language: str | None = None
) -> tuple[str, str]:
    """The release markup of a meeting in one language (default: its ``language``),
    and the path of the template that made it."""
    dirs = resources.folders(user_dirs)
    tag = language or meeting.language
    # The wording sees the meeting in the one language it writes, with every text
    # resolved and the derived facts written in.
    resolved = resolve(meeting, tag, dirs)
    templates = wording_environment(tag, dirs)
    name = template_name(resolved)
    markup = templates.render_page(name, meeting=resolved)
    return markup, templates.path_of(name)
