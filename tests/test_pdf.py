"""The PDF writer: text, line breaks, fonts, metadata, variants, determinism, safety."""

from __future__ import annotations

import ctypes.util
import io
import itertools
import logging
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

import pressgen
from pressgen import resources
from pressgen.writers import PDF_VARIANTS, pdf

from .conftest import EXAMPLE_7TH, changed
from .pdftext import NB, body_lines, pages, pdftotext, words

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture(autouse=True)
def no_weasyprint_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        yield
    problems = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert not problems, problems


@pytest.fixture(scope="module")
def document(meeting: pressgen.Meeting) -> bytes:
    return pressgen.render(meeting, "pdf")


def test_extracted_text_equals_the_txt_output(
    document: bytes, release: pressgen.Release, release_text: str
) -> None:
    assert words("\n".join(body_lines(pdftotext(document), release))) == words(release_text)


def test_no_line_breaks_where_the_typography_binds(
    document: bytes, release: pressgen.Release, release_text: str
) -> None:
    lines = [line.split() for line in body_lines(pdftotext(document), release)]
    breaks = [(a[-1], b[0]) for a, b in itertools.pairwise(lines)]
    assert len(breaks) > 30
    heads = " ".join(block.text for block in release.blocks[:2])  # set with plain spaces
    bound = [
        f"{last}{NB}{first}"
        for last, first in breaks
        if f"{last}{NB}{first}" in release_text and f"{last} {first}" not in heads
    ]
    assert bound == []


def test_every_font_is_embedded_and_subset(document: bytes, tmp_path: Path) -> None:
    path = tmp_path / "release.pdf"
    path.write_bytes(document)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = rows.stdout.splitlines()[2:]
    assert fonts
    for row in fonts:
        name, *_rest = row.split()
        assert re.match(r"[A-Z]{6}\+Noto-(Serif|Sans)", name), row
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_metadata_comes_from_the_data(document: bytes, release: pressgen.Release) -> None:
    reader = PdfReader(io.BytesIO(document))
    info = reader.metadata
    assert info is not None
    assert info.title == release.meta.title
    assert info.author == "Shanghai Cooperation Organisation"
    assert info.subject == release.meta.description
    assert str(info["/Keywords"]) == "SCO, press release, Astana, 2017"
    assert str(info["/CreationDate"]).startswith("D:20170414")
    assert str(info["/ModDate"]).startswith("D:20170414")
    assert str(reader.root_object["/Lang"]) == "en-GB"
    assert len(reader.pages) == 2
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)


def test_continuation_pages_carry_running_head_and_number(
    document: bytes, release: pressgen.Release
) -> None:
    first, second = pages(document)
    head = f"SCO \u00b7 {release.meta.title}"
    assert "Page" not in first  # the letterhead says it all
    assert head not in first
    assert head in second.splitlines()
    assert "Page 2 of 2" in second.splitlines()


def test_one_page_release_prints_no_page_number(meeting: pressgen.Meeting) -> None:
    data = pressgen.render(changed(meeting, discussion=[]), "pdf")
    (only,) = pages(data)
    assert "Page" not in only
    assert "SHANGHAI" in only.replace(" ", "")


def _render_in_new_process(variant: str | None) -> bytes:
    code = (
        "import sys, pressgen; sys.stdout.buffer.write(pressgen.render("
        "pressgen.load_meeting(sys.argv[1]), 'pdf', pdf_variant=sys.argv[2] or None))"
    )
    args = [sys.executable, "-c", code, str(EXAMPLE_7TH), variant or ""]
    return subprocess.run(args, capture_output=True, check=True).stdout


@pytest.mark.parametrize("variant", [None, *PDF_VARIANTS])
def test_same_input_same_bytes_across_processes(variant: str | None) -> None:
    first = _render_in_new_process(variant)
    assert first.startswith(b"%PDF-")
    assert first == _render_in_new_process(variant)


@pytest.mark.parametrize(
    ("variant", "identification"),
    [("pdf/a-3b", 'pdfaid:part="3" pdfaid:conformance="B"'), ("pdf/ua-1", 'pdfuaid:part="1"')],
)
def test_variants_identify_themselves_in_xmp(
    meeting: pressgen.Meeting, variant: str, identification: str
) -> None:
    reader = PdfReader(io.BytesIO(pressgen.render(meeting, "pdf", pdf_variant=variant)))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert identification in xmp.stream.get_data().decode("utf-8")
    root = reader.root_object
    if variant == "pdf/ua-1":
        assert "/StructTreeRoot" in root
        mark_info = root["/MarkInfo"].get_object()
        assert isinstance(mark_info, DictionaryObject)
        assert mark_info["/Marked"]
    else:
        assert "/OutputIntents" in root


def test_unknown_variant_is_a_usage_error(meeting: pressgen.Meeting) -> None:
    with pytest.raises(pressgen.UsageError, match="unknown PDF variant"):
        pressgen.render(meeting, "pdf", pdf_variant="pdf/x-4")


