"""The DOCX writer: paragraphs by role, text identical, properties, determinism, templates."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

import pressgen
from pressgen import resources
from pressgen.tree import Emphasis, Link, Role, Text
from pressgen.writers import Options
from pressgen.writers import docx as docx_writer

from .conftest import EXAMPLE_7TH
from .test_regression import txt_blocks

NB = "\u00a0"


@pytest.fixture(scope="module")
def data(meeting: pressgen.Meeting) -> bytes:
    return pressgen.render(meeting, "docx")


@pytest.fixture(scope="module")
def document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_paragraphs_equal_the_txt_blocks(
    document: docx.document.Document, release_text: str
) -> None:
    assert [p.text for p in document.paragraphs] == txt_blocks(release_text)
    assert f"held in{NB}Astana on{NB}14 April 2017" in document.paragraphs[2].text


def test_each_paragraph_has_its_roles_style(
    document: docx.document.Document, release: pressgen.Release
) -> None:
    styles = [p.style.name if p.style else None for p in document.paragraphs]
    assert styles == [docx_writer.STYLES[block.role] for block in release.blocks]
    assert styles[:3] == ["Release Title", "Release Subtitle", "Release Body"]


def test_core_properties_come_from_the_data(
    document: docx.document.Document, release: pressgen.Release
) -> None:
    properties = document.core_properties
    assert properties.title == release.meta.title
    assert properties.subject == release.meta.description
    assert properties.author == "Shanghai Cooperation Organisation"
    assert properties.keywords == "SCO, press release, Astana, 2017"
    assert properties.language == "en-GB"
    assert properties.created.isoformat() == "2017-04-14T00:00:00+00:00"
    assert properties.modified.isoformat() == "2017-04-14T00:00:00+00:00"


def test_document_language_and_letterhead(data: bytes, document: docx.document.Document) -> None:
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert '<w:lang w:val="en-GB"' in defaults
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.first_page_header.paragraphs[0]
    assert header.style.name == "Letterhead"
    assert header.text.strip() == "Shanghai Cooperation Organisation"
    assert section.header.paragraphs[0].text == ""  # later pages: no letterhead


def test_no_stamps_from_elsewhere(data: bytes) -> None:
    package = zipfile.ZipFile(io.BytesIO(data))
    names = package.namelist()
    assert names[0] == "[Content_Types].xml"
    assert "docProps/thumbnail.jpeg" not in names
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in package.infolist())
    properties = package.read("docProps/core.xml") + package.read("docProps/app.xml")
    for stamp in (b"python-docx", b"<Application>", b"2013-12-23", b"2026"):
        assert stamp not in properties


def test_footer_has_page_number_fields(document: docx.document.Document) -> None:
    section = document.sections[0]
    for footer in (section.first_page_footer, section.footer):
        xml = footer.paragraphs[0]._p.xml
        assert 'w:instr=" PAGE ' in xml
        assert 'w:instr=" NUMPAGES ' in xml


def test_page_setup_is_a4(document: docx.document.Document) -> None:
    section = document.sections[0]
    width, height, margin = section.page_width, section.page_height, section.left_margin
    assert width is not None
    assert height is not None
    assert margin is not None
    assert (round(width.mm), round(height.mm)) == (210, 297)
    assert margin.mm >= 20


def _in_new_process() -> bytes:
    code = (
        "import sys, pressgen; sys.stdout.buffer.write("
        "pressgen.render(pressgen.load_meeting(sys.argv[1]), 'docx'))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE_7TH)], capture_output=True, check=True
    ).stdout


def test_same_input_same_bytes_across_processes(data: bytes) -> None:
    assert _in_new_process() == data == _in_new_process()


def test_emphasis_and_links_become_runs(release: pressgen.Release) -> None:
    document = docx.Document(str(resources.find(docx_writer.TEMPLATE)))
    paragraph = document.add_paragraph(style="Release Body")
    runs = docx_writer.add_runs(
        paragraph,
        (
            Text("see "),
            Emphasis((Text("this"),)),
            Text(" at "),
            Link("https://example.org/", (Text("site"),)),
        ),
    )
    assert [r.text for r in runs] == ["see ", "this", " at ", "site"]
    assert [bool(r.italic) for r in runs] == [False, True, False, False]
    assert paragraph.text == "see this at site"
    assert paragraph.hyperlinks[0].address == "https://example.org/"


def _user_template(
    tmp_path: Path, body_font: str | None = None, drop: tuple[str, ...] = ()
) -> Path:
    document = docx.Document(str(resources.find(docx_writer.TEMPLATE)))
    if body_font:
        document.styles["Release Body"].font.name = body_font
    for name in drop:
        document.styles[name].element.getparent().remove(document.styles[name].element)
    path = tmp_path / "mine.docx"
    document.save(str(path))
    return path


def test_user_template_changes_the_body_font(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    mine = _user_template(tmp_path, body_font="DejaVu Sans")
    data = pressgen.render(meeting, "docx", docx_template=mine)
    document = docx.Document(io.BytesIO(data))
    style = document.paragraphs[2].style
    assert style is not None
    assert style.name == "Release Body"
    assert style.font.name == "DejaVu Sans"


def test_template_missing_styles_fails_before_writing(tmp_path: Path) -> None:
    mine = _user_template(tmp_path, drop=("Release Title", "Release Body"))
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable, "-m", "pressgen", "render", str(EXAMPLE_7TH),
            "--docx-template", str(mine), "--out", str(out),
        ],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{mine}: the template lacks the paragraph styles 'Release Title', 'Release Body'"
    ]
    assert not out.exists()


def test_not_a_docx_is_a_clear_error(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    bogus = tmp_path / "bogus.docx"
    bogus.write_text("not a zip")
    with pytest.raises(pressgen.TemplateError, match=r"not a usable \.docx template"):
        pressgen.render(meeting, "docx", docx_template=bogus)


def test_committed_template_is_what_its_script_builds() -> None:
    script = resources.package_templates() / "docx" / "make_template.py"
    spec = importlib.util.spec_from_file_location("make_template", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = zipfile.ZipFile(io.BytesIO(module.build()))
    committed = zipfile.ZipFile(resources.find(docx_writer.TEMPLATE))
    assert built.namelist() == committed.namelist()
    for name in built.namelist():
        if name.endswith((".xml", ".rels")):
            assert built.read(name) == committed.read(name), name


@pytest.mark.soffice
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_libreoffice_opens_it_and_reads_the_same_text(
    data: bytes, release_text: str, tmp_path: Path
) -> None:
    source = tmp_path / "release.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(source),
        ],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(tmp_path / "release.pdf"), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    lines = [
        line.strip() for line in text.splitlines()
        if line.strip() not in ("SHANGHAI COOPERATION ORGANISATION", "Page 1 of 2", "Page 2 of 2")
    ]  # fmt: skip
    assert "Page 1 of 2" in text
    # A line may end at the hyphen of "Secretary-General": join such lines directly.
    joined = " ".join(lines).replace("- ", "-")
    assert joined.replace(NB, " ").split() == release_text.replace(NB, " ").split()


def test_role_styles_cover_every_role() -> None:
    assert set(docx_writer.STYLES) == set(Role)
    assert Options().docx_template is None
