"""The command line: outputs, exit codes, one-line errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pressgen.cli import main

from .conftest import EXAMPLE_7TH


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pressgen", *args], capture_output=True, text=True, check=False
    )


def test_render_writes_stem_dot_suffix_per_format(tmp_path: Path) -> None:
    result = run(
        "render", str(EXAMPLE_7TH), "--lang", "en", "--format", "txt,html", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"{EXAMPLE_7TH.stem}.html", f"{EXAMPLE_7TH.stem}.txt"]
    assert result.stderr == ""


def test_render_writes_every_language_of_the_record(tmp_path: Path) -> None:
    result = run("render", str(EXAMPLE_7TH), "--format", "txt,html", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    stem = EXAMPLE_7TH.stem
    assert names == sorted(
        f"{stem}.{lang}.{ext}" for lang in ("en-GB", "ru", "zh") for ext in ("html", "txt")
    )
    chosen = tmp_path / "chosen"
    assert (
        run(
            "render", str(EXAMPLE_7TH), "--lang", "zh,ru", "-f", "txt", "-o", str(chosen)
        ).returncode
        == 0
    )
    assert sorted(p.name for p in chosen.iterdir()) == [f"{stem}.ru.txt", f"{stem}.zh.txt"]


def test_a_language_the_record_lacks_is_a_usage_error(tmp_path: Path) -> None:
    result = run("render", str(EXAMPLE_7TH), "--lang", "fr", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().endswith("--lang fr: the meeting is written in en-GB, ru, zh only")
    assert not (tmp_path / "out").exists()


def test_check_accepts_the_example() -> None:
    result = run("check", str(EXAMPLE_7TH))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_bad_input_exits_1_with_one_line_per_problem_and_no_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE_7TH.read_text(encoding="utf-8")
    bad.write_text(text.replace("number: 7", "number: seven"))
    line = text.splitlines().index("number: 7") + 1
    out = tmp_path / "out"
    result = run("render", str(bad), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:{line}:9: number: input should be a valid integer,"
        " unable to parse string as an integer"
    ]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert (
        main(
            [
                "render",
                str(missing),
                str(EXAMPLE_7TH),
                "-f",
                "txt",
                "--lang",
                "en",
                "-o",
                str(tmp_path),
            ]
        )
        == 1
    )
    assert (tmp_path / f"{EXAMPLE_7TH.stem}.txt").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["render", str(EXAMPLE_7TH), "--format", "odt"],
        ["render"],
        ["frobnicate"],
        [],
    ],
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unwritable_output_exits_3(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(
        "render", str(EXAMPLE_7TH), "-f", "txt", "--lang", "en", "-o", str(blocker / "out")
    )
    assert result.returncode == 3
    assert result.stderr.startswith(f"{blocker}/out/{EXAMPLE_7TH.stem}.txt: cannot write:")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run("--debug", "check", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_help_and_version() -> None:
    assert run("--help").returncode == 0
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("pressgen ")


def test_debug_shows_the_traceback_of_a_render_too(tmp_path: Path) -> None:
    result = run("--debug", "render", str(tmp_path / "missing.yaml"), "--out", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1] == f"{tmp_path / 'missing.yaml'}: no such file"


def test_warnings_are_one_plain_line(tmp_path: Path) -> None:
    text = EXAMPLE_7TH.read_text(encoding="utf-8").replace(
        "    state: CN\n  - name: {en: Azamat",
        "    state: CN\n    status: guest\n  - name: {en: Azamat",
    )
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("render", str(path), "--format", "txt", "--lang", "en", "--out", str(tmp_path))
    assert result.returncode == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{path}:")
    assert line.endswith(
        "participants[1].status: warning: China was a member state on 2017-04-14, not a guest"
    )
