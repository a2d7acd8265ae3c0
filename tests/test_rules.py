"""No unwritten rules: the form a text needs where the wording puts it, said in words."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

import pressgen
from pressgen import rules
from pressgen.cli import main
from pressgen.schema import schema

from .conftest import EXAMPLE_7TH, EXAMPLES

BASE: dict[str, Any] = pressgen.load_meeting(EXAMPLE_7TH).model_dump()


def breaches(languages: tuple[str, ...] = ("en-GB",), **changes: Any) -> list[str]:
    """The rules' findings on the 7th meeting with some fields replaced, as lines."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    # The model alone: the domain checks (which include the rules) would refuse it.
    meeting = pressgen.Meeting.model_validate(data)
    return [
        f"{'.'.join(map(str, b.path))}: {b.severity}: {b.message}"
        for b in rules.check(meeting, languages)
    ]


def person(**fields: str) -> dict[str, str]:
    return {"name": "A. Person", "position": "Head", "state": "KZ", **fields}


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_examples_break_no_rule(example: Path) -> None:
    meeting = pressgen.load_meeting(example)
    assert rules.check(meeting, meeting.languages or (meeting.language,)) == []


def test_an_agreement_in_capitals_is_told_to_start_in_lower_case() -> None:
    assert breaches(agreements=["Boosting interaction of the member states"]) == [
        'agreements.0: warning: starts with a capital letter, but follows "Agreements were'
        ' reached on"; write "boosting interaction of …" (or keep it, if it is a name)'
    ]


def test_a_state_name_at_the_start_of_an_agreement_is_no_slip() -> None:
    assert breaches(agreements=["Kazakhstan's proposal on training"]) == []


def test_an_article_in_capitals_mid_sentence_is_an_error() -> None:
    assert breaches(agreements=["The exchange of information"]) == [
        'agreements.0: error: starts with a capital letter, but follows "Agreements were'
        ' reached on"; write "the exchange of …"'
    ]


def test_an_agency_with_a_capital_article_is_told_to_write_the() -> None:
    assert breaches(participants=[person(agency="The Drug Control Agency of Kazakhstan")]) == [
        'participants.0.agency: error: starts with a capital letter, but follows "of";'
        ' write "the Drug Control …"'
    ]


def test_an_agency_without_its_article_is_a_warning_with_the_fix() -> None:
    assert breaches(participants=[person(agency="Department of Drug Control")]) == [
        'participants.0.agency: warning: has no article, but follows "of";'
        ' write "the Department of Drug …" (or keep it, if the name is used without one)'
    ]


def test_a_named_agency_without_an_article_is_left_alone() -> None:
    assert breaches(participants=[person(agency="Kazakhstan's Interior Ministry")]) == []


def test_a_position_with_an_article_is_told_to_drop_it() -> None:
    assert breaches(participants=[person(position="the Head", agency="the Agency")]) == [
        'participants.0.position: error: starts with "the", but follows a state\'s name,'
        ' as in "Kazakhstan\'s Deputy Minister"; write "Head"'
    ]


def test_a_series_name_with_an_article_is_told_to_drop_it() -> None:
    names = {"title": "The Meeting of Senior Officials"}
    data = copy.deepcopy(BASE)
    data["series"] = {"names": names}
    meeting = pressgen.Meeting.model_validate(data)
    assert [b.message for b in rules.check(meeting, ("en",))] == [
        'starts with "The", but follows "The 7th"; write "Meeting of Senior …"'
    ]


def test_a_series_title_in_lower_case_is_told_it_can_open_the_title_line() -> None:
    data = copy.deepcopy(BASE)
    data["series"] = {"names": {"title": "meeting of senior officials"}}
    meeting = pressgen.Meeting.model_validate(data)
    assert [b.message for b in rules.check(meeting, ("en",))] == [
        'starts with a small letter, but can open the title line; write "Meeting of senior …"'
    ]


def test_a_chinese_name_parted_by_another_dot_is_told_the_middle_dot() -> None:
    chair = dict(BASE["chair"], name={"en": "Rashid Zhakupov", "zh": "拉希德•扎库波夫"})
    assert breaches(("en", "zh"), chair=chair) == [
        "chair.name.zh: warning: parts a Chinese name with a dot other than the middle dot ·"
        ' (U+00B7); write "拉希德·扎库波夫"'
    ]


def test_an_honorific_with_an_article_is_told_to_drop_it() -> None:
    chair = dict(BASE["chair"], honorific="the Colonel")
    assert breaches(chair=chair) == [
        'chair.honorific: error: starts with "the", but follows the position, as in'
        ' "Deputy Chairman Colonel …"; write "Colonel"'
    ]


def test_a_discussion_paragraph_wants_a_capital_and_a_full_stop() -> None:
    # Warnings: a paragraph may be anything, but this is most often a slip.
    assert breaches(discussion=["the parties exchanged views"]) == [
        "discussion.0: warning: starts with a small letter, but stands as a paragraph of its"
        ' own; write "The parties exchanged …"',
        "discussion.0: warning: does not end with a full stop, but stands as a paragraph of its"
        ' own; end it with "."',
    ]


