"""Regression by picture: every example's PDF pages and HTML page look as approved.

The approved pictures in ``tests/pictures/<example>/`` are small and grey: PDF pages
rasterised by pdftoppm at 40 dpi, the HTML page in headless Chromium at 1280 and
390 px wide (full page), halved; all in 16 grey levels. They are
written only by ``pytest --update-pictures tests/test_pictures.py`` — then looked
at before committing; a missing approved picture fails. A picture matches when it
has the same size, its mean difference is tiny and almost no pixel differs much:
slack for anti-aliasing (a renderer's rounding moves a pixel by a level or two),
none for a moved line or a changed digit.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Browser

import pressgen

from .conftest import EXAMPLES, changed

PICTURES = Path(__file__).resolve().parent / "pictures"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
PDF_DPI = 40
WIDTHS = (1280, 390)
MAX_MEAN = 0.5
"""Largest mean difference accepted, in grey levels (of 255)."""
CHANGED_BY = 64
"""A pixel has changed when it differs by more than this many grey levels..."""
MAX_CHANGED = 0.00002
"""...and a picture may have at most this fraction of its pixels changed: 3 pixels of
a PDF page, 10 of a wide HTML page. One digit of a date changes 7 of a page."""


def small(image: Image.Image, scale: float = 1.0) -> Image.Image:
    """A picture as it is approved: grey, scaled, 16 levels."""
    grey = image.convert("L")
    if scale != 1.0:
        size = (round(grey.width * scale), round(grey.height * scale))
        grey = grey.resize(size, Image.Resampling.LANCZOS)
    # 16 levels from black to white (white stays white): smaller files, and the
    # faint grain of anti-aliasing drops out.
    return grey.point(lambda v: round(v / 17) * 17)


def pdf_pages(pdf: bytes, folder: Path) -> list[Image.Image]:
    """The pages of a PDF as small grey pictures (pdftoppm)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "release.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(PDF_DPI), "-gray", "-png", "release.pdf", "page"],
        cwd=folder,
        check=True,
    )
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    return [small(Image.open(page)) for page in pages]


def html_page(html: bytes, browser: Browser, width: int) -> Image.Image:
    """An HTML page as Chromium shows it at a width, the whole page, as a small picture."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.set_content(html.decode("utf-8"), wait_until="load")
        shot = page.screenshot(full_page=True)
    finally:
        page.close()
    return small(Image.open(io.BytesIO(shot)), 0.5)


def difference(actual: Image.Image, approved: Image.Image) -> str | None:
    """Why two pictures do not match, or None when they do."""
    if actual.size != approved.size:
        return f"size {actual.size} instead of {approved.size}"
    delta = ImageChops.difference(actual.convert("L"), approved.convert("L"))
    mean = ImageStat.Stat(delta).mean[0]
    histogram = delta.histogram()
    changed_share = sum(histogram[CHANGED_BY + 1 :]) / (actual.width * actual.height)
    if mean > MAX_MEAN or changed_share > MAX_CHANGED:
        return (
            f"mean difference {mean:.2f} (limit {MAX_MEAN}), "
            f"{changed_share:.3%} of pixels changed (limit {MAX_CHANGED:.3%})"
        )
    return None


def compare(actual: Image.Image, name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Compare with the approved picture ``tests/pictures/<name>.png`` (or approve it)."""
    approved = PICTURES / f"{name}.png"
    if request.config.getoption("--update-pictures"):
        approved.parent.mkdir(parents=True, exist_ok=True)
        actual.save(approved, optimize=True)
    assert approved.exists(), (
        f"no approved picture {name}.png: run pytest --update-pictures tests/test_pictures.py,"
        " look at the pictures, then commit them"
    )
    problem = difference(actual, Image.open(approved))
    if problem:
        seen = tmp_path / f"{name.replace('/', '-')}.png"
        actual.save(seen)
        pytest.fail(f"{name}: {problem}; the picture made now is {seen}")


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_pdf_pages_look_as_approved(
    example: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    pdf = pressgen.render(pressgen.load_meeting(example), "pdf")
    pages = pdf_pages(pdf, tmp_path)
    if request.config.getoption("--update-pictures"):
        for old in (PICTURES / example.stem).glob("pdf-*.png"):
            old.unlink()
    for number, page in enumerate(pages, start=1):
        compare(page, f"{example.stem}/pdf-{number}", request, tmp_path)
    approved_pages = len(list((PICTURES / example.stem).glob("pdf-*.png")))
    assert len(pages) == approved_pages, f"{len(pages)} pages, approved {approved_pages}"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_html_looks_as_approved(
    example: Path, width: int, browser: Browser, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    html = pressgen.render(pressgen.load_meeting(example), "html")
    compare(html_page(html, browser, width), f"{example.stem}/html-{width}", request, tmp_path)


def test_the_comparison_sees_a_changed_date_but_not_a_second_render(
    meeting: pressgen.Meeting, tmp_path: Path
) -> None:
    first = pdf_pages(pressgen.render(meeting, "pdf"), tmp_path / "first")
    again = pdf_pages(pressgen.render(meeting, "pdf"), tmp_path / "again")
    moved = changed(meeting, date=meeting.date.replace(day=meeting.date.day - 1))
    other = pdf_pages(pressgen.render(moved, "pdf"), tmp_path / "other")
    assert difference(again[0], first[0]) is None
    assert difference(other[0], first[0]) is not None


def test_no_approved_pictures_without_their_example() -> None:
    assert {p.name for p in PICTURES.iterdir()} <= {p.stem for p in EXAMPLE_FILES}
