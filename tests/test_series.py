"""Series files: a series said once, fields replaced whole, delegations as codes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs installed
import pytest
import yaml

import pressgen
from pressgen.cli import main
from pressgen.draft import draft_text
from pressgen.load import load_checked
from pressgen.multilingual import pick
from pressgen.schema import schema

from .conftest import EXAMPLE_7TH, EXAMPLES

SERIES = "sco-counternarcotics-senior-officials"
MEETING = f"""series: {SERIES}
number: 9
date: 2019-05-16
venue: {{city: Bishkek, state: KG}}
"""
OWN_SERIES = """organisation: sco
names:
  title: Meeting of Our Own Series
chair: {kind: state, state: KG}
participants:
  - {kind: delegation, state: KG}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def release_text(path: Path, *dirs: Path) -> str:
    meeting = pressgen.load_meeting(path, dirs)
    text = pressgen.render(meeting, "txt", template_dirs=dirs).decode("utf-8")
    return text.replace("\u00a0", " ")  # the house's no-break spaces are not tested here


def test_the_7th_meeting_names_its_series_and_takes_names_and_organisation() -> None:
    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    assert isinstance(meeting.series, pressgen.model.Series)
    assert meeting.series.id == SERIES
    assert meeting.organisation == "sco"
    title = pick(meeting.series.names.title, "en")
    assert title is not None
    assert title.startswith("Meeting of Senior Officials")
    assert pick(meeting.series.names.title, "zh") == "上海合作组织成员国禁毒部门高官会议"


def test_every_example_series_is_built_in_or_beside_it() -> None:
    builtin = pressgen.resources.package_templates() / "data" / "series"
    for example in EXAMPLES.glob("*.yaml"):
        meeting = pressgen.load_meeting(example)
        assert isinstance(meeting.series, pressgen.model.Series)
        assert meeting.series.id is not None, example.name
        own = EXAMPLES / "series" / f"{meeting.series.id}.yaml"
        assert (builtin / f"{meeting.series.id}.yaml").is_file() or own.is_file()


def test_a_series_beside_the_meeting_file_gives_chair_and_attendees(tmp_path: Path) -> None:
    write(tmp_path, "series/own.yaml", OWN_SERIES)
    meeting = write(tmp_path, "m.yaml", MEETING.replace(SERIES, "own"))
    text = release_text(meeting)
    assert text.startswith("The 9th Meeting of Our Own Series\n")
    assert "The Kyrgyz party chaired the meeting." in text
    assert "attended by the delegation of the Kyrgyz Republic." in text


def test_a_field_of_the_meeting_replaces_the_series_field_whole(tmp_path: Path) -> None:
    write(tmp_path, "series/own.yaml", OWN_SERIES)
    given = "participants:\n  - {kind: delegation, state: KZ}\n"
    meeting = write(tmp_path, "m.yaml", MEETING.replace(SERIES, "own") + given)
    text = release_text(meeting)
    assert "attended by the delegation of the Republic of Kazakhstan." in text
    assert "Kyrgyz Republic" not in text.split("The Kyrgyz party chaired")[1]


def test_nearest_series_file_wins_field_by_field(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates, "data/series/own.yaml", OWN_SERIES)
    beside = "names:\n  title: Meeting Named Beside\n"
    write(tmp_path / "meetings", "series/own.yaml", beside)
    meeting = write(tmp_path / "meetings", "m.yaml", MEETING.replace(SERIES, "own"))
    text = release_text(meeting, templates)
    # The name from beside the file; the chair from the --templates folder's file.
    assert text.startswith("The 9th Meeting Named Beside\n")
    assert "The Kyrgyz party chaired the meeting." in text


def test_a_templates_folder_series_replaces_a_builtin_one(tmp_path: Path) -> None:
    write(tmp_path, f"data/series/{SERIES}.yaml", "names:\n  title: Meeting Renamed\n")
    meeting = write(tmp_path, "m.yaml", MEETING)
    assert release_text(meeting, tmp_path).startswith("The 9th Meeting Renamed\n")
    assert release_text(meeting).startswith("The 9th Meeting of Senior Officials")


