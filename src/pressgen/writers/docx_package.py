"""Checking a .docx template before python-docx opens it.

A template may come from someone else, and a .docx is a zip of XML parts that Word,
LibreOffice and python-docx would act on. So, before use, and from the zip's own
directory and parts (nothing is extracted to disk):

- sizes: at most :data:`MAX_PARTS` parts, each at most :data:`MAX_PART_BYTES` and all
  together at most :data:`MAX_TOTAL_BYTES` uncompressed (a zip bomb is refused before
  a byte of it is inflated; a part that inflates to more than its directory says fails
  on its checksum, so the declared sizes bound what is read);
- XML: every XML part parses without a document type declaration or entity
  declaration (no "billion laughs", no external entities);
- relationships: none with ``TargetMode="External"`` (a remote attached template, a
  linked image or OLE object, fetched when the document is opened), except plain
  http(s) and mailto hyperlinks, which nothing fetches until a reader clicks them;
- no macros: no VBA project, no macro-enabled or ActiveX content types.

Each refusal is one :class:`~pressgen.errors.TemplateError` naming the template and
the part.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.parsers import expat

from .. import messages as say
from ..errors import TemplateError

MAX_PARTS = 1_000
"""Most parts (files in the zip) a template may hold."""
MAX_PART_BYTES = 32 * 1024 * 1024
"""Largest uncompressed part (a letterhead image, the styles)."""
MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""Largest uncompressed template, all parts together."""

_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_SAFE_LINK = re.compile(r"(?i)(https?://|mailto:)[^\s]*")
_MACRO_PARTS = re.compile(r"(?i)(^|/)(vbaProject\.bin|vbaData\.xml|activeX[^/]*)$")
_MACRO_TYPES = re.compile(r"(?i)macroEnabled|vbaProject|vbaData|activeX")


class _Refused(Exception):
    """An XML part declares a DTD or entities."""


def _refuse(template: Path, message: str) -> TemplateError:
    return TemplateError(message, str(template))


def _scan(data: bytes, package_part: bool) -> list[tuple[str, dict[str, str]]]:
    """Parse an XML part, refusing declarations; for the package's own parts (content
    types, relationships), the (local name, attributes) of their entries."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = expat.ParserCreate()

    def declaration(*_: object) -> None:
        raise _Refused(say.DOCX_DTD)

    def entity(*_: object) -> None:
        raise _Refused(say.DOCX_ENTITY)

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local in ("Relationship", "Override", "Default"):
            found.append((local, attributes))

    parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = entity
    if package_part:  # the other parts are large (styles): no call per element
        parser.StartElementHandler = start
    parser.Parse(data, True)
    return found


def _what(kind: str) -> str:
    last = kind.rsplit("/", 1)[-1]
    return say.DOCX_LINK_KINDS.get(last) or say.DOCX_LINK_KIND.format(kind=last or "?")


_CHECKED: set[tuple[str, int, int, int, int]] = set()
"""Templates found good in this process, by path and file identity, size and time."""


def check_template(template: Path) -> None:
    """Refuse a .docx template that is too large, holds a DTD, links out or has macros."""
    if not template.is_file():
        raise _refuse(template, say.DOCX_NOT_A_FILE)
    try:
        info = template.stat()
        key = (str(template), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        if key in _CHECKED:
            return
        with zipfile.ZipFile(template) as package:
            _check(template, package)
        _CHECKED.add(key)
    except zipfile.BadZipFile as exc:
        raise _refuse(template, say.DOCX_NOT_A_ZIP.format(reason=exc)) from None
    except OSError as exc:
        raise _refuse(template, say.DOCX_CANNOT_READ.format(reason=exc.strerror)) from None


def _check(template: Path, package: zipfile.ZipFile) -> None:
    parts = package.infolist()
    if len(parts) > MAX_PARTS:
        raise _refuse(template, say.DOCX_TOO_MANY_PARTS.format(count=len(parts), limit=MAX_PARTS))
    total = 0
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise _refuse(
                template,
                say.DOCX_PART_TOO_LARGE.format(
                    part=part.filename, size=part.file_size, limit=MAX_PART_BYTES
                ),
            )
        total += part.file_size
        if _MACRO_PARTS.search(part.filename):
            raise _refuse(template, say.DOCX_MACROS.format(part=part.filename))
    if total > MAX_TOTAL_BYTES:
        raise _refuse(template, say.DOCX_TOO_LARGE.format(size=total, limit=MAX_TOTAL_BYTES))
    for part in parts:
        name = part.filename
        if name.endswith((".xml", ".rels")):
            _check_xml(template, name, package.read(part))


def _check_xml(template: Path, name: str, data: bytes) -> None:
    try:
        elements = _scan(data, name == "[Content_Types].xml" or name.endswith(".rels"))
    except _Refused as exc:
        raise _refuse(template, say.DOCX_DECLARATION.format(part=name, what=exc)) from None
    except expat.ExpatError as exc:
        raise _refuse(template, say.DOCX_BAD_XML.format(part=name, reason=exc)) from None
    for element, attributes in elements:
        kind = attributes.get("ContentType", "")
        if element != "Relationship" and _MACRO_TYPES.search(kind):
            raise _refuse(
                template,
                say.DOCX_MACRO_CONTENT.format(part=name, kind=kind),
            )
        if element != "Relationship" or attributes.get("TargetMode") != "External":
            continue
        kind, target = attributes.get("Type", ""), attributes.get("Target", "")
        if kind == _HYPERLINK and _SAFE_LINK.fullmatch(target):
            continue
        raise _refuse(
            template,
            say.DOCX_EXTERNAL.format(part=name, what=_what(kind), target=target),
        )
