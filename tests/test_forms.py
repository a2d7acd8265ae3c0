"""Every form of fact a real meeting may have, and the defects the old wording had.

Each test builds a meeting from the 7th meeting's data with one fact changed, so
that what it checks is the sentence that fact makes (or no longer makes).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

import pressgen
from pressgen.cli import main
from pressgen.errors import DataError
from pressgen.wording import Language

from .conftest import EXAMPLES, seventh_in_english

NB = "\u00a0"


# The 7th meeting in English alone (its file holds Russian and Chinese texts too).
BASE: dict[str, Any] = seventh_in_english()


def meeting(**changes: Any) -> pressgen.Meeting:
    """The 7th meeting with some top-level fields replaced (None removes one)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return pressgen.meeting_from_data(data)


def text(m: pressgen.Meeting, template_dirs: tuple[Path, ...] = ()) -> str:
    rendered = pressgen.render(m, "txt", template_dirs=template_dirs).decode("utf-8")
    return rendered.replace(NB, " ")


def body(m: pressgen.Meeting) -> list[str]:
    return text(m).split("\n\n")[1:]


PERSON = {"name": "Sultan Kusetov", "position": "Head", "state": "KZ"}


# -- 1. facts a meeting may not have ----------------------------------------------


def test_without_chair_number_attendees_or_next_meeting_the_release_still_reads() -> None:
    m = meeting(chair=None, number=None, participants=None, officials=None, next_meeting=None)
    rendered = text(m)
    assert rendered.startswith("Meeting of Senior Officials of the SCO Member States’")
    first = rendered.split("\n\n")[1]
    assert first.startswith("A Meeting of the Senior Officials of the SCO Member States'")
    assert "chaired" not in rendered
    assert "attended" not in rendered
    assert "next meeting" not in rendered


def test_an_unnumbered_meeting_names_its_occasion_but_not_with_a_number() -> None:
    m = meeting(number=None, occasion="regular")
    assert text(m).startswith("The Regular Meeting of Senior Officials")
    assert body(m)[0].startswith("The regular Meeting of the Senior Officials")
    with pytest.raises(DataError, match="give the meeting's number or its occasion, not both"):
        meeting(occasion="regular")


def test_all_members_is_a_sentence_checked_against_membership() -> None:
    m = meeting(participants=None, officials=None, delegations="all-members")
    assert "The meeting was attended by the delegations of all the SCO member states." in body(m)
    with pytest.raises(DataError, match="already names every member delegation"):
        meeting(participants=[{"kind": "delegation", "state": "CN"}], delegations="all-members")
    unknown = {"name": "Invented Organisation", "short_name": "IO"}
    with pytest.raises(DataError, match="all-members needs the organisation's membership"):
        meeting(organisation=unknown, delegations="all-members")


def test_the_members_filter_lists_members_on_the_day() -> None:
    import datetime as dt

    org = pressgen.model.Organisation(
        id="sco", name="Shanghai Cooperation Organisation", short_name="SCO"
    )
    assert Language("en-GB").members(org, dt.date(2017, 6, 8)) == [
        "CN",
        "KZ",
        "KG",
        "RU",
        "TJ",
        "UZ",
    ]
    assert "IN" in Language("en-GB").members(org, dt.date(2017, 6, 9))


# -- 3. who attends ---------------------------------------------------------------


def test_a_person_from_an_agency_without_a_position() -> None:
    person = {"name": "A. Person", "agency": "the Drug Control Agency of Kazakhstan", "state": "KZ"}
    m = meeting(participants=[person], officials=None)
    assert "attended by A. Person from the Drug Control Agency of Kazakhstan." in text(m)
    with pytest.raises(DataError, match="give the attendee's position, or the agency"):
        meeting(participants=[{"name": "A. Person", "state": "KZ"}])


def test_an_official_of_another_body_is_not_prefixed_with_the_organisation() -> None:
    # Defect: "SCO Director of the Executive Committee of the SCO RATS …".
    official = {
        "name": "R. Invented",
        "position": "Director",
        "organisation": "the Executive Committee of the SCO RATS",
    }
    rendered = text(meeting(officials=[official]))
    assert "and Director of the Executive Committee of the SCO RATS R. Invented." in rendered
    assert "SCO Director" not in rendered


