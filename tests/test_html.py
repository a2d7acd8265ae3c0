"""The HTML writer: a standalone, valid HTML5 page carrying the tree's text."""

from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import html5lib
import pytest

import pressgen
from pressgen import resources
from pressgen.tree import Role

from .conftest import EXAMPLES, changed


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
    assert head.meta["description"].startswith("The 7th Meeting of the Senior Officials of the")
    assert len(head.meta["description"]) <= 160
    assert (
        head.meta["author"] == head.meta["dcterms.publisher"] == "Shanghai Cooperation Organisation"
    )
    assert head.meta["dcterms.created"] == "2017-04-14"
    assert head.styles == ["", "all", "all", "screen", "print"]  # the fonts, then the sheets


def test_semantic_elements(page: str) -> None:
    assert '<h1 class="release-title">' in page
    assert '<p class="release-subtitle">' in page
    assert "<article" in page
    assert "<main>" in page


def test_no_break_spaces_are_characters_not_entities(page: str) -> None:
    assert 'held in\u00a0Astana on\u00a0<time datetime="2017-04-14">14 April 2017</time>' in page
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


# -- the web page's furniture: emblem, fonts, date, previews, structured data -------


def _json_ld(page: str) -> dict[str, Any]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0])
    return data


def _properties(page: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="([^"]+)" content="([^"]*)">', page))


def test_letterhead_shows_the_emblem_with_alternative_text(page: str) -> None:
    emblem = re.search(r'<img class="emblem" src="([^"]+)" alt="([^"]+)"', page)
    assert emblem is not None
    src, alt = emblem.groups()
    svg = base64.b64decode(src.removeprefix("data:image/svg+xml;base64,"))
    assert svg == resources.find("images/emblem.svg").read_bytes()
    assert alt == "Shanghai Cooperation Organisation"


def _faces(page: str) -> dict[tuple[str, str, str], bytes]:
    faces = re.findall(
        r'font-family: "([^"]+)"; font-weight: (\d+); font-style: (\w+);'
        r'[^}]*url\("data:font/woff2;base64,([^"]+)"\)',
        page,
    )
    return {
        (family, weight, style): base64.b64decode(data) for family, weight, style, data in faces
    }


def test_page_embeds_subsets_of_the_bundled_fonts_it_uses(
    page: str, release: pressgen.Release
) -> None:
    from fontTools.ttLib import TTFont

    faces = _faces(page)
    assert set(faces) == {
        ("Noto Serif", "400", "normal"), ("Noto Serif", "700", "normal"),
        ("Noto Serif", "400", "italic"),  # the event's title
        ("Noto Sans", "400", "normal"), ("Noto Sans", "700", "normal"),
    }  # fmt: skip
    text = "".join(block.text for block in release.blocks) + release.meta.publisher.upper()
    for (family, _weight, _style), data in faces.items():
        font = TTFont(io.BytesIO(data))
        assert font.flavor == "woff2"
        assert font["name"].getDebugName(1) == family
        cmap = font.getBestCmap()
        assert {c for c in text if ord(c) not in cmap} == set()
        assert len(cmap) < 150  # a subset, not the whole font
    assert sum(len(d) for d in faces.values()) < 80_000


def test_page_without_emphasis_carries_no_italic_font(meeting: pressgen.Meeting) -> None:
    page = pressgen.render(changed(meeting, related_events=[]), "html").decode("utf-8")
    assert all(style == "normal" for _family, _weight, style in _faces(page))


def test_meeting_date_is_a_time_element_kept_on_one_line(page: str) -> None:
    assert '<time datetime="2017-04-14">14 April 2017</time>' in page
    assert re.search(r"time \{\s*white-space: nowrap;", page)
    beijing = pressgen.load_meeting(EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml")
    other = pressgen.render(beijing, "html").decode("utf-8")
    assert '<time datetime="2018-05-16">16–17 May 2018</time>' in other


def test_previews_describe_the_release_by_its_first_paragraph(
    page: str, release: pressgen.Release
) -> None:
    head = _Head()
    head.feed(page)
    first = release.of_role(Role.PARAGRAPH)[0].text.replace("\u00a0", " ")
    description = head.meta["description"]
    assert description.endswith("…")
    assert first.startswith(description.removesuffix("…"))
    assert len(description) <= 160
    og = _properties(page)
    assert og["og:type"] == "article"
    assert og["og:title"] == release.meta.title
    assert og["og:description"] == html.escape(description, quote=True).replace("&#x27;", "&#39;")
    assert og["og:locale"] == "en_GB"
    assert og["og:site_name"] == "Shanghai Cooperation Organisation"
    assert "og:url" not in og
    assert 'rel="canonical"' not in page  # the data gives no address


def test_json_ld_describes_the_article_and_the_meeting(page: str) -> None:
    data = _json_ld(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("The 7th Meeting of Senior Officials")
    assert data["datePublished"] == data["dateModified"] == "2017-04-14"
    assert data["inLanguage"] == "en-GB"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Shanghai Cooperation Organisation",
        "alternateName": "SCO",
    }
    event = data["about"]
    assert event["@type"] == "Event"
    assert event["name"] == data["headline"]
    assert (event["startDate"], event["endDate"]) == ("2017-04-14", "2017-04-14")
    assert event["location"] == {
        "@type": "Place", "name": "Astana, Kazakhstan", "address": "Astana, Kazakhstan"
    }  # fmt: skip
    assert event["organizer"]["name"] == "Shanghai Cooperation Organisation"


def test_json_ld_of_a_videoconference_is_online() -> None:
    online = pressgen.load_meeting(EXAMPLES / "sco-counternarcotics-11-videoconference-2021.yaml")
    event = _json_ld(pressgen.render(online, "html").decode("utf-8"))["about"]
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"]["@type"] == "VirtualLocation"


def test_json_ld_cannot_be_broken_out_of(meeting: pressgen.Meeting) -> None:
    hostile = "Meeting </script><script>alert(1)</script> <!-- &"
    names = {"title": hostile, "full": "Meeting", "running": "Meeting"}
    page = pressgen.render(changed(meeting, series={"names": names}), "html").decode("utf-8")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert page.count("<script") == 1
    assert page.count("</script>") == 1
    assert _json_ld(page)["headline"] == f"The 7th {hostile}"


def test_canonical_link_when_the_data_gives_the_address(meeting: pressgen.Meeting) -> None:
    url = "https://example.org/press/2017/7th-meeting"
    page = pressgen.render(changed(meeting, release={"url": url}), "html").decode("utf-8")
    assert f'<link rel="canonical" href="{url}">' in page
    assert _properties(page)["og:url"] == url
    assert _json_ld(page)["url"] == url


def test_titles_of_events_and_documents_are_italic() -> None:
    beijing = pressgen.load_meeting(EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml")
    page = pressgen.render(beijing, "html").decode("utf-8")
    assert "signed the <em>Protocol of\u00a0the 8th Meeting</em>" in page


def _title_lines(page: str, width: int, folder: Path) -> int:
    """How many lines the title takes in headless Chromium at a viewport ``width`` wide.

    Chromium's window is at least 500 px wide, so the page is laid out in an iframe of
    the width asked for; a script writes the title's line count into the DOM.
    """
    wrapper = folder / "probe.html"
    wrapper.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" style="border:0;width:{width}px;height:1600px" srcdoc="'
        + html.escape(page, quote=True)
        + '"></iframe><script>document.getElementById("f").addEventListener("load", () => {'
        ' const h = document.getElementById("f").contentDocument.querySelector("h1");'
        " document.body.dataset.lines = Math.round(h.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(h).lineHeight)); });</script></body></html>",
        encoding="utf-8",
    )
    dom = subprocess.run(
        [
            CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
            f"--user-data-dir={folder / 'profile'}", "--window-size=800,1700",
            "--virtual-time-budget=5000", "--dump-dom", wrapper.as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    found = re.search(r'data-lines="(\d+)"', dom)
    assert found is not None, dom[-500:]
    return int(found[1])


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_title_takes_at_most_four_lines_on_a_phone(example: Path, tmp_path: Path) -> None:
    page = pressgen.render(pressgen.load_meeting(example), "html").decode("utf-8")
    if "<h1" not in page:
        pytest.skip("this example's release has no title")
    assert 1 <= _title_lines(page, 390, tmp_path) <= 4


def test_presentation_metadata_in_the_markup_is_checked() -> None:
    from pressgen.markup import parse

    head = '<release lang="en-GB" date="2017-04-14"><publisher>P</publisher>'
    blocks = "<title>T</title><subtitle>S</subtitle><p>B</p></release>"
    release = parse(head + '<event start="2017-04-14" when="14 April 2017"/>' + blocks)
    assert release.meta.event is not None
    assert release.meta.event.end == release.meta.event.start  # one day unless told
    with pytest.raises(pressgen.TemplateError, match="<event> needs start"):
        parse(head + '<event start="14 April"/>' + blocks)
    with pytest.raises(pressgen.TemplateError, match="not an absolute http"):
        parse(head + "<url>javascript:alert(1)</url>" + blocks)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("language", ["ru", "zh"])
def test_title_takes_at_most_four_lines_on_a_phone_in_every_language(
    meeting: pressgen.Meeting, language: str, tmp_path: Path
) -> None:
    page = pressgen.render(meeting, "html", language=language).decode("utf-8")
    assert 1 <= _title_lines(page, 390, tmp_path) <= 4
