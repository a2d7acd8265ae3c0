"""Preparing the next release: drafts, the schema, domain checks, and every form of fact."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import pressgen
from pressgen.cli import main
from pressgen.schema import schema_text

from .conftest import EXAMPLE_7TH, EXAMPLES, changed

NB = "\u00a0"


def paragraphs(meeting: pressgen.Meeting) -> list[str]:
    text = pressgen.render(meeting, "txt").decode("utf-8").replace(NB, " ")
    return text.split("\n\n")[1:]


# -- schema -----------------------------------------------------------------------


def test_committed_schema_is_in_step_with_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_text()
    assert (EXAMPLES / "meeting.schema.json").read_text(encoding="utf-8") == printed
    assert json.loads(printed)["properties"]["number"]["description"].startswith(
        "The meeting's number"
    )


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_name_the_schema_for_editors(example: Path) -> None:
    first = example.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=meeting.schema.json"


# -- domain checks ----------------------------------------------------------------


def _check(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["check", str(path)])
    return code, [line.replace(f"{path}:", "") for line in capsys.readouterr().err.splitlines()]


SEVENTH = EXAMPLE_7TH.read_text(encoding="utf-8")
EIGHTH = (EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml").read_text(encoding="utf-8")


def test_india_before_june_2017_was_not_a_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EIGHTH.replace("date: 2018-05-16\nend_date: 2018-05-17", "date: 2017-06-08")
    code, lines = _check(tmp_path, text, capsys)
    starts = [i for i, line in enumerate(text.splitlines(), 1) if line == "  - kind: delegation"]
    assert code == 1
    # Pakistan, listed by code, attends as what it then was (an observer); India,
    # whose delegation is named, is given as a member.
    assert lines == [
        f"{starts[0]}:5: participants[1].status: India was not a member state on 2017-06-08: give status observer, dialogue-partner or guest",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("state", "day", "member"),
    [
        ("IN", dt.date(2017, 6, 8), False), ("IN", dt.date(2017, 6, 9), True),
        ("IR", dt.date(2023, 7, 3), False), ("IR", dt.date(2023, 7, 4), True),
        ("BY", dt.date(2024, 7, 3), False), ("BY", dt.date(2024, 7, 4), True),
        ("KZ", dt.date(2001, 6, 15), True), ("MN", dt.date(2024, 1, 1), False),
        ("TM", dt.date(2024, 1, 1), False),
    ],
)  # fmt: skip
def test_membership_by_date(state: str, day: dt.date, member: bool) -> None:
    from pressgen import resources
    from pressgen.domain import is_member

    assert is_member(state, day, resources.data("organisations/sco")) is member


def test_errors_and_warnings_are_distinct_and_reported_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EIGHTH.replace(", MN]", "]").replace(
        "participants:\n",
        "participants:\n  - {kind: delegation, state: PK, status: guest}\n"
        "  - {kind: delegation, state: MN}\n",
    )
    text = text.replace(
        "next_meeting:\n  state: KG\n  city: Bishkek\n  year: 2019", "next_meeting:\n  state: AF"
    )
    code, lines = _check(tmp_path, text, capsys)
    assert code == 1
    assert [line.split(": ", 1)[1] for line in lines] == [
        "participants[0].status: warning: Pakistan was a member state on 2018-05-16, not a guest",
        "participants[1].status: Mongolia was not a member state on 2018-05-16: give status observer, dialogue-partner or guest",
        "next_meeting.state: Afghanistan was not a member state on 2018-05-16, so cannot be the next host",
    ]  # fmt: skip


def test_warnings_alone_do_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = EIGHTH.replace(
        "participants:\n", "participants:\n  - {kind: delegation, state: PK, status: guest}\n"
    )
    code, lines = _check(tmp_path, text, capsys)
    assert code == 0
    assert len(lines) == 1
    assert ": warning: " in lines[0]
    with pytest.warns(pressgen.DataWarning, match="not a guest"):
        pressgen.load_meeting(tmp_path / "m.yaml")


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"end_date": dt.date(2017, 4, 13)}, "end_date: the meeting ends before it begins"),
        ({"next_meeting": {"state": "CN", "date": dt.date(2017, 4, 1)}}, "next_meeting.date: the next meeting is not after this one"),
        ({"next_meeting": {"year": 2016}}, "next_meeting.year: the next meeting is in a year already past"),
        ({"chair": {"kind": "state", "state": "MN"}}, "chair.state: Mongolia was not a member state on 2017-04-14, so cannot be the chair"),
        ({"chairmanship_passes_to": "IN"}, "chairmanship_passes_to: India was not a member state on 2017-04-14, so cannot be given the chairmanship"),
    ],
)  # fmt: skip
def test_meetings_built_in_code_get_the_same_checks(
    meeting: pressgen.Meeting, update: dict[str, Any], message: str
) -> None:
    with pytest.raises(pressgen.DataError) as caught:
        pressgen.render(changed(meeting, **update), "txt")
    assert caught.value.lines() == [message]


# -- every form of fact -------------------------------------------------------------


@pytest.mark.parametrize(
    ("chair", "sentence"),
    [
        ({"name": "A Bek", "position": "Minister", "state": "TJ"}, "Tajikistan's Minister A Bek chaired the meeting."),
        ({"name": "A Bek", "position": "Minister", "state": "TJ", "honorific": "General"},
         "Tajikistan's Minister General A Bek chaired the meeting."),
        ({"kind": "state", "state": "UZ"}, "The Uzbek party chaired the meeting."),
        ({"kind": "party", "state": "UZ", "name": "B Aliev", "position": "Deputy Minister"},
         "The meeting was chaired by the Uzbek party, represented by Deputy Minister B Aliev."),
    ],
)  # fmt: skip
def test_chair_forms(meeting: pressgen.Meeting, chair: dict[str, str], sentence: str) -> None:
    assert paragraphs(changed(meeting, chair=chair))[0].endswith(sentence)


@pytest.mark.parametrize(
    ("update", "opening_end"),
    [
        ({"venue": {"kind": "videoconference"}}, "was held by videoconference on 14 April 2017."),
        ({"venue": {"kind": "videoconference", "state": "RU"}}, "was held by videoconference hosted by the Russian party on 14 April 2017."),
        ({"end_date": dt.date(2017, 4, 15)}, "was held in Astana on 14–15 April 2017."),
        ({"end_date": dt.date(2017, 5, 1)}, "was held in Astana on 14 April–1 May 2017."),
        ({"venue": {"city": "Astana", "state": "KZ", "premises": "the Interior Ministry"}},
         "was held at the premises of the Interior Ministry in Astana on 14 April 2017."),
    ],
)  # fmt: skip
def test_venue_and_date_forms(
    meeting: pressgen.Meeting, update: dict[str, Any], opening_end: str
) -> None:
    assert opening_end in paragraphs(changed(meeting, **update))[0]


@pytest.mark.parametrize(
    ("nxt", "sentence"),
    [
        ({"state": "CN"}, "The next meeting will be held in the People's Republic of China."),
        ({"state": "CN", "city": "Beijing"}, "The next meeting will be held in Beijing, the People's Republic of China."),
        ({"state": "KG", "year": 2018}, "The next meeting will be held in the Kyrgyz Republic in 2018."),
        ({"period": "the second half of 2018"}, "The next meeting will be held in the second half of 2018."),
        ({"state": "RU", "date": dt.date(2018, 6, 5), "end_date": dt.date(2018, 6, 6)},
         "The next meeting will be held in the Russian Federation on 5–6 June 2018."),
        ({"to_be_agreed": True}, "The date and venue of the next meeting will be agreed through diplomatic channels."),
    ],
)  # fmt: skip
def test_next_meeting_forms(meeting: pressgen.Meeting, nxt: dict[str, Any], sentence: str) -> None:
    assert paragraphs(changed(meeting, next_meeting=nxt))[-1] == sentence


@pytest.mark.parametrize(
    "nxt",
    [
        {"to_be_agreed": True, "state": "CN"},
        {},
        {"year": 2018, "period": "spring"},
        {"city": "Beijing"},
    ],
)
def test_inconsistent_next_meeting_is_refused(
    meeting: pressgen.Meeting, nxt: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="next_meeting"):
        changed(meeting, next_meeting=nxt)


def test_addresses_side_events_documents_and_chairmanship(meeting: pressgen.Meeting) -> None:
    other = changed(
        meeting,
        addresses=[{"speaker": {"name": "C Doe", "position": "Deputy Minister", "state": "KZ"},
                    "on_behalf_of": "the Minister"}],
        documents=[{"action": "signed", "title": "the Protocol"},
                   {"action": "adopted", "title": "the Plan"},
                   {"action": "approved", "title": "the Report"},
                   {"action": "recommended", "title": "the draft Strategy"}],
        side_events=[{"kind": "reception", "host": {"name": "N N", "position": "President of Kazakhstan"}},
                     {"kind": "bilateral", "parties": ["KZ", "CN"]},
                     {"kind": "visit", "place": "the canine centre"}],
        chairmanship_passes_to="CN",
    )  # fmt: skip
    text = "\n".join(paragraphs(other))
    for sentence in [
        "Kazakhstan's Deputy Minister C Doe addressed the participants with a welcoming speech on behalf of the Minister.",
        "The parties signed the Protocol. The meeting adopted the Plan. The meeting approved the Report. "
        "The meeting recommended the draft Strategy for adoption.",
        "President of Kazakhstan N N received the heads of the delegations.",
        "On the sidelines of the meeting, the delegations of Kazakhstan and China held bilateral talks.",
        "The participants visited the canine centre.",
        "The chairmanship of the mechanism passes to the Chinese party.",
    ]:
        assert sentence in text


def test_attendees_as_persons_delegations_and_bodies(meeting: pressgen.Meeting) -> None:
    other = changed(
        meeting,
        participants=[
            {"name": "Li Ming", "honorific": "Ambassador", "position": "Director", "state": "CN"},
            {"kind": "delegation", "state": "KZ", "head": {"name": "D Bek", "position": "Deputy Minister"},
             "members": ["E One", "F Two"]},
            {"kind": "delegation", "state": "RU"},
            {"kind": "body", "description": "representatives of the UNODC"},
            {"kind": "delegation", "state": "MN", "status": "observer"},
            {"kind": "delegation", "state": "AZ", "status": "dialogue-partner"},
            {"kind": "delegation", "state": "TM", "status": "guest"},
        ],
        officials=[{"kind": "body", "description": "representatives of the SCO Secretariat", "category": "organisation"}],
    )  # fmt: skip
    assert paragraphs(other)[1] == (
        "The meeting was attended by Ambassador Li Ming, Director; the delegation of the Republic of"
        " Kazakhstan headed by Deputy Minister D Bek and comprising E One and F Two; the delegation of"
        " the Russian Federation; representatives of the UNODC, and representatives of the SCO"
        " Secretariat. The delegation of Mongolia also attended the meeting as an observer. The"
        " delegation of the Republic of Azerbaijan also attended the meeting as a dialogue partner."
        " The delegation of Turkmenistan also attended the meeting as a guest."
    )


def test_a_url_in_the_data_becomes_a_link_in_every_format(meeting: pressgen.Meeting) -> None:
    import io

    import docx
    from pypdf import PdfReader

    url = "https://www.unodc.org/press/2017/sco.html?a=1&b=2"
    event = meeting.related_events[0].model_dump() | {"url": url}
    other = changed(meeting, related_events=[event])
    assert pressgen.render(other, "txt") == pressgen.render(meeting, "txt")  # the text is the same
    html = pressgen.render(other, "html").decode("utf-8")
    assert (
        '<a href="https://www.unodc.org/press/2017/sco.html?a=1&amp;b=2"><em>UNODC and the SCO'
        in html
    )
    document = docx.Document(io.BytesIO(pressgen.render(other, "docx")))
    assert [link.address for p in document.paragraphs for link in p.hyperlinks] == [url]
    reader = PdfReader(io.BytesIO(pressgen.render(other, "pdf")))
    links = [
        a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or []
    ]
    assert set(links) == {url}  # one area per line the link (and its printed address) spans


def test_a_document_naming_another_meetings_number_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EIGHTH.replace(
        "title: the Protocol of the 8th Meeting", "title: the Protocol of the 7th Meeting"
    )
    code, lines = _check(tmp_path, text, capsys)
    assert code == 0
    assert [line.split(": ", 1)[1] for line in lines] == [
        "documents[0].title: warning: the title names meeting 7, but this is meeting 8"
    ]