def test_names_given_with_the_id_keep_the_series_other_fields(tmp_path: Path) -> None:
    write(tmp_path, "series/own.yaml", OWN_SERIES)
    given = "series: {id: own, names: {title: Meeting Named Here}}\n"
    meeting = write(tmp_path, "m.yaml", given + MEETING.split("\n", 1)[1])
    text = release_text(meeting)
    assert text.startswith("The 9th Meeting Named Here\n")
    assert "The Kyrgyz party chaired the meeting." in text


def test_data_in_code_finds_its_series_in_the_template_folders(tmp_path: Path) -> None:
    write(tmp_path, "data/series/own.yaml", OWN_SERIES)
    data = yaml.safe_load(MEETING.replace(SERIES, "own"))
    meeting = pressgen.meeting_from_data(data, template_dirs=[tmp_path])
    assert meeting.chair == pressgen.model.StateChair(kind="state", state="KG")
    with pytest.raises(pressgen.DataError, match="no series 'own'"):
        pressgen.meeting_from_data(data)


def test_the_check_command_reads_series_from_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "t/data/series/own.yaml", OWN_SERIES)
    meeting = write(tmp_path, "m.yaml", MEETING.replace(SERIES, "own"))
    assert main(["check", str(meeting)]) == 1
    assert "no series 'own'" in capsys.readouterr().err
    assert main(["check", str(meeting), "--templates", str(tmp_path / "t")]) == 0


def test_an_unknown_series_is_named_with_the_builtin_ones(tmp_path: Path) -> None:
    meeting = write(tmp_path, "m.yaml", MEETING.replace(SERIES, "sco-nothing"))
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    beside = tmp_path / "series" / "sco-nothing.yaml"
    assert caught.value.lines() == [
        f"{meeting}:1:9: series: no series 'sco-nothing' (looked for {beside});"
        " built-in series: asean-senior-officials-drug-matters, brics-drug-control-heads,"
        " cis-interior-ministers-council, sco-counternarcotics-expert-group,"
        " sco-counternarcotics-senior-officials"
    ]


def test_an_error_in_a_series_value_names_the_series_file_and_line(tmp_path: Path) -> None:
    series = write(
        tmp_path, "series/own.yaml", OWN_SERIES.replace("state: KG}", "state: Kyrgyz}", 1)
    )
    meeting = write(tmp_path, "m.yaml", MEETING.replace(SERIES, "own"))
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    (line,) = caught.value.lines()
    assert line.startswith(f"{series}:4:29: chair.state: ")


def test_a_meeting_only_field_in_a_series_file_is_refused(tmp_path: Path) -> None:
    series = write(tmp_path, "series/own.yaml", OWN_SERIES + "number: 3\n")
    meeting = write(tmp_path, "m.yaml", MEETING.replace(SERIES, "own"))
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    assert caught.value.lines() == [
        f"{series}:7:1: number: not a field of a series file; give it in the meeting file"
        " (a series file gives chair, delegations, kind, language, languages, names,"
        " officials, organisation, participants, release)"
    ]


def test_series_files_without_names_are_refused(tmp_path: Path) -> None:
    series = write(tmp_path, "series/own.yaml", "organisation: sco\n")
    meeting = write(tmp_path, "m.yaml", MEETING.replace(SERIES, "own"))
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    assert caught.value.lines() == [f"{series}: names: no series file of this id gives names"]


def test_a_nearer_series_file_may_give_only_what_it_changes(tmp_path: Path) -> None:
    write(tmp_path, f"series/{SERIES}.yaml", "chair: {kind: state, state: KG}\n")
    text = release_text(write(tmp_path, "m.yaml", MEETING))
    assert text.startswith("The 9th Meeting of Senior Officials")  # the built-in names
    assert "The Kyrgyz party chaired the meeting." in text


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_series_file_leading_outside_its_folder_is_refused(tmp_path: Path) -> None:
    outside = write(tmp_path, "elsewhere/secret.yaml", OWN_SERIES)
    (tmp_path / "meetings" / "series").mkdir(parents=True)
    link = tmp_path / "meetings" / "series" / "own.yaml"
    link.symlink_to(outside)
    meeting = write(tmp_path / "meetings", "m.yaml", MEETING.replace(SERIES, "own"))
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    assert caught.value.lines() == [f"{link}: a series file must not lead outside its folder"]


