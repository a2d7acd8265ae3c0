"""Whatever a field holds appears as text in every format, or is refused clearly.

Property tests over many scripts: Latin with accents and combining marks, Greek,
Cyrillic, Arabic and Hebrew (right to left), CJK, emoji sequences, zero-width
characters, and characters that mean something in HTML, Jinja or WordprocessingML.
The examples are derandomised so that CI sees the same ones on every run.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pressgen

from .conftest import changed
from .test_regression import html_blocks

NB = "\u00a0"


def _chars(*ranges: tuple[int, int]) -> list[str]:
    return [chr(c) for start, end in ranges for c in range(start, end + 1)]


SCRIPTS = {
    "latin": _chars((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0x100, 0x17F)),
    "greek": _chars((0x391, 0x3A1), (0x3A3, 0x3C9)),
    "cyrillic": _chars((0x410, 0x44F), (0x450, 0x45F)),
    "arabic": _chars((0x621, 0x63A), (0x641, 0x64A)),
    "hebrew": _chars((0x5D0, 0x5EA)),
    "cjk": _chars((0x4E00, 0x4E40)),
}
MARKS = _chars((0x300, 0x34E))  # U+034F, the grapheme joiner, is invisible
EMOJI = ["👩\u200d👩\u200d👧", "🇰🇿", "👍🏽", "❤\ufe0f"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060"]
MARKUP = ["<", ">", "&", '"', "{{", "}}", "{%", "%}", "<w:t>", "]]>", "&amp;", "<b>", "#", "\\"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Text of one script, with extras.

    One script per text, and marks, markup characters and emoji only with
    left-to-right scripts: pdftotext returns mixed-direction lines in visual order,
    which says nothing about the PDF. HTML, DOCX and text are checked the same way.
    """
    script = draw(st.sampled_from(sorted(SCRIPTS)))
    letters = st.sampled_from(SCRIPTS[script])
    words = []
    for _ in range(draw(st.integers(1, 6))):
        word = "".join(draw(st.lists(letters, min_size=1, max_size=8)))
        extra = draw(st.sampled_from(["", "", "mark", "zero-width", "markup", "emoji"]))
        if extra == "mark" and script in ("latin", "greek", "cyrillic"):
            word += draw(st.sampled_from(MARKS))
        elif extra == "zero-width" and len(word) > 1:
            word = word[0] + draw(st.sampled_from(ZERO_WIDTH)) + word[1:]
        elif extra == "markup" and script in ("latin", "greek", "cyrillic"):
            word += draw(st.sampled_from(MARKUP))
        elif extra == "emoji" and script not in ("arabic", "hebrew"):
            word += draw(st.sampled_from(EMOJI))
        words.append(word)
    return " ".join(words)


def plain(text: str) -> str:
    return text.replace(NB, " ")


def visible(text: str) -> str:
    """Without invisible characters (format controls, variation selectors): a PDF
    draws none of them, so text extraction cannot give them back."""
    return "".join(
        c for c in text if unicodedata.category(c) != "Cf" and not 0xFE00 <= ord(c) <= 0xFE0F
    )


SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@settings(SETTINGS, max_examples=60)
@given(text=texts())
def test_text_html_and_docx_carry_the_text_exactly(meeting: pressgen.Meeting, text: str) -> None:
    other = changed(meeting, discussion=[text])
    txt = pressgen.render(other, "txt").decode("utf-8")
    assert plain(text) in plain(txt).split("\n\n")
    html = pressgen.render(other, "html").decode("utf-8")
    assert plain(text) in [plain(block) for block in html_blocks(html)]
    document = docx.Document(io.BytesIO(pressgen.render(other, "docx")))
    assert plain(text) in [plain(p.text) for p in document.paragraphs]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@settings(SETTINGS, max_examples=20)
@given(text=texts())
def test_pdf_carries_the_text_or_names_the_missing_glyphs(
    meeting: pressgen.Meeting, text: str
) -> None:
    other = changed(meeting, discussion=[text])
    refusal = ""
    try:
        data = pressgen.render(other, "pdf")
    except pressgen.TemplateError as error:
        refusal = str(error)
    if refusal:
        # No font at hand covers the script (the bundled ones cover Latin, Greek and
        # Cyrillic; others depend on the machine's): refused, naming the missing
        # glyphs, every one of which is in the text.
        assert "the PDF fonts have no glyph for" in refusal
        named = re.findall(r"(\S+) U\+([0-9A-F]{4,6})", refusal)
        assert named
        assert all(chr(int(code, 16)) in text for _glyph, code in named)
        return
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    # Compared without white space: pdftotext guesses word spaces from glyph
    # positions, and between one-letter right-to-left words it guesses none.
    expected = "".join(visible(plain(text)).split())
    assert expected in "".join(visible(plain(extracted)).split())


