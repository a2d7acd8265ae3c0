"""The wording: the meeting rendered once, through a Jinja template, into release markup.

One environment of :mod:`pressgen.templating` per language and template search path,
with autoescape (the output is XML, so data can never become markup) and
StrictUndefined (a misspelt field in a template is an error with its line, never an
empty string). The template sees the meeting as plain read-only data. The filters
below are the only language logic in Python; their words and patterns come from the
language data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from markupsafe import Markup, escape

from . import resources
from .model import Meeting
from .templating import Templates as Templates

ListStyle = Literal[
    "standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"
]


_RANGE_PATTERNS = {"same_month": ["d", "long"], "same_year": ["d MMMM", "long"]}
"""The CLDR date patterns of a span's first and last day, unless the language data
gives its own ``date_range_patterns``: "15–16 June 2024", "30 June–1 July 2024"."""


class Language:
    """The filters of one language: ordinals, dates, lists, possessives, state names."""

    def __init__(self, tag: str, user_dirs: tuple[Path, ...] = ()) -> None:
        self.tag = tag
        self.primary = tag.split("-")[0].lower()
        data = resources.language(tag, user_dirs)
        self.locale = Locale.parse(data["locale"])
        self._suffixes: dict[str, str] = data["ordinal_suffixes"]
        self._possessive: dict[str, str] = data["possessive"]
        self._range_separator: str = data["date_range_separator"]
        self._range_patterns: dict[str, list[str]] = {
            **_RANGE_PATTERNS,
            **data.get("date_range_patterns", {}),
        }

    def ordinal(self, number: int) -> str:
        """7 → "7th", by the CLDR ordinal category of the number."""
        category = self.locale.ordinal_form(number)
        return f"{number}{self._suffixes.get(category, self._suffixes['other'])}"

    def date(self, value: dt.date, format: str = "long") -> str:
        """A date in the language's long form: "14 April 2017"."""
        return str(format_date(value, format, locale=self.locale))

    def date_range(self, start: dt.date, end: dt.date | None = None) -> str:
        """A day or a span of days: "14 April 2017", "15–16 June 2024", "30 June–1 July 2024"."""
        if end is None or end == start:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            first, last = self._range_patterns["same_month"]
        elif start.year == end.year:
            first, last = self._range_patterns["same_year"]
        else:
            first, last = "long", "long"
        return f"{self.date(start, first)}{self._range_separator}{self.date(end, last)}"

    def join_list(self, items: Iterable[Any], style: ListStyle = "standard") -> Markup:
        """["a", "b", "c"] → "a, b and c", by the locale's list patterns.

        Items are escaped unless already markup (as Jinja's own ``join`` does), so the
        result is safe to place in the template's output.
        """
        return Markup(format_list([str(escape(item)) for item in items], style, locale=self.locale))

    def possessive(self, name: str) -> str:
        """The genitive of a name with no recorded form: "Belarus" → "Belarus'"."""
        pattern = self._possessive["ends_in_s" if name.endswith("s") else "default"]
        return pattern.format(name=name)

    def state(self, code: str, form: str = "short") -> str:
        """A state's name in one of its recorded forms (short, formal, possessive, adjective)."""
        names = resources.states()[code]["names"].get(self.primary)
        if names is None:
            raise ValueError(f"no {self.primary!r} names for state {code!r} in the reference data")
        return str(names[form])


def _attending_as(attendee: Any, status: str) -> bool:
    """Test: whether an attendee takes part with ``status`` (a body counts as a member)."""
    return bool(getattr(attendee, "status", "member") == status)


@cache
def wording_environment(tag: str, user_dirs: tuple[Path, ...] = ()) -> Templates:
    """The wording templates of one language, with that language's filters."""
    # The language data is the package's, as the typography reads it (which takes no
    # template folders): a user's languages/*.yaml would change the dates only.
    language = Language(tag)
    templates = Templates(user_dirs)
    templates.env.tests["attending_as"] = _attending_as
    templates.add_filters(
        ordinal=language.ordinal,
        date=language.date,
        date_range=language.date_range,
        join_list=language.join_list,
        possessive=language.possessive,
        state=language.state,
    )
    return templates


def template_name(meeting: Meeting) -> str:
    """The wording template of a meeting: ``wording/<language>/<kind>.xml.j2``."""
    return f"wording/{meeting.language.split('-')[0].lower()}/{meeting.kind}.xml.j2"


def render_markup(meeting: Meeting, user_dirs: Sequence[Path] = ()) -> tuple[str, str]:
    """The release markup of a meeting, and the path of the template that made it."""
    templates = wording_environment(meeting.language, resources.folders(user_dirs))
    name = template_name(meeting)
    markup = templates.render_page(name, meeting=meeting)
    return markup, templates.path_of(name)
