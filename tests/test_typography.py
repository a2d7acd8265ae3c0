"""The house typography: no-break spaces after prepositions, apostrophes by role."""

from __future__ import annotations

import datetime as dt

import pytest

from pressgen import typography
from pressgen.errors import TemplateError
from pressgen.tree import Block, Emphasis, Link, Meta, Release, Role, Text

WORDS = typography.Rules.for_language("en-GB").bound_words
NB = "\u00a0"


@pytest.mark.parametrize(
    ("plain", "typeset"),
    [
        ("held in Astana on 14 April 2017", f"held in{NB}Astana on{NB}14 April 2017"),
        # The space before "to" was consumed by the bound "as": "to" stays free.
        ("as well as to adopt", f"as well as{NB}to adopt"),
        ("measures as well as to adopt", f"measures as{NB}well as{NB}to adopt"),
        # A paragraph's first word is never bound (no space before it).
        ("of the people", "of the people"),
        ("In this connection", "In this connection"),
        # Capitalised and embedded words are not prepositions here.
        ("Fight Against Drugs In Time", "Fight Against Drugs In Time"),
        ("the tonnage into ontology", "the tonnage into ontology"),
        # The last word has no space after it.
        ("what it was made of", "what it was made of"),
        # Every listed word binds.
        (
            "x of a in b to c on d for e as f under g by h with i from j",
            NB.join(
                [
                    "x of",
                    "a in",
                    "b to",
                    "c on",
                    "d for",
                    "e as",
                    "f under",
                    "g by",
                    "h with",
                    "i from",
                    "j",
                ]
            ),
        ),
        # Two prepositions in a row: the second lost its space to the first.
        ("moved in on them", f"moved in{NB}on them"),
        # An existing no-break space is not a plain space.
        (f"held in{NB}Astana", f"held in{NB}Astana"),
        ("by\ttab", "by\ttab"),
    ],
)
def test_binds_prepositions_between_plain_spaces(plain: str, typeset: str) -> None:
    assert typography.bind_words(plain, WORDS) == typeset


@pytest.mark.parametrize(
    ("text", "apostrophe", "expected"),
    [
        ("Member States' Agencies", "’", "Member States’ Agencies"),
        ("Kazakhstan's", "’", "Kazakhstan’s"),
        ("Kazakhstan’s", "'", "Kazakhstan's"),
        ("'quoted'", "’", "'quoted’"),
        ("no apostrophe", "’", "no apostrophe"),
    ],
)
def test_sets_apostrophes_after_letters(text: str, apostrophe: str, expected: str) -> None:
    assert typography.set_apostrophes(text, apostrophe) == expected


def _release(*blocks: Block) -> Release:
    meta = Meta("en-GB", "", "", "Org", dt.date(2017, 4, 14), (), "press-release")
    return Release(meta, blocks)


def test_title_gets_typographic_apostrophes_and_no_bound_spaces() -> None:
    title = Block(Role.TITLE, (Text("Member States' Meeting of Officials"),))
    subtitle = Block(Role.SUBTITLE, (Text("on the results of it"),))
    result = typography.apply(_release(title, subtitle))
    assert result.blocks[0].text == "Member States’ Meeting of Officials"
    assert result.blocks[1].text == "on the results of it"
    assert result.meta.title == "Member States’ Meeting of Officials"


def test_body_rules_cross_inline_boundaries_and_keep_the_nodes() -> None:
    title = Block(Role.TITLE, (Text("T"),))
    subtitle = Block(Role.SUBTITLE, (Text("S"),))
    body = Block(
        Role.PARAGRAPH,
        (
            Text("held in "),
            Emphasis((Text("the States’ "),)),
            Link("https://example.org/", (Text("capital"),)),
            Text(" on time"),
        ),
    )
    result = typography.apply(_release(title, subtitle, body))
    assert result.blocks[2].children == (
        Text(f"held in{NB}"),
        Emphasis((Text("the States' "),)),
        Link("https://example.org/", (Text("capital"),)),
        Text(f" on{NB}time"),
    )


def test_published_body_paragraph_is_reproduced(release_text: str) -> None:
    assert f"as{NB}well as{NB}to adopt adequate measures to{NB}improve" in release_text


# Russian and Chinese: the same stage, other rules, all from the language files.

RU = typography.Rules.for_language("ru")
ZH = typography.Rules.for_language("zh")