def test_two_officials_make_one_and() -> None:
    # Defect: "…, and SCO Deputy Secretary-General X and SCO Y Z" had two "and"s.
    officials = [
        {"name": "Sabyr Imandosov", "position": "Deputy Secretary-General"},
        {"name": "B. Invented", "position": "Counsellor"},
    ]
    (attendance,) = [
        p for p in body(meeting(participants=[PERSON], officials=officials)) if "attended by" in p
    ]
    assert attendance == (
        "The meeting was attended by Sultan Kusetov, Head; SCO Deputy Secretary-General"
        " Sabyr Imandosov, and SCO Counsellor B. Invented."
    )


def test_two_guests_are_joined_by_and() -> None:
    # Defect: "The delegation of X; the delegation of Y also attended …".
    guests = [
        {"kind": "delegation", "state": "TM", "status": "guest"},
        {"kind": "delegation", "state": "AZ", "status": "guest"},
    ]
    rendered = text(meeting(participants=[PERSON, *guests]))
    assert (
        "The delegation of Turkmenistan and the delegation of the Republic of Azerbaijan"
        " also attended the meeting as guests." in rendered
    )


def test_title_first_names_and_delegation_members_with_positions() -> None:
    delegation = {
        "kind": "delegation",
        "state": "KZ",
        "members": ["C. Plain", {"name": "D. Titled", "position": "Adviser"}],
    }
    m = meeting(participants=[PERSON, delegation], release={"names": "title-first"})
    rendered = text(m)
    assert "attended by Kazakhstan's Head Sultan Kusetov; the delegation of" in rendered
    assert "comprising C. Plain and Adviser D. Titled" in rendered


def test_headcount_and_invited_bodies() -> None:
    invited = {"kind": "body", "description": "representatives of the UNODC", "invited": True}
    m = meeting(
        participants=[PERSON, invited],
        officials=None,
        headcount={"count": 50, "precision": "more-than", "who": "experts"},
    )
    rendered = text(m)
    assert "Representatives of the UNODC attended the meeting by invitation." in rendered
    assert "More than 50 experts took part in the meeting." in rendered


# -- 4. several bodies, linked meetings -------------------------------------------


def test_sessions_and_a_linked_meeting() -> None:
    m = meeting(
        number=None,
        sessions=[
            {"body": "the Working Group on A", "number": 3},
            {"body": "the Working Group on B"},
        ],
        linked_meetings=[
            {
                "relation": "alongside",
                "name": "Meeting of the Council",
                "number": 20,
                "city": "Astana",
            }
        ],
    )
    first = body(m)[0]
    assert first.startswith(
        "The 3rd meeting of the Working Group on A and the meeting of the Working Group on B"
        " were held jointly in Astana on 14 April 2017 alongside the 20th Meeting of the"
        " Council in Astana."
    )
    assert "chaired the meetings." in first


def test_documents_in_every_action_and_voice_and_addressed_to_another_meeting() -> None:
    documents = [
        {"action": "finalised", "title": "the draft A", "for_meeting": {
            "name": "Meeting of the Council", "number": 20, "date": "2017-06-09"}},
        {"action": "noted", "title": "the report B"},
        {"action": "submitted", "title": "the review C", "voice": "passive"},
        {"action": "agreed-to-prepare", "title": "a plan D", "voice": "passive"},
        {"action": "signed", "title": "the Protocol E"},
    ]  # fmt: skip
    (paragraph,) = [p for p in body(meeting(documents=documents)) if "the draft A" in p]
    assert paragraph == (
        "The parties signed the Protocol E."
        " The meeting finalised the draft A to be submitted to the 20th Meeting of the Council"
        " on 9 June 2017. It was agreed to prepare a plan D."
        " The review C was submitted. The meeting took note of the report B."
    )


# -- 5. speech ---------------------------------------------------------------------


