"""Language data: ordinals, dates, lists and footers in English, Russian and Chinese."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from babel import Locale
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

import pressgen
from pressgen import resources, typography, writers
from pressgen.cli import main
from pressgen.language import Language
from pressgen.tree import Block, Meta, Release, Role, Text

from .conftest import EXAMPLE_7TH

LANGUAGES = sorted(p.stem for p in (resources.package_templates() / "languages").glob("*.yaml"))
D = dt.date


def test_the_three_official_languages_ship() -> None:
    assert {"en", "ru", "zh"} <= set(LANGUAGES)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_every_language_file_is_complete(tag: str) -> None:
    path: Path = resources.package_templates() / "languages" / f"{tag}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    Locale.parse(data["locale"])
    assert "ordinals" in data or "ordinal_suffixes" in data
    if "dates" in data:
        assert set(data["dates"]["range"]) == {"same_month", "same_year", "other"}
    language = Language(tag)
    # Every form of every ordinal and date renders without error.
    for form in data.get("ordinals", {None: None}):
        assert language.ordinal(7, "words", form)
        assert language.ordinal(101, "figures", form)
    assert language.date_range(D(2024, 12, 30), D(2025, 1, 2))
    assert language.page_footer()[1], "the words between the page number and the count"


@pytest.mark.parametrize(
    ("tag", "number", "form", "expected"),
    [
        ("en", 7, None, "seventh"),
        ("en", 22, None, "twenty-second"),
        ("ru", 7, None, "седьмое"),
        ("ru", 3, None, "третье"),
        ("ru", 23, None, "двадцать третье"),
        ("ru", 8, "neuter_genitive", "восьмого"),
        ("ru", 3, "neuter_genitive", "третьего"),
        ("ru", 15, "neuter_prepositional", "пятнадцатом"),
        ("ru", 40, None, "40-е"),
        ("ru", 40, "neuter_genitive", "40-го"),
        ("zh", 7, None, "第七次"),
        ("zh", 10, None, "第十次"),
        ("zh", 18, None, "第十八次"),
        ("zh", 25, None, "第二十五次"),
        ("zh", 120, None, "第120次"),
    ],
)
def test_ordinals(tag: str, number: int, form: str | None, expected: str) -> None:
    assert Language(tag).ordinal(number, "words", form) == expected


def test_an_unknown_ordinal_form_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="neuter, neuter_genitive"):
        Language("ru").ordinal(7, "words", "feminine")


@pytest.mark.parametrize(
    ("tag", "start", "end", "expected"),
    [
        ("en", D(2017, 4, 14), None, "14 April 2017"),
        ("en", D(2024, 6, 15), D(2024, 6, 16), "15–16 June 2024"),
        ("ru", D(2017, 4, 14), None, "14 апреля 2017 года"),
        ("ru", D(2024, 6, 15), D(2024, 6, 16), "15–16 июня 2024 года"),
        ("ru", D(2024, 6, 30), D(2024, 7, 1), "30 июня — 1 июля 2024 года"),
        ("ru", D(2024, 12, 30), D(2025, 1, 2), "30 декабря 2024 года — 2 января 2025 года"),
        ("zh", D(2017, 4, 14), None, "2017年4月14日"),
        ("zh", D(2024, 6, 15), D(2024, 6, 16), "2024年6月15日至16日"),
        ("zh", D(2024, 6, 30), D(2024, 7, 1), "2024年6月30日至7月1日"),
        ("zh", D(2024, 12, 30), D(2025, 1, 2), "2024年12月30日至2025年1月2日"),
    ],
)
def test_dates_and_spans(tag: str, start: dt.date, end: dt.date | None, expected: str) -> None:
    assert Language(tag).date_range(start, end) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en", "A, B and C"), ("ru", "A, B и C"), ("zh", "A、B和C")],
)
def test_lists(tag: str, expected: str) -> None:
    assert Language(tag).join_list(["A", "B", "C"]) == expected


def test_list_items_are_escaped() -> None:
    assert Language("zh").join_list(["<b>", "&"]) == "&lt;b&gt;和&amp;"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", ("Page ", " of ", "")),
        ("ru", ("Страница ", " из ", "")),
        ("zh", ("第", "页\uff0c共", "页")),
    ],
)
def test_page_footer_words(tag: str, expected: tuple[str, str, str]) -> None:
    assert Language(tag).page_footer() == expected


# The SCO's member states, observers and dialogue partners (2026), and the other
# states the examples name: every language's reference data must name them all.
SCO_STATES = frozenset(
    "CN IN IR KZ KG PK RU TJ UZ BY AF MN AZ AM KH NP TR LK EG QA SA KW MV MM AE BH LA TM".split()  # noqa: SIM905
)


@pytest.mark.parametrize("primary", ["ru", "zh"])
def test_state_names_cover_the_sco_and_every_entry_has_the_same_forms(primary: str) -> None:
    names = resources.data(f"states/{primary}")
    assert set(names) >= SCO_STATES, sorted(SCO_STATES - set(names))
    forms = {frozenset(entry) for entry in names.values()}
    assert len(forms) == 1, "every state has every form"
    assert all(text.strip() == text and text for entry in names.values() for text in entry.values())


def test_russian_state_names_have_the_five_cases() -> None:
    forms = set(resources.data("states/ru")["KZ"])
    for base in ("short", "formal", "adjective"):
        for case in ("", "_genitive", "_dative", "_instrumental", "_prepositional"):
            assert f"{base}{case}" in forms


@pytest.mark.parametrize(
    ("code", "form", "expected"),
    [
        ("KZ", "formal_prepositional", "Республике Казахстан"),
        ("CN", "formal_genitive", "Китайской Народной Республики"),
        ("RU", "formal_instrumental", "Российской Федерацией"),
        ("KG", "adjective_genitive", "кыргызской"),
        ("AE", "formal_prepositional", "Объединённых Арабских Эмиратах"),
        ("BY", "short_instrumental", "Беларусью"),
    ],
)
def test_russian_state_forms(code: str, form: str, expected: str) -> None:
    assert Language("ru").state(code, form) == expected


def test_a_missing_form_or_noun_is_named() -> None:
    with pytest.raises(ValueError, match="state KZ: no 'ablative' form"):
        Language("ru").state("KZ", "ablative")
    with pytest.raises(ValueError, match="no prepositional of 'Атлантида'"):
        Language("ru").inflect("Атлантида", "prepositional")


@pytest.mark.parametrize(
    ("noun", "case", "expected"),
    [
        ("Астана", "prepositional", "Астане"),
        ("Пекин", "prepositional", "Пекине"),
        ("Душанбе", "prepositional", "Душанбе"),
        (
            "Шанхайская организация сотрудничества",
            "genitive",
            "Шанхайской организации сотрудничества",
        ),
        ("Астана", "nominative", "Астана"),
    ],
)
def test_russian_nouns_decline_from_data(noun: str, case: str, expected: str) -> None:
    assert Language("ru").inflect(noun, case) == expected


# Russian and Chinese text through every writer, after the language's typography.

_CYRILLIC = [chr(c) for c in range(0x410, 0x450)] + ["ё", "Ё"]
_CJK = [chr(c) for c in range(0x4E00, 0x4E40)] + ["上", "合", "组", "织", "会", "议"]
_PUNCTUATION = [", ", ". ", " - ", ": ", '"', " (", ") "]


@st.composite
def prose(draw: st.DrawFn, letters: list[str]) -> str:
    """A paragraph of words of one script, with the punctuation typography changes."""
    words = [
        "".join(draw(st.lists(st.sampled_from(letters), min_size=1, max_size=7)))
        for _ in range(draw(st.integers(1, 8)))
    ]
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from([" ", " ", *_PUNCTUATION])) + word
    return text


def _release(tag: str, body: str) -> Release:
    meta = Meta(tag, "", "", "Publisher", dt.date(2017, 4, 14), ("SCO",), "press-release")
    blocks = (
        Block(Role.TITLE, (Text("Title"),)),
        Block(Role.SUBTITLE, (Text("Subtitle"),)),
        Block(Role.PARAGRAPH, (Text(body),)),
    )
    return typography.apply(Release(meta, blocks))


def _squeezed(text: str) -> str:
    return "".join(text.replace("\u00a0", " ").split())


SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize(("tag", "letters"), [("ru", _CYRILLIC), ("zh", _CJK)])
def test_typeset_text_survives_every_text_writer(tag: str, letters: list[str]) -> None:
    @SETTINGS
    @given(body=prose(letters))
    def check(body: str) -> None:
        release = _release(tag, body)
        expected = release.blocks[2].text
        options = writers.Options()
        txt = writers.get("txt").load()(release, options).decode("utf-8")
        assert expected in txt.split("\n\n")
        html = writers.get("html").load()(release, options).decode("utf-8")
        assert f'<html lang="{tag}">' in html
        assert str(escape(expected)) in html
        data = json.loads(writers.get("json").load()(release, options))
        assert expected in json.dumps(data, ensure_ascii=False)
        document = docx.Document(io.BytesIO(writers.get("docx").load()(release, options)))
        assert expected in [p.text for p in document.paragraphs]

    check()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize(("tag", "letters"), [("ru", _CYRILLIC), ("zh", _CJK)])
def test_typeset_text_survives_the_pdf(tag: str, letters: list[str]) -> None:
    @settings(SETTINGS, max_examples=8)
    @given(body=prose(letters))
    def check(body: str) -> None:
        release = _release(tag, body)
        data = writers.get("pdf").load()(release, writers.Options())
        extracted = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert _squeezed(release.blocks[2].text) in _squeezed(extracted)

    check()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize(
    ("tag", "footer"),
    [("en", "Page 1 of 1"), ("ru", "Страница 1 из 1"), ("zh", "第1页\uff0c共1页")],
)
def test_pdf_footer_speaks_the_release_language(tag: str, footer: str) -> None:
    data = writers.get("pdf").load()(_release(tag, "текст 文字"), writers.Options())
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert footer in extracted
    if tag == "zh":
        fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout
        assert b"Noto-Serif-CJK-SC" in fonts, "Chinese is set in the CJK serif, embedded"


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(
    ("tag", "val", "east_asia", "footer"),
    [
        ("en-GB", "en-GB", "zh-CN", "Page 1 of 1"),
        ("ru", "ru", "zh-CN", "Страница 1 из 1"),
        ("zh", "zh", "zh", "第1页\uff0c共1页"),
    ],
)
def test_docx_marks_each_script_and_speaks_the_language(
    tag: str, val: str, east_asia: str, footer: str
) -> None:
    document = docx.Document(
        io.BytesIO(writers.get("docx").load()(_release(tag, "текст"), writers.Options()))
    )
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None
    assert lang.get(f"{W}val") == val
    assert lang.get(f"{W}eastAsia") == east_asia
    assert lang.get(f"{W}bidi") == "ar-SA"
    slots = [f.get(f"{W}eastAsia") for f in document.styles.element.iter(f"{W}rFonts")]
    assert {slot for slot in slots if slot is not None} == {"Noto Serif CJK SC", "Noto Sans CJK SC"}
    footer_text = "".join(t.text or "" for t in document.sections[0].footer._element.iter(f"{W}t"))
    assert footer_text == footer


@pytest.mark.parametrize(
    ("tag", "form", "expected"),
    [
        ("en", None, "7th"),
        # The SCO's Russian and Chinese releases write ordinals in words whatever the
        # frame asks (ordinal_style in their language files).
        ("ru", None, "седьмое"),
        ("ru", "neuter_genitive", "седьмого"),
        ("zh", None, "第七次"),
    ],
)
def test_ordinals_asked_in_figures(tag: str, form: str | None, expected: str) -> None:
    assert Language(tag).ordinal(7, "figures", form) == expected


# The 7th meeting in Russian and Chinese, in every format: reviewed goldens.
# (English is the published text itself: tests/test_regression.py.) PDF and DOCX are
# compared through their text, HTML without its inlined stylesheets, so that a change
# of house style does not pass for a change of wording.

LANGUAGE_GOLDENS = Path(__file__).resolve().parent / "goldens" / "languages"


def _golden_view(data: bytes, format: str) -> bytes:
    if format == "html":
        return re.sub(rb"<style[^>]*>.*?</style>", b"<style>...</style>", data, flags=re.S)
    if format == "docx":
        document = docx.Document(io.BytesIO(data))
        lines = [document.core_properties.title, document.core_properties.language]
        lines += [p.text for p in document.paragraphs]
        return "\n".join(lines).encode("utf-8")
    if format == "pdf":
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
        ).stdout
    return data


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize("tag", ["ru", "zh"])
@pytest.mark.parametrize("format", list(writers.REGISTRY))
def test_seventh_meeting_matches_its_golden_in_every_language_and_format(
    tag: str, format: str, request: pytest.FixtureRequest
) -> None:
    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    view = _golden_view(pressgen.render(meeting, format, language=tag), format)
    golden = LANGUAGE_GOLDENS / f"{EXAMPLE_7TH.stem}.{tag}.{format}.txt"
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(view)
    assert golden.exists(), f"no golden {golden.name}: run pytest --update-goldens, then review it"
    assert view == golden.read_bytes()


def test_render_to_links_the_languages_as_alternates(tmp_path: Path) -> None:
    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    paths = pressgen.render_to(meeting, tmp_path, ["html", "txt"], stem="m")
    assert [p.name for p in paths] == [
        f"m.{tag}.{ext}" for tag in ("en-GB", "ru", "zh") for ext in ("html", "txt")
    ]
    ru = (tmp_path / "m.ru.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in ru
    for tag in ("en-GB", "ru", "zh"):
        assert f'<link rel="alternate" hreflang="{tag}" href="m.{tag}.html">' in ru
    assert (tmp_path / "m.en-GB.txt").read_bytes() == pressgen.render(meeting, "txt")


def test_a_missing_translation_is_one_error_per_field_never_english(tmp_path: Path) -> None:
    text = EXAMPLE_7TH.read_text(encoding="utf-8").replace(
        "position: {en: Head, ru: начальник, zh: 局长}\n    agency:\n      en: the Agency",
        "position: {en: Head, zh: 局长}\n    agency:\n      en: the Agency",
    )
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "position: {en: Head, zh:" in t)
    with pytest.raises(pressgen.DataError) as caught:
        pressgen.load_meeting(path)
    assert caught.value.lines() == [
        f"{path}:{line}:15: participants[2].position: no Russian text (ru)"
    ]


@pytest.mark.parametrize("tag", ["ru", "zh"])
@pytest.mark.parametrize("kind", ["press-release", "information-report"])
def test_every_kind_of_document_is_worded_in_russian_and_chinese(tag: str, kind: str) -> None:
    meeting = pressgen.load_meeting(EXAMPLE_7TH).model_copy(update={"kind": kind})
    text = pressgen.render(meeting, "txt", language=tag).decode("utf-8")
    latin = re.findall(r"[A-Za-z]{4,}", text)
    assert latin == [], f"English words in the {tag} release: {latin}"
    title = text.split("\n", 1)[0]
    assert title.startswith({"ru": ("Седьмое", "Информационное"), "zh": ("上海", "信息")}[tag])


# Reference data has every form the wording asks for.

_FORM_USES = re.compile(r"""state\("(\w+)"\)|"state", "(\w+)"|inflect\("(\w+)"\)""")


def _forms_used(primary: str) -> tuple[set[str], set[str]]:
    """The state forms and the cases the built-in wording of a language asks for."""
    states: set[str] = set()
    cases: set[str] = set()
    for template in (resources.package_templates() / "wording" / primary).glob("*.j2"):
        for state, mapped, case in _FORM_USES.findall(template.read_text(encoding="utf-8")):
            if state or mapped:
                states.add(state or mapped)
            if case:
                cases.add(case)
    return states, cases


@pytest.mark.parametrize("primary", ["en", "ru", "zh"])
def test_every_state_has_every_form_the_wording_uses(primary: str) -> None:
    states, _cases = _forms_used(primary)
    assert states, "the wording names states"
    names = resources.data(f"states/{primary}")
    missing = {code: sorted(states - set(forms) - {"short"}) for code, forms in names.items()}
    assert {code: forms for code, forms in missing.items() if forms} == {}


def test_every_russian_place_declines_in_every_case_the_wording_uses() -> None:
    _states, cases = _forms_used("ru")
    assert cases >= {"prepositional", "genitive"}
    table = resources.data("cases/ru")
    for english, russian in resources.data("places/ru").items():
        assert russian in table, f"{english}: {russian} has no cases in data/cases/ru.yaml"
        assert set(table[russian]) >= cases, russian


def test_every_chinese_and_russian_place_is_named_for_the_same_cities() -> None:
    assert set(resources.data("places/ru")) == set(resources.data("places/zh"))


def _only(value: object, tag: str) -> object:
    if isinstance(value, dict):
        if value and set(value) <= {"en", "ru", "zh"}:
            return value[tag]
        return {key: _only(item, tag) for key, item in value.items()}
    if isinstance(value, list):
        return [_only(item, tag) for item in value]
    return value


@pytest.mark.parametrize(("tag", "kept"), [("ru", "Султан Кусетов"), ("zh", "苏尔坦·库谢托夫")])
def test_a_record_in_russian_or_chinese_alone_checks_renders_and_drafts(
    tag: str, kept: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _only(yaml.safe_load(EXAMPLE_7TH.read_text(encoding="utf-8")), tag)
    assert isinstance(data, dict)
    data.pop("languages")
    data["language"] = tag
    path = tmp_path / f"seventh-{tag}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert main(["render", str(path), "-f", "txt", "-o", str(tmp_path)]) == 0
    text = (tmp_path / f"seventh-{tag}.txt").read_text(encoding="utf-8")
    assert kept in text
    draft = tmp_path / "next.yaml"
    assert main(["new", "--from", str(path), "-o", str(draft)]) == 0
    drafted = draft.read_text(encoding="utf-8")
    assert "# DRAFT of the 8th meeting" in drafted
    assert f'"TO CONFIRM: previously {kept}"' in drafted
    capsys.readouterr()
    assert main(["check", str(draft)]) == 1
    assert "still to be confirmed" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_chinese_lines_never_start_with_closing_punctuation() -> None:
    # Chinese line breaking (kinsoku): a line may break between any two characters
    # but never before a comma, a full stop or a closing quote or bracket.
    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    data = pressgen.render(meeting, "pdf", language="zh")
    layout = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    lines = [line.strip() for line in layout.splitlines() if line.strip()]
    assert len(lines) > 15, "the release wraps over many lines"
    closing = "\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\uff09\u201d\u2019\u300b"
    assert [line for line in lines if line[0] in closing] == []
