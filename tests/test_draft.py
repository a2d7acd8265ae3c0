"""``pressgen new``: the next meeting's draft, written by a serializer, checked by ``check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import pressgen
from pressgen.cli import main
from pressgen.draft import PREVIOUSLY, draft_text
from pressgen.schema import schema_modeline

from .conftest import EXAMPLE_7TH, EXAMPLES, seventh_data, write_seventh_in_english

CONFIRM = "TO CONFIRM"
ASKED = {
    "TO CONFIRM: the date, as YYYY-MM-DD": "2018-05-16",
    "TO CONFIRM: the city": "Beijing",
    "TO CONFIRM: the chair's name": "Liu Yuejin",
    "TO CONFIRM: the chair's position, without the state": "Director-General",
    "TO CONFIRM: the next host state's code": "KG",
}


def _paths(data: Any, path: str = "") -> dict[str, str]:
    """Every text of ``data`` by its field path (``participants[0].name``)."""
    if isinstance(data, str):
        return {path: data}
    if isinstance(data, dict):
        items = [(f"{path}.{k}" if path else str(k), v) for k, v in data.items()]
    elif isinstance(data, list):
        items = [(f"{path}[{i}]", v) for i, v in enumerate(data)]
    else:
        return {}
    return {p: text for key, value in items for p, text in _paths(value, key).items()}


def _confirmed(data: Any) -> Any:
    """The draft as a person would fill it in: previous values kept, the rest answered."""
    if isinstance(data, str):
        return ASKED.get(data, data.removeprefix(PREVIOUSLY))
    if isinstance(data, dict):
        return {k: _confirmed(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_confirmed(v) for v in data]
    return data


def _example_data() -> dict[str, Any]:
    return seventh_data()


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_new_drafts_the_next_meeting_and_check_lists_what_to_confirm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "eighth.yaml"
    # In English alone, so that every name is one value to confirm (a record in
    # several languages is drafted the same way, a value per language).
    seventh = write_seventh_in_english(tmp_path / "seventh.yaml")
    assert main(["new", "--from", str(seventh), "-o", str(draft)]) == 0
    text = draft.read_text(encoding="utf-8")
    assert text.startswith(schema_modeline() + "\n")  # the installed schema, by file: URL
    assert "# Carried over from the previous meeting: confirm each name" in text
    data = yaml.safe_load(text)
    assert (data["number"], data["venue"]["state"], data["chair"]["state"]) == (8, "CN", "CN")
    capsys.readouterr()

    assert main(["check", str(draft)]) == 1
    lines = capsys.readouterr().err.splitlines()
    flagged = [line.split(": ")[1] for line in lines]
    drafted = [p for p, value in _paths(data).items() if value.startswith(CONFIRM)]
    assert flagged == drafted
    for needed in ("date", "venue.city", "chair.name", "next_meeting.state"):
        assert needed in flagged
    assert [f"participants[{i}].name" for i in range(6)] == [
        p for p in flagged if p.startswith("participants")
    ]
    for line in lines:
        number = int(line.split(":")[1])
        assert CONFIRM in text.splitlines()[number - 1], line

    _write(draft, _confirmed(data))
    assert main(["check", str(draft)]) == 0
    release = pressgen.render(pressgen.load_meeting(draft), "txt").decode("utf-8")
    assert release.startswith("The 8th Meeting of Senior Officials")
    assert "held in\u00a0Beijing on\u00a016 May 2018" in release


def test_new_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "eighth.yaml"
    draft.write_text("mine")
    assert main(["new", "--from", str(EXAMPLE_7TH), "-o", str(draft)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert draft.read_text() == "mine"
    assert main(["new", "--from", str(EXAMPLE_7TH), "-o", str(draft), "--force"]) == 0


TRICKY = {
    "newline": "The parties met.\nThey agreed: \"all\" of it; 'really' # not a comment",
    "hash": "SCO #1 # comment? {{ x }} &a *b !tag",
    "colon": "Title: subtitle: more",
    "quotes": "\"double\" and 'single' and `back`",
    "yaml 1.1": "yes",
    "digits": "010",
    "leading space": "  Astana ",
    "unicode": "Нур-Султан 努尔苏丹 \u00a0 ’",
}


@pytest.mark.parametrize("value", list(TRICKY.values()), ids=list(TRICKY))
def test_tricky_values_round_trip_through_new_and_check(tmp_path: Path, value: str) -> None:
    data = _example_data()
    one_line = value.replace("\n", " ")
    # In fields whose form no wording rule checks (a name, a whole paragraph), so that
    # what is tested is the text's way through the draft, not its form.
    data["participants"][1]["name"] = one_line
    data["officials"][0]["name"] = one_line
    data["discussion"][0] = f"Note: {value}."
    previous = pressgen.load_meeting(_write(tmp_path / "seventh.yaml", data))

    draft = tmp_path / "eighth.yaml"
    assert main(["new", "--from", str(tmp_path / "seventh.yaml"), "-o", str(draft)]) == 0
    _write(draft, _confirmed(yaml.safe_load(draft.read_text(encoding="utf-8"))))
    assert main(["check", str(draft)]) == 0
    after = pressgen.load_meeting(draft)
    assert after.organisation == previous.organisation
    assert after.series == previous.series
    assert after.participants == previous.participants
    assert after.officials == previous.officials
    assert after.discussion == previous.discussion


@pytest.mark.parametrize(
    "name", ["seventh\nnumber: 99 # x.yaml", "seventh\x1b[2J.yaml", "sev\u2028enth.yaml"]
)
def test_the_previous_file_name_stays_inside_its_comment(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(EXAMPLE_7TH.read_bytes())
    text = draft_text(source)
    header = text[: text.index("\nkind:")]
    assert all(line.startswith("#") and line.isprintable() for line in header.split("\n") if line)
    assert yaml.safe_load(text)["number"] == 8
    (made_by,) = [line for line in header.split("\n") if "made by" in line]
    assert yaml.safe_load(made_by.split(" from ", 1)[1].removesuffix(".")) == name


def test_delegation_heads_and_members_are_marked(tmp_path: Path) -> None:
    data = _example_data()
    data["participants"][0] = {
        "kind": "delegation",
        "state": "KZ",
        "head": {"name": "Aidar Nurlanov", "position": "Deputy Minister"},
        "members": ["Dana Serikova", "Marat Bekov"],
    }
    draft = yaml.safe_load(draft_text(_write(tmp_path / "seventh.yaml", data)))
    delegation = draft["participants"][0]
    assert delegation == {
        "kind": "delegation",
        "state": "KZ",
        "head": {"name": f"{PREVIOUSLY}Aidar Nurlanov", "position": "Deputy Minister"},
        "members": [f"{PREVIOUSLY}Dana Serikova", f"{PREVIOUSLY}Marat Bekov"],
    }


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_fact_of_the_previous_meeting_is_in_the_draft(example: Path) -> None:
    previous = pressgen.load_meeting(example).model_dump(mode="json", exclude_defaults=True)
    draft = yaml.safe_load(draft_text(example))
    assert set(previous) - {"end_date"} <= set(draft)
    assert draft["organisation"] == previous["organisation"]
    series = previous["series"]
    # A series file's series is named by its id, as the meeting file names it.
    assert draft["series"] == series.get("id", series)
    previous_texts = set(_paths(previous).values())
    for path, value in _paths(draft).items():
        if value.startswith(PREVIOUSLY):
            assert value.removeprefix(PREVIOUSLY) in previous_texts, path
