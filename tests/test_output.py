"""Outputs never destroy anything: never over an input, all files of one input or none,
under every fault, and no temporary file left behind."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import pressgen
from pressgen.cli import main
from pressgen.output import PREFIX

from .conftest import EXAMPLE_7TH, changed

FORMATS = ["txt", "html"]


@pytest.fixture
def meeting(meeting: pressgen.Meeting) -> pressgen.Meeting:
    """The 7th meeting written in one language, so one file per format."""
    return changed(meeting, languages=["en-GB"])


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(PREFIX))


def eighth(meeting: pressgen.Meeting) -> pressgen.Meeting:
    return pressgen.Meeting.model_validate({**meeting.model_dump(), "number": 8})


# -- never over an input ------------------------------------------------------------------


def test_rendering_json_beside_a_json_input_keeps_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    source = tmp_path / "meeting.json"
    source.write_text(meeting.model_dump_json(indent=2), encoding="utf-8")
    before = files_in(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["render", "meeting.json"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "meeting.json: the output meeting.json would overwrite the input meeting.json;"
        " choose another output folder or name"
    ]
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("link", ["symlink", "hard link", "symlinked folder"])
def test_an_input_reached_through_a_link_is_not_overwritten(
    link: str, tmp_path: Path, meeting: pressgen.Meeting, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in" / "release.json"
    source.parent.mkdir()
    source.write_text(meeting.model_dump_json(indent=2), encoding="utf-8")
    out = tmp_path / "out"
    if link == "symlinked folder":
        out.symlink_to(source.parent)
    else:
        out.mkdir()
        if link == "symlink":
            (out / "release.json").symlink_to(source)
        else:
            os.link(source, out / "release.json")
    before = files_in(source.parent)
    assert main(["render", str(source), "--format", "txt,json", "--out", str(out)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert files_in(source.parent) == before
    assert sorted(p.name for p in out.iterdir()) == ["release.json"]


def test_two_inputs_with_one_output_name_are_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLE_7TH, tmp_path / folder / "meeting.yaml")
    out = tmp_path / "out"
    first, second = tmp_path / "a" / "meeting.yaml", tmp_path / "b" / "meeting.yaml"
    code = main(["render", str(first), str(second), "--format", "txt", "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{second}: the output {out / 'meeting.txt'} would also be written by {first};"
        " render them into different folders"
    ]
    assert not out.exists()


def test_a_draft_is_never_written_over_the_meeting_it_is_drafted_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "meeting.yaml"
    shutil.copy(EXAMPLE_7TH, source)
    before = files_in(tmp_path)
    assert main(["new", "--from", str(source), "-o", str(source), "--force"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{source}: the output {source} would overwrite the input {source};"
        " choose another output folder or name"
    ]
    assert files_in(tmp_path) == before


def test_one_input_given_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "meeting.yaml"
    shutil.copy(EXAMPLE_7TH, source)
    (tmp_path / "in").mkdir()
    again = tmp_path / "in" / ".." / "meeting.yaml"  # the same file, spelt otherwise
    out = tmp_path / "out"
    assert main(["render", str(source), str(again), "--format", "txt", "--out", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"{again}: given twice (also as {source})"]
    assert not out.exists()


def test_render_many_refuses_clashing_outputs_before_writing(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    with pytest.raises(pressgen.UsageError, match="would also be written by <meeting 1>"):
        pressgen.render_many([meeting, meeting], ["txt"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_render_to_never_writes_over_a_protected_file_or_the_docx_template(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    own = tmp_path / "mine.txt"
    own.write_text("the meeting's own file")
    with pytest.raises(pressgen.UsageError, match="would overwrite the input"):
        pressgen.render_to(meeting, tmp_path, ["txt"], stem="mine", protect=[own])
    template = tmp_path / "house.docx"
    template.write_bytes(b"PK")
    with pytest.raises(pressgen.UsageError, match="would overwrite the input"):
        pressgen.render_to(meeting, tmp_path, ["docx"], stem="house", docx_template=template)
    assert own.read_text() == "the meeting's own file"
    assert template.read_bytes() == b"PK"


# -- all files of one input or none, under faults -----------------------------------------


@pytest.fixture
def written(tmp_path: Path, meeting: pressgen.Meeting) -> Path:
    """An output folder holding a previous release (txt and html)."""
    out = tmp_path / "out"
    pressgen.render_to(meeting, out, FORMATS, stem="release")
    return out


def fail_on_call(number: int, error: BaseException, real: Callable[..., Any]) -> Callable[..., Any]:
    """A stand-in for an os function that raises ``error`` on its ``number``-th call."""
    calls = 0

    def fake(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == number:
            raise error
        return real(*args, **kwargs)

    return fake


FAULTS: dict[str, tuple[str, int, BaseException]] = {
    "disk full while writing the second file": (
        "write",
        2,
        OSError(errno.ENOSPC, "No space left on device"),
    ),
    "file-size limit while writing": ("write", 1, OSError(errno.EFBIG, "File too large")),
    "disk full at the second rename": (
        "replace",
        2,
        OSError(errno.ENOSPC, "No space left on device"),
    ),
    "Ctrl-C between two renames": ("replace", 2, KeyboardInterrupt()),
    "Ctrl-C while writing": ("write", 2, KeyboardInterrupt()),
    "Ctrl-C while syncing": ("fsync", 1, KeyboardInterrupt()),
}


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "no hard links"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_leaves_the_previous_release_and_no_temporary_file(
    fault: str,
    hard_links: bool,
    written: Path,
    meeting: pressgen.Meeting,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = files_in(written)
    if not hard_links:
        monkeypatch.setattr(os, "link", fail_on_call(1, OSError(errno.EPERM, "no links"), os.link))
    name, number, error = FAULTS[fault]
    monkeypatch.setattr(os, name, fail_on_call(number, error, getattr(os, name)))
    expected: type[BaseException] = (
        KeyboardInterrupt if isinstance(error, KeyboardInterrupt) else pressgen.WriteError
    )
    with pytest.raises(expected):
        pressgen.render_to(eighth(meeting), written, FORMATS, stem="release")
    monkeypatch.undo()
    assert files_in(written) == before
    assert temporaries(written) == []


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "no hard links"])
def test_a_fault_on_a_first_release_leaves_nothing(
    hard_links: bool, tmp_path: Path, meeting: pressgen.Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hard_links:
        monkeypatch.setattr(os, "link", fail_on_call(1, OSError(errno.EPERM, "no links"), os.link))
    monkeypatch.setattr(os, "replace", fail_on_call(2, KeyboardInterrupt(), os.replace))
    with pytest.raises(KeyboardInterrupt):
        pressgen.render_to(meeting, tmp_path, FORMATS, stem="release")
    monkeypatch.undo()
    assert files_in(tmp_path) == {}


def test_without_hard_links_a_release_is_still_replaced(
    written: Path, meeting: pressgen.Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    pressgen.render_to(eighth(meeting), written, FORMATS, stem="release")
    monkeypatch.undo()
    assert files_in(written) == {
        "release.txt": pressgen.render(eighth(meeting), "txt"),
        "release.html": pressgen.render(eighth(meeting), "html"),
    }


def test_the_file_size_limit_is_an_error_not_a_kill(tmp_path: Path) -> None:
    out = tmp_path / "out"
    formats = ["--format", "txt,json,html", "--lang", "en"]
    limit = 20_000  # the text (3 kB) and the JSON (8 kB) fit, the HTML (with its fonts) does not

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "pressgen", "render", str(EXAMPLE_7TH), *formats, "--out", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=limited,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    assert result.returncode == 3, result.stderr
    # CPython ignores SIGXFSZ, so the limit is an error (EFBIG), not a kill.
    assert result.stderr == f"{out / EXAMPLE_7TH.stem}.html: cannot write: File too large\n"
    assert files_in(out) == {}


def test_a_name_near_the_length_limit_is_written(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    stem = "a" * (255 - len(".html"))
    paths = pressgen.render_to(meeting, tmp_path, FORMATS, stem=stem)
    assert [p.name for p in paths] == [f"{stem}.txt", f"{stem}.html"]
    assert sorted(files_in(tmp_path)) == sorted(p.name for p in paths)


def test_a_name_past_the_length_limit_writes_nothing(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    stem = "a" * (256 - len(".html"))
    with pytest.raises(pressgen.WriteError, match="the file name is longer than 255 bytes"):
        pressgen.render_to(meeting, tmp_path, FORMATS, stem=stem)
    assert files_in(tmp_path) == {}


def test_leftovers_of_a_killed_run_are_cleaned_on_the_next_run(
    written: Path, meeting: pressgen.Meeting
) -> None:
    dead = 2**22 + 1  # above any pid Linux hands out
    leftovers = [f"{PREFIX}{dead}-k1ll3d_x.tmp", f"{PREFIX}{dead}-k1ll3d_y.old"]
    live = f"{PREFIX}{os.getppid()}-4l1ve000.tmp"  # a running process's: left alone
    for name in [*leftovers, live]:
        (written / name).write_bytes(b"partial")
    pressgen.render_to(meeting, written, FORMATS, stem="release")
    assert temporaries(written) == [live]
