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
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import domain, resources
from .errors import TemplateError
from .language import Language as BaseLanguage
from .model import Meeting, Organisation
from .multilingual import resolve


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
    dirs = tuple(Path(d) for d in user_dirs)
    tag = language or meeting.language
    # The wording sees the meeting in the one language it writes, with every text
    # resolved and the derived facts written in.
    resolved = resolve(meeting, tag, dirs)
    templates = wording_environment(tag, dirs)
    name = template_name(resolved)
    markup = templates.render_page(name, meeting=resolved)
    return markup, templates.path_of(name)
