"""The plain-text writer: the canonical text, in the published layout.

Title line, subtitle line, a blank line, then the paragraphs separated by blank
lines; no final newline (as the published text). UTF-8, U+00A0 kept.
"""

from __future__ import annotations

from ..tree import Release, Role
from . import Options


def text(release: Release) -> str:
    """The release as canonical text."""
    (title,) = release.of_role(Role.TITLE)
    (subtitle,) = release.of_role(Role.SUBTITLE)
    paragraphs = [block.text for block in release.of_role(Role.PARAGRAPH)]
    return "\n\n".join([f"{title.text}\n{subtitle.text}", *paragraphs])


def write(release: Release, options: Options) -> bytes:
    """The canonical text as UTF-8 bytes."""
    return text(release).encode("utf-8")
