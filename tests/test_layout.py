"""Layout on paper: page breaks, measure, long words — read back from the rendered pages.

Releases of every length from 5 to 30 paragraphs are built from the 7th meeting with
more or fewer paragraphs of discussion, so every way a page can end is met: the PDF
(WeasyPrint) and the DOCX (laid out by LibreOffice) must never leave a page with a
single line, nor the closing paragraph alone on the last page.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

import pressgen
from pressgen.build import build

from .conftest import EXAMPLES, changed
from .pdftext import body_lines, pages, pdftotext, words

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
SHORT = "The parties agreed to keep in touch."
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
FULL_LINE = 45
"""Lines shorter than this are taken for a paragraph's last line, not the measure."""
LENGTHS = range(5, 31)
"""Paragraph counts of the releases tried: the 7th meeting has 5 besides its discussion."""


def grown(meeting: pressgen.Meeting, paragraphs: int) -> pressgen.Meeting:
    """The 7th meeting with as much discussion as makes ``paragraphs`` body paragraphs."""
    pool = [*meeting.discussion, SHORT]
    extra = paragraphs - (len(build(changed(meeting, discussion=[])).blocks) - 2)
    return changed(meeting, discussion=[pool[i % len(pool)] for i in range(extra)])


@pytest.fixture(scope="module")
def lengths(meeting: pressgen.Meeting) -> dict[int, pressgen.Meeting]:
    return {n: grown(meeting, n) for n in LENGTHS}


def check_pages(texts: list[str], release: pressgen.Release) -> None:
    """No page holds a single line, and no page break falls between the last three blocks.

    So the closing paragraph, or a contact line and an end mark, never stand alone:
    the last page never begins with the start of one of the last two blocks.
    """
    per_page = [body_lines(text, release) for text in texts]
    assert all(len(lines) >= 2 for lines in per_page), [len(lines) for lines in per_page]
    if len(texts) > 1:
        first = words(per_page[-1][0])
        for block in release.blocks[-2:]:
            assert words(block.text)[: len(first)] != first, per_page[-1]


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_pdf_pages_of_the_examples_never_hold_a_lone_line(example: Path) -> None:
    meeting = pressgen.load_meeting(example)
    check_pages(pages(pressgen.render(meeting, "pdf")), build(meeting))


def test_lengths_cover_5_to_30_paragraphs(lengths: dict[int, pressgen.Meeting]) -> None:
    counts = [len(build(m).blocks) - 2 for m in lengths.values()]
    assert counts == list(LENGTHS)


@pytest.mark.parametrize("paragraphs", LENGTHS)
def test_pdf_pages_never_hold_a_lone_line(
    lengths: dict[int, pressgen.Meeting], paragraphs: int
) -> None:
    meeting = lengths[paragraphs]
    check_pages(pages(pressgen.render(meeting, "pdf")), build(meeting))


