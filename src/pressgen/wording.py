"""The wording: the meeting rendered once, through a Jinja template, into release markup.

One sandboxed Jinja environment per language and template search path, with
autoescape (the output is XML, so data can never become markup) and StrictUndefined
(a misspelt field in a template is an error with its line, never an empty string).
The filters below are the only language logic in Python; their words and patterns
come from the language data.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from . import domain, resources
from .errors import TemplateError
from .model import Meeting, Organisation
from .multilingual import resolve

ListStyle = Literal[
    "standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"
]


class Language:
    """The filters of one language: ordinals, dates, lists, possessives, state names."""

    def __init__(self, tag: str, user_dirs: tuple[Path, ...] = ()) -> None:
        self.tag = tag
        self.primary = tag.split("-")[0].lower()
        self.user_dirs = user_dirs
        data = resources.language(tag, user_dirs)
        self.locale = Locale.parse(data["locale"])
        self._suffixes: dict[str, str] = data["ordinal_suffixes"]
        self._words: dict[str, Any] = data.get("ordinal_words", {})
        self._possessive: dict[str, str] = data["possessive"]
        self._range_separator: str = data["date_range_separator"]

    def ordinal(self, number: int, style: str = "figures") -> str:
        """7 → "7th" (by the CLDR ordinal category), or "seventh" with style "words"."""
        if style == "words":
            return self.ordinal_words(number)
        category = self.locale.ordinal_form(number)
        return f"{number}{self._suffixes.get(category, self._suffixes['other'])}"

    def ordinal_words(self, number: int) -> str:
        """7 → "seventh", 21 → "twenty-first", from the language data's words."""
        units: dict[int, str] = self._words.get("units", {})
        tens: dict[int, str] = self._words.get("tens", {})
        ordinal_tens: dict[int, str] = self._words.get("ordinal_tens", {})
        if number in units:
            return units[number]
        if number in ordinal_tens:
            return ordinal_tens[number]
        if 20 < number < 100 and number // 10 * 10 in tens and number % 10 in units:
            joiner = self._words.get("joiner", "-")
            return f"{tens[number // 10 * 10]}{joiner}{units[number % 10]}"
        raise ValueError(f"no ordinal in words for {number} in the {self.primary!r} language data")

    def date(self, value: dt.date, format: str = "long") -> str:
        """A date in the language's long form: "14 April 2017"."""
        return str(format_date(value, format, locale=self.locale))

    def date_range(self, start: dt.date, end: dt.date | None = None) -> str:
        """A day or a span of days: "14 April 2017", "15–16 June 2024", "30 June–1 July 2024"."""
        if end is None or end == start:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            first = format_date(start, "d", locale=self.locale)
        elif start.year == end.year:
            first = format_date(start, "d MMMM", locale=self.locale)
        else:
            first = self.date(start)
        return f"{first}{self._range_separator}{self.date(end)}"

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
        """A state's name in one of its forms (short, formal, possessive, adjective…).

        From ``data/states/<language>.yaml`` (the user's folders first); the short
        name, if not there, from CLDR's territory names.
        """
        forms = resources.data(f"states/{self.primary}", self.user_dirs).get(code) or {}
        if form in forms:
            return str(forms[form])
        if form == "short" and code in self.locale.territories:
            return str(self.locale.territories[code])
        raise ValueError(
            f"state {code}: no {form!r} form of its name in data/states/{self.primary}.yaml;"
            " add it there, or in a --templates folder's copy"
        )

    def members(self, organisation: Any, day: dt.date) -> list[str]:
        """The member states of an organisation on a day (codes), from its reference data."""
        data = domain.membership(organisation.id or _as_organisation(organisation), self.user_dirs)
        if data is None:
            raise ValueError(f"no membership data for the organisation {organisation.name!r}")
        return domain.members_on(data, day)


def _as_organisation(organisation: Any) -> Organisation:
    return Organisation(name=organisation.name, short_name=organisation.short_name)


