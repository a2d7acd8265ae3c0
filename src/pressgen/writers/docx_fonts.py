"""Fonts carried inside the .docx, so it looks the same where Noto is not installed.

Word's format embeds a font as an obfuscated part (``word/fonts/*.odttf``) named by
``w:embedRegular`` (…Bold, …Italic, …BoldItalic) in ``word/fontTable.xml``, with
``w:embedTrueTypeFonts`` in the settings; Word and LibreOffice both read it. The
obfuscation (ECMA-376 Part 1, §17.8.1) XORs the font's first 32 bytes with the
16 bytes of a GUID, taken in reverse order; the GUID is the part's ``w:fontKey``.

Only the bundled families the document's styles name are embedded, each face cut
down with fontTools to the characters of this release (``w:subsetted``) — some
tens of kilobytes instead of megabytes. The GUID is derived from the face's bytes,
so the same release gives the same package.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from .. import resources
from .font_cache import subset

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
KEY_NAMESPACE = uuid.UUID("4f1c7e2a-9b3d-4c5e-8a6f-0d2b1e3c4a5b")
"""Namespace of the derived font keys (any fixed UUID would do)."""

FACES: Mapping[str, Mapping[str, str]] = {
    "Noto Serif": {
        "Regular": "fonts/NotoSerif-Regular.ttf",
        "Bold": "fonts/NotoSerif-Bold.ttf",
        "Italic": "fonts/NotoSerif-Italic.ttf",
        "BoldItalic": "fonts/NotoSerif-BoldItalic.ttf",
    },
    "Noto Sans": {
        "Regular": "fonts/NotoSans-Regular.ttf",
        "Bold": "fonts/NotoSans-Bold.ttf",
    },
}
"""The bundled families, by the name the styles use, and their faces' files."""


def obfuscate(font: bytes, key: str) -> bytes:
    """A font as an .odttf part: its first 32 bytes XORed with the key's bytes reversed."""
    reversed_key = uuid.UUID(key).bytes[::-1]
    head = bytes(b ^ reversed_key[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


def families_named(parts: Mapping[str, bytes]) -> list[str]:
    """The bundled families named by the styles and the document's runs, in FACES order."""
    named: set[bytes] = set()
    for part in ("word/styles.xml", "word/document.xml"):
        named.update(re.findall(rb'w:(?:ascii|hAnsi)="([^"]+)"', parts.get(part, b"")))
    return [family for family in FACES if family.encode("utf-8") in named]


# Whole alphabets, whatever the release uses of them: a reader's program decides
# whether a font serves a language by the letters it has (fontconfig's orthographies:
# LibreOffice set a Russian text in DejaVu when the embedded Noto held only the
# letters the release used), and an editor of the document may type any of them.
ALPHABETS = (
    "".join(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x400, 0x460)]))
    + "\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u2026\u2116"
)


def embed_fonts(
    parts: MutableMapping[str, bytes],
    chars: str,
    template_dirs: tuple[Path, ...],
    faces: frozenset[str],
) -> None:
    """Embed the bundled ``faces`` ("Regular", "Bold", …) the package uses, in place."""
    # lxml (python-docx's) keeps every namespace declaration, which mc:Ignorable needs.
    from lxml import etree

    families = families_named(parts)
    if not families or "word/fontTable.xml" not in parts:
        return
    chars = "".join(sorted(set(chars) | set(ALPHABETS)))
    table = etree.fromstring(parts["word/fontTable.xml"])
    rels = etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS})
    number = 0
    for family in families:
        font = _font_element(table, family)
        for face, file in FACES[family].items():
            if face not in faces:
                continue
            path = resources.find(file, template_dirs)
            data = subset(path, path.stat().st_mtime_ns, chars, word=True)
            key = "{" + str(uuid.uuid5(KEY_NAMESPACE, data.hex())).upper() + "}"
            number += 1
            name = f"font{number}.odttf"
            parts[f"word/fonts/{name}"] = obfuscate(data, key)
            relation = etree.SubElement(rels, f"{{{RELS}}}Relationship")
            relation.set("Id", f"rIdFont{number}")
            relation.set("Type", FONT_REL)
            relation.set("Target", f"fonts/{name}")
            embed = etree.SubElement(font, f"{{{W}}}embed{face}", nsmap={"r": R})
            embed.set(f"{{{R}}}id", f"rIdFont{number}")
            embed.set(f"{{{W}}}fontKey", key)
            embed.set(f"{{{W}}}subsetted", "1")
    parts["word/fontTable.xml"] = etree.tostring(
        table, encoding="UTF-8", xml_declaration=True, standalone=True
    )
    parts["word/_rels/fontTable.xml.rels"] = etree.tostring(
        rels, encoding="UTF-8", xml_declaration=True, standalone=True
    )
    _declare_odttf(parts)
    _settings_embed(parts)


def _font_element(table: Any, family: str) -> Any:
    """The fontTable's entry for a family, emptied of earlier embeddings, or a new one."""
    for font in table.findall(f"{{{W}}}font"):
        if font.get(f"{{{W}}}name") == family:
            for child in list(font):
                if child.tag.startswith(f"{{{W}}}embed"):
                    font.remove(child)
            return font
    from lxml import etree

    font = etree.SubElement(table, f"{{{W}}}font")
    font.set(f"{{{W}}}name", family)
    return font


def _declare_odttf(parts: MutableMapping[str, bytes]) -> None:
    types = parts["[Content_Types].xml"].decode("utf-8")
    if 'Extension="odttf"' not in types:
        types = types.replace(
            "<Default ", f'<Default Extension="odttf" ContentType="{ODTTF}"/><Default ', 1
        )
    parts["[Content_Types].xml"] = types.encode("utf-8")


def _settings_embed(parts: MutableMapping[str, bytes]) -> None:
    """``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts``, where the schema puts them."""
    settings = parts.get("word/settings.xml")
    if settings is None or b"<w:embedTrueTypeFonts" in settings:
        return
    flags = b"<w:embedTrueTypeFonts/><w:saveSubsetFonts/>"
    # They follow w:zoom (and the few print flags a template never sets).
    zoom = re.search(rb"<w:zoom[^>]*/>", settings)
    if zoom is not None:
        settings = settings[: zoom.end()] + flags + settings[zoom.end() :]
    else:
        settings = re.sub(rb"(<w:settings[^>]*>)", rb"\1" + flags, settings, count=1)
    parts["word/settings.xml"] = settings
