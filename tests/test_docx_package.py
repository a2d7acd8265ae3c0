"""A .docx template from someone else is checked before use: sizes, XML, links, macros."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import pressgen
from pressgen import resources
from pressgen.cli import main
from pressgen.writers import docx_package

from .conftest import EXAMPLE_7TH

SHIPPED = resources.package_templates() / "docx" / "release.docx"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
EXTERNAL = (
    '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/{kind}" Target="{target}" TargetMode="External"/></Relationships>'
)


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(SHIPPED) as package:
        return {name: package.read(name) for name in package.namelist()}


def _package(path: Path, parts: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _edited(name: str, edit: Callable[[bytes], bytes]) -> dict[str, bytes]:
    parts = _parts()
    parts[name] = edit(parts[name])
    return parts


def _with_external(kind: str, target: str) -> dict[str, bytes]:
    return _edited(
        RELS,
        lambda d: d.replace(
            b"</Relationships>", EXTERNAL.format(kind=kind, target=target).encode()
        ),
    )


def _declaring(declaration: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"?>", b"?>" + declaration, 1)


BAD: dict[str, tuple[Callable[[], dict[str, bytes]], str]] = {
    "zip bomb part": (
        lambda: {**_parts(), "word/media/bomb.bin": b"\0" * (docx_package.MAX_PART_BYTES + 1)},
        f"part word/media/bomb.bin is {docx_package.MAX_PART_BYTES + 1} bytes uncompressed;"
        f" the limit is {docx_package.MAX_PART_BYTES}",
    ),
    "zip bomb total": (
        lambda: {
            **_parts(),
            **{
                f"word/media/b{i}.bin": b"\0" * (docx_package.MAX_PART_BYTES // 2) for i in range(5)
            },
        },
        "bytes uncompressed in all; the limit is 67108864",
    ),
    "billion laughs": (
        lambda: _edited(
            "word/styles.xml",
            _declaring(b'<!DOCTYPE w [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'),
        ),
        "part word/styles.xml: a document type declaration (DTD) is not accepted in XML",
    ),
    "external entity": (
        lambda: _edited(
            "word/document.xml",
            _declaring(b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        ),
        "part word/document.xml: a document type declaration (DTD) is not accepted in XML",
    ),
    "attached template": (
        lambda: _with_external("attachedTemplate", "https://example.org/evil.dotm"),
        f"part {RELS}: an attached template outside the file ('https://example.org/evil.dotm')"
        " is not accepted; embed it or remove it",
    ),
    "linked image": (
        lambda: _with_external("image", "http://example.org/pixel.png"),
        f"part {RELS}: a linked image outside the file ('http://example.org/pixel.png')"
        " is not accepted; embed it or remove it",
    ),
    "file hyperlink": (
        lambda: _with_external("hyperlink", "file:///etc/passwd"),
        f"part {RELS}: a hyperlink outside the file ('file:///etc/passwd')"
        " is not accepted; embed it or remove it",
    ),
    "macros": (
        lambda: {**_parts(), "word/vbaProject.bin": b"\xd0\xcf\x11\xe0"},
        "part word/vbaProject.bin: macros and ActiveX controls are not accepted",
    ),
    "docm content type": (
        lambda: _edited(
            TYPES,
            lambda d: d.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            ),
        ),
        f"part {TYPES}: macro-enabled content (application/vnd.ms-word.document.macroEnabled."
        "main+xml) is not accepted; save the template as .docx, not .docm",
    ),
    "broken XML": (
        lambda: _edited("word/styles.xml", lambda d: d[: len(d) // 2]),
        "part word/styles.xml: not well-formed XML (unclosed token: line ",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_docx_templates_are_refused_in_one_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = BAD[case]
    template = _package(tmp_path / "letterhead.docx", make())
    out = tmp_path / "out"
    argv = ["render", str(EXAMPLE_7TH), "-f", "docx", "--docx-template", str(template)]
    code = main([*argv, "--out", str(out)])
    (line,) = capsys.readouterr().err.splitlines()
    assert code == 1
    assert line.startswith(f"{template}: ")
    assert message in line
    assert not out.exists()


def test_the_shipped_template_and_web_links_pass(tmp_path: Path) -> None:
    template = _package(
        tmp_path / "linked.docx", _with_external("hyperlink", "https://www.example.org/")
    )
    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    assert pressgen.render(meeting, "docx", docx_template=template).startswith(b"PK")
    docx_package.check_template(SHIPPED)


def test_a_template_that_is_not_a_file(tmp_path: Path) -> None:
    link = tmp_path / "zero.docx"
    link.symlink_to("/dev/zero")
    with pytest.raises(pressgen.TemplateError, match=r"the \.docx template is not a file"):
        docx_package.check_template(link)
    with pytest.raises(pressgen.TemplateError, match="not a zip package"):
        docx_package.check_template(_package_text(tmp_path / "text.docx"))


def _package_text(path: Path) -> Path:
    path.write_text("not a zip")
    return path
