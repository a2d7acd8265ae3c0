"""The plain-text writer: the canonical text, in the published layout.

Title line, subtitle line, a blank line, then the paragraphs separated by blank
lines; no final newline (as the published text). UTF-8, U+00A0 kept. A release
without a subtitle, or without any heading, starts with what it has.
"""

from __future__ import annotations

from ..tree import Release, Role
from . import Options


def text(release: Release) -> str:
    """The release as canonical text."""
    heading = [
        block.text for block in (*release.of_role(Role.TITLE), *release.of_role(Role.SUBTITLE))
    ]
    paragraphs = [block.text for block in release.of_role(Role.PARAGRAPH)]
    return "\n\n".join(["\n".join(heading), *paragraphs] if heading else paragraphs)


def write(release: Release, options: Options) -> bytes:
    """The canonical text as UTF-8 bytes."""
    return text(release).encode("utf-8")
