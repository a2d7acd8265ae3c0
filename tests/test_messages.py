"""Mistakes explained in plain words: one exact message per kind of slip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pressgen
from pressgen import messages
from pressgen.errors import DataError

from .conftest import EXAMPLE_7TH

EXAMPLE = EXAMPLE_7TH.read_text(encoding="utf-8")


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    return [line.replace(f"{tmp_path}/", "") for line in caught.value.lines()]


def _edit(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


SYNTAX = [
    (
        "unquoted colon",
        ("  city: Astana\n", "  city: Astana: the capital\n"),
        (15, "a colon and a space inside a value; put the whole value in quotes"),
    ),
    (
        "tab indentation",
        ("  city: Astana\n", "\tcity: Astana\n"),
        (1, "a tab character; indent with spaces, not tabs"),
    ),
    (
        "unclosed quote",
        ("next_meeting:\n  state: CN\n", 'next_meeting:\n  state: "CN\n'),
        (None, "a quotation mark is opened but never closed"),
    ),
    (
        "unclosed list",
        ("  city: Astana\n", "  city: [Astana\n"),
        (None, "a list in [brackets] is not closed with ]"),
    ),
    (
        "indentation",
        ("  city: Astana\n  state: KZ\n", "  city: Astana\n state: KZ\n"),
        (
            None,
            "this line does not fit the lines above: check its indentation, and that"
            " a value with quotes in it is quoted whole",
        ),
    ),
    (
        "no colon",
        ("  city: Astana\n", "  city: Astana\n  Almaty\n"),
        (None, 'a line that is not "key: value": add the colon, or join it to the line above'),
    ),
    (
        "bad first character",
        ("  city: Astana\n", "  city: @Astana\n"),
        (9, "a value cannot start with @; put the whole value in quotes"),
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in SYNTAX], ids=[c[0] for c in SYNTAX])
def test_yaml_slips_in_plain_words(
    tmp_path: Path, edit: tuple[str, str], expected: tuple[int | None, str]
) -> None:
    column, message = expected
    text = _edit(*edit)
    (error,) = _errors(tmp_path, text)
    place, said = error.split(": ", 1)
    assert said == f"not valid YAML: {message}"
    if column is not None:
        line = _line(text, edit[1].strip().split("\n")[0])
        assert place == f"meeting.yaml:{line}:{column}"


CITY = 'the city, as it is to be written: "Astana"'
NUMBER = "the meeting's number in the series: 7 for the 7th Meeting; none if unnumbered"
EMPTY = [
    ("  city: Astana\n", "  city:\n", "venue.city", CITY),
    ("  city: Astana\n", '  city: "  "\n', "venue.city", CITY),
    ("number: 7\n", "number:\n", "number", NUMBER),
    ("date: 2017-04-14\n", "date: ~\n", "date", "the date of the meeting (its first day)"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "path", "what"), EMPTY)
def test_an_empty_field_says_what_to_write(
    tmp_path: Path, old: str, new: str, path: str, what: str
) -> None:
    text = _edit(old, new)
    (error,) = _errors(tmp_path, text)
    assert error.split(": ", 1)[1] == f"{path}: is empty; write {what}"


def test_an_empty_list_item_too(tmp_path: Path) -> None:
    text = _edit("agreements:\n  - ", 'agreements:\n  - ""\n  - ')
    (error,) = _errors(tmp_path, text)
    assert error.endswith(
        'agreements[0]: is empty; write what agreements were reached on, each as it follows "on":'
        ' "boosting interaction …"'
    )


STATES = [
    ("Kyrgyzstan", "`Kyrgyzstan` is not a state code; did you mean KG?"),
    ("kg", "`kg` is not a state code; did you mean KG?"),
    ("Kyrgystan", "`Kyrgystan` is not a state code; did you mean KG?"),
    ("Киргизия", "`Киргизия` is not a state code; did you mean KG?"),
    ("Russia", "`Russia` is not a state code; did you mean RU?"),
    ("the Russian Federation", "`the Russian Federation` is not a state code; did you mean RU?"),
    (
        "Atlantis",
        "`Atlantis` is not a state code; write the two-letter ISO 3166-1 code of the state,"
        " such as KZ",
    ),
]


@pytest.mark.parametrize(("value", "message"), STATES, ids=[s[0] for s in STATES])
def test_a_state_given_by_name_or_in_lower_case(tmp_path: Path, value: str, message: str) -> None:
    text = _edit("    state: KG\n", f"    state: {value}\n")
    (error,) = _errors(tmp_path, text)
    assert (
        error
        == f"meeting.yaml:{_line(text, 'state: ' + value)}:12: participants[2].state: {message}"
    )


def test_a_member_marked_as_an_observer_reads_as_english(tmp_path: Path) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text(_edit("    state: KG\n", "    state: KG\n    status: observer\n"), "utf-8")
    with pytest.warns(pressgen.DataWarning) as caught:
        pressgen.load_meeting(path)
    (warning,) = [str(w.message) for w in caught]
    assert warning.endswith(
        "participants[2].status: warning: Kyrgyzstan was a member state on 2017-04-14,"
        " not an observer"
    )


def test_messages_are_plain_templates() -> None:
    # One catalogue that a translation can replace: text and str.format fields only.
    names = [name for name in dir(messages) if name.isupper()]
    assert len(names) > 30
    for name in names:
        value = getattr(messages, name)
        templates = value.values() if isinstance(value, dict) else [value]
        for template in templates:
            assert isinstance(template, str), name
            assert template == template.strip(), name
            assert not re.search(r"\{[^}]*\(", template), name  # no calls in templates
