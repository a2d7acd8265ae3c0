"""The forms a text must have where the wording inserts it, stated and checked.

The wording writes a user's text into its sentences as it is: an agency after "of",
an agreement after "Agreements were reached on", a paragraph of discussion on its
own. Where the sentence needs the text in a certain form (with "the", without an
article, in lower case, without a final full stop or quotation marks) the rule is
in :data:`RULES`, once: :func:`check` says in words what is wrong and what to
write, and :func:`describe` adds the same rule to the field's description in the
JSON Schema, so an editor shows it. Where the wording itself supplies a form (a
capital at the start of a sentence, the quotation marks around a quotation) the
rule says so, and asks the text not to supply it again.

Rules are by language: English texts get every rule; Russian texts the rules on
capitals, final stops and quotation marks; Chinese texts those on final stops
(。) and quotation marks (《》 “ ”), which their wording adds itself. The cases
Russian needs (an agency in the genitive) are stated in the Russian wording's notes
but cannot be checked from the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal, cast

from babel import Locale
from pydantic import BaseModel

from . import resources

Form = Literal[
    "no-article", "article", "lower", "capital", "paragraph", "unquoted", "unquoted-title",
    "no-stop", "name-dot",
]  # fmt: skip
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Russian:
    """What the Russian wording needs of a text: its first word, a preposition."""

    first: tuple[str, ...]
    """The words it may start with: ("о", "об", "обо", "по")."""
    follows: str
    """The Russian words it follows: "Достигнуты договорённости"."""
    example: str
    """How such a text is written in Russian."""


@dataclass(frozen=True)
class Rule:
    """What the wording needs of one field's text."""

    forms: tuple[Form, ...]
    """The forms required, checked in this order."""
    follows: str
    """What the text follows in the English wording, as messages say it: '"of"'."""
    example: str
    """How such a text is written."""
    russian: Russian | None = None
    """The preposition the Russian sentence needs the text to start with, if any."""


def _rule(forms: str, follows: str, example: str, russian: Russian | None = None) -> Rule:
    return Rule(cast(tuple[Form, ...], tuple(forms.split())), follows, example, russian)


