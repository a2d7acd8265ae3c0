"""Loading meeting files: errors as FILE:LINE:COL: field.path: message."""

from __future__ import annotations

from pathlib import Path

import pytest

import pressgen
from pressgen.errors import DataError

from .conftest import EXAMPLE_7TH

EXAMPLE = EXAMPLE_7TH.read_text(encoding="utf-8")


def _errors(tmp_path: Path, text: str, name: str = "meeting.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    return [line.replace(str(tmp_path) + "/", "") for line in caught.value.lines()]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_example_loads(meeting: pressgen.Meeting) -> None:
    assert meeting.number == 7
    assert [p.state for p in meeting.participants] == ["KZ", "CN", "KG", "RU", "TJ", "UZ"]


def test_missing_field_names_the_mapping_it_belongs_to(tmp_path: Path) -> None:
    text = EXAMPLE.replace("    state: RU\n", "")
    line = _line_of(text, "- name: {en: Kirill Smurov")
    assert _errors(tmp_path, text) == [
        f"meeting.yaml:{line}:5: participants[3].state: field required"
    ]


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    text = EXAMPLE.replace("  - name: {en: Wei Xiaojun", "  - nmae: {en: Wei Xiaojun")
    line = _line_of(text, "nmae:")
    errors = _errors(tmp_path, text)
    assert f"meeting.yaml:{line}:5: participants[1].name: field required" in errors
    assert any(
        e.startswith(
            f"meeting.yaml:{line}:5: participants[1].nmae: unknown field; did you mean 'name'?"
        )
        for e in errors
    )


def test_duplicate_key_is_refused_with_both_lines(tmp_path: Path) -> None:
    text = EXAMPLE.replace("number: 7\n", "number: 7\nnumber: 8\n")
    first = _line_of(text, "number: 7")
    assert _errors(tmp_path, text) == [
        f"meeting.yaml:{first + 1}:1: number: duplicate key (first given at line {first})"
    ]


def test_duplicate_key_in_json_is_refused(tmp_path: Path) -> None:
    errors = _errors(tmp_path, '{"number": 7,\n "number": 8}', "meeting.json")
    assert errors == ["meeting.json:2:2: number: duplicate key (first given at line 1)"]


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = EXAMPLE.replace("number: 7", "number: 0").replace(
        "    state: CN\n  - name: {en: Azamat", "    state: XX\n  - name: {en: Azamat"
    )
    errors = _errors(tmp_path, text)
    assert len(errors) == 2
    assert any("number: input should be greater than or equal to 1" in e for e in errors)
    assert any("participants[1].state:" in e and "'XX'" in e for e in errors)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("14.04.2017", "dates are written in ISO form, such as 2017-04-14, not '14.04.2017'"),
        ("2017-02-30", "impossible date '2017-02-30'"),
        ("1492128000", "dates are written in ISO form"),
        ("2017-04-14 10:00:00", "dates are written in ISO form"),
    ],
)
def test_dates_only_in_iso_form(tmp_path: Path, value: str, message: str) -> None:
    text = EXAMPLE.replace("date: 2017-04-14", f"date: {value}")
    (error,) = _errors(tmp_path, text)
    assert error.startswith(f"meeting.yaml:{_line_of(text, 'date: ' + value)}:7: date: {message}")


@pytest.mark.parametrize(
    ("value", "shown"),
    [("NO", "the bool False"), ("012345", "the int 5349"), ("12:30", "the int 750")],
)
def test_yaml_11_surprises_in_text_fields_ask_for_quotes(
    tmp_path: Path, value: str, shown: str
) -> None:
    text = EXAMPLE.replace("  city: Astana", f"  city: {value}")
    (error,) = _errors(tmp_path, text)
    assert error.endswith(
        f"venue.city: text expected, but YAML reads {value} as {shown}; put the value in quotes"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"   "', "must not be empty or only spaces"),
        ('"Astana\\u0007"', "character U+0007 is not allowed in text (a control character)"),
        ('"Astana\\uFFFE"', "character U+FFFE is not allowed in text (a non-character)"),
        ('"Astana\\nCity"', "must be on one line"),
    ],
)
def test_bad_characters_and_empty_text_are_refused(
    tmp_path: Path, value: str, message: str
) -> None:
    (error,) = _errors(tmp_path, EXAMPLE.replace("  city: Astana", f"  city: {value}"))
    assert error.endswith(f"venue.city: {message}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "meeting.yaml: the file is empty"),
        ("a: [1, 2", "meeting.yaml:1:9: not valid YAML"),
        ("a: &x [1]\nb: *x\n", "meeting.yaml:1:4: b: YAML aliases (*name) are not supported"),
        ("a: !!python/object:os.system x\n", "meeting.yaml:1:4: a: YAML tag"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, message: str) -> None:
    assert _errors(tmp_path, text)[0].startswith(message)


def test_non_utf8_file_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_bytes(b"number: 7\ncity: Ast\xe1na\n")
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    assert str(caught.value) == f"{path}:2:10: not UTF-8 text (byte 0xE1)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        pressgen.load_meeting(tmp_path / "nothing.yaml")


def test_meeting_from_data_equals_loaded_meeting(meeting: pressgen.Meeting) -> None:
    rebuilt = pressgen.meeting_from_data(meeting.model_dump(mode="json"))
    assert rebuilt == meeting
    assert pressgen.render(rebuilt, "html") == pressgen.render(meeting, "html")
