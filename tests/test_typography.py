"""The house typography: no-break spaces after prepositions, apostrophes by role."""

from __future__ import annotations

import datetime as dt

import pytest

from pressgen import typography
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
