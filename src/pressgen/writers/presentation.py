"""Presentation steps the page writers share: the title's last words, running heads,
the short description, and the web page's structured data.

These change how a release is set, never what it says: the text writer does not use
them, so the canonical text stays exactly the wording's.
"""

from __future__ import annotations

import json
import re
from typing import Any, assert_never

from markupsafe import Markup

from ..tree import Emphasis, Inline, Link, Release, Role, Text

NBSP = "\u00a0"
DESCRIPTION_LENGTH = 160
"""The longest meta description search engines and link previews show in full."""
_LAST_SPACE = re.compile(r" (?=[^ ]*$)")


def bind_last_words(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The title with a no-break space between its last two words.

    A title then never ends on a line of one word ("a widow"). Only a plain space
    inside the title's last text run is bound; if the last two words straddle a link
    or emphasis, the title is left as it is.
    """
    if not nodes:
        return nodes
    *head, last = nodes
    match last:
        case Text(text=text):
            if " " not in text.rstrip(" "):
                return nodes
            return (*head, Text(_LAST_SPACE.sub(NBSP, text.rstrip(" "), count=1)))
        case Emphasis(children=children):
            return (*head, Emphasis(bind_last_words(children)))
        case Link(href=href, children=children):
            return (*head, Link(href, bind_last_words(children)))
        case _:
            assert_never(last)


def held_together(text: str) -> str:
    """A phrase (a date) that must not break across lines: no-break spaces, and a word
    joiner after a dash, which would otherwise be a break opportunity."""
    return text.replace(" ", NBSP).replace("\u2013", "\u2013\u2060")


def hold_phrase(nodes: tuple[Inline, ...], phrase: str) -> tuple[Inline, ...]:
    """The nodes with the first whole occurrence of ``phrase`` in a text run held together."""
    if not phrase:
        return nodes
    out: list[Inline] = []
    done = False
    for node in nodes:
        if not done and isinstance(node, Text) and phrase in node.text:
            out.append(Text(node.text.replace(phrase, held_together(phrase), 1)))
            done = True
        else:
            out.append(node)
    return tuple(out)


def running_head(release: Release) -> str:
    """The line at the top of continuation pages: "SCO · The 7th Meeting of …".

    It names the meeting (the event's name, else the title): a report's or an
    announcement's title would begin with its kind and say less in the space.
    """
    meta = release.meta
    name = meta.event.name if meta.event is not None and meta.event.name else meta.title
    return f"{meta.publisher_short or meta.publisher} \u00b7 {name}"


def description(release: Release, limit: int = DESCRIPTION_LENGTH) -> str:
    """The first paragraph, cut at a word to at most ``limit`` characters, for previews."""
    paragraphs = release.of_role(Role.PARAGRAPH)
    text = (paragraphs[0].text if paragraphs else release.meta.description).replace(NBSP, " ")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "\u2026"


def open_graph_locale(language: str) -> str:
    """A BCP 47 tag as Open Graph writes locales: "en-GB" → "en_GB"."""
    return language.replace("-", "_")


def json_ld(release: Release) -> Markup:
    """The release as schema.org ``NewsArticle`` JSON-LD, safe inside ``<script>``.

    Every ``<``, ``>`` and ``&`` is written as a JSON escape, so no text from the data
    can close the script element or open a comment in it; U+2028/U+2029 likewise.
    """
    meta = release.meta
    publisher: dict[str, Any] = {"@type": "Organization", "name": meta.publisher}
    if meta.publisher_short:
        publisher["alternateName"] = meta.publisher_short
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "description": description(release),
        "datePublished": meta.date.isoformat(),
        "dateModified": meta.date.isoformat(),
        "inLanguage": meta.language,
        "publisher": publisher,
        "author": publisher,
        "keywords": list(meta.keywords),
    }
    if meta.url:
        data["url"] = meta.url
        data["mainEntityOfPage"] = meta.url
    if meta.event is not None:
        event = meta.event
        data["about"] = {
            "@type": "Event",
            "name": event.name or meta.title,
            "startDate": event.start.isoformat(),
            "endDate": event.end.isoformat(),
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if event.online else "OfflineEventAttendanceMode"),
            "location": (
                # A videoconference's "location" names its host state, if any.
                {"@type": "VirtualLocation", **({"name": event.location} if event.location else {})}
                if event.online
                else {"@type": "Place", "name": event.location, "address": event.location}
            ),
            "organizer": publisher,
        }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)
