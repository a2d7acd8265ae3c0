"""The HTML writer: a standalone, valid HTML5 page carrying the tree's text."""

from __future__ import annotations

from html.parser import HTMLParser

import html5lib
import pytest

import pressgen

from .conftest import changed


@pytest.fixture(scope="module")
def page(meeting: pressgen.Meeting) -> str:
    return pressgen.render(meeting, "html").decode("utf-8")


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.title = ""
        self.styles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        elif tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "style":
            self.styles.append(values.get("media", ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_page_is_valid_html5(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>\n")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def test_head_carries_language_title_description_and_publisher(page: str) -> None:
    head = _Head()
    head.feed(page)
    assert head.lang == "en-GB"
    assert (
        head.title
        == "The 7th Meeting of Senior Officials of the SCO Member States’ Counternarcotics Agencies"
    )
    assert head.meta["description"].startswith("PRESS RELEASE on the results of the 7th Meeting")
    assert (
        head.meta["author"] == head.meta["dcterms.publisher"] == "Shanghai Cooperation Organisation"
    )
    assert head.meta["dcterms.created"] == "2017-04-14"
    assert head.styles == ["all", "all", "print"]


def test_semantic_elements(page: str) -> None:
    assert '<h1 class="release-title">' in page
    assert '<p class="release-subtitle">' in page
    assert "<article" in page
    assert "<main>" in page


def test_no_break_spaces_are_characters_not_entities(page: str) -> None:
    assert "held in\u00a0Astana on\u00a014 April 2017" in page
    assert "&nbsp;" not in page
    assert "&#160;" not in page


def test_quotes_and_markup_in_data_are_escaped_once(meeting: pressgen.Meeting) -> None:
    other = changed(meeting, venue={"city": 'Tash<kent> & "Co"', "state": "UZ"})
    page = pressgen.render(other, "html").decode("utf-8")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert (
        "Tash&lt;kent&gt; &amp; &#34;Co&#34;" in page
        or "Tash&lt;kent&gt; &amp; &quot;Co&quot;" in page
    )