def test_speeches_with_what_was_said_or_a_quotation() -> None:
    speaker = {"name": "E. Speaker", "position": "Minister", "state": "KZ"}
    m = meeting(
        addresses=[
            {"speaker": speaker, "speech": "opening", "said": "the work must go on"},
            {"speaker": speaker, "speech": "keynote", "quote": "We stand together."},
        ]
    )
    (paragraph,) = [p for p in body(m) if "E. Speaker" in p]
    assert paragraph == (
        "Kazakhstan's Minister E. Speaker opened the meeting with a speech, noting that the"
        " work must go on. Kazakhstan's Minister E. Speaker delivered a keynote address:"
        " “We stand together.”"
    )
    with pytest.raises(DataError, match="not both"):
        meeting(addresses=[{"speaker": speaker, "said": "a", "quote": "b"}])


# -- 6. the frame -----------------------------------------------------------------


FIRST = (
    "The 7th Meeting of the Senior Officials of the SCO Member States' Counternarcotics"
    " Agencies vested with authority to combat illegal drug trafficking was held in Astana"
    " on 14 April 2017. Kazakhstan's Deputy Interior Minister Rashid Zhakupov chaired the meeting."
)
TITLE = "The 7th Meeting of Senior Officials of the SCO Member States’ Counternarcotics Agencies"


@pytest.mark.parametrize(
    ("heading", "first_lines"),
    [("line", [TITLE, ""]), ("label", ["PRESS RELEASE", ""]), ("none", [FIRST, ""])],
)
def test_heading_forms(heading: str, first_lines: list[str]) -> None:
    m = meeting(release={"heading": heading})
    assert text(m).split("\n")[:2] == first_lines
    data = pressgen.render(m, "json").decode("utf-8")
    assert '"title": "The 7th Meeting of Senior Officials of the SCO Member States’' in data


def test_furniture_dateline_release_date_number_contact_end_mark() -> None:
    frame = {
        "dateline": True,
        "date": "2017-04-15",
        "number": "No. 7/2017",
        "contact": {"office": "Press Office", "phone": "+7 000", "email": "press@example.org",
                    "web": "https://www.example.org/press"},
        "end_mark": "-ENDS-",
    }  # fmt: skip
    paragraphs = body(meeting(release=frame))
    assert paragraphs[0] == "No. 7/2017"
    assert paragraphs[1].startswith("Astana, 15 April 2017 – The 7th Meeting of the Senior")
    assert paragraphs[-2] == (
        "Contact: Press Office, tel. +7 000, press@example.org, https://www.example.org/press."
    )
    assert paragraphs[-1] == "-ENDS-"
    release = pressgen.build(meeting(release=frame))
    assert release.meta.date.isoformat() == "2017-04-15"
    with pytest.raises(DataError, match="not an e-mail address"):
        meeting(release={"contact": {"office": "P", "email": "press at example"}})
    with pytest.raises(DataError, match="the release is dated before the meeting"):
        meeting(release={"date": "2017-04-13"})


def test_the_release_date_alone_is_printed_under_the_heading() -> None:
    assert body(meeting(release={"date": "2017-04-17"}))[0] == "17 April 2017"


@pytest.mark.parametrize(
    ("number", "words"),
    [(1, "first"), (7, "seventh"), (12, "twelfth"), (20, "twentieth"), (21, "twenty-first"),
     (99, "ninety-ninth")],
)  # fmt: skip
def test_ordinals_in_words(number: int, words: str) -> None:
    assert Language("en-GB").ordinal(number, "words") == words


def test_ordinals_in_words_in_the_release() -> None:
    m = meeting(release={"ordinals": "words"})
    assert text(m).startswith("The Seventh Meeting of Senior Officials")
    assert body(m)[0].startswith("The seventh Meeting of the Senior Officials")


@pytest.mark.parametrize(
    ("order", "start"),
    [
        ("date", "On 14 April 2017, the 7th Meeting of the Senior Officials"),
        ("host", "Kazakhstan hosted the 7th Meeting of the Senior Officials"),
        ("chair", "Kazakhstan's Deputy Interior Minister Rashid Zhakupov chaired the 7th Meeting"),
    ],
)
def test_opening_orders(order: str, start: str) -> None:
    first = body(meeting(release={"opening": order}))[0]
    assert first.startswith(start)
    assert first.count("Rashid Zhakupov") == 1


