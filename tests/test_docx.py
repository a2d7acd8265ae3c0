"""The DOCX writer: paragraphs by role, text identical, properties, determinism, templates."""

from __future__ import annotations

import importlib.util
import io
import os
import re
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

from .conftest import EXAMPLE_7TH, EXAMPLES, ROOT
from .pdftext import body_lines, pages, pdftotext, words
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
    title, subtitle, opening, *others = txt_blocks(release_text)
    # Presentation steps, not the text's: the title's last two words and the meeting's
    # date are each set together.
    assert [p.text for p in document.paragraphs] == [
        NB.join(title.rsplit(" ", 1)),
        subtitle,
        opening.replace("14 April 2017", f"14{NB}April{NB}2017"),
        *others,
    ]
    assert f"held in{NB}Astana on{NB}14{NB}April{NB}2017" in document.paragraphs[2].text


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
    (emblem,) = header._p.xpath(".//wp:docPr")
    assert emblem.get("descr") == "Shanghai Cooperation Organisation"  # its alternative text


def test_later_pages_carry_a_running_head_and_the_first_no_number(
    document: docx.document.Document, release: pressgen.Release
) -> None:
    section = document.sections[0]
    (running,) = section.header.paragraphs
    assert running.style.name == "Running Head"
    assert running.text == f"SCO \u00b7 {release.meta.title}"
    assert "PAGE" not in section.first_page_footer._element.xml
    xml = section.footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE ' in xml
    assert 'w:instr=" NUMPAGES ' in xml


def test_closing_paragraph_keeps_with_the_one_before(document: docx.document.Document) -> None:
    *_, third, second, last = document.paragraphs
    assert third.paragraph_format.keep_with_next
    assert second.paragraph_format.keep_with_next
    assert not last.paragraph_format.keep_with_next
    assert document.styles["Release Body"].paragraph_format.widow_control


def test_no_stamps_from_elsewhere(data: bytes) -> None:
    package = zipfile.ZipFile(io.BytesIO(data))
    names = package.namelist()
    assert names[0] == "[Content_Types].xml"
    assert "docProps/thumbnail.jpeg" not in names
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in package.infolist())
    properties = package.read("docProps/core.xml") + package.read("docProps/app.xml")
    for stamp in (b"python-docx", b"<Application>", b"2013-12-23", b"2026", b"lastPrinted"):
        assert stamp not in properties


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
        link_style=docx_writer.LINK_STYLE,
    )
    assert [r.text for r in runs] == ["see ", "this", " at ", "site"]
    assert [bool(r.italic) for r in runs] == [False, True, False, False]
    assert paragraph.text == "see this at site"
    assert paragraph.hyperlinks[0].address == "https://example.org/"
    assert paragraph.hyperlinks[0].runs[0].style.name == "Hyperlink"
    assert document.styles["Hyperlink"].font.underline


def _styles_of(package: zipfile.ZipFile) -> set[str]:
    xml = package.read("word/styles.xml").decode("utf-8")
    return set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', xml))


def test_template_holds_only_the_styles_in_use_and_word_defaults() -> None:
    package = zipfile.ZipFile(resources.find(docx_writer.TEMPLATE))
    word_defaults = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    ours = {"ReleaseTitle", "ReleaseSubtitle", "ReleaseBody", "Letterhead", "RunningHead"}
    furniture = {"Header", "HeaderChar", "Footer", "FooterChar", "Hyperlink"}
    assert _styles_of(package) == word_defaults | ours | furniture


def test_template_is_current_word_without_stamps() -> None:
    package = zipfile.ZipFile(resources.find(docx_writer.TEMPLATE))
    settings = package.read("word/settings.xml").decode("utf-8")
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert "<w:rsid" not in settings
    assert b"lastPrinted" not in package.read("docProps/core.xml")


def test_readme_names_the_required_styles_the_code_requires() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    required = sorted(docx_writer.STYLES.values())
    sentence = re.search(r"three required paragraph styles[^.]*\.", readme)
    assert sentence is not None
    assert len(required) == 3
    assert sorted(re.findall(r"\*\*(Release [A-Za-z]+)\*\*", sentence[0])) == required


