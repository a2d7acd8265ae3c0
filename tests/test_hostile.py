"""Hostile input and faults: each case ends in exact, one-line errors, the right exit
code, no traceback and no output file (or the previous files untouched)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import pressgen
from pressgen import resources
from pressgen.cli import main

from .conftest import EXAMPLE_7TH

EXAMPLE = EXAMPLE_7TH.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def edit(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


@dataclass(frozen=True)
class Case:
    """A bad meeting file: its text (or bytes) and the one line expected, after 'FILE'."""

    name: str
    content: str | bytes | None
    expected: str | Callable[[str], str]
    suffix: str = ".yaml"


CITY = EXAMPLE.splitlines()[line_of(EXAMPLE, "  city: Astana") - 1]


def at_city(message: str) -> Callable[[str], str]:
    return lambda text: f":{line_of(text, '  city:')}:9: venue.city: {message}"


DATA_CASES = [
    Case("missing file", None, ": no such file"),
    Case("empty file", "", ": the file is empty"),
    Case("only a comment", "# nothing here\n", ": the file is empty"),
    Case("not UTF-8", EXAMPLE.encode("utf-8").replace(b"city: Astana", b"city: Ast\xe1na"),
         lambda _: f":{line_of(EXAMPLE, 'city: Astana')}:12: not UTF-8 text (byte 0xE1)"),
    Case("UTF-16", EXAMPLE.encode("utf-16"), ":1:1: not UTF-8 text (byte 0xFF)"),
    Case("too large", "a: " + "x" * 1_000_001, ": file is 1000004 bytes; the limit is 1000000"),
    Case("broken YAML", "a: [1, 2\n", ":2:1: not valid YAML: while parsing a flow sequence expected ',' or ']', but got '<stream end>'"),
    Case("broken JSON", '{"number": 7,,}', ":1:14: not valid JSON: while parsing a flow node expected the node content, but found ','", ".json"),
    Case("a list, not a mapping", "- a\n- b\n", ":1:1: a meeting file is a mapping of fields (key: value)"),
    Case("duplicate key", edit("number: 7\n", "number: 7\nnumber: 8\n"),
         lambda t: f":{line_of(t, 'number: 8')}:1: number: duplicate key (first given at line {line_of(t, 'number: 7')})"),
    Case("duplicate key in JSON", '{"number": 7,\n "number": 8}', ":2:2: number: duplicate key (first given at line 1)", ".json"),
    Case("alias", "a: &x [1]\nb: *x\n", ":1:4: b: YAML aliases (*name) are not supported; write the value out"),
    Case("alias bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n",
         "\n".join(f":{line}:4: {path}: YAML aliases (*name) are not supported; write the value out"
                   for line, path in ((1, "b[0]"), (1, "b[1]"), (2, "c[0]"), (2, "c[1]")))),
    Case("python tag", "a: !!python/object/apply:os.system [ls]\n",
         ":1:4: a: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not supported"),
    Case("merge key", edit("venue:\n  city: Astana", "venue:\n  <<: {city: X}\n  city: Astana"),
         lambda t: f":{line_of(t, '<<:')}:3: venue: YAML merge keys (<<) are not supported; write the fields out"),
    Case("deep nesting", "a: " + "[" * 600 + "]" * 600 + "\n", ": nested too deeply"),
    Case("NO read as false", edit(CITY, "  city: NO"), at_city("text expected, but YAML reads NO as the bool False; put the value in quotes")),
    Case("octal number", edit(CITY, "  city: 012345"), at_city("text expected, but YAML reads 012345 as the int 5349; put the value in quotes")),
    Case("sexagesimal", edit(CITY, "  city: 12:30"), at_city("text expected, but YAML reads 12:30 as the int 750; put the value in quotes")),
    Case("date not ISO", edit("date: 2017-04-14", "date: 14.04.2017"),
         lambda t: f":{line_of(t, 'date: 14.04')}:7: date: dates are written in ISO form, such as 2017-04-14, not '14.04.2017'"),
    Case("impossible date", edit("date: 2017-04-14", "date: 2017-02-30"),
         lambda t: f":{line_of(t, 'date: 2017-02')}:7: date: impossible date '2017-02-30': day is out of range for month"),
    Case("date as seconds", edit("date: 2017-04-14", "date: 1492128000"),
         lambda t: f":{line_of(t, 'date: 1492')}:7: date: dates are written in ISO form, such as 2017-04-14, not 1492128000"),
    Case("unknown key", edit("number: 7", "numbr: 7"), lambda t: f":{line_of(t, 'numbr')}:1: numbr: unknown field; did you mean 'number'? (valid here: addresses, agreements, chair, chairmanship_passes_to, date, delegations, discussion, documents, end_date, headcount, in_preparation_for, kind, language, languages, linked_meetings, next_meeting, number, occasion, officials, organisation, participants, related_events, release, series, sessions, sessions_held, side_events, venue)"),
    Case("unknown state", edit("next_meeting:\n  state: CN", "next_meeting:\n  state: XX"),
         lambda t: f":{line_of(t, 'state: XX')}:10: next_meeting.state: unknown state code 'XX': not an ISO 3166-1 alpha-2 code of a state"),
    Case("control character", edit(CITY, '  city: "Ast\\u0007ana"'), at_city("character U+0007 is not allowed in text (a control character)")),
    Case("bidi override", edit(CITY, '  city: "Ast\\u202Eana"'), at_city("character U+202E is not allowed in text (a bidirectional control that could reorder the text invisibly)")),
    Case("lone surrogate", edit(CITY, '  city: "Ast\\ud800ana"'), at_city("character U+D800 is not allowed in text (a lone surrogate)")),
    Case("whitespace name", edit(CITY, '  city: "   "'), at_city("must not be empty or only spaces")),
    Case("name over two lines", edit(CITY, '  city: "Ast\\nana"'), at_city("must be on one line")),
    Case("text too long", edit(CITY, "  city: " + "A" * 10_001), at_city("string should have at most 10000 characters")),
    Case("too many participants",
         edit("officials:", "".join(f"  - {{name: N{i}, position: Head, state: KZ}}\n" for i in range(200)) + "officials:"),
         lambda t: f":{line_of(t, 'participants:') + 1}:3: participants: tuple should have at most 200 items after validation, not 206"),
    Case("script URL", edit("    title:\n      en: \"UNODC", "    url: javascript:alert(1)\n    title:\n      en: \"UNODC"),
         lambda t: f":{line_of(t, 'javascript')}:10: related_events[0].url: not an absolute http(s) URL: 'javascript:alert(1)'"),
    Case("URL breaking out of its attribute", edit("    title:\n      en: \"UNODC", "    url: 'https://x.org/\" onclick=\"y'\n    title:\n      en: \"UNODC"),
         lambda t: f":{line_of(t, 'onclick')}:10: related_events[0].url: a URL may not contain spaces, quotes, angle brackets or controls"),
    Case("file URL", edit("    title:\n      en: \"UNODC", "    url: file:///etc/passwd\n    title:\n      en: \"UNODC"),
         lambda t: f":{line_of(t, 'file:///')}:10: related_events[0].url: not an absolute http(s) URL: 'file:///etc/passwd'"),
    Case("missing field", edit("    state: RU\n", ""),
         lambda t: f":{line_of(t, 'Kirill Smurov')}:5: participants[3].state: field required"),
    Case("number zero", edit("number: 7", "number: 0"),
         lambda t: f":{line_of(t, 'number: 0')}:9: number: input should be greater than or equal to 1"),
    Case("unknown chair kind", edit("chair:\n  name:", "chair:\n  kind: robot\n  name:"),
         lambda t: f":{line_of(t, 'kind: robot')}:9: chair.kind: unknown kind 'robot'; expected one of 'person', 'state', 'party'"),
]  # fmt: skip


@pytest.mark.parametrize("case", DATA_CASES, ids=lambda c: c.name)
def test_bad_meeting_file(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"meeting{case.suffix}"
    if isinstance(case.content, bytes):
        path.write_bytes(case.content)
    elif isinstance(case.content, str):
        path.write_text(case.content, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["render", str(path), "--format", "txt,html,docx", "--out", str(out)])
    captured = capsys.readouterr()
    text = case.content if isinstance(case.content, str) else ""
    expected = case.expected(text) if callable(case.expected) else case.expected
    assert (code, captured.err.splitlines()) == (
        1,
        [f"{path}{line}" for line in expected.split("\n")],
    )
    assert captured.out == ""
    assert not out.exists()


def test_there_are_at_least_thirty_hostile_cases() -> None:
    assert len(DATA_CASES) + len(TEMPLATE_CASES) + 6 >= 30


def _user_templates(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "mine"
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


WORDING = "wording/en/press-release.xml.j2"
ORIGINAL_WORDING = (resources.package_templates() / WORDING).read_text("utf-8")
PAGE = "html/release.html.j2"
ORIGINAL_PAGE = (resources.package_templates() / PAGE).read_text("utf-8")
TEMPLATE_CASES = [
    (WORDING, ORIGINAL_WORDING.replace("{{ m.series.names.title }}", "{{ m.series.names.tilte }}"), "txt",
     f":{line_of(ORIGINAL_WORDING, '<title>')}: UndefinedError: 'pressgen.model.SeriesNames object' has no attribute 'tilte'"),
    (WORDING, ORIGINAL_WORDING.replace("{% endif %}", "{% endfi %}", 1), "txt",
     f":{line_of(ORIGINAL_WORDING.replace('{% endif %}', '{% endfi %}', 1), '{% endfi %}')}: Encountered unknown tag 'endfi'. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'."),
    (WORDING, ORIGINAL_WORDING.replace("<title>", "<title><b>"), "txt",
     ": the wording produced malformed markup (line 8 of its output): mismatched tag: line 8, column 103"),
    (WORDING, ORIGINAL_WORDING.replace("{{ m.organisation.name }}", "{{ ''.__class__.__mro__ }}"), "txt",
     f":{line_of(ORIGINAL_WORDING, '<publisher>')}: SecurityError: access to attribute '__class__' of 'str' object is unsafe."),
    (PAGE, ORIGINAL_PAGE.replace("</head>", '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">\n</head>'), "pdf",
     ": refused to fetch http://127.0.0.1:9/x.css: only template files may be loaded"),
    ("css/print.css", "p { colour: red }", "pdf",
     ": WeasyPrint: Ignored `colour: red ` at 2:5, unknown property."),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "format", "expected"), TEMPLATE_CASES)
def test_bad_user_template(
    name: str,
    text: str,
    format: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _user_templates(tmp_path, name, text)
    out = tmp_path / "out"
    argv = [
        "render",
        str(EXAMPLE_7TH),
        "--templates",
        str(folder),
        "--format",
        format,
        "--out",
        str(out),
    ]
    code = main(argv)
    err = capsys.readouterr().err
    where = {"txt": str(folder / name), "pdf": "html/release.html.j2" if name == PAGE else "css"}[
        format
    ]
    assert (code, err.splitlines()) == (1, [f"{where}{expected}"])
    assert not out.exists()


def test_failure_in_the_middle_of_writing_keeps_the_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert (
        main(
            ["render", str(EXAMPLE_7TH), "--format", "txt,html", "--lang", "en", "--out", str(out)]
        )
        == 0
    )
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()

    real_replace = Path.replace
    calls: list[Path] = []

    def failing_replace(self: Path, target: str | os.PathLike[str]) -> Path:
        calls.append(Path(target))
        if len(calls) == 2:  # the second file of the group fails
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    bad = tmp_path / "eighth.yaml"
    bad.write_text(EXAMPLE.replace("number: 7", "number: 8"), encoding="utf-8")
    target = out / f"{EXAMPLE_7TH.stem}.yaml"
    code = main(["render", str(bad), "--format", "txt,html", "--lang", "en", "--out", str(out)])
    monkeypatch.undo()
    assert code == 3
    assert capsys.readouterr().err.splitlines() == [
        f"{out}/eighth.html: cannot write: No space left on device"
    ]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no eighth.*, no temporaries
    assert not target.exists()

    # The same when both files existed before: the first, already replaced, is put back.
    assert (
        main(["render", str(bad), "--format", "txt,html", "--lang", "en", "--out", str(out)]) == 0
    )
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    calls.clear()
    bad.write_text(EXAMPLE.replace("number: 7", "number: 9"), encoding="utf-8")
    monkeypatch.setattr(Path, "replace", failing_replace)
    code = main(["render", str(bad), "--format", "txt,html", "--lang", "en", "--out", str(out)])
    monkeypatch.undo()
    assert code == 3
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def test_writer_crash_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pressgen.writers import html

    def crash(release: pressgen.Release, options: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(html, "write", crash)
    out = tmp_path / "out"
    code = main(
        ["render", str(EXAMPLE_7TH), "--format", "txt,html", "--lang", "en", "--out", str(out)]
    )
    assert code == 3
    assert capsys.readouterr().err.splitlines() == ["html: the writer failed: MemoryError: "]
    assert not out.exists()


def test_output_folder_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("x")
    assert (
        main(["render", str(EXAMPLE_7TH), "--format", "txt", "--lang", "en", "--out", str(blocker)])
        == 3
    )
    assert capsys.readouterr().err.startswith(f"{blocker}/{EXAMPLE_7TH.stem}.txt: cannot write:")


def test_existing_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{EXAMPLE_7TH.stem}.txt").symlink_to(outside)
    assert (
        main(["render", str(EXAMPLE_7TH), "--format", "txt", "--lang", "en", "--out", str(out)])
        == 0
    )
    assert outside.read_text() == "keep me"
    assert not (out / f"{EXAMPLE_7TH.stem}.txt").is_symlink()


@pytest.mark.parametrize("stem", ["../escape", "a/b", "..", ".", "a\\b"])
def test_output_names_never_escape_the_folder(stem: str, tmp_path: Path) -> None:
    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    with pytest.raises(pressgen.UsageError, match="is not a plain file name"):
        pressgen.render_to(meeting, tmp_path / "out", ["txt"], stem=stem)
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "escape.txt").exists()


def test_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text(EXAMPLE)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"{path}: cannot read: Permission denied"]
