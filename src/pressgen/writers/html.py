"""The HTML writer: the release as a standalone HTML5 page.

The page is a Jinja template (``html/release.html.j2``) with the stylesheets
``css/release.css`` and ``css/print.css`` inlined, so the one file is complete. The
blocks' text is escaped here and nowhere else; U+00A0 is written as the character.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from markupsafe import Markup, escape

from .. import resources
from ..errors import TemplateError
from ..tree import Block, Emphasis, Inline, Link, Release, Role, Text
from ..wording import page_environment
from . import Options

TEMPLATE = "html/release.html.j2"
STYLESHEETS = (
    ("css/release.css", "all"),
    ("css/languages.css", "all"),
    ("css/print.css", "print"),
)


@dataclass(frozen=True)
class HtmlBlock:
    """A block as the page template sees it."""

    role: str
    html: Markup


def inline_html(nodes: tuple[Inline, ...]) -> Markup:
    """Inline nodes as escaped HTML."""
    parts: list[Markup] = []
    for node in nodes:
        match node:
            case Text(text=text):
                parts.append(escape(text))
            case Emphasis(children=children):
                parts.append(Markup("<em>{}</em>").format(inline_html(children)))
            case Link(href=href, children=children):
                parts.append(Markup('<a href="{}">{}</a>').format(href, inline_html(children)))
            case _:
                assert_never(node)
    return Markup("").join(parts)


def _block(block: Block) -> HtmlBlock:
    return HtmlBlock(block.role.value, inline_html(block.children))


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


def page(
    release: Release, options: Options, stylesheets: tuple[tuple[str, str], ...] = STYLESHEETS
) -> str:
    """The release as an HTML page, with the given (file, media) stylesheets inlined."""
    title = release.of_role(Role.TITLE)
    subtitle = release.of_role(Role.SUBTITLE)
    env = page_environment(options.template_dirs)
    sheets = [
        {"media": media, "css": stylesheet(name, options.template_dirs)}
        for name, media in stylesheets
    ]
    return env.render_page(
        TEMPLATE,
        meta=release.meta,
        title=_block(title[0]) if title else None,
        subtitle=_block(subtitle[0]) if subtitle else None,
        paragraphs=[_block(b) for b in release.of_role(Role.PARAGRAPH)],
        stylesheets=sheets,
    )


def write(release: Release, options: Options) -> bytes:
    """The standalone HTML page as UTF-8 bytes."""
    return page(release, options).encode("utf-8")
