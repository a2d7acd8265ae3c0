"""The published release of the 7th meeting comes out of the data byte for byte."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import pressgen
from pressgen.build import build
from pressgen.tree import Role

from .conftest import EXAMPLE_7TH, REFERENCE

PUBLISHED = REFERENCE / "sco-counternarcotics-senior-officials-07-astana-2017.txt"


def corrected_published_text(name: str) -> tuple[str, list[dict[str, str]]]:
    """The published text with its declared errata applied, and the errata."""
    published = (REFERENCE / name).read_bytes().decode("utf-8")
    errata = yaml.safe_load((REFERENCE / "errata.yaml").read_text(encoding="utf-8")).get(name, [])
    for erratum in errata:
        count = published.count(erratum["published"])
        assert count == 1, f"erratum {erratum['published']!r} occurs {count} times in {name}"
        assert erratum["reason"].strip(), "every erratum gives its reason"
        published = published.replace(erratum["published"], erratum["corrected"])
    return published, errata


def test_only_the_attendee_comma_is_an_erratum() -> None:
    _text, errata = corrected_published_text(PUBLISHED.name)
    assert [(e["published"], e["corrected"]) for e in errata] == [
        ("Interior Ministry, Wei Xiaojun", "Interior Ministry; Wei Xiaojun")
    ]


def test_example_reproduces_the_published_release_byte_for_byte() -> None:
    expected, _errata = corrected_published_text(PUBLISHED.name)
    rendered = pressgen.render(pressgen.load_meeting(EXAMPLE_7TH), "txt")
    assert rendered == expected.encode("utf-8")


def test_published_text_has_the_form_the_writer_promises() -> None:
    raw = PUBLISHED.read_bytes()
    assert not raw.endswith(b"\n")
    lines = raw.decode("utf-8").split("\n")
    assert lines[2] == ""
    assert "\u00a0" not in lines[0] + lines[1]


class _Blocks(HTMLParser):
    """Collects the text of the release's title, subtitle and paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0
        self._in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self._in_article = True
        elif (
            self._in_article
            and self._depth == 0
            and ((tag == "h1" and "release-title" in classes) or tag == "p")
        ):
            self.blocks.append("")
            self._depth = 1
        elif self._depth:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.blocks[-1] += data


def html_blocks(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def txt_blocks(text: str) -> list[str]:
    head, *paragraphs = text.split("\n\n")
    return [*head.split("\n"), *paragraphs]


@pytest.mark.parametrize("example", sorted(Path(EXAMPLE_7TH).parent.glob("*.yaml")), ids=str)
def test_html_blocks_equal_txt_blocks(example: Path) -> None:
    meeting = pressgen.load_meeting(example)
    text = pressgen.render(meeting, "txt").decode("utf-8")
    html = pressgen.render(meeting, "html").decode("utf-8")
    expected = txt_blocks(text)
    if build(meeting).of_role(Role.TITLE):
        # The page sets its title's last two words together (a presentation step only).
        expected[0] = "\u00a0".join(expected[0].rsplit(" ", 1))
    assert html_blocks(html) == expected
    assert "\u00a0" in html  # kept as the character, not lost in escaping


def test_json_blocks_equal_txt_blocks_and_keep_the_inline_content() -> None:
    import json

    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    data = json.loads(pressgen.render(meeting, "json"))
    text = pressgen.render(meeting, "txt").decode("utf-8")
    assert [block["text"] for block in data["blocks"]] == txt_blocks(text)
    assert [block["role"] for block in data["blocks"][:3]] == ["title", "subtitle", "paragraph"]
    assert data["meta"]["date"] == "2017-04-14"
    assert data["meta"]["publisher"] == "Shanghai Cooperation Organisation"
    assert (
        "".join(node["text"] for node in data["blocks"][2]["content"]) == data["blocks"][2]["text"]
    )
    assert pressgen.render(meeting, "json") == pressgen.render(meeting, "json")
