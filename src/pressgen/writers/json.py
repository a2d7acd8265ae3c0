"""The JSON writer: the Release tree itself, for publishing pipelines.

Metadata, then the blocks in order, each with its role, its plain text and its
inline content (text, emphasis, links). UTF-8, U+00A0 kept as the character, keys
in a fixed order, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any, assert_never

from ..tree import Emphasis, Inline, Link, Release, Text
from . import Options

SCHEMA_VERSION = 1
"""Raised when the shape of the output changes."""


def _inline(node: Inline) -> dict[str, Any]:
    match node:
        case Text(text=text):
            return {"type": "text", "text": text}
        case Emphasis(children=children):
            return {"type": "emphasis", "content": [_inline(c) for c in children]}
        case Link(href=href, children=children):
            return {"type": "link", "href": href, "content": [_inline(c) for c in children]}
        case _:
            assert_never(node)


def tree(release: Release) -> dict[str, Any]:
    """The release as plain data."""
    meta = release.meta
    return {
        "version": SCHEMA_VERSION,
        "meta": {
            "kind": meta.kind,
            "language": meta.language,
            "title": meta.title,
            "description": meta.description,
            "publisher": meta.publisher,
            "date": meta.date.isoformat(),
            "keywords": list(meta.keywords),
        },
        "blocks": [
            {
                "role": block.role.value,
                "text": block.text,
                "content": [_inline(node) for node in block.children],
            }
            for block in release.blocks
        ],
    }


def write(release: Release, options: Options) -> bytes:
    """The release tree as UTF-8 JSON."""
    return (json.dumps(tree(release), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