def _sentence_start(text: Any) -> Any:
    """The text with its first letter capitalised (the rest untouched, unlike ``capitalize``)."""
    if isinstance(text, Markup):
        return Markup(text[:1].upper()) + text[1:]
    return str(text)[:1].upper() + str(text)[1:]


def _attending_as(attendee: Any, status: str) -> bool:
    """Test: whether an attendee takes part with ``status`` (a body counts as a member)."""
    return getattr(attendee, "status", "member") == status


def _invited(attendee: Any) -> bool:
    """Test: whether an attendee came at the meeting's invitation (a body so marked)."""
    return bool(getattr(attendee, "invited", False))


def _each(items: Iterable[Any], function: Any, *args: Any) -> list[Any]:
    """Apply a macro (or any callable) to every item: ``participants|each(attendee)``;
    further arguments go to each call: ``each(attendee, "title-first")``."""
    return [function(item, *args) for item in items]


class Templates:
    """A sandboxed Jinja environment over a template search path, with pressgen's errors.

    Autoescape is on for every template and undefined names are errors. Any failure
    while loading or rendering becomes a :class:`TemplateError` naming the template
    file and line.
    """

    def __init__(self, user_dirs: tuple[Path, ...], *, markup: bool = True) -> None:
        # markup=False is for templates that write plain text (the YAML of a draft),
        # where every value is quoted by a filter instead of escaped.
        self.folders = [str(p) for p in resources.search_path(user_dirs)]
        # "pressgen/<name>" always names the built-in template, so that a house
        # style of the same name can extend the one it replaces.
        builtin = jinja2.FileSystemLoader(str(resources.package_templates()))
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.ChoiceLoader(
                [jinja2.FileSystemLoader(self.folders), jinja2.PrefixLoader({"pressgen": builtin})]
            ),
            autoescape=markup,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=not markup,
        )
        self.env.filters["each"] = _each
        self.env.filters["sentence_start"] = _sentence_start
        self.env.tests["attending_as"] = _attending_as
        self.env.tests["invited"] = _invited

    def _where(self, exc: BaseException, name: str) -> tuple[str, int]:
        # Jinja rewrites tracebacks so that template frames carry the template's file
        # name and line: the innermost such frame is where the template failed.
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if any(frame.filename.startswith(folder) for folder in self.folders):
                return frame.filename, frame.lineno or 0
        return name, 0

    def render_page(self, name: str, **context: Any) -> str:
        """Render template ``name`` with ``context``; return its text."""
        try:
            template = self.env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateError("template not found", name) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.message or "syntax error", exc.filename or name, exc.lineno
            ) from None
        try:
            return template.render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.message or "syntax error", exc.filename or name, exc.lineno
            ) from None
        except Exception as exc:  # any failure inside a template is the template's
            file, line = self._where(exc, template.filename or name)
            raise TemplateError(f"{type(exc).__name__}: {exc}", file, line) from None

    def path_of(self, name: str) -> str:
        """The file a template name resolves to (for messages)."""
        try:
            return self.env.get_template(name).filename or name
        except jinja2.TemplateError:
            return name


@cache
def page_environment(user_dirs: tuple[Path, ...] = ()) -> Templates:
    """The templates for writers' pages (HTML), over a search path."""
    return Templates(user_dirs)


@cache
def wording_environment(tag: str, user_dirs: tuple[Path, ...] = ()) -> Templates:
    """The wording templates of one language, with that language's filters."""
    language = Language(tag, user_dirs)
    templates = Templates(user_dirs)
    templates.env.filters.update(
        members=language.members,
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
    dirs = tuple(Path(d) for d in user_dirs)
    templates = wording_environment(meeting.language, dirs)
    name = template_name(meeting)
    # The wording sees the meeting in the one language it writes, with every text
    # resolved and the derived facts written in.
    markup = templates.render_page(name, meeting=resolve(meeting, meeting.language, dirs))
    return markup, templates.path_of(name)