@pytest.mark.parametrize(
    ("plain", "typeset"),
    [
        # One- and two-letter words bind to the next, whatever their case.
        ("состоялось в Астане", f"состоялось в{NB}Астане"),
        ("В ходе встречи", f"В{NB}ходе встречи"),
        ("Китая и Индии", f"Китая и{NB}Индии"),
        # A number binds to its month or unit.
        ("14 апреля 2017 года", f"14{NB}апреля 2017{NB}года"),
        ("более 50 экспертов", f"более 50{NB}экспертов"),
        # Initials stay with the surname.
        ("Д.Ф. Мезенцев", f"Д.Ф.{NB}Мезенцев"),
        ("Д. Ф. Мезенцев", f"Д.{NB}Ф.{NB}Мезенцев"),
        # A dash between words is an em dash that cannot start a line.
        ("ШОС - организация", f"ШОС{NB}— организация"),
        ("ШОС – организация", f"ШОС{NB}— организация"),
        # A dash inside a number range stays as written.
        ("2018–2023 годы", f"2018–2023{NB}годы"),
        # Quotes: « » outside, „ “ inside.
        ('операции "Паутина"', "операции «Паутина»"),
        ('мероприятие "ООН и ШОС: "Паутина""', f"мероприятие «ООН и{NB}ШОС: „Паутина“»"),
        # Longer words are left alone.
        ("совещание руководителей", "совещание руководителей"),
    ],
)
def test_russian_typography(plain: str, typeset: str) -> None:
    assert typography.typeset_text(plain, RU) == typeset


@pytest.mark.parametrize(
    ("plain", "typeset"),
    [
        # Full-width punctuation after Chinese (U+FF0C ， U+3002 。 …), and the
        # typed space after it goes.
        ("会议在阿斯塔纳举行, 由哈方主持.", "会议在阿斯塔纳举行\uff0c由哈方主持\u3002"),
        ("议程: 禁毒; 合作? 是!", "议程\uff1a禁毒\uff1b合作\uff1f是\uff01"),
        ("各方 (各代表团) 出席", "各方\uff08各代表团\uff09出席"),
        # No space between Chinese characters.
        ("上合组织 成员国", "上合组织成员国"),
        # Quotes are curly, single ones inside.
        ('讨论了"禁毒战略"', "讨论了\u201c禁毒战略\u201d"),
        # Latin text keeps its own punctuation and spaces.
        ("UNODC, SCO.", "UNODC, SCO."),
        ("见 www.sectsco.org 网站", "见 www.sectsco.org 网站"),
        # No no-break spaces in Chinese.
        ("在 2017 年", "在 2017 年"),
    ],
)
def test_chinese_typography(plain: str, typeset: str) -> None:
    assert typography.typeset_text(plain, ZH) == typeset


def test_a_deletion_is_cut_back_into_the_right_inline_nodes() -> None:
    body = Block(
        Role.PARAGRAPH,
        (Text("会议在 "), Emphasis((Text("阿斯塔纳"),)), Text(" 举行, 由哈方主持.")),
    )
    meta = Meta("zh", "", "", "上合组织", dt.date(2017, 4, 14), (), "press-release")
    heading = (Block(Role.TITLE, (Text("T"),)), Block(Role.SUBTITLE, (Text("S"),)))
    result = typography.apply(Release(meta, (*heading, body)))
    assert result.blocks[2].children == (
        Text("会议在"),
        Emphasis((Text("阿斯塔纳"),)),
        Text("举行\uff0c由哈方主持\u3002"),
    )


def test_a_language_is_data_alone() -> None:
    # An invented language's rules, written as a language file would give them.
    rules = typography.Rules.from_data(
        {
            "quotes": [["»", "«"]],
            "rules": [{"pattern": r"(?<=\S) !", "replace": "\u202f!", "where": ["body"]}],
        }
    )
    assert typography.typeset_text('Il dit "oui" !', rules) == "Il dit »oui«\u202f!"
    assert typography.typeset_text("Oui !", rules, "heading") == "Oui !"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rules": [{"pattern": "a", "replace": "aa"}]}, "longer"),
        ({"rules": [{"pattern": "(", "replace": ""}]}, "bad typography rules"),
        ({"rules": [{"pattern": "a", "replace": r"\2"}]}, "bad typography rules"),
        ({"rules": [{"pattern": "a", "replace": "b", "where": ["footer"]}]}, "heading"),
    ],
)
def test_bad_rules_are_refused_with_the_rule_named(data: dict[str, object], message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        typography.typeset_text("a", typography.Rules.from_data(data))


def test_a_template_line_break_is_no_space_in_chinese_but_one_elsewhere() -> None:
    from pressgen import markup

    release = markup.parse(
        '<release lang="zh" date="2017-04-14"><publisher>上合组织</publisher>'
        "<title>T</title><subtitle>S</subtitle>"
        "<p>会议在阿斯塔纳\n    举行。\n  UNODC\n  和上合组织</p>"
        "<p>held in\n   Astana</p></release>"
    )
    assert release.blocks[2].text == "会议在阿斯塔纳举行。 UNODC 和上合组织"
    assert release.blocks[3].text == "held in Astana"
