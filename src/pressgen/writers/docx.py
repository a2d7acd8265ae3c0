"""The DOCX writer: the release poured into a Word template with python-docx.

The template (``docx/release.docx``, or the user's own) brings page setup, header,
footer and one paragraph style per role of the tree. The writer empties its body,
adds one paragraph per block in the role's style, fills the letterhead with the
publisher, sets the document language and every core property from the data, and
writes a zip whose bytes depend on the input only.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from .. import resources
from ..errors import TemplateError
from ..language import Language
from ..tree import Emphasis, Inline, Link, Release, Role, Text
from . import Options

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

TEMPLATE = "docx/release.docx"
STYLES: Mapping[Role, str] = {
    Role.TITLE: "Release Title",
    Role.SUBTITLE: "Release Subtitle",
    Role.PARAGRAPH: "Release Body",
}
"""The paragraph style of each role; a template must define all of them."""
LETTERHEAD_STYLE = "Letterhead"
"""Header paragraphs in this style receive the publisher's name (optional)."""
LINK_STYLE = "Hyperlink"
EAST_ASIAN_FONT = "Noto Serif CJK SC"
"""The East Asian font slot of the document's defaults (Debian: fonts-noto-cjk)."""
EAST_ASIAN_SANS = "Noto Sans CJK SC"
"""The East Asian font slot of a style whose Latin face is sans-serif."""

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's time: the earliest a zip can hold, so no clock leaks in."""