@pytest.fixture(scope="module")
def docx_as_pdf(
    lengths: dict[int, pressgen.Meeting], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    """Every length's and every example's DOCX laid out by LibreOffice, in one soffice call."""
    folder = tmp_path_factory.mktemp("docx")
    meetings = {f"release-{n:02d}": meeting for n, meeting in lengths.items()}
    meetings |= {example.stem: pressgen.load_meeting(example) for example in EXAMPLE_FILES}
    for stem, meeting in meetings.items():
        (folder / f"{stem}.docx").write_bytes(pressgen.render(meeting, "docx"))
    return soffice_to_pdf([folder / f"{stem}.docx" for stem in meetings], folder)


def soffice_to_pdf(files: list[Path], folder: Path) -> dict[str, bytes]:
    """DOCX files converted to PDF by LibreOffice in one call, by file stem."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {path.stem: (folder / f"{path.stem}.pdf").read_bytes() for path in files}


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


@pytest.mark.parametrize("paragraphs", LENGTHS)
@pytest.mark.soffice
@needs_soffice
def test_docx_pages_never_hold_a_lone_line(
    lengths: dict[int, pressgen.Meeting], docx_as_pdf: dict[str, bytes], paragraphs: int
) -> None:
    check_pages(pages(docx_as_pdf[f"release-{paragraphs:02d}"]), build(lengths[paragraphs]))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.soffice
@needs_soffice
def test_docx_pages_of_the_examples_never_hold_a_lone_line(
    example: Path, docx_as_pdf: dict[str, bytes]
) -> None:
    check_pages(pages(docx_as_pdf[example.stem]), build(pressgen.load_meeting(example)))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.soffice
@needs_soffice
def test_docx_body_lines_hold_60_to_75_characters(
    example: Path, docx_as_pdf: dict[str, bytes]
) -> None:
    release = build(pressgen.load_meeting(example))
    check_measure(body_lines(pdftotext(docx_as_pdf[example.stem]), release), release)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_pdf_body_lines_hold_60_to_75_characters(example: Path) -> None:
    meeting = pressgen.load_meeting(example)
    release = build(meeting)
    lines = body_lines(pdftotext(pressgen.render(meeting, "pdf")), release)
    check_measure(lines, release)
    # A line of one word ends a block, never is a word left before a long unit.
    ends = {block.text.split()[-1] for block in release.blocks}
    lone = [line for line in lines if len(line.split()) == 1 and line.strip() not in ends]
    assert lone == []


def check_measure(lines: list[str], release: pressgen.Release) -> None:
    """No body line longer than 75 characters; full lines are 60 or more on average."""
    heads = {block.text for block in release.blocks[:2]}
    body = [line.strip() for line in lines if not any(line.strip() in h for h in heads)]
    longest = max(body, key=len)
    assert len(longest) <= 75, longest
    # A paragraph's last line is short by nature: the measure is read from the others.
    full = [len(line) for line in body if len(line) >= FULL_LINE]
    assert 60 <= statistics.mean(full) <= 75, full


# -- what the page shows: titles, links, long words --------------------------------


def title_lines(lines: list[str], release: pressgen.Release) -> list[str]:
    """The lines the title is set on: the first lines, until they make up the title."""
    title = words(release.blocks[0].text)
    taken: list[str] = []
    for line in lines:
        taken.append(line)
        if words("\n".join(taken)) == title:
            return taken
    raise AssertionError(f"the title {title} is not the first lines of {lines[:5]}")


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_pdf_title_never_ends_on_a_lone_word(example: Path) -> None:
    meeting = pressgen.load_meeting(example)
    release = build(meeting)
    lines = title_lines(body_lines(pdftotext(pressgen.render(meeting, "pdf")), release), release)
    assert len(lines) == 1 or len(lines[-1].split()) >= 2, lines


def test_pdf_prints_a_links_address_after_its_text() -> None:
    meeting = pressgen.load_meeting(
        EXAMPLES / "sco-counternarcotics-15-information-report-2024.yaml"
    )
    (event,) = meeting.related_events
    assert event.url is not None
    text = " ".join(words(pdftotext(pressgen.render(meeting, "pdf"))))
    # The address may wrap after a slash: compare without spaces.
    assert f"{event.description}({event.url})".replace(" ", "") in text.replace(" ", "")


def test_pdf_sets_titles_of_documents_and_events_in_italics(tmp_path: Path) -> None:
    meeting = pressgen.load_meeting(EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml")
    path = tmp_path / "release.pdf"
    path.write_bytes(pressgen.render(meeting, "pdf"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "Noto-Serif-Italic" in fonts.stdout
    assert "<em>" not in pressgen.render(meeting, "txt").decode("utf-8")


LONG_RUN = "https://example.org/" + "a" * 300
"""An address pasted whole: no break opportunity in its last 300 characters."""
HOSTILE = {
    "long address in prose": {"discussion": [f"See {LONG_RUN} for the text."]},
    "long word in prose": {"discussion": ["x" * 400]},
    "long link address printed": {
        "related_events": [
            {"description": "an event", "url": LONG_RUN, "city": "Vienna", "date": "2017-03-13"}
        ]
    },
    "long word in the title and running head": {
        "series": {
            "names": {
                "title": "Meeting " + "y" * 150,
                "full": "Meeting of the series",
                "running": "Meeting of the series",
            }
        }
    },
    "long organisation name": {
        "organisation": {"name": "Organisation" + "z" * 120, "short_name": "Z" * 60}
    },
}


def glyph_boxes(data: bytes) -> list[tuple[float, float, float, float, float, float, str]]:
    """Every word's box on its page: (page width, height, xmin, ymin, xmax, ymax, word)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    boxes = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        width, height = float(page[1]), float(page[2])
        for word in re.finditer(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)',
            page[3],
        ):
            x0, y0, x1, y1 = (float(word[i]) for i in range(1, 5))
            boxes.append((width, height, x0, y0, x1, y1, word[5]))
    return boxes


def outside(data: bytes) -> list[str]:
    """Words with a glyph outside the page, or past the text block's right edge."""
    right_margin = 38 / 25.4 * 72 - 1  # print.css: 38 mm, less a point of tolerance
    return [
        word[:40]
        for width, height, x0, y0, x1, y1, word in glyph_boxes(data)
        if x0 < 0 or y0 < 0 or x1 > width - right_margin or y1 > height
    ]


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_pdf_every_glyph_of_the_examples_lies_in_the_text_block(example: Path) -> None:
    data = pressgen.render(pressgen.load_meeting(example), "pdf")
    assert glyph_boxes(data)
    assert outside(data) == []


@pytest.mark.parametrize("updates", HOSTILE.values(), ids=list(HOSTILE))
def test_pdf_long_unbreakable_runs_wrap_inside_the_text_block(
    meeting: pressgen.Meeting, updates: dict[str, object]
) -> None:
    data = pressgen.render(changed(meeting, **updates), "pdf")
    assert outside(data) == []
