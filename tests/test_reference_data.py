"""Reference data and languages: any state, any organisation, text by language, layering.

States by any ISO code, organisations with their membership over time, texts given
by language, and the user's --templates folders adding to or replacing the shipped
data and language files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import pressgen
from pressgen import resources
from pressgen.domain import is_member
from pressgen.errors import DataError, TemplateError
from pressgen.multilingual import pick

from .conftest import EXAMPLE_7TH
from .test_forms import BASE, PERSON, meeting, text

# -- 2. any state, any organisation -----------------------------------------------


def test_any_iso_state_is_accepted_and_named_from_cldr() -> None:
    m = meeting(side_events=[{"kind": "bilateral", "parties": ["FR", "CN"]}])
    assert "the delegations of France and China held bilateral talks" in text(m)


def test_a_form_missing_from_the_data_is_an_error_naming_it() -> None:
    m = meeting(participants=[{"kind": "delegation", "state": "FR", "status": "guest"}, PERSON])
    with pytest.raises(TemplateError, match=r"state FR: no 'formal' form of its name"):
        text(m)


def test_a_code_that_is_not_a_state_is_refused() -> None:
    with pytest.raises(DataError, match="'EU': not an ISO 3166-1 alpha-2 code of a state"):
        meeting(next_meeting={"state": "EU"})


def test_membership_is_that_of_the_meetings_organisation() -> None:
    # Malaysia is an ASEAN member, not an SCO one: the same attendee is an error in
    # an SCO meeting and fine in an ASEAN one.
    malaysian = {"name": "A. Rahman", "position": "Director", "state": "MY"}
    with pytest.raises(DataError, match="Malaysia was not a member state on 2017-04-14"):
        meeting(participants=[malaysian], chair=None, next_meeting=None)
    venue = {"city": "Kuala Lumpur", "state": "MY"}
    m = meeting(
        participants=[malaysian], chair=None, next_meeting=None, organisation="asean", venue=venue
    )
    assert "ASEAN" in text(m)


@pytest.mark.parametrize(
    ("organisation", "state", "day", "member"),
    [
        ("csto", "UZ", "2010-01-01", True), ("csto", "UZ", "2013-01-01", False),
        ("csto", "AM", "2025-01-01", True), ("cis", "GE", "2005-01-01", True),
        ("cis", "GE", "2009-08-18", False), ("cis", "GE", "1993-12-31", False),
        ("asean", "TL", "2025-10-25", False), ("asean", "TL", "2025-10-26", True),
        ("brics", "ID", "2025-01-06", True), ("brics", "EG", "2023-12-31", False),
        ("brics", "SA", "2025-01-01", False),
    ],
)  # fmt: skip
def test_membership_dates_of_other_organisations(
    organisation: str, state: str, day: str, member: bool
) -> None:
    data = resources.data(f"organisations/{organisation}")
    assert is_member(state, dt.date.fromisoformat(day), data) is member


def test_every_date_of_the_reference_data_has_its_source() -> None:
    for name in resources.data_names("organisations"):
        data = resources.data(f"organisations/{name}")
        assert {"name", "short_name"} <= data["names"]["en"].keys(), name
        for group, entries in data.items():
            if group == "names":
                continue
            for entry in entries:
                assert str(entry.get("source", "")).strip(), (name, entry)
                if "left" in entry:
                    assert str(entry.get("left_source", "")).strip(), (name, entry)


def test_every_state_of_the_data_has_every_form_the_wording_uses() -> None:
    for code, forms in resources.data("states/en").items():
        assert set(forms) == {"short", "formal", "possessive", "adjective"}, code


def test_user_reference_data_overrides_and_extends_the_shipped_data(tmp_path: Path) -> None:
    states = tmp_path / "data" / "states"
    states.mkdir(parents=True)
    (states / "en.yaml").write_text(
        'FR: {short: France, formal: the French Republic, possessive: "France\'s",'
        ' adjective: French}\nCN: {short: China, formal: the PRC, possessive: "China\'s",'
        " adjective: Chinese}\n",
        encoding="utf-8",
    )
    organisations = tmp_path / "data" / "organisations"
    organisations.mkdir()
    (organisations / "club.yaml").write_text(
        "names: {en: {name: Invented Club, short_name: IC}}\n"
        "members: [{state: FR, joined: 2000-01-01, source: invented for the test}]\n",
        encoding="utf-8",
    )
    with pytest.warns(pressgen.DataWarning, match="must be in a --templates folder"):
        m = meeting(
            organisation="club",
            participants=[{"kind": "delegation", "state": "FR"}],
            chair=None,
            officials=None,
            next_meeting={"state": "FR"},
        )
    with pytest.raises(DataError, match="no reference data for organisation 'club'"):
        text(m)  # without the folder, the organisation is unknown
    rendered = text(m, (tmp_path,))
    assert "The meeting was attended by the delegation of the French Republic." in rendered
    assert "The next meeting will be held in the French Republic." in rendered
    cn = meeting(participants=[{"kind": "delegation", "state": "CN"}], officials=None)
    assert "the delegation of the PRC" in text(cn, (tmp_path,))
    assert "the delegation of the People's Republic of China" in text(cn)


# -- text by language ----------------------------------------------------------------


def test_a_text_by_language_is_resolved_to_the_language_written() -> None:
    m = meeting(
        languages=["en"],
        venue={"city": {"en": "Astana", "ru": "Астана"}, "state": "KZ"},
        chair={**BASE["chair"], "name": {"en-GB": "Rashid Zhakupov"}},
    )
    assert text(m) == text(meeting())


def test_a_language_missing_from_a_text_is_one_error_per_field(tmp_path: Path) -> None:
    # The example is written in English, Russian and Chinese; two Russian texts go.
    source = EXAMPLE_7TH.read_text(encoding="utf-8")
    source = source.replace(
        "    position: {en: Head, ru: начальник, zh: 局长}\n",
        "    position: {en: Head, zh: 局长}\n",
        1,
    )
    source = source.replace(
        "    position: {en: Director, ru: директор, zh: 署长}\n",
        "    position: {en: Director, zh: 署长}\n",
        1,
    )
    path = tmp_path / "meeting.yaml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        pressgen.load_meeting(path)
    lines = source.splitlines()
    head = lines.index("    position: {en: Head, zh: 局长}") + 1
    director = lines.index("    position: {en: Director, zh: 署长}") + 1
    assert caught.value.lines() == [
        f"{path}:{head}:15: participants[0].position: no Russian text (ru)",
        f"{path}:{director}:15: participants[4].position: no Russian text (ru)",
    ]


def test_a_text_by_language_is_keyed_by_language_tags() -> None:
    with pytest.raises(DataError, match=r"venue\.city\.English: 'English' is not a language tag"):
        meeting(venue={"city": {"English": "Astana"}, "state": "KZ"})
    with pytest.raises(DataError, match=r"venue\.city\.en: must be on one line"):
        meeting(venue={"city": {"en": "Ast\nana"}, "state": "KZ"})


def test_user_language_data_overrides_the_shipped_one(tmp_path: Path) -> None:
    languages = tmp_path / "languages"
    languages.mkdir()
    (languages / "en.yaml").write_text("locale: en_US\n", encoding="utf-8")
    mine = text(meeting(), (tmp_path,))
    assert "was held in Astana on April 14, 2017." in mine  # the user's locale
    assert "The 7th Meeting" in mine  # the rest of the shipped data still applies
    assert "on 14 April 2017" in text(meeting())


def test_another_language_needs_only_files(tmp_path: Path) -> None:
    # A language made of files alone: its sentences (here the English ones with one
    # word changed), its language data, its states' forms, and a template that
    # extends the English structure as it is.
    builtin = resources.package_templates()
    wording = tmp_path / "wording" / "fr"
    wording.mkdir(parents=True)
    sentences = (builtin / "wording" / "en" / "sentences.xml.j2").read_text(encoding="utf-8")
    (wording / "sentences.xml.j2").write_text(
        sentences.replace('"PRESS RELEASE"', '"COMMUNIQUÉ DE PRESSE"'), encoding="utf-8"
    )
    (wording / "press-release.xml.j2").write_text(
        '{% extends "wording/en/press-release.xml.j2" %}\n', encoding="utf-8"
    )
    english = (builtin / "languages" / "en.yaml").read_text(encoding="utf-8")
    (tmp_path / "languages").mkdir()
    (tmp_path / "languages" / "fr.yaml").write_text(
        english.replace("locale: en_GB", "locale: fr_FR"), encoding="utf-8"
    )
    (tmp_path / "data" / "states").mkdir(parents=True)
    (tmp_path / "data" / "states" / "fr.yaml").write_text(
        'KZ: {possessive: "du Kazakhstan"}\nCN: {formal: la République populaire de Chine}\n',
        encoding="utf-8",
    )
    # The organisation's data and the series file have no French names: given here.
    sco = {"name": "Shanghai Cooperation Organisation", "short_name": "SCO"}
    names = pressgen.load_meeting(EXAMPLE_7TH).series
    assert isinstance(names, pressgen.model.Series)
    in_english = {k: pick(v, "en") for k, v in names.names.model_dump().items() if v is not None}
    given = {"names": in_english}
    rendered = text(meeting(language="fr-FR", organisation=sco, series=given), (tmp_path,))
    assert rendered.split("\n")[1].startswith("COMMUNIQUÉ DE PRESSE on the results of the 7th")
    assert "in Astana on 14 avril 2017." in rendered
    assert "in la République populaire de Chine." in rendered
