"""The wording: filters, and sentences that follow the data."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from markupsafe import Markup

import pressgen
from pressgen.errors import TemplateError
from pressgen.wording import Language, Templates

from .conftest import changed

EN = Language("en-GB")


@pytest.mark.parametrize(
    ("number", "ordinal"),
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (7, "7th"), (11, "11th"),
        (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"),
        (101, "101st"), (111, "111th"), (112, "112th"), (1000, "1000th"),
    ],
)  # fmt: skip
def test_ordinal(number: int, ordinal: str) -> None:
    assert EN.ordinal(number) == ordinal


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (dt.date(2017, 4, 14), "14 April 2017"),
        (dt.date(2017, 3, 13), "13 March 2017"),
        (dt.date(2024, 12, 1), "1 December 2024"),
        (dt.date(2000, 2, 29), "29 February 2000"),
    ],
)
def test_date(date: dt.date, text: str) -> None:
    assert EN.date(date) == text


@pytest.mark.parametrize(
    ("items", "text"),
    [
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c"], "a, b and c"),
        (["R&D", "<b>"], "R&amp;D and &lt;b&gt;"),
        ([Markup("<em>x</em>"), "y"], "<em>x</em> and y"),
    ],
)
def test_join_list_escapes_text_but_not_markup(items: list[str], text: str) -> None:
    assert EN.join_list(items) == text


@pytest.mark.parametrize(
    ("name", "possessive"),
    [
        ("Kazakhstan", "Kazakhstan's"),
        ("Belarus", "Belarus'"),
        ("the Secretariat", "the Secretariat's"),
    ],
)
def test_possessive(name: str, possessive: str) -> None:
    assert EN.possessive(name) == possessive


@pytest.mark.parametrize(
    ("code", "form", "text"),
    [
        ("CN", "formal", "the People's Republic of China"),
        ("KZ", "possessive", "Kazakhstan's"),
        ("UZ", "adjective", "Uzbek"),
        ("RU", "short", "Russia"),
    ],
)
def test_state_names_come_from_reference_data(code: str, form: str, text: str) -> None:
    assert EN.state(code, form) == text


def _paragraphs(meeting: pressgen.Meeting) -> list[str]:
    return pressgen.render(meeting, "txt").decode("utf-8").split("\n\n")[1:]


def test_opening_sentence_follows_the_date_and_city(meeting: pressgen.Meeting) -> None:
    other = changed(
        meeting, date=dt.date(2018, 5, 3), venue={"city": "Bishkek", "state": "KG"}, number=8
    )
    text = pressgen.render(other, "txt").decode("utf-8")
    assert text.startswith("The 8th Meeting of Senior Officials")
    assert "was held in\u00a0Bishkek on\u00a03 May 2018." in _paragraphs(other)[0]


def test_attendance_sentence_follows_the_participants(meeting: pressgen.Meeting) -> None:
    participants = [p.model_dump() for p in meeting.participants]
    participants[1] = {"name": "Li Ming", "position": "Director", "agency": None, "state": "CN"}
    del participants[2:]
    other = changed(meeting, participants=participants)
    assert _paragraphs(other)[1] == (
        "The meeting was attended by\u00a0Sultan Kusetov, Head of\u00a0the Department"
        " for\u00a0Countering Drug Business and Narcotics Control under\u00a0Kazakhstan's"
        " Interior Ministry; Li Ming, Director, and SCO Deputy Secretary-General Sabyr Imandosov."
    )


def test_chair_sentence_follows_the_chair(meeting: pressgen.Meeting) -> None:
    person = changed(meeting, chair={"name": "A. B. Smith", "position": "Minister", "state": "TJ"})
    assert _paragraphs(person)[0].endswith("Tajikistan's Minister A. B. Smith chaired the meeting.")
    state = changed(meeting, chair={"kind": "state", "state": "UZ"})
    assert _paragraphs(state)[0].endswith("The Uzbek party chaired the meeting.")


def test_next_meeting_and_optional_parts_follow_the_data(meeting: pressgen.Meeting) -> None:
    other = changed(meeting, next_meeting={"state": "RU"}, officials=(), related_events=())
    paragraphs = _paragraphs(other)
    assert paragraphs[-1] == "The next meeting will be held in\u00a0the Russian Federation."
    assert paragraphs[1].endswith("Cabinet of\u00a0Uzbekistan.")
    assert not any(p.startswith("The heads of") for p in paragraphs)
    assert _paragraphs(changed(meeting, next_meeting=None))[-1].startswith("Agreements were")


def test_data_that_looks_like_markup_stays_text(meeting: pressgen.Meeting) -> None:
    sneaky = '<b>bold</b> & {{ meeting.number }} <w:t>x</w:t> "q"'
    other = changed(meeting, discussion=[sneaky])
    text = pressgen.render(other, "txt").decode("utf-8")
    assert sneaky in text
    html = pressgen.render(other, "html").decode("utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; {{ meeting.number }} &lt;w:t&gt;" in html


def test_undefined_name_in_a_template_names_template_and_line(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    folder = tmp_path / "wording" / "en"
    folder.mkdir(parents=True)
    (folder / "press-release.xml.j2").write_text(
        '<release lang="en-GB" date="2017-04-14">\n<title>{{ meeting.nmber }}</title>\n</release>',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:
        pressgen.build(meeting, template_dirs=[tmp_path])
    assert caught.value.template.endswith("press-release.xml.j2")
    assert caught.value.line == 2
    assert "nmber" in str(caught.value)


def test_sandbox_refuses_unsafe_attribute_access(tmp_path: Path) -> None:
    (tmp_path / "evil.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"evil\.j2:1"):
        Templates((tmp_path,)).render_page("evil.j2")


def _imports(module: str) -> set[str]:
    """The pressgen modules a pressgen module imports (from its source, at any level)."""
    path = Path(pressgen.__file__).parent.joinpath(*module.split(".")[1:])
    source = path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"
    package = module if source.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            name = f"{base}.{node.module}" if base and node.module else node.module or base
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in _MODULES}


_MODULES = {
    "pressgen." + ".".join(p.relative_to(Path(pressgen.__file__).parent).with_suffix("").parts)
    for p in Path(pressgen.__file__).parent.rglob("*.py")
    if p.name != "__init__.py"
} | {"pressgen", "pressgen.writers"}


@pytest.mark.parametrize("writer", sorted(m for m in _MODULES if m.startswith("pressgen.writers.")))
def test_no_writer_reaches_the_model_or_the_wording(writer: str) -> None:
    # Writers see only the Release tree (DESIGN, rule 2): neither they nor anything
    # they import may import the model or the wording.
    seen: set[str] = set()
    todo = [writer]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_imports(module) - {"pressgen"})
    assert not seen & {"pressgen.model", "pressgen.wording", "pressgen.build", "pressgen.load"}


def test_the_wording_and_the_page_share_one_environment_class(meeting: pressgen.Meeting) -> None:
    from pressgen.templating import Sandbox, page_environment
    from pressgen.wording import wording_environment

    assert type(wording_environment(meeting.language).env) is Sandbox
    assert type(page_environment().env) is Sandbox