def _fonts(data: bytes) -> dict[str, bytes]:
    """The embedded fonts, de-obfuscated with the key fontTable.xml gives each."""
    package = zipfile.ZipFile(io.BytesIO(data))
    table = package.read("word/fontTable.xml").decode("utf-8")
    rels = package.read("word/_rels/fontTable.xml.rels").decode("utf-8")
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    fonts = {}
    for face, rel, key in re.findall(
        r'<w:embed(\w+) r:id="([^"]+)" w:fontKey="\{([^}]+)\}"', table
    ):
        data = package.read(f"word/{targets[rel]}")
        # ECMA-376 Part 1, 17.8.1, written out independently of the writer's code.
        key_bytes = bytes.fromhex(key.replace("-", ""))[::-1] * 2
        fonts[f"{face}:{targets[rel]}"] = (
            bytes(a ^ b for a, b in zip(data[:32], key_bytes, strict=True)) + data[32:]
        )
    return fonts


def test_fonts_are_embedded_obfuscated_and_subset(data: bytes) -> None:
    from fontTools.ttLib import TTFont

    package = zipfile.ZipFile(io.BytesIO(data))
    assert b"<w:embedTrueTypeFonts/>" in package.read("word/settings.xml")
    assert b'Extension="odttf"' in package.read("[Content_Types].xml")
    fonts = _fonts(data)
    families = set()
    for face, font in fonts.items():
        ttf = TTFont(io.BytesIO(font))  # de-obfuscated, it is a valid font again
        families.add((ttf["name"].getDebugName(1), face.split(":")[0]))
        # A subset (whole Latin and Cyrillic alphabets), not the whole font (3,000+ glyphs).
        assert len(ttf.getGlyphOrder()) < 600, face
    assert families == {
        ("Noto Serif", "Regular"), ("Noto Serif", "Bold"),
        ("Noto Serif", "Italic"),  # the related event's title
        ("Noto Sans", "Regular"), ("Noto Sans", "Bold"),
    }  # fmt: skip
    assert len(data) < 150_000


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts is not installed")
def test_libreoffice_without_noto_uses_the_embedded_fonts(data: bytes, tmp_path: Path) -> None:
    names = _fonts_libreoffice_uses(data, tmp_path)
    assert {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSans-Regular", "NotoSans-Bold"} <= names


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts is not installed")
def test_a_russian_release_is_set_in_the_embedded_fonts_too(
    meeting: pressgen.Meeting, tmp_path: Path
) -> None:
    russian = pressgen.render(meeting, "docx", language="ru")
    names = _fonts_libreoffice_uses(russian, tmp_path)
    # Every font is Noto: no Cyrillic letter fell back to the machine's DejaVu.
    assert names
    assert all(name.startswith("Noto") for name in names), names


def _fonts_libreoffice_uses(data: bytes, tmp_path: Path) -> set[str]:
    """The fonts of the PDF LibreOffice makes of a DOCX on a machine without Noto."""
    dejavu = [d for d in ("/usr/share/fonts/truetype/dejavu",) if Path(d).is_dir()]
    if not dejavu:
        pytest.skip("DejaVu fonts (fonts-dejavu-core) are not installed")
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        f"<dir>{dejavu[0]}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    listed = subprocess.run(["fc-list"], env=env, capture_output=True, text=True).stdout
    assert "Noto" not in listed  # the machine, as LibreOffice sees it, has no Noto
    source = tmp_path / "release.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(source),
        ],
        capture_output=True, check=True, timeout=180, env=env,
    )  # fmt: skip
    rows = subprocess.run(
        ["pdffonts", str(tmp_path / "release.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return {row.split()[0].split("+")[-1] for row in rows}


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
    data: bytes, release: pressgen.Release, release_text: str, tmp_path: Path
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
    pdf = (tmp_path / "release.pdf").read_bytes()
    first, second = pages(pdf)
    assert "Page" not in first
    assert "Page 2 of 2" in second
    assert words("\n".join(body_lines(pdftotext(pdf), release))) == words(release_text)


def test_role_styles_cover_every_role() -> None:
    assert set(docx_writer.STYLES) == set(Role)
    assert Options().docx_template is None


def test_titles_of_documents_are_italic_runs() -> None:
    beijing = pressgen.load_meeting(EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml")
    document = docx.Document(io.BytesIO(pressgen.render(beijing, "docx")))
    italic = [run.text for p in document.paragraphs for run in p.runs if run.italic]
    assert "Protocol of\u00a0the 8th Meeting" in italic
