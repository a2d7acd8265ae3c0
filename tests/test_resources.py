"""Template folders: every read stays inside them."""

from __future__ import annotations

from pathlib import Path

import pytest

import pressgen
from pressgen import resources
from pressgen.cli import main
from pressgen.errors import TemplateError, UsageError

from .conftest import EXAMPLE_7TH

SECRET = "OUTSIDE-SECRET-7f3a"
WORDING = "wording/en/press-release.xml.j2"
ORIGINAL_WORDING = (resources.package_templates() / WORDING).read_text("utf-8")


def _outside(tmp_path: Path, text: str) -> Path:
    """A file outside every template folder, holding the secret."""
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(text, encoding="utf-8")
    return secret


def _folder(tmp_path: Path, files: dict[str, str | Path]) -> Path:
    """A user template folder: text files, or symbolic links to the given paths."""
    folder = tmp_path / "mine"
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            path.symlink_to(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def _refused(meeting: pressgen.Meeting, folder: Path, format: str, tmp_path: Path) -> str:
    """Render into a fresh folder; the render must fail and write nothing."""
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        pressgen.render_to(meeting, out, [format], template_dirs=[folder])
    assert not out.exists() or not any(out.iterdir())
    assert SECRET not in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize("format", ["html", "pdf"])
def test_user_stylesheet_linked_outside_is_refused(
    format: str, tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    secret = _outside(tmp_path, f"/* {SECRET} */ body {{ color: black }}")
    folder = _folder(tmp_path, {"css/release.css": secret})
    message = _refused(meeting, folder, format, tmp_path)
    assert message.startswith(f"{folder / 'css/release.css'}: leads outside the template folders")


def test_pdf_font_linked_outside_is_refused(
    tmp_path: Path, meeting: pressgen.Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.text.fonts import FontConfiguration

    from pressgen.writers import pdf

    secret = _outside(tmp_path, SECRET)
    folder = _folder(tmp_path, {"fonts/NotoSerif-Regular.ttf": secret})
    # WeasyPrint keeps the fonts it loaded by URL for the life of a FontConfiguration:
    # a fresh one makes this render fetch the font (the user's) again.
    monkeypatch.setattr(pdf, "font_config", FontConfiguration)
    message = _refused(meeting, folder, "pdf", tmp_path)
    assert "refused to fetch file:///" in message
    assert f"{folder / 'fonts/NotoSerif-Regular.ttf'}: leads outside" in message


@pytest.mark.parametrize(
    "statement",
    [
        '{% include "wording/en/part.xml.j2" %}',
        '{% import "wording/en/part.xml.j2" as part %}',
        '{% extends "wording/en/part.xml.j2" %}',
    ],
)
def test_included_template_linked_outside_is_refused(
    statement: str, tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    secret = _outside(tmp_path, SECRET)
    folder = _folder(tmp_path, {WORDING: statement, "wording/en/part.xml.j2": secret})
    message = _refused(meeting, folder, "txt", tmp_path)
    assert f"{folder / 'wording/en/part.xml.j2'}: leads outside" in message


def test_wording_template_linked_outside_is_refused(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    secret = _outside(tmp_path, SECRET)
    folder = _folder(tmp_path, {WORDING: secret})
    assert "leads outside the template folders" in _refused(meeting, folder, "txt", tmp_path)


def test_linked_folder_leading_outside_is_refused(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    secret = _outside(tmp_path, SECRET)
    folder = _folder(tmp_path, {"css": secret.parent})
    (secret.parent / "release.css").write_text(f"/* {SECRET} */", encoding="utf-8")
    assert "leads outside" in _refused(meeting, folder, "html", tmp_path)


@pytest.mark.parametrize(
    "name",
    [
        "../elsewhere/secret.txt",
        "wording/../../elsewhere/secret.txt",
        "wording/en/../../../elsewhere/secret.txt",
        "ABSOLUTE",
        "wording\\..\\..\\elsewhere\\secret.txt",
    ],
)
def test_names_outside_the_folders_are_refused(
    name: str, tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    secret = _outside(tmp_path, SECRET)
    name = str(secret) if name == "ABSOLUTE" else name
    literal = name.replace("\\", "\\\\")  # a Jinja string literal
    folder = _folder(tmp_path, {WORDING: f'{{% include "{literal}" %}}'})
    message = _refused(meeting, folder, "txt", tmp_path)
    assert "is not a file name inside the template folders" in message


def test_a_link_inside_the_folders_is_followed(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    # A link is refused for where it leads, not for being a link.
    folder = _folder(tmp_path, {"css/house.css": "p { color: #123456 }"})
    (folder / "css" / "release.css").symlink_to(folder / "css" / "house.css")
    page = pressgen.render(meeting, "html", template_dirs=[folder]).decode("utf-8")
    assert "color: #123456" in page


def _marked_wording(tmp_path: Path) -> Path:
    text = ORIGINAL_WORDING.replace("<title>The ", "<title>MARKED The ")
    return _folder(tmp_path, {WORDING: text})


@pytest.mark.parametrize("kind", [str, Path])
def test_one_folder_given_alone_is_one_folder(
    kind: type[str] | type[Path], tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    folder = kind(_marked_wording(tmp_path))
    text = pressgen.render(meeting, "txt", template_dirs=folder).decode("utf-8")  # type: ignore[arg-type]
    assert text.startswith("MARKED The 7th")


@pytest.mark.parametrize(
    ("what", "reason"), [("missing", "does not exist"), ("file", "is not a folder")]
)
def test_template_folder_that_is_not_a_folder_is_refused(
    what: str, reason: str, tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    path = tmp_path / what
    if what == "file":
        path.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match=f"template folder '{path}' {reason}"):
        pressgen.render(meeting, "txt", template_dirs=[path])
    with pytest.raises(UsageError, match=f"template folder '{path}' {reason}"):
        pressgen.render(meeting, "txt", template_dirs=str(path))


def test_cli_refuses_a_missing_template_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    out = tmp_path / "out"
    code = main(["render", str(EXAMPLE_7TH), "--templates", str(missing), "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [f"template folder '{missing}' does not exist"]
    assert not out.exists()
