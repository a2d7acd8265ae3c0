"""The web page's fonts: the bundled Noto faces, cut down to the page's characters.

A standalone page cannot rely on its reader having Noto, and a page that loads
fonts from elsewhere is no longer standalone. So each face the page uses is
subset with fontTools (a WeasyPrint dependency) to the characters of this page,
compressed as WOFF2 and embedded as a ``data:`` URL — a few kilobytes per face.
Fonts come from the template folders, so a user's folder may replace them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .. import resources
from ..tree import Emphasis, Inline, Link, Release, Role, Text
from .font_cache import subset


@dataclass(frozen=True)
class Face:
    """One bundled font face and the CSS that selects it."""

    family: str
    weight: int
    style: str
    file: str
    local: str
    """The face's full name, as ``local()`` finds an installed copy."""


SERIF = "Noto Serif"
SANS = "Noto Sans"
FACES = (
    Face(SERIF, 400, "normal", "fonts/NotoSerif-Regular.ttf", "Noto Serif Regular"),
    Face(SERIF, 700, "normal", "fonts/NotoSerif-Bold.ttf", "Noto Serif Bold"),
    Face(SERIF, 400, "italic", "fonts/NotoSerif-Italic.ttf", "Noto Serif Italic"),
    Face(SERIF, 700, "italic", "fonts/NotoSerif-BoldItalic.ttf", "Noto Serif Bold Italic"),
    Face(SANS, 400, "normal", "fonts/NotoSans-Regular.ttf", "Noto Sans Regular"),
    Face(SANS, 700, "normal", "fonts/NotoSans-Bold.ttf", "Noto Sans Bold"),
)
_LICENCE = (0, 1, 2, 3, 4, 5, 6, 13, 14)
"""The name records a web subset keeps: the family's names, and the licence and its URL."""
ALWAYS = "0123456789 .,;:-\u2013\u2014\u00b7\u2026()'\u2019\u00a0"
"""Characters every subset keeps, for the page's own furniture."""


def has_emphasis(nodes: tuple[Inline, ...]) -> bool:
    """Whether any of the nodes is, or holds, emphasis (italic)."""
    for node in nodes:
        match node:
            case Emphasis():
                return True
            case Link(children=children) if has_emphasis(children):
                return True
            case Text() | Link():
                pass
    return False


def faces_used(release: Release) -> tuple[Face, ...]:
    """The faces the page's stylesheet sets this release in (italics only if needed)."""
    titles = release.of_role(Role.TITLE)
    body = release.of_role(Role.PARAGRAPH)
    wanted = [FACES[0], FACES[1], FACES[4], FACES[5]]
    if any(has_emphasis(block.children) for block in body):
        wanted.append(FACES[2])
    if any(has_emphasis(title.children) for title in titles):
        wanted.append(FACES[3])
    return tuple(wanted)


def characters(release: Release, *extra: str) -> str:
    """Every character the page may show, in both cases (the letterhead is capitals)."""
    text = "".join(block.text for block in release.blocks) + "".join(extra) + ALWAYS
    return "".join(sorted(set(text) | set(text.upper()) | set(text.lower())))


def font_face_css(release: Release, template_dirs: tuple[Path, ...], *extra: str) -> Markup:
    """``@font-face`` rules for the faces the page uses, each an embedded subset."""
    chars = characters(release, *extra)
    rules = []
    for face in faces_used(release):
        path = resources.find(face.file, template_dirs)
        data = base64.b64encode(
            subset(path, path.stat().st_mtime_ns, chars, flavor="woff2", name_ids=_LICENCE)
        ).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight};'
            f" font-style: {face.style}; font-display: swap;"
            # A reader with Noto installed gets the full font (with its kerning).
            f' src: local("{face.local}"), url("data:font/woff2;base64,{data}") format("woff2"); }}'
        )
    return Markup("\n".join(rules))