def zip_parts(parts: Mapping[str, bytes]) -> bytes:
    """A package of parts with fixed entry times and order: equal parts, equal bytes.

    ``[Content_Types].xml`` comes first (as readers expect), then the other parts in
    name order.
    """
    names = sorted(parts, key=lambda name: (name != "[Content_Types].xml", name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            package.writestr(info, parts[name])
    return out.getvalue()


def normalise_zip(
    data: bytes, drop: Iterable[str] = (), replace: Mapping[str, bytes] = {}
) -> bytes:
    """A saved package rewritten by :func:`zip_parts`, without ``drop``, with ``replace``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist() if name not in set(drop)}
    parts.update(replace)
    return zip_parts(parts)


class _Parts:
    """Collects what python-docx's package writer would put in the zip file."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}

    def write(self, uri: Any, blob: bytes) -> None:
        self.parts[uri.membername] = blob


def package_bytes(document: Document) -> bytes:
    """The document as .docx bytes, serialised and compressed once.

    ``Document.save`` would stamp each zip entry with the clock, so the package is
    written through python-docx's own part writer into :func:`zip_parts` instead
    (the same steps as ``OpcPackage.save``; python-docx is pinned below 2).
    """
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    collected = _Parts()
    # Its steps take any object with write(uri, blob); they are not typed for that.
    writer: Any = PackageWriter
    writer._write_content_types_stream(collected, package.parts)
    writer._write_pkg_rels(collected, package.rels)
    writer._write_parts(collected, package.parts)
    return zip_parts(collected.parts)


def template_path(options: Options) -> Path:
    """The .docx template in use: the user's, else the first in the template folders."""
    if options.docx_template is not None:
        return options.docx_template
    return resources.find(TEMPLATE, options.template_dirs)


def open_template(path: Path) -> Document:
    """Open a template and check that it has every style the writer needs."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a bad package
        raise TemplateError(f"not a usable .docx template: {exc}", str(path)) from None
    missing = [
        name for name in STYLES.values() if not _has_style(document, name, WD_STYLE_TYPE.PARAGRAPH)
    ]
    if missing:
        raise TemplateError(
            f"the template lacks the paragraph styles {', '.join(repr(m) for m in missing)}",
            str(path),
        )
    return document


def _has_style(document: Document, name: str, kind: Any) -> bool:
    try:
        return bool(document.styles[name].type == kind)
    except KeyError:
        return False


def _empty_body(document: Document) -> None:
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's page setup stays
            body.remove(child)


def add_runs(
    paragraph: Paragraph,
    nodes: tuple[Inline, ...],
    italic: bool = False,
    link_style: str | None = None,
) -> list[Any]:
    """Append inline nodes to a paragraph as runs; return the runs.

    Emphasis becomes italic; a link becomes a hyperlink whose runs take ``link_style``.
    """
    runs: list[Any] = []
    for node in nodes:
        match node:
            case Text(text=text):
                run = paragraph.add_run(text)
                if italic:
                    run.italic = True
                runs.append(run)
            case Emphasis(children=children):
                runs.extend(add_runs(paragraph, children, True, link_style))
            case Link(href=href, children=children):
                runs.extend(_hyperlink(paragraph, href, children, italic, link_style))
            case _:
                assert_never(node)
    return runs


def _hyperlink(
    paragraph: Paragraph,
    href: str,
    children: tuple[Inline, ...],
    italic: bool,
    link_style: str | None,
) -> list[Any]:
    # python-docx reads hyperlinks but cannot add them: a w:hyperlink element with
    # an external relationship, holding the link's runs.
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    runs = add_runs(paragraph, children, italic, link_style)
    for run in runs:
        if link_style:
            run.style = link_style
        link.append(run._r)  # moves the run from the paragraph into the link
    paragraph._p.append(link)
    return runs


_EAST_ASIAN = ("zh", "ja", "ko")
_RIGHT_TO_LEFT = ("ar", "fa", "he", "ur", "ps")


def _set_language(document: Document, tag: str) -> None:
    """Mark the document's language in the default run properties of styles.xml.

    Word keeps three languages per run: ``w:val`` for Latin and Cyrillic text,
    ``w:eastAsia`` for Chinese, Japanese and Korean, ``w:bidi`` for right-to-left
    scripts. The release's language goes where its script belongs; the East Asian
    slot is otherwise Chinese (the SCO's East Asian language, for names), and the
    right-to-left one Arabic. A Chinese document also gets the CJK font in the East
    Asian font slot and the East Asian hint, so that quotes and punctuation shared
    by the scripts are set full-width.
    """
    # python-docx has no API for the language or the font slots: raw XML.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    primary = tag.split("-")[0].lower()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag if primary in _EAST_ASIAN else "zh-CN")
    lang.set(qn("w:bidi"), tag if primary in _RIGHT_TO_LEFT else "ar-SA")
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    if primary in _EAST_ASIAN:
        fonts.set(qn("w:hint"), "eastAsia")
    # A style that names its own Latin face keeps it, and gets the matching CJK
    # face where its East Asian slot is empty or names the Latin face (which has no
    # Chinese glyphs).
    for style_fonts in styles.iter(qn("w:rFonts")):
        latin = style_fonts.get(qn("w:ascii"))
        if latin and style_fonts.get(qn("w:eastAsia")) in (None, latin):
            cjk = EAST_ASIAN_SANS if "sans" in latin.lower() else EAST_ASIAN_FONT
            style_fonts.set(qn("w:eastAsia"), cjk)


def _fill_footer(document: Document, words: tuple[str, str, str]) -> None:
    """Put the language's words around the PAGE and NUMPAGES fields of the footers."""
    from docx.oxml.ns import qn

    for section in document.sections:
        for footer in (section.footer, section.first_page_footer, section.even_page_footer):
            if footer.is_linked_to_previous:
                continue
            for paragraph in footer.paragraphs:
                if paragraph._p.find(qn("w:fldSimple")) is None:
                    continue
                runs = [run for run in paragraph.runs if run.text]
                for run, text in zip(runs, words, strict=False):
                    run.text = text
                if len(runs) < len(words) and words[-1]:
                    paragraph.add_run(words[-1])


def _fill_letterhead(document: Document, publisher: str) -> None:
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            if header.is_linked_to_previous:
                continue
            for paragraph in header.paragraphs:
                if paragraph.style is not None and paragraph.style.name == LETTERHEAD_STYLE:
                    texts = [run for run in paragraph.runs if run.text]
                    if texts:
                        texts[0].text = publisher
                        for run in texts[1:]:
                            run.text = ""


def _set_properties(document: Document, release: Release) -> None:
    meta = release.meta
    when = dt.datetime.combine(meta.date, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = meta.title
    properties.subject = meta.description
    properties.author = meta.publisher
    properties.last_modified_by = meta.publisher
    properties.keywords = ", ".join(meta.keywords)
    properties.language = meta.language
    properties.category = meta.kind
    properties.comments = ""
    properties.content_status = ""
    properties.identifier = ""
    properties.version = ""
    properties.revision = 1
    properties.created = when
    properties.modified = when
    properties.last_printed = when


def write(release: Release, options: Options) -> bytes:
    """The release as a .docx, poured into the template."""
    document = open_template(template_path(options))
    _empty_body(document)
    from docx.enum.style import WD_STYLE_TYPE

    link_style = LINK_STYLE if _has_style(document, LINK_STYLE, WD_STYLE_TYPE.CHARACTER) else None
    # Style ids looked up once: python-docx would search every style per paragraph.
    style_ids = {role: document.styles[name].style_id for role, name in STYLES.items()}
    for block in release.blocks:
        paragraph = document.add_paragraph()
        paragraph._p.style = style_ids[block.role]
        add_runs(paragraph, block.children, link_style=link_style)
    _set_language(document, release.meta.language)
    language = Language(release.meta.language)
    if "page_footer" in language.data:
        _fill_footer(document, language.page_footer())
    _fill_letterhead(document, release.meta.publisher)
    _set_properties(document, release)
    return package_bytes(document)