@pytest.mark.parametrize(
    "value",
    ["a\u0000b", "a\u202eb", "a\ufffeb", "a\u0085b", "\ufeffa", "\u2066x\u2069"],
)
def test_characters_that_cannot_be_text_are_refused(meeting: pressgen.Meeting, value: str) -> None:
    with pytest.raises(ValueError, match=r"is not allowed in text"):
        changed(meeting, discussion=[value])


HIDDEN = "is not allowed in text"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a\u2028b", "character U+2028 LINE SEPARATOR is not allowed in text (a line break)"),
        ("a\u2029b", "character U+2029 PARAGRAPH SEPARATOR is not allowed in text (a line break)"),
        ("a\u0085b", "character U+0085 is not allowed in text (a control character)"),
        ("a\u000bb", "character U+000B is not allowed in text (a control character)"),
        ("a\u001eb", "character U+001E is not allowed in text (a control character)"),
        (
            "SCO\U000e0041\U000e0042",
            "character U+E0041 TAG LATIN CAPITAL LETTER A is not allowed in text"
            " (a tag character, which can carry hidden text)",
        ),
        (
            "\U0001f3f4\U000e0067\U000e0062\U000e007f",
            "character U+E0067 TAG LATIN SMALL LETTER G is not allowed in text"
            " (a tag character, which can carry hidden text)",
        ),
        (
            "a\u202eb",
            "character U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in text"
            " (a bidirectional control that could reorder the text invisibly)",
        ),
        (
            "\u2067x\u2069",
            "character U+2067 RIGHT-TO-LEFT ISOLATE is not allowed in text"
            " (a bidirectional control that could reorder the text invisibly)",
        ),
        (
            "a\u2062b",
            "character U+2062 INVISIBLE TIMES is not allowed in text"
            " (an invisible format character)",
        ),
        (
            "a\ufff9b\ufffbc",
            "character U+FFF9 INTERLINEAR ANNOTATION ANCHOR is not allowed in text"
            " (an invisible format character)",
        ),
        (
            "a\u200b\u200c\u200db",
            "three invisible characters in a row (U+200B U+200C U+200D) are not allowed"
            " in text: they can carry hidden text",
        ),
        (
            "a\ufe0f\ufe0e\ufe0fb",
            "three invisible characters in a row (U+FE0F U+FE0E U+FE0F) are not allowed"
            " in text: they can carry hidden text",
        ),
    ],
)
def test_separators_tags_and_hidden_text_are_refused_by_name(
    meeting: pressgen.Meeting, value: str, message: str
) -> None:
    for field in ("discussion", "agreements"):
        with pytest.raises(ValueError, match=re.escape(message)):
            changed(meeting, **{field: [value]})


@pytest.mark.parametrize(
    "value",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: ZWNJ is spelling
        "\u0915\u094d\u200d\u0937",  # Devanagari: ZWJ picks the half form
        "👩\u200d👩\u200d👧 ❤\ufe0f\u200d🔥",  # emoji sequences: VS16 then ZWJ
        "co\u00adoperation",  # soft hyphen: a hyphenation point
        "\u1828\u180e\u1820",  # Mongolian vowel separator
        "Zhakupov\u200e (\u05d0\u200f)",  # direction marks: LRM, RLM
        "a\u2060b\u200bc",  # word joiner, zero-width space (line-break hints)
    ],
)
def test_invisible_characters_that_scripts_need_are_kept(
    meeting: pressgen.Meeting, value: str
) -> None:
    other = changed(meeting, discussion=[value])
    assert other.discussion == (value,)


def test_one_line_fields_refuse_line_separators_too(meeting: pressgen.Meeting) -> None:
    data = meeting.model_dump()
    data["venue"] = {**data["venue"], "city": "Astana\u2028Almaty"}
    with pytest.raises(ValueError, match="U\\+2028 LINE SEPARATOR is not allowed"):
        pressgen.Meeting.model_validate(data)
