"""The command line: outputs, exit codes, one-line errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pressgen import batch, schema
from pressgen.cli import main

from .conftest import EXAMPLE_7TH, write_seventh_in_english


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


def test_check_accepts_the_example_and_says_what_it_checked() -> None:
    result = run("check", str(EXAMPLE_7TH))
    assert (result.returncode, result.stderr) == (0, "")
    (line,) = result.stdout.splitlines()
    assert line == (
        f"{EXAMPLE_7TH}: ok: press-release of meeting 7 on 2017-04-14 in en-GB, ru, zh:"
        " every stage of render run for txt, html, pdf, docx, json, nothing written"
    )
    only = run("check", str(EXAMPLE_7TH), "--lang", "ru", "--format", "txt")
    assert only.stdout.endswith(" in ru: every stage of render run for txt, nothing written\n")


def test_check_says_ok_once_per_good_file_and_nothing_for_a_bad_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE_7TH.read_text(encoding="utf-8").replace("number: 7", "number: seven"))
    result = run("check", str(EXAMPLE_7TH), str(bad), str(EXAMPLE_7TH), "--format", "txt")
    assert result.returncode == 1
    assert [line.split(": ok: ")[0] for line in result.stdout.splitlines()] == [
        str(EXAMPLE_7TH)
    ] * 2
    assert result.stderr.startswith(f"{bad}:")


def test_bad_input_exits_1_with_one_line_per_problem_and_no_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE_7TH.read_text(encoding="utf-8")
    bad.write_text(text.replace("number: 7", "number: seven"))
    line = text.splitlines().index("number: 7") + 1
    out = tmp_path / "out"
    result = run("render", str(bad), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:{line}:9: number: whole number expected, not seven;"
        " write the number in plain digits (no leading zero, sign, separator or decimals)"
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


@pytest.mark.parametrize("where", ["first", "after the command", "last"])
def test_debug_is_accepted_anywhere(where: str, tmp_path: Path) -> None:
    args = ["check", str(tmp_path / "missing.yaml")]
    position = {"first": 0, "after the command": 1, "last": len(args)}[where]
    result = run(*args[:position], "--debug", *args[position:])
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1] == f"{tmp_path / 'missing.yaml'}: no such file"


def _bug(*args: object, **kwargs: object) -> bytes:
    raise TypeError("a bug\nover two lines")


@pytest.mark.parametrize("command", ["schema", "render"])
def test_an_internal_error_exits_4_in_one_line_pointing_to_debug(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(schema, "schema_text", _bug)  # the command imports it when it runs
    monkeypatch.setattr(batch, "render_to", _bug)
    argv = {"schema": ["schema"], "render": ["render", str(EXAMPLE_7TH), "--out", str(tmp_path)]}
    assert main(argv[command]) == 4
    where = "pressgen" if command == "schema" else str(EXAMPLE_7TH)
    assert capsys.readouterr().err.splitlines() == [
        f"{where}: internal error: TypeError: a bug over two lines"
        " (a bug; run again with --debug to see where)"
    ]
    assert main(["--debug", *argv[command]]) == 4
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert err.splitlines()[-1].endswith("(a bug; run again with --debug to see where)")


def _broken_page(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "release.html.j2").write_text("{{ release.no_such_field }}", "utf-8")
    return folder


@pytest.mark.parametrize("case", ["language without data", "broken page template"])
def test_check_fails_wherever_render_would(case: str, tmp_path: Path) -> None:
    path = tmp_path / "meeting.yaml"
    write_seventh_in_english(path)
    text = path.read_text(encoding="utf-8")
    options: list[str] = []
    if case == "language without data":
        assert "language: en-GB\n" in text
        text = text.replace("language: en-GB\n", "language: fr\n", 1)
    else:
        options = ["--templates", str(_broken_page(tmp_path))]
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    rendered = run("render", str(path), *options, "--out", str(out))
    checked = run("check", str(path), *options)
    assert (checked.returncode, checked.stderr) == (rendered.returncode, rendered.stderr)
    assert checked.returncode == 1
    assert len(checked.stderr.splitlines()) == 1
    assert not out.exists()
    assert run("check", str(path), *options, "--format", "json").returncode == (
        1 if case == "language without data" else 0
    )
