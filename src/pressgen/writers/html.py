"""The HTML writer: the release as a standalone HTML5 page.

The page is a Jinja template (``html/release.html.j2``) with the stylesheets
``css/release.css`` and ``css/print.css`` inlined, so the one file is complete. The
blocks' text is escaped here and nowhere else; U+00A0 is written as the character.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from markupsafe import Markup, escape

from .. import resources
from ..errors import TemplateError
from ..templating import page_environment
from ..tree import Block, Emphasis, Inline, Link, Release, Role, Text, plain
from . import Options
from .presentation import (
    bind_last_words,
    description,
    held_together,
    json_ld,
    open_graph_locale,
    running_head,
)
from .webfonts import font_face_css

TEMPLATE = "html/release.html.j2"
STYLESHEETS = (
    ("css/release.css", "all"),
    ("css/languages.css", "all"),
    ("css/screen.css", "screen"),
    ("css/print.css", "print"),
)
"""The page's stylesheets and their media; ``screen.css`` is for browsers only."""
EMBLEM = "images/emblem.svg"


@dataclass(frozen=True)
class HtmlBlock:
    """A block as the page template sees it."""

    role: str
    html: Markup


@dataclass
class _Time:
    """The meeting's date as the text writes it, to be marked up once as ``<time>``."""

    text: str
    datetime: str
    web: bool = True
    """On the web a ``<time>`` kept on one line by CSS. In the PDF no-break spaces and a
    word joiner after a range's dash: WeasyPrint 70 breaks lines badly before a
    ``nowrap`` or inline-block box (it left one word alone on the line before)."""
    done: bool = False

    def mark(self, text: str) -> Markup | None:
        if self.done or not self.text or self.text not in text:
            return None
        self.done = True
        before, after = text.split(self.text, 1)
        if not self.web:
            return escape(before + held_together(self.text) + after)
        return Markup('{}<time datetime="{}">{}</time>{}').format(
            before, self.datetime, self.text, after
        )


def inline_html(nodes: tuple[Inline, ...], time: _Time | None = None) -> Markup:
    """Inline nodes as escaped HTML (the meeting's date, if given, as ``<time>``)."""
    parts: list[Markup] = []
    for node in nodes:
        match node:
            case Text(text=text):
                marked = time.mark(text) if time is not None else None
                parts.append(marked if marked is not None else escape(text))
            case Emphasis(children=children):
                parts.append(Markup("<em>{}</em>").format(inline_html(children, time)))
            case Link(href=href, children=children):
                # Paper prints a link's address after it, unless the text is the address.
                bare = Markup(' class="bare"') if plain_text(children) == href else Markup("")
                parts.append(
                    Markup('<a href="{}"{}>{}</a>').format(href, bare, inline_html(children))
                )
            case _:
                assert_never(node)
    return Markup("").join(parts)


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The text of inline nodes."""
    return "".join(plain(nodes))


def _block(block: Block, time: _Time | None = None) -> HtmlBlock:
    return HtmlBlock(block.role.value, inline_html(block.children, time))


def stylesheet(name: str, template_dirs: tuple[Path, ...]) -> Markup:
    """A stylesheet's text, marked safe for a ``<style>`` element.

    Escaping would break the CSS silently; instead a stylesheet that could close its
    ``<style>`` element early is refused.
    """
    css = resources.read_text(name, template_dirs)
    if "</" in css:
        raise TemplateError(
            "a stylesheet must not contain '</'", str(resources.find(name, template_dirs))
        )
    return Markup(css)


def emblem(template_dirs: tuple[Path, ...]) -> str:
    """The letterhead's emblem as a ``data:`` URL (the page stays one file)."""
    data = resources.find(EMBLEM, template_dirs).read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def page(
    release: Release,
    options: Options,
    stylesheets: tuple[tuple[str, str], ...] = STYLESHEETS,
    *,
    web: bool = True,
) -> str:
    """The release as an HTML page, with the given (file, media) stylesheets inlined.

    ``web`` embeds subsets of the bundled fonts (the PDF writer loads them itself).
    """
    title = release.of_role(Role.TITLE)
    subtitle = release.of_role(Role.SUBTITLE)
    meta = release.meta
    env = page_environment(options.template_dirs)
    sheets = [
        {"media": media, "css": stylesheet(name, options.template_dirs)}
        for name, media in stylesheets
    ]
    head = running_head(release)
    event = meta.event
    time = _Time(event.when, event.start.isoformat(), web) if event is not None else None
    return env.render_page(
        TEMPLATE,
        meta=meta,
        title=HtmlBlock(title[0].role.value, inline_html(bind_last_words(title[0].children)))
        if title
        else None,
        subtitle=_block(subtitle[0]) if subtitle else None,
        paragraphs=[_block(b, time) for b in release.of_role(Role.PARAGRAPH)],
        stylesheets=sheets,
        fonts=font_face_css(release, options.template_dirs, meta.publisher, head)
        if web
        else Markup(""),
        emblem=emblem(options.template_dirs),
        running_head=head,
        # The PDF's Subject is the subtitle; a web preview shows the first paragraph.
        description=description(release) if web else meta.description,
        og_locale=open_graph_locale(meta.language),
        json_ld=json_ld(release),
    )


def write(release: Release, options: Options) -> bytes:
    """The standalone HTML page as UTF-8 bytes."""
    return page(release, options).encode("utf-8")
