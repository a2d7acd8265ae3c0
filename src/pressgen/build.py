"""The one place where the stages meet: meeting → wording → markup → typography → writers."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from . import arguments, markup, typography, writers
from .errors import PressgenError, UsageError, WriteError
from .load import domain_checked, meeting_from_data
from .model import InPerson, Meeting
from .multilingual import languages_of, pick, primary
from .output import check_stem, check_targets, write_files
from .tree import Release
from .wording import render_markup

DEFAULT_FORMATS = tuple(writers.REGISTRY)
"""Every format pressgen writes, in registry order."""


def build(
    meeting: Meeting,
    *,
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    language: str | None = None,
) -> Release:
    """The Release tree of a meeting in one language (default: the meeting's
    ``language``): its wording parsed, with the language's typography."""
    # A meeting built in code (even by model_copy, which skips validation) gets the
    # same validation and domain checks as one loaded from a file.
    dirs = arguments.folders(template_dirs)
    if isinstance(meeting, Meeting) and isinstance(meeting.series, str):
        # Built in code, naming its series file: completed from it, as a file is.
        meeting = meeting_from_data(meeting.model_dump(exclude_unset=True), template_dirs=dirs)
    meeting = arguments.meeting(meeting)
    domain_checked(meeting, user_dirs=dirs)
    text, template = render_markup(meeting, dirs, language)
    return typography.apply(markup.parse(text, template), dirs)


def _options(
    template_dirs: Sequence[str | os.PathLike[str]],
    pdf_variant: str | None,
    docx_template: str | os.PathLike[str] | None,
) -> writers.Options:
    return writers.Options(
        template_dirs=arguments.folders(template_dirs),
        pdf_variant=arguments.pdf_variant(pdf_variant),
        docx_template=arguments.optional_path(docx_template, "docx_template"),
    )


def write_release(release: Release, format: str, options: writers.Options) -> bytes:
    """One format of a built release."""
    write = writers.get(format).load()
    try:
        return write(release, options)
    except PressgenError:
        raise
    except Exception as exc:  # a writer library failing is a failure while writing
        raise WriteError(f"{format}: the writer failed: {type(exc).__name__}: {exc}") from exc


def render(
    meeting: Meeting,
    format: str = "txt",
    *,
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    pdf_variant: str | None = None,
    docx_template: str | os.PathLike[str] | None = None,
    language: str | None = None,
) -> bytes:
    """A meeting's release in one format, as bytes (text formats are UTF-8).

    ``language`` is one of the meeting's languages (default: its ``language``);
    ``template_dirs`` are folders of your own templates, searched first;
    ``pdf_variant`` is None, "pdf/a-3b" or "pdf/ua-1"; ``docx_template`` is a .docx
    whose styles, page setup, header and footer the DOCX output takes.
    """
    format = arguments.format_name(format)
    options = _options(template_dirs, pdf_variant, docx_template)
    if language is not None:
        (language,) = choose_languages(arguments.meeting(meeting), [language])
    release = build(meeting, template_dirs=template_dirs, language=language)
    return write_release(release, format, options)


def check(
    meeting: Meeting,
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    pdf_variant: str | None = None,
    docx_template: str | os.PathLike[str] | None = None,
    languages: Iterable[str] | None = None,
) -> None:
    """Run every stage that rendering ``formats`` runs, and write nothing.

    Language data, wording templates, markup, typography and each format's writer
    (page templates, stylesheets, fonts) all run, in every language to be written,
    so that a meeting this accepts fails :func:`render_to` only for a reason of the
    file system.
    """
    names = arguments.formats(formats)
    options = _options(template_dirs, pdf_variant, docx_template)
    meeting = arguments.meeting(meeting)
    for tag in choose_languages(meeting, languages):
        release = build(meeting, template_dirs=template_dirs, language=tag)
        for name in names:
            write_release(release, name, options)


def default_stem(meeting: Meeting) -> str:
    """A file name stem made from the data: ``sco-07-astana-2017``."""
    tag = meeting.language
    org = meeting.organisation
    short = org if isinstance(org, str) else pick(org.short_name, tag)
    city = pick(meeting.venue.city, tag) if isinstance(meeting.venue, InPerson) else "online"
    number = f"{meeting.number:02d}" if meeting.number is not None else ""
    raw = f"{short}-{number}-{city}-{meeting.date.year}"
    return re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-") or "release"


def render_to(
    meeting: Meeting,
    out_dir: str | os.PathLike[str],
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    stem: str | None = None,
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    pdf_variant: str | None = None,
    docx_template: str | os.PathLike[str] | None = None,
    languages: Iterable[str] | None = None,
    protect: Sequence[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Write a meeting's release in several formats to ``out_dir/<stem>.<suffix>``.

    ``languages`` (default: the meeting's ``languages``, else its ``language``) are
    written each in every format; with more than one, the files are named
    ``<stem>.<language>.<suffix>`` and the HTML pages name each other as alternates.
    Every file is rendered in memory first; only then are the files written. Either
    all the files are written or, on an error, none is. An output that would replace
    one of the files in ``protect`` (the meeting's own file, say) or the DOCX template
    is refused before anything is written.
    """
    chosen = [writers.get(name) for name in arguments.formats(formats)]
    folder = arguments.path(out_dir, "out_dir")
    inputs = [arguments.path(p, f"protect[{i}]") for i, p in enumerate(protect)]
    options = _options(template_dirs, pdf_variant, docx_template)
    if options.docx_template is not None:
        inputs.append(options.docx_template)
    meeting = arguments.meeting(meeting)
    if languages is not None:
        languages = arguments.names(languages, "languages")
    tags = choose_languages(meeting, languages)
    releases = {tag: build(meeting, template_dirs=template_dirs, language=tag) for tag in tags}
    stem = check_stem(stem or default_stem(meeting))
    if len(tags) > 1:
        html = writers.get("html").suffix
        pages = tuple((tag, f"{stem}.{tag}{html}") for tag in tags)
        releases = {
            tag: replace(release, meta=replace(release.meta, alternates=pages))
            for tag, release in releases.items()
        }
    work = [
        (folder / (f"{stem}{w.suffix}" if len(tags) == 1 else f"{stem}.{tag}{w.suffix}"), tag, w)
        for tag in tags
        for w in chosen
    ]
    check_targets([(path, stem) for path, _, _ in work], inputs)
    outputs = {path: write_release(releases[tag], w.name, options) for path, tag, w in work}
    return write_files(outputs)


def choose_languages(meeting: Meeting, wanted: Iterable[str] | None = None) -> tuple[str, ...]:
    """The languages to write: those asked for (each one the meeting is written in,
    matched by its primary subtag), else all the meeting's."""
    own = languages_of(meeting)
    if wanted is None:
        return own
    chosen: list[str] = []
    for tag in wanted:
        match = next((t for t in own if t == tag), None) or next(
            (t for t in own if primary(t) == primary(tag)), None
        )
        if match is None:
            raise UsageError(f"--lang {tag}: the meeting is written in {', '.join(own)} only")
        chosen.append(match)
    return tuple(dict.fromkeys(chosen))