def test_an_announcement_is_in_the_future_tense() -> None:
    m = meeting(kind="announcement", release={"date": "2017-04-01"})
    rendered = text(m)
    assert rendered.split("\n")[1].startswith("ANNOUNCEMENT of the 7th Meeting")
    assert "will be held in Astana on 14 April 2017" in rendered
    assert "will chair the meeting" in rendered
    assert "The meeting will be attended by" in rendered


def test_an_information_report_names_its_meeting_and_says_nothing_it_was_not_told() -> None:
    # Defect: "No decision was taken on the next meeting" when the data is silent.
    m = meeting(kind="information-report", next_meeting=None)
    rendered = text(m)
    assert "next meeting" not in rendered
    release = pressgen.build(m)
    assert release.meta.title.startswith("Information Report on the results of the 7th Meeting")
    assert release.meta.keywords == ("SCO", "information report", "Astana", "2017")


# -- 7. house styles --------------------------------------------------------------

STYLE = EXAMPLES / "styles" / "ministry-news"
STYLE_GOLDEN = Path(__file__).resolve().parent / "goldens" / "styles" / "ministry-news"
STYLED = EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml"


def test_the_house_style_is_a_small_override() -> None:
    override = STYLE / "wording" / "en" / "press-release.xml.j2"
    source = override.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 40
    assert '{% extends "pressgen/wording/en/press-release.xml.j2" %}' in source


def test_the_house_style_renders_through_templates_to_its_golden(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    assert main(["render", str(STYLED), "--templates", str(STYLE), "--format", "txt",
                 "--out", str(tmp_path)]) == 0  # fmt: skip
    rendered = (tmp_path / f"{STYLED.stem}.txt").read_bytes()
    golden = STYLE_GOLDEN / f"{STYLED.stem}.txt"
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(rendered)
    assert golden.exists(), "no golden for the house style: run pytest --update-goldens"
    assert rendered == golden.read_bytes()
    words = rendered.decode("utf-8").replace(NB, " ")
    assert words.startswith("Beijing, 17 May 2018 – On 16–17 May 2018, the 8th Meeting")
    assert "took part in the meeting" in words
    assert "PRESS RELEASE" not in words


def test_the_schema_describes_the_new_forms() -> None:
    from pressgen.schema import schema

    document = schema()
    properties = document["properties"]
    assert isinstance(properties, dict)
    for name in ("languages", "occasion", "sessions", "linked_meetings", "delegations",
                 "headcount", "release"):  # fmt: skip
        assert name in properties, name
        assert properties[name]["description"], name
    frame = document["$defs"]["Frame"]["properties"]  # type: ignore[index]
    assert set(frame["heading"]["enum"]) == {"title", "line", "label", "none"}
    city = document["$defs"]["InPerson"]["properties"]["city"]  # type: ignore[index]
    assert [form["type"] for form in city["oneOf"]] == ["string", "object"]


def test_the_furniture_reaches_the_metadata_every_writer_sees() -> None:
    m = meeting(end_date="2017-04-15", release={"date": "2017-04-17", "number": "No. 7/2017"})
    meta = pressgen.build(m).meta
    assert (meta.date.isoformat(), meta.number, meta.location) == (
        "2017-04-17",
        "No. 7/2017",
        "Astana",
    )
    assert (meta.event_start, meta.event_end) == (m.date, m.end_date)
    one_line = pressgen.build(meeting(release={"heading": "line"})).meta
    assert one_line.description.startswith("The 7th Meeting of the Senior Officials")


def test_a_long_first_paragraph_is_cut_to_fit_the_metadata() -> None:
    # The CSTO example has no subtitle: its description is its first paragraph,
    # longer than a Word document property may be.
    example = EXAMPLES / "csto-working-groups-illustrative-2025.yaml"
    meta = pressgen.build(pressgen.load_meeting(example)).meta
    assert len(meta.description) <= 255
    assert meta.description.endswith("…")
    assert meta.description.startswith("The twelfth meeting of the Working Group")
    assert pressgen.render(pressgen.load_meeting(example), "docx")
