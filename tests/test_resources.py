"""Template folders: every read stays inside them; language tags select language data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import pressgen
from pressgen import resources
from pressgen.cli import main
from pressgen.errors import DataError, TemplateError, UsageError

from .conftest import EXAMPLE_7TH, changed, seventh_in_english, write_seventh_in_english

SECRET = "OUTSIDE-SECRET-7f3a"
WORDING = "wording/en/press-release.xml.j2"


@pytest.fixture(scope="module")
def meeting() -> pressgen.Meeting:
    """The 7th meeting in English alone: these tests change its one language."""
    return pressgen.meeting_from_data(seventh_in_english())


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


@pytest.mark.parametrize("kind", [str, Path])
def test_one_folder_given_alone_is_one_folder(
    kind: type[str] | type[Path], tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    folder = kind(_folder(tmp_path, {"css/release.css": "p { color: #123456 }"}))
    page = pressgen.render(meeting, "html", template_dirs=folder).decode("utf-8")  # type: ignore[arg-type]
    assert "color: #123456" in page


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


@pytest.mark.parametrize(
    "tag",
    [
        "/some/dir/file",
        "../../elsewhere/secret",
        "en/../../x",
        'en" onload="alert(1)',
        "en-GB'",
        "en-GB\n",
        "en GB",
        "en_GB",
        "english",
        "en-GB-",
        "e",
    ],
)
def test_language_that_is_not_a_tag_is_refused(tag: str, meeting: pressgen.Meeting) -> None:
    data = {**meeting.model_dump(), "language": tag}
    with pytest.raises(DataError) as caught:
        pressgen.meeting_from_data(data)
    assert caught.value.problems[0].path == "language"
    assert "is not a language tag" in caught.value.problems[0].message


@pytest.fixture
def dashless_folder() -> Iterator[Path]:
    # A tag's part before its first "-" used to become a path: the folder must not
    # hold a "-" for the old failure to show (pytest's tmp_path does).
    folder = Path(tempfile.mkdtemp(prefix="pressgentag"))
    yield folder
    shutil.rmtree(folder)


def test_language_tag_never_opens_a_file(dashless_folder: Path, meeting: pressgen.Meeting) -> None:
    # Before tags were validated, "/some/dir/file" opened /some/dir/file.yaml and
    # printed a line of it in the error.
    (dashless_folder / "file.yaml").write_text(f"locale: [{SECRET}\n", encoding="utf-8")
    data = meeting.model_dump()
    data["language"] = str(dashless_folder / "file")
    assert "-" not in data["language"]

    def render() -> bytes:  # what such a tag reached
        return pressgen.render(pressgen.meeting_from_data(data), "txt")

    with pytest.raises(DataError) as caught:
        render()
    assert SECRET not in str(caught.value)
    assert [p.path for p in caught.value.problems] == ["language"]


def test_unvalidated_meeting_with_a_bad_tag_is_still_refused(
    dashless_folder: Path, meeting: pressgen.Meeting
) -> None:
    (dashless_folder / "file.yaml").write_text(f"locale: [{SECRET}\n", encoding="utf-8")
    hostile = meeting.model_copy(update={"language": str(dashless_folder / "file")})
    # Refused when the copy is validated again, before any language data is looked up.
    with pytest.raises((DataError, TemplateError), match="is not a language tag") as caught:
        pressgen.render(hostile, "txt")
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("tag", "canonical"), [("en-gb", "en-GB"), ("EN-US", "en-US"), ("zh-hans-cn", "zh-Hans-CN")]
)
def test_language_tag_is_written_in_its_usual_case(
    tag: str, canonical: str, meeting: pressgen.Meeting
) -> None:
    assert changed(meeting, language=tag).language == canonical


def test_american_english_has_american_dates(meeting: pressgen.Meeting) -> None:
    us = changed(meeting, language="en-US")
    text = pressgen.render(us, "txt").decode("utf-8")
    assert "on\u00a0April 14, 2017." in text
    assert "14 April" not in text
    html = pressgen.render(us, "html").decode("utf-8")
    assert '<html lang="en-US">' in html


def test_american_date_ranges(meeting: pressgen.Meeting) -> None:
    from pressgen.wording import Language

    us = Language("en-US")
    assert us.date_range(*(meeting.date.replace(month=6, day=d) for d in (15, 16))) == (
        "June 15–16, 2017"
    )
    assert us.date_range(
        meeting.date.replace(month=6, day=30), meeting.date.replace(month=7, day=1)
    ) == ("June 30–July 1, 2017")


def test_tag_without_language_data_of_its_own_says_which_is_used(meeting: pressgen.Meeting) -> None:
    australian = changed(meeting, language="en-AU")
    with pytest.warns(
        resources.LanguageFallbackWarning, match="^en-AU: no language data of its own, using en$"
    ):
        text = pressgen.render(australian, "txt").decode("utf-8")
    assert "14 April 2017" in text


def test_cli_prints_the_language_fallback(tmp_path: Path) -> None:
    english = write_seventh_in_english(tmp_path / "english.yaml")
    source = english.read_text("utf-8").replace("language: en-GB", "language: en-IE")
    assert "language: en-IE" in source
    meeting_file = tmp_path / "meeting.yaml"
    meeting_file.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pressgen",
            "render",
            str(meeting_file),
            "-f",
            "txt",
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "pressgen: warning: en-IE: no language data of its own, using en" in result.stderr


def test_language_with_no_data_at_all_is_a_template_error(meeting: pressgen.Meeting) -> None:
    with pytest.raises(TemplateError, match="no language data for 'fr-FR'"):
        pressgen.render(changed(meeting, language="fr-FR"), "txt")