def test_a_series_id_is_never_a_path(tmp_path: Path) -> None:
    write(tmp_path, "series/x.yaml", OWN_SERIES)
    meeting = write(tmp_path / "m", "m.yaml", MEETING.replace(SERIES, "../series/x"))
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    assert caught.value.lines() == [
        f"{meeting}:1:9: series: '../series/x' is not the name of a series file: lower-case"
        " letters, digits and hyphens, as in sco-counternarcotics-senior-officials (built-in"
        " series: asean-senior-officials-drug-matters, brics-drug-control-heads,"
        " cis-interior-ministers-council, sco-counternarcotics-expert-group,"
        " sco-counternarcotics-senior-officials)"
    ]


def test_delegations_as_codes_stand_in_order_with_named_persons_in_place(tmp_path: Path) -> None:
    person = (
        "participants:\n  - {name: Ivan Petrov, position: Head,"
        " agency: the Drug Control Service, state: RU}\n"
    )
    meeting = write(tmp_path, "m.yaml", MEETING + "delegations: [KG, RU, CN, MN]\n" + person)
    text = release_text(meeting)
    assert (
        "The meeting was attended by the delegation of the Kyrgyz Republic; Ivan Petrov,"
        " Head of the Drug Control Service, and the delegation of the People's Republic"
        " of China. The delegation of Mongolia also attended the meeting as an observer."
    ) in text


def test_a_listed_state_without_a_status_on_the_date_is_explained(tmp_path: Path) -> None:
    meeting = write(tmp_path, "m.yaml", MEETING + "delegations: [KG, TM]\n")
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    assert caught.value.lines() == [
        f"{meeting}:5:19: delegations[1]: Turkmenistan (TM) was not a member state, observer"
        " or dialogue partner on 2019-05-16; if it attended as a guest, list it in"
        " participants as {kind: delegation, state: TM, status: guest}"
    ]


def test_a_state_listed_twice_is_refused(tmp_path: Path) -> None:
    meeting = write(tmp_path, "m.yaml", MEETING + "delegations: [KG, RU, KG]\n")
    with pytest.raises(pressgen.DataError) as caught:
        load_checked(meeting)
    assert caught.value.lines()[0].endswith("delegations: KG listed more than once")


def test_a_meeting_built_in_code_may_name_its_series() -> None:
    loaded = pressgen.load_meeting(EXAMPLE_7TH)
    data = loaded.model_dump(exclude={"series"}, exclude_defaults=True)
    in_code = pressgen.Meeting.model_validate({**data, "series": SERIES})
    assert pressgen.render(in_code, "txt") == pressgen.render(loaded, "txt")


def test_the_draft_names_the_series_instead_of_copying_it() -> None:
    draft = draft_text(EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml")
    assert f"\nseries: {SERIES}\n" in draft
    assert yaml.safe_load(draft)["delegations"] == ["KZ", "IN", "PK", "KG", "RU", "TJ", "UZ", "MN"]
    assert "short_name" not in draft
    assert "Senior Officials" not in draft


def test_the_schema_describes_series_by_id_and_delegations_by_code() -> None:
    properties = schema()["properties"]
    assert isinstance(properties, dict)
    series = json.dumps(properties["series"])
    assert '"pattern": "^[a-z0-9][a-z0-9-]{0,79}$"' in series
    assert "series file" in properties["series"]["description"]
    delegations = json.dumps(properties["delegations"])
    assert '"const": "all-members"' in delegations
    assert '"type": "array"' in delegations


def test_the_schema_lets_a_series_file_give_the_organisation() -> None:
    document: dict[str, Any] = schema()
    assert "organisation" not in document["required"]
    assert {"series", "date", "venue"} <= set(document["required"])
    description = document["properties"]["organisation"]["description"]
    assert description.endswith("Required, unless the series file (series: <id>) gives it.")


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_short_example_is_valid_for_an_editor(example: Path) -> None:
    # What the YAML language server checks as one types: the file as written (a
    # series by id, no organisation), against the committed schema. Dates are
    # compared as YAML writes them, as text.
    committed = json.loads((EXAMPLES / "meeting.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(example.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(data, committed)
