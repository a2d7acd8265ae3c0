"""Loading meeting files: errors as FILE:LINE:COL: field.path: message."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    states = [getattr(p, "state", None) for p in meeting.participants]
    assert states == ["KZ", "CN", "KG", "RU", "TJ", "UZ"]


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
        ('"   "', 'is empty; write the city, as it is to be written: "Astana"'),
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


# -- numbers, booleans and dates are what was written (YAML 1.1 guesses refused) ------

NEXT = "next_meeting:\n  state: CN\n"


@pytest.mark.parametrize("value", ["010", "0x10", "1_000", "+5", "1:30", "1e3", "7.0", "yes", "~x"])
def test_integer_fields_take_only_plain_digits(tmp_path: Path, value: str) -> None:
    text = EXAMPLE.replace("number: 7\n", f"number: {value}\n")
    (error,) = _errors(tmp_path, text)
    line = _line_of(text, f"number: {value}")
    assert error == (
        f"meeting.yaml:{line}:9: number: whole number expected, not {value};"
        " write the number in plain digits (no leading zero, sign, separator or decimals)"
    )


@pytest.mark.parametrize("value", ['"7"', "'8'"])
def test_integer_fields_refuse_quoted_numbers(tmp_path: Path, value: str) -> None:
    text = EXAMPLE.replace("number: 7\n", f"number: {value}\n")
    (error,) = _errors(tmp_path, text)
    assert error.endswith(
        f"number: whole number expected, not the text {value[1:-1]!r}; write it without quotes"
    )


def test_plain_digits_are_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text(EXAMPLE.replace(NEXT, NEXT + "  year: 2018\n"), encoding="utf-8")
    meeting = pressgen.load_meeting(path)
    assert (meeting.number, meeting.next_meeting and meeting.next_meeting.year) == (7, 2018)


@pytest.mark.parametrize("value", ["yes", "on", "True", "TRUE", "y", "1", "0"])
def test_booleans_are_only_true_or_false(tmp_path: Path, value: str) -> None:
    text = EXAMPLE.replace(NEXT, f"next_meeting:\n  to_be_agreed: {value}\n")
    (error,) = _errors(tmp_path, text)
    line = _line_of(text, "to_be_agreed")
    assert error == (
        f"meeting.yaml:{line}:17: next_meeting.to_be_agreed: true or false expected, not {value}"
    )


def test_true_is_true(tmp_path: Path) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text(
        EXAMPLE.replace(NEXT, "next_meeting:\n  to_be_agreed: true\n"), encoding="utf-8"
    )
    next_meeting = pressgen.load_meeting(path).next_meeting
    assert next_meeting is not None
    assert next_meeting.to_be_agreed is True


def test_booleans_in_quotes_are_text(tmp_path: Path) -> None:
    text = EXAMPLE.replace(NEXT, 'next_meeting:\n  to_be_agreed: "true"\n')
    (error,) = _errors(tmp_path, text)
    assert error.endswith(
        "next_meeting.to_be_agreed: true or false expected, not the text 'true';"
        " write it without quotes"
    )


@pytest.mark.parametrize("value", ["14:30", "NO", "2017-4-14", "'2017-04-14T10:00'"])
def test_dates_refuse_what_yaml_would_guess(tmp_path: Path, value: str) -> None:
    text = EXAMPLE.replace("date: 2017-04-14", f"date: {value}")
    (error,) = _errors(tmp_path, text)
    written = value.strip("'")
    assert error.endswith(
        f"date: dates are written in ISO form, such as 2017-04-14, not {written!r}"
        if value.startswith(("'", "2"))
        else f"date: dates are written in ISO form, such as 2017-04-14, not {written}"
    )


# -- JSON files are read as JSON --------------------------------------------------------


def _example_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE)
    return data


def _write_json(tmp_path: Path, data: Any, **options: Any) -> Path:
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(data, default=str, **options), encoding="utf-8")
    return path


def test_json_with_tabs_and_surrogate_pairs_loads(tmp_path: Path) -> None:
    data = _example_data()
    data["discussion"][0]["en"] = (
        data["discussion"][0]["en"].removesuffix(".") + " \U0001d400 \U0001f600."
    )
    path = _write_json(tmp_path, data, indent="\t", ensure_ascii=True)
    text = path.read_text(encoding="utf-8")
    assert "\t" in text
    assert "\\ud83d\\ude00" in text
    meeting = pressgen.load_meeting(path)
    assert isinstance(meeting.discussion[0], dict)
    assert meeting.discussion[0]["en"].endswith(" \U0001d400 \U0001f600.")


def test_json_errors_name_line_and_column(tmp_path: Path) -> None:
    data = _example_data()
    data["number"] = 0
    path = _write_json(tmp_path, data, indent=2)
    text = path.read_text(encoding="utf-8")
    line = _line_of(text, '"number": 0')
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    assert caught.value.lines() == [
        f"{path}:{line}:13: number: input should be greater than or equal to 1"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"number": 7,,}', "1:14: not valid JSON: a field name in double quotes is expected here"),
        ('{"number": 7', "1:13: not valid JSON: a comma or a closing bracket is missing here"),
        ('{"a" 7}', "1:6: not valid JSON: a colon is missing after the field name"),
        ('{"a": NaN}', "1:7: not valid JSON: NaN is not a number JSON allows"),
        ('{"a": 1} x', "1:10: not valid JSON: there is more after the end of the data"),
        ('{"a": [1,]}', "1:10: not valid JSON: a value is missing here"),
        ('{"a": 1,}', "1:9: not valid JSON: a comma before the closing brace; delete it"),
        ('{"a": "x\\q"}', "1:9: not valid JSON: invalid \\escape"),
    ],
)
def test_broken_json(tmp_path: Path, text: str, message: str) -> None:
    assert _errors(tmp_path, text, "meeting.json") == [f"meeting.json:{message}"]


@pytest.mark.parametrize("value", ["7.0", '"7"', "true"])
def test_json_numbers_are_what_was_written(tmp_path: Path, value: str) -> None:
    data = _example_data()
    path = _write_json(tmp_path, data, indent=1)
    path.write_text(
        path.read_text(encoding="utf-8").replace('"number": 7', f'"number": {value}'),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    (line,) = caught.value.lines()
    assert ": number: whole number expected, not " in line


# -- raw control characters, and what messages echo ------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x00", "U+0000"),
        ("\x07", "U+0007"),
        ("\x1b", "U+001B"),
        ("\x85", "U+0085"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\ufffe", "U+FFFE"),
    ],
)
@pytest.mark.parametrize("name", ["meeting.yaml", "meeting.json"])
def test_a_raw_control_character_is_one_line_with_its_place(
    tmp_path: Path, raw: str, shown: str, name: str
) -> None:
    text = EXAMPLE if name.endswith(".yaml") else json.dumps(_example_data(), default=str)
    text = text.replace("Astana", f"Ast{raw}ana", 1)
    lines = text.split("\n")  # not splitlines(), which breaks at U+0085 and U+2028 too
    line = next(i for i, text in enumerate(lines, 1) if raw in text)
    column = lines[line - 1].index(raw) + 1
    assert _errors(tmp_path, text, name) == [
        f"{name}:{line}:{column}: the file contains the invisible character {shown}; delete it"
    ]


@pytest.mark.parametrize(
    ("evil", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("a\rb", "a\\rb"),
        ("a\u2028b", "a\\u2028b"),
        ("a\x9bb", "a\\x9bb"),
        ("a\u202eb", "a\\u202eb"),
        ("a\udcffb", "a\\udcffb"),
    ],
)
def test_messages_never_echo_raw_controls(tmp_path: Path, evil: str, shown: str) -> None:
    folder = tmp_path / f"dir{evil}"
    folder.mkdir()
    path = folder / "meeting.yaml"
    quoted = json.dumps(f"key{evil}")
    path.write_text(EXAMPLE.replace("number: 7\n", f"number: 7\n{quoted}: 1\n"), "utf-8")
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    (line,) = caught.value.lines()
    assert line.isprintable(), line
    assert line.startswith(f"{tmp_path}/dir{shown}/meeting.yaml:")
    if "\udcff" not in evil:  # a key that is not text at all is refused as such
        number = EXAMPLE.splitlines().index("number: 7") + 2
        assert f":{number}:1: key{shown}: unknown field" in line


# -- limits, enforced while reading ----------------------------------------------------


def test_an_endless_file_fails_at_once(tmp_path: Path) -> None:
    link = tmp_path / "meeting.yaml"
    link.symlink_to("/dev/zero")
    started = time.perf_counter()
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(link)
    assert time.perf_counter() - started < 2  # not after reading gigabytes
    assert caught.value.lines() == [f"{link}: file is larger than the limit of 1000000 bytes"]


def test_a_pipe_without_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "meeting.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(fifo)
    assert caught.value.lines() == [f"{fifo}: the file is empty"]


@pytest.mark.parametrize("name", ["meeting.yaml", "meeting.json"])
def test_a_huge_list_in_a_small_file_is_refused_early(tmp_path: Path, name: str) -> None:
    items = 300_000
    text = '{"a": [' + "1," * items + "1]}"
    assert len(text) < 1_000_000
    started = time.perf_counter()
    (error,) = _errors(tmp_path, text, name)
    elapsed = time.perf_counter() - started
    place, message = error.split(": ", 1)
    column = int(place.split(":")[2])
    assert message == "more than 50000 values in one file; a meeting file is far smaller"
    assert column < len(text) // 5  # it stopped where the limit was reached
    assert elapsed < 5


def test_ninety_thousand_unknown_keys_give_one_line(tmp_path: Path) -> None:
    text = EXAMPLE + "".join(f"k{i}: 1\n" for i in range(90_000))
    (error,) = _errors(tmp_path, text)
    place, message = error.split(": ", 1)
    assert message == "more than 50000 values in one file; a meeting file is far smaller"
    assert int(place.split(":")[1]) < 30_000  # each key and value counts: it stopped early


def test_many_problems_are_cut_short_with_a_count(tmp_path: Path) -> None:
    text = EXAMPLE + "".join(f"k{i}: 1\n" for i in range(2_000))
    errors = _errors(tmp_path, text)
    assert len(errors) == 26
    assert all(": unknown field" in e for e in errors[:25])
    assert errors[25] == "meeting.yaml: and 1975 more problems in this file"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            NEXT,
            "next_meeting:\n  to_be_agreed: !!bool maybe\n",
            "true or false expected, not maybe",
        ),
        ("number: 7\n", "number: !!int seven\n", "whole number expected, not seven;"),
        ("number: 7\n", "number: !!float 7\n", "whole number expected, not 7;"),
    ],
)
def test_explicit_tags_on_values_they_cannot_take(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    (error,) = _errors(tmp_path, EXAMPLE.replace(old, new))
    assert message in error


@pytest.mark.parametrize("written", ["yes", '"yes"', "on"])
def test_a_yes_is_never_printed_as_the_datelines_city(tmp_path: Path, written: str) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text(EXAMPLE + f"\nrelease: {{dateline: {written}}}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    assert all(".dateline: " in line for line in caught.value.lines())
    assert any("true or false" in line for line in caught.value.lines())
