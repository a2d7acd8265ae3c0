"""Build the default Word template, ``release.docx``, from this readable source.

Run ``python templates/docx/make_template.py`` (with pressgen installed) to write
``release.docx`` and ``../images/emblem.png`` beside it; a test checks that the
committed files are what this script makes. To start a template of your own, open
``release.docx`` in Word or LibreOffice, change the styles "Release Title",
"Release Subtitle", "Release Body" (required), "Letterhead", "Running Head" and
"Hyperlink" (optional), the headers and the footers, and save it under another name
(keeping the style names).

The template holds only the styles pressgen uses and the four every Word document
has (Normal, Default Paragraph Font, Normal Table, No List); it declares Word 2013's
compatibility mode (15), so Word opens it without "[Compatibility Mode]".
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_UNDERLINE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from PIL import Image, ImageDraw

from pressgen.writers.docx import normalise_zip

HERE = Path(__file__).resolve().parent
EMBLEM = HERE.parent / "images" / "emblem.png"
ACCENT = RGBColor(0x1D, 0x4F, 0x91)
GREY = RGBColor(0x44, 0x44, 0x44)
SERIF = "Noto Serif"
SANS = "Noto Sans"
EMBLEM_MM = 12
RAISE = 16
"""How far the letterhead's name is raised, in half-points."""

# A package with no generator's name in it and none of the sample parts of
# python-docx's own default template (a thumbnail of an empty page).
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>release.docx</Template><DocSecurity>0</DocSecurity></Properties>"
)


def draw_emblem(path: Path, size: int = 256) -> None:
    """The neutral placeholder emblem (the PNG twin of images/emblem.svg)."""
    scale = 4  # drawn large, then reduced: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    width = round(big * 2.5 / 64)
    colour = (0x1D, 0x4F, 0x91, 255)
    pad = round(big * 3 / 64)
    draw.ellipse([pad, pad, big - pad, big - pad], outline=colour, width=width)
    inner = round(big * 19 / 64)
    draw.ellipse([inner, pad, big - inner, big - pad], outline=colour, width=width)
    for y, inset in ((32, 3), (18, 7), (46, 7)):
        yy, x = round(big * y / 64), round(big * inset / 64)
        draw.line([x, yy, big - x, yy], fill=colour, width=width)
    image.resize((size, size), Image.Resampling.LANCZOS).save(path, optimize=True)


def fonts(style: object, family: str) -> None:
    """Name the family for every script slot, so Cyrillic and Latin match."""
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), family)


KEEP = {
    # Word's own defaults, present in every document.
    "Normal", "DefaultParagraphFont", "TableNormal", "NoList",
    # The header and footer paragraphs, and their linked character styles.
    "Header", "HeaderChar", "Footer", "FooterChar",
}  # fmt: skip
"""Style ids kept from python-docx's default template; the other 160 or so go."""


def drop_unused_styles(document: docx.document.Document) -> None:
    """Remove every style but Word's defaults and the ones pressgen adds or uses."""
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP:
            root.remove(style)


def paragraph_style(
    document: docx.document.Document, name: str, family: str, size: float
) -> object:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    fonts(style, family)
    style.font.size = Pt(size)
    return style