_POSITION = _rule(
    "no-article no-stop", "a state's name, as in \"Kazakhstan's Deputy Minister\"", "Head"
)
RULES: Mapping[tuple[str, str], Rule] = {
    ("SeriesNames", "title"): _rule("no-article capital no-stop", '"The 7th"', "Meeting of …"),
    ("SeriesNames", "full"): _rule(
        "no-article no-stop", '"the results of the 7th"', "Meeting of …"
    ),
    ("SeriesNames", "running"): _rule("no-article no-stop", '"the 7th"', "Meeting of the …"),
    ("Meeting", "occasion"): _rule("no-article lower no-stop", '"the"', "regular"),
    ("Meeting", "in_preparation_for"): _rule(
        "article no-stop", '"in preparation for"', "the 7th Meeting of …"
    ),
    ("Meeting", "agreements"): _rule(
        "lower no-stop",
        '"Agreements were reached on"',
        "boosting interaction …",
        Russian(("о", "об", "обо", "по"), "Достигнуты договорённости", "об укреплении …"),
    ),
    ("Meeting", "discussion"): _rule("paragraph", "the previous paragraph", "During the …"),
    ("InPerson", "premises"): _rule("article no-stop", '"at the premises of"', "the Ministry …"),
    ("Person", "position"): _POSITION,
    ("Person", "honorific"): _rule(
        "no-article no-stop", 'the position, as in "Deputy Chairman Colonel …"', "Colonel"
    ),
    ("Person", "name"): _rule("name-dot", "the position", "Rashid Zhakupov; 拉希德·扎库波夫"),
    ("Official", "name"): _rule("name-dot", "the position", "Sabyr Imandosov; 萨比尔·伊曼多索夫"),
    ("Organisation", "name"): _rule("no-article no-stop", "the letterhead", "Shanghai …"),
    ("Organisation", "short_name"): _rule(
        "no-article no-stop", '"the delegations of all the"', "SCO"
    ),
    ("Official", "position"): _rule(
        "no-article no-stop",
        'the organisation\'s short name, as in "SCO Deputy Secretary-General"',
        "Deputy Secretary-General",
    ),
    ("Official", "organisation"): _rule("article no-stop", '"of"', "the UNODC Regional Office …"),
    ("PersonParticipant", "agency"): _rule("article no-stop", '"of"', "the Drug Control Agency …"),
    ("Body", "description"): _rule(
        "lower no-stop", '"was attended by"', "representatives of the UNODC"
    ),
    ("Headcount", "who"): _rule("no-article lower no-stop", '"more than 50"', "experts from …"),
    ("Address", "on_behalf_of"): _rule(
        "article no-stop", '"on behalf of"', "the Secretary-General …"
    ),
    ("Address", "said"): _rule("lower no-stop", '"noting that"', "the region's drug situation …"),
    ("Address", "quote"): _rule(
        "unquoted", "a colon, in the quotation marks the wording adds", "Drug …"
    ),
    ("RelatedEvent", "description"): _rule("article no-stop", '"welcomed"', "the joint event of …"),
    ("RelatedEvent", "title"): _rule("unquoted-title no-stop", '"titled"', "UNODC and the SCO …"),
    ("Document", "title"): _rule(
        "article unquoted-title no-stop", '"adopted"', "the Protocol of …"
    ),
    ("Session", "body"): _rule("article no-stop", '"the 12th meeting of"', "the Working Group …"),
    ("LinkedMeeting", "name"): _rule("no-article no-stop", '"the 25th"', "Meeting of the …"),
    ("Visit", "place"): _rule("article no-stop", '"visited"', "the training centre of …"),
    ("NextMeeting", "period"): _rule(
        "article no-stop",
        '"in"',
        "the second half of 2025",
        Russian(("в", "во"), "Следующее совещание состоится", "во второй половине 2025 года"),
    ),
}
"""Every field whose text the English wording places in a sentence needing a form:
(model, field) → rule. A rule on ``Person`` holds for every kind of person."""