def test_markup_in_data_is_printed_as_text(meeting: pressgen.Meeting) -> None:
    sneaky = '<img src="file:///etc/passwd"> <link rel="attachment" href="file:///etc/passwd">'
    data = pressgen.render(changed(meeting, discussion=[sneaky]), "pdf")
    # Compared without spaces: the long address may wrap after a slash.
    assert "".join(words(sneaky)) in "".join(words(pdftotext(data)))
    assert not PdfReader(io.BytesIO(data)).attachments


class _Counter(BaseHTTPRequestHandler):
    requests = 0

    def do_GET(self) -> None:
        type(self).requests += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.requests = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _template_with(tmp_path: Path, extra_head: str) -> Path:
    folder = tmp_path / "mine"
    (folder / "html").mkdir(parents=True)
    original = (resources.package_templates() / "html" / "release.html.j2").read_text("utf-8")
    (folder / "html" / "release.html.j2").write_text(
        original.replace("</head>", f"{extra_head}\n</head>"), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="stylesheet" href="{server}/x.css">',
        '<style>body {{ background: url("{server}/x.png") }}</style>',
        '<style>@import url("{server}/x.css");</style>',
        '<link rel="stylesheet" href="file:///etc/hostname">',
        '<link rel="stylesheet" href="css/../../../../../../etc/hostname">',
        '<link rel="stylesheet" href="css/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname">',
        '<link rel="stylesheet" href="linked.css">',
    ],
)
def test_fetcher_refuses_network_and_files_outside_the_templates(
    tmp_path: Path, meeting: pressgen.Meeting, server: str, head: str
) -> None:
    folder = _template_with(tmp_path, head.format(server=server))
    (folder / "linked.css").symlink_to("/etc/hostname")
    with pytest.raises(pressgen.TemplateError, match="refused to fetch"):
        pressgen.render(meeting, "pdf", template_dirs=[folder])
    assert _Counter.requests == 0


def test_fetcher_uses_the_users_files_first(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    folder = tmp_path / "mine"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "emblem.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"'
        ' fill="#ff0000"/></svg>',
        encoding="utf-8",
    )
    mine = pressgen.render(meeting, "pdf", template_dirs=[folder])
    assert mine != pressgen.render(meeting, "pdf")
    assert words(pdftotext(mine)) == words(pdftotext(pressgen.render(meeting, "pdf")))


def test_attachments_are_never_embedded(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    folder = _template_with(
        tmp_path, '<link rel="attachment" href="css/release.css" title="styles">'
    )
    page = folder / "html" / "release.html.j2"
    page.write_text(
        page.read_text("utf-8").replace(
            "</article>", '<p><a rel="attachment" href="css/print.css">x</a></p></article>'
        ),
        encoding="utf-8",
    )
    data = pressgen.render(meeting, "pdf", template_dirs=[folder])
    reader = PdfReader(io.BytesIO(data))
    assert not reader.attachments
    assert b"/EmbeddedFile" not in data


def test_css_errors_fail_instead_of_being_logged(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    folder = tmp_path / "mine"
    (folder / "css").mkdir(parents=True)
    original = (resources.package_templates() / "css" / "print.css").read_text("utf-8")
    (folder / "css" / "print.css").write_text(original + "\np { colour: red; }\n", "utf-8")
    logging.getLogger("weasyprint").propagate = False  # the autouse check sees our own refusal
    try:
        with pytest.raises(pressgen.TemplateError, match="colour"):
            pressgen.render(meeting, "pdf", template_dirs=[folder])
    finally:
        logging.getLogger("weasyprint").propagate = True


def test_earlier_renders_in_the_process_do_not_change_a_pdf(
    meeting: pressgen.Meeting, document: bytes
) -> None:
    # The process shares one font configuration between renders (a batch worker
    # makes hundreds): what it has seen must not change the next PDF's bytes.
    for path in sorted(EXAMPLE_7TH.parent.glob("*.yaml")):
        pressgen.render(pressgen.load_meeting(path), "pdf")
    pressgen.render(changed(meeting, discussion=["Стороны обменялись мнениями."]), "pdf")
    pressgen.render(meeting, "pdf", pdf_variant="pdf/ua-1")
    assert pressgen.render(meeting, "pdf") == document


def test_missing_harfbuzz_subset_is_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    with pytest.warns(pdf.PerformanceWarning, match="libharfbuzz-subset0"):
        pdf._check_harfbuzz_subset.__wrapped__()


@pytest.mark.parametrize("language", ["ru", "zh"])
def test_first_page_is_unnumbered_in_every_language(
    meeting: pressgen.Meeting, language: str
) -> None:
    first, *later = pages(pressgen.render(meeting, "pdf", language=language))
    footer = {"ru": "Страница", "zh": "页"}[language]
    assert footer not in first
    assert all(footer in page for page in later)