def build() -> bytes:
    document = docx.Document()
    drop_unused_styles(document)
    styles = document.styles

    normal = styles["Normal"]
    fonts(normal, SERIF)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    # A text block of 134 mm: 60-75 characters a line of 11.5 pt Noto Serif, as the PDF.
    section.left_margin, section.right_margin = Mm(38), Mm(38)
    section.header_distance, section.footer_distance = Mm(10), Mm(12)

    title = paragraph_style(document, "Release Title", SERIF, 18)
    title.font.bold = True
    title.paragraph_format.space_before = Pt(6)
    title.paragraph_format.space_after = Pt(8)
    title.paragraph_format.line_spacing = 1.1
    title.paragraph_format.keep_with_next = True

    subtitle = paragraph_style(document, "Release Subtitle", SANS, 10)
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(18)
    subtitle.paragraph_format.line_spacing = 1.2
    subtitle.paragraph_format.keep_with_next = True
    subtitle.element.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="8"'
            ' w:color="C8D3E3"/></w:pBdr>'
        )
    )

    body = paragraph_style(document, "Release Body", SERIF, 11.5)
    body.paragraph_format.space_after = Pt(8)
    body.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    body.paragraph_format.line_spacing = 1.25
    body.paragraph_format.widow_control = True  # never one line alone at a page's foot or head
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    title.next_paragraph_style = subtitle
    subtitle.next_paragraph_style = body
    body.next_paragraph_style = body

    letterhead = paragraph_style(document, "Letterhead", SANS, 9.5)
    letterhead.font.bold = True
    letterhead.font.all_caps = True
    letterhead.font.color.rgb = ACCENT
    letterhead.element.get_or_add_rPr().append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="24"/>'))
    letterhead.element.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="6"'
            ' w:color="1D4F91"/></w:pBdr>'
        )
    )

    running = paragraph_style(document, "Running Head", SANS, 8)
    running.font.color.rgb = GREY
    running.element.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="4"'
            ' w:color="C8D3E3"/></w:pBdr>'
        )
    )

    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.base_style = styles["Default Paragraph Font"]
    link.font.color.rgb = ACCENT
    link.font.underline = WD_UNDERLINE.SINGLE
    link.unhide_when_used = True
    link.priority = 99

    # The letterhead heads the first page only, as on paper; the later pages carry a
    # running head and "Page N of M"; the first page no number, so a one-page release
    # prints no "Page 1 of 1".
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    head = header.paragraphs[0]
    head.style = letterhead
    emblem = head.add_run()
    emblem.add_picture(str(EMBLEM), height=Mm(EMBLEM_MM))
    # Word and LibreOffice let the emblem's descr be read aloud; the writer puts
    # the organisation's name here.
    emblem._r.xpath(".//wp:docPr")[0].set("descr", "Emblem")
    head.add_run("\t")
    # The writer replaces this text with the publisher from the data. Raised by 8 pt
    # (measured on LibreOffice's rendering: the inline emblem's box reaches below the
    # baseline), its capitals sit centred beside the emblem.
    name = head.add_run("Organisation")
    name._r.get_or_add_rPr().append(parse_xml(f'<w:position {nsdecls("w")} w:val="{RAISE}"/>'))
    head.paragraph_format.tab_stops.add_tab_stop(Mm(EMBLEM_MM + 4))

    later = section.header
    later.is_linked_to_previous = False
    # The writer replaces this text with "SCO · title" from the data.
    later.paragraphs[0].style = running
    later.paragraphs[0].add_run("Organisation \u00b7 Release title")

    footer_style = styles["Footer"]
    fonts(footer_style, SANS)
    footer_style.font.size = Pt(8.5)
    footer_style.font.color.rgb = GREY
    section.first_page_footer.is_linked_to_previous = False
    section.first_page_footer.paragraphs[0].style = footer_style
    section.footer.is_linked_to_previous = False
    foot = section.footer.paragraphs[0]
    foot.style = footer_style
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Translate here: the footer's words are the template's.
    foot.add_run("Page ")
    foot._p.append(field("PAGE"))
    foot.add_run(" of ")
    foot._p.append(field("NUMPAGES"))

    document.core_properties.author = ""
    document.core_properties.comments = ""
    document.core_properties.title = "Press release"
    document.add_paragraph("Release title", style=title)
    document.add_paragraph("Release subtitle", style=subtitle)
    document.add_paragraph("Body paragraph.", style=body)

    # Word 2010's duplicate of the styles and the sample custom XML of python-docx's
    # default template: not needed, and every render would carry them.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            document.part.rels.pop(rel_id)
    raw = io.BytesIO()
    document.save(raw)
    data = raw.getvalue()
    return normalise_zip(data, drop=["docProps/thumbnail.jpeg"], replace=_cleaned(data))


def _cleaned(data: bytes) -> dict[str, bytes]:
    """The package without the thumbnail, with a neutral app.xml, Word 2013's
    compatibility mode, no revision ids, and a font table of the fonts it names."""
    package = zipfile.ZipFile(io.BytesIO(data))
    rels = package.read("_rels/.rels").decode("utf-8")
    rels = re.sub(r"<Relationship [^>]*Target=\"docProps/thumbnail.jpeg\"[^>]*/>", "", rels)
    settings = package.read("word/settings.xml").decode("utf-8")
    settings = settings.replace(
        'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"',
        'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"',
    )
    settings = re.sub(r"<w:rsids>.*?</w:rsids>", "", settings)
    assert 'w:val="15"' in settings
    table = package.read("word/fontTable.xml").decode("utf-8")
    start, end = table.index("<w:font "), table.rindex("</w:font>") + len("</w:font>")
    table = (
        table[:start]
        + "".join(
            f'<w:font w:name="{family}"><w:charset w:val="00"/><w:family w:val="{kind}"/>'
            '<w:pitch w:val="variable"/></w:font>'
            for family, kind in ((SERIF, "roman"), (SANS, "swiss"))
        )
        + table[end:]
    )
    return {
        "_rels/.rels": rels.encode("utf-8"),
        "docProps/app.xml": APP_XML,
        "word/settings.xml": settings.encode("utf-8"),
        "word/fontTable.xml": table.encode("utf-8"),
    }


def field(instruction: str) -> object:
    """A simple field (PAGE, NUMPAGES) with a placeholder result."""
    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
        "<w:r><w:t>1</w:t></w:r></w:fldSimple>"
    )


def main() -> None:
    draw_emblem(EMBLEM)
    (HERE / "release.docx").write_bytes(build())


if __name__ == "__main__":
    main()