_ARTICLES = {"the", "a", "an"}
_DETERMINERS = _ARTICLES | {"its", "their", "this", "these", "those", "both", "all", "each"}
# Words that head an institution's or a document's name: one of them, capitalised,
# at the start of a text that follows "of" or a verb most often lacks its "the".
_COMMON_HEADS = {
    "administration", "agency", "bureau", "centre", "center", "commission", "committee",
    "council", "declaration", "department", "directorate", "draft", "headquarters",
    "main", "meeting", "memorandum", "ministry", "office", "plan", "programme",
    "protocol", "report", "secretariat", "service", "statement",
}  # fmt: skip
_QUOTES = "\"'“”„«»‘’《》「」"
_STOPS = (".", "。", "．")
_ABBREVIATIONS = ("etc.", "Ltd.", "Inc.", "Co.", "No.")
# Dots that look like the middle dot between the parts of a transliterated name.
_WRONG_DOT = re.compile(r"(?<=\S)[•・.．‧∙⋅](?=\S)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Breach:
    """A text not in the form its place in the wording needs."""

    path: FieldPath
    message: str
    severity: Literal["error", "warning"] = "error"


def _first_word(text: str) -> str:
    match = _WORD.match(text)
    return match.group(0) if match else ""


def _shown(text: str, words: int = 3) -> str:
    """The start of a text as a message quotes it: "boosting interaction of …"."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


@cache
def _names(language: str) -> frozenset[str]:
    """Words that start a state's name in a language, in any form: names, not slips."""
    words = {_first_word(str(name)) for name in Locale.parse(language).territories.values()}
    for forms in resources.data(f"states/{language}").values():
        if isinstance(forms, dict):
            words |= {_first_word(str(v)) for v in forms.values()}
    return frozenset(w for w in words if w and w.lower() not in _ARTICLES)


_UNLESS_NAME = " (or keep it, if it is a name)"
_UNLESS_BARE = " (or keep it, if the name is used without one)"


def _lacks_article(word: str, capital: bool) -> bool:
    if not word or word.lower() in _DETERMINERS:
        return False
    return word.islower() or (capital and word.lower() in _COMMON_HEADS)


def _paragraph(text: str, word: str) -> Iterator[tuple[str, bool]]:
    # Warnings: a paragraph may be anything, but these are most often slips.
    alone = "but stands as a paragraph of its own"
    if word[:1].islower():
        start = _shown(word[:1].upper() + text[1:])
        yield f'starts with a small letter, {alone}; write "{start}"', False
    if not text.rstrip(_QUOTES + ")").endswith((".", "!", "?")):
        yield f'does not end with a full stop, {alone}; end it with "."', False


def _cased(text: str, rule: Rule, names: frozenset[str]) -> Iterator[tuple[str, bool]]:
    """(message, is_error) for each form of articles and capitals the text breaks."""
    word = _first_word(text)
    capital = word[:1].isupper() and (len(word) == 1 or word[1:2].islower())
    follows = f"follows {rule.follows}"
    lowered = f'starts with a capital letter, but {follows}; write "{_shown(_lowered(text))}"'
    for form in rule.forms:
        if form == "no-article" and word.lower() in _ARTICLES and text[len(word) :][:1] == " ":
            rest = _shown(text[len(word) + 1 :])
            yield f'starts with "{word}", but {follows}; write "{rest}"', True
        elif form == "article" and word in {"The", "A", "An"}:
            yield lowered, True
        elif form == "article" and _lacks_article(word, capital):
            yield f'has no article, but {follows}; write "the {_shown(text)}"{_UNLESS_BARE}', False
        elif form == "lower" and capital and word not in names:
            article = word.lower() in _ARTICLES
            yield lowered + ("" if article else _UNLESS_NAME), article
        elif form == "capital" and word[:1].islower():
            start = _shown(word[:1].upper() + text[1:])
            yield f'starts with a small letter, but can open the title line; write "{start}"', False
        elif form == "paragraph":
            yield from _paragraph(text, word)


def _any_language(text: str, rule: Rule, primary: str) -> Iterator[tuple[str, bool]]:
    """(message, is_error) for the forms every language's wording needs."""
    stripped = text.strip()
    for form in rule.forms:
        if form == "unquoted-title" and primary == "en":
            continue  # the English wording prints a title as it is given
        if form == "unquoted-title":
            form = "unquoted"
        if (
            form == "no-stop"
            and stripped.endswith(_STOPS)
            and not stripped.endswith(("...", "…", *_ABBREVIATIONS))
        ):
            yield (
                (
                    f'ends with "{stripped[-1]}", but the sentence goes on after it'
                    " or the wording ends it; leave it out"
                ),
                True,
            )
        elif form == "name-dot" and primary == "zh" and _WRONG_DOT.search(stripped):
            fixed = _WRONG_DOT.sub("·", stripped)
            yield (
                (
                    "parts a Chinese name with a dot other than the middle dot · (U+00B7);"
                    f' write "{fixed}"'
                ),
                False,
            )
        elif form == "unquoted" and stripped[:1] in _QUOTES and stripped[-1:] in _QUOTES:
            yield (
                (
                    f"is in quotation marks ({stripped[0]} {stripped[-1]}), but the wording adds"
                    " them where the language needs them; leave them out"
                ),
                True,
            )


def _preposition(text: str, russian: Russian | None) -> Iterator[tuple[str, bool]]:
    """(message, is_error) if a Russian text lacks the preposition its sentence needs."""
    if russian is not None and _first_word(text).lower() not in russian.first:
        words = " or ".join(f'"{w}"' for w in russian.first)
        yield (
            (
                f'does not start with {words}, but follows "{russian.follows}";'
                f' write it with its preposition: "{russian.example}"'
            ),
            False,
        )


def _texts(value: Any, languages: tuple[str, ...]) -> Iterator[tuple[str, FieldPath, str]]:
    """(language, path below the field, text) for a one-string or by-language text."""
    if isinstance(value, str):
        for tag in languages:
            yield tag, (), value
    elif isinstance(value, dict):
        for tag, text in value.items():
            yield str(tag), (tag,), str(text)


def _rule_for(model: type[BaseModel], field: str) -> Rule | None:
    for klass in model.__mro__:
        rule = RULES.get((klass.__name__, field))
        if rule is not None:
            return rule
    return None


def _walk(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Rule, Any]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            rule = _rule_for(type(value), name)
            if rule is not None and isinstance(child, tuple):
                yield from (((*path, name, i), rule, item) for i, item in enumerate(child))
            elif rule is not None and child is not None:
                yield (*path, name), rule, child
            else:
                yield from _walk(child, (*path, name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def check(meeting: BaseModel, languages: tuple[str, ...]) -> list[Breach]:
    """Every text of a meeting not in the form the wording needs where it goes."""
    breaches = []
    for path, rule, value in _walk(meeting, ()):
        seen: set[tuple[FieldPath, str]] = set()
        for tag, below, text in _texts(value, languages):
            primary = tag.split("-")[0].lower()
            found = list(_any_language(text, rule, primary))
            if primary == "en":
                found = list(_cased(text, rule, _names("en"))) + found
            elif primary == "ru":  # Cyrillic has capitals too, but no articles
                forms = tuple(f for f in rule.forms if f in ("lower", "paragraph"))
                inside = replace(rule, forms=forms, follows="other words of the sentence")
                found = list(_cased(text, inside, _names("ru"))) + found
                found += list(_preposition(text, rule.russian))
            for message, is_error in found:
                if (below, message) not in seen:  # one text for every language: once
                    seen.add((below, message))
                    severity: Literal["error", "warning"] = "error" if is_error else "warning"
                    breaches.append(Breach((*path, *below), message, severity))
    return breaches


_SAYS: Mapping[Form, str] = {
    "no-article": "without an article (the wording writes one where it is needed)",
    "article": 'with its article, in lower case ("the …"), or as a name that takes none',
    "lower": "in lower case, unless it starts with a name (the wording capitalises it"
    " where it opens a sentence)",
    "paragraph": "as a paragraph: a capital letter first, a full stop at the end",
    "capital": "with a capital letter first, in English (it can open the title line)",
    "name-dot": "in Chinese, the parts of a transliterated name parted by the middle dot ·",
    "unquoted": "without quotation marks (the wording adds them where the language needs them)",
    "unquoted-title": "without quotation marks, in Russian and Chinese (their wording adds them)",
    "no-stop": "without a final full stop (the wording ends the sentence)",
}


def rule_text(rule: Rule) -> str:
    """A rule in words, as the schema's description gives it."""
    forms = "; ".join(_SAYS[form] for form in rule.forms)
    text = f'Form (after {rule.follows}): {forms}. Example: "{rule.example}".'
    if rule.russian is not None:
        text += (
            f' In Russian, after "{rule.russian.follows}", with its preposition:'
            f' "{rule.russian.example}".'
        )
    return text


def describe(schema: dict[str, Any]) -> None:
    """Add every rule to the description of its field in a JSON Schema of the meeting."""
    definitions = schema.get("$defs", {})
    for (model, field), rule in RULES.items():
        names = [model] + [n for n in definitions if model == "Person" and n.endswith("Chair")]
        names += ["PersonParticipant"] if model == "Person" else []
        for name in names:
            holder = schema if name == "Meeting" else definitions.get(name, {})
            prop = holder.get("properties", {}).get(field)
            if prop is not None and rule_text(rule) not in prop.get("description", ""):
                prop["description"] = f"{prop.get('description', '')}\n{rule_text(rule)}".strip()