def test_a_final_full_stop_where_the_sentence_goes_on_is_an_error() -> None:
    assert breaches(agreements=["holding joint operations."]) == [
        'agreements.0: error: ends with ".", but the sentence goes on after it or the wording'
        " ends it; leave it out"
    ]


def test_an_abbreviation_at_the_end_is_no_full_stop() -> None:
    assert breaches(agreements=["training, exchanges, etc."]) == []


def test_a_quotation_in_quotation_marks_is_told_to_leave_them_out() -> None:
    address = {"speaker": {"name": "A. Person"}, "quote": "“We act together.”"}
    assert breaches(addresses=[address]) == [
        "addresses.0.quote: error: is in quotation marks (“ ”), but the wording adds them"
        " where the language needs them; leave them out"
    ]


def test_a_title_in_quotation_marks_is_refused_where_the_wording_quotes_it() -> None:
    document = {"action": "adopted", "title": {"en": "the Protocol", "ru": "«Протокол»"}}
    assert breaches(("en", "ru"), documents=[document]) == [
        "documents.0.title.ru: error: is in quotation marks (« »), but the wording adds them"
        " where the language needs them; leave them out"
    ]


def test_an_english_title_is_printed_as_it_is_given() -> None:
    document = {"action": "adopted", "title": 'the "Channel" plan'}
    assert breaches(documents=[document]) == []


def test_a_chinese_fragment_ending_in_a_full_stop_is_told_to_leave_it_out() -> None:
    found = breaches(("en", "zh"), agreements=[{"en": "joint operations", "zh": "联合行动。"}])
    assert found == [
        'agreements.0.zh: error: ends with "。", but the sentence goes on after it or the'
        " wording ends it; leave it out"
    ]


def test_a_russian_fragment_inside_a_sentence_starts_in_lower_case() -> None:
    agreement = {"en": "joint operations", "ru": "О проведении совместных операций"}
    assert breaches(("en", "ru"), agreements=[agreement]) == [
        "agreements.0.ru: warning: starts with a capital letter, but follows other words of"
        ' the sentence; write "о проведении совместных …" (or keep it, if it is a name)'
    ]


def test_a_russian_agreement_needs_its_preposition() -> None:
    agreement = {"en": "joint operations", "ru": "укрепление взаимодействия"}
    assert breaches(("en", "ru"), agreements=[agreement]) == [
        'agreements.0.ru: warning: does not start with "о" or "об" or "обо" or "по", but'
        ' follows "Достигнуты договорённости"; write it with its preposition:'
        ' "об укреплении …"'
    ]


def test_a_russian_period_needs_its_preposition() -> None:
    period = {"en": "the second half of 2025", "ru": "вторая половина 2025 года"}
    next_meeting = {"state": "CN", "period": period}
    assert breaches(("en", "ru"), next_meeting=next_meeting) == [
        'next_meeting.period.ru: warning: does not start with "в" or "во", but follows'
        ' "Следующее совещание состоится"; write it with its preposition:'
        ' "во второй половине 2025 года"'
    ]


def test_one_text_for_every_language_is_reported_once() -> None:
    assert len(breaches(("en", "zh"), agreements=["holding joint operations."])) == 1


def test_the_check_command_says_it_with_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = EXAMPLE_7TH.read_text(encoding="utf-8")
    assert source.count("      boosting interaction") == 1
    source = source.replace("      boosting interaction", "      Boosting interaction")
    path = tmp_path / "m.yaml"
    path.write_text(source, encoding="utf-8")
    lines = source.splitlines()
    line = next(i for i, text in enumerate(lines) if "Boosting interaction" in text)  # 0-based
    column = lines[line - 1].index(">-") + 1  # the value of the line before: "- en: >-"
    assert main(["check", str(path)]) == 0  # a warning: the word might be a name
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:{line}:{column}: agreements[0].en: warning: starts with a capital letter, but"
        ' follows "Agreements were reached on"; write "boosting interaction of …" (or keep it,'
        " if it is a name)"
    ]


@pytest.mark.parametrize(("model", "field"), sorted(rules.RULES), ids="{0[0]}.{0[1]}".format)
def test_the_schema_says_every_rule_where_the_field_is(model: str, field: str) -> None:
    document: dict[str, Any] = schema()
    holder = document if model == "Meeting" else document["$defs"][model]
    description = holder["properties"][field]["description"]
    assert rules.rule_text(rules.RULES[model, field]) in description


def test_the_schema_says_a_persons_rule_for_every_kind_of_person() -> None:
    definitions = schema()["$defs"]
    assert isinstance(definitions, dict)
    for kind in ("PersonChair", "PartyChair", "PersonParticipant"):
        description = definitions[kind]["properties"]["position"]["description"]
        assert "Form (after a state's name" in description
