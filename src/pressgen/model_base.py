"""The base of the meeting model: frozen models, ``kind`` discriminators, text by language.

A fact written differently per language (a person's name as officially
transliterated, a position, a city, a title, a paragraph) is a :data:`TextLine` or
:data:`TextProse`: one string, used for every language, or a mapping from language
tag to string. :mod:`pressgen.languages` resolves a meeting to one language before
the wording sees it.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)

from .fields import Line, Prose

MAX_LANGUAGES = 20
"""Most languages one text may be given in."""

_LANGUAGE_KEY = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def _language_key(value: str) -> str:
    if not _LANGUAGE_KEY.fullmatch(value):
        raise ValueError(f"{value!r} is not a language tag; key a text by tags such as en, ru, zh")
    return value


LanguageKey = Annotated[
    str,
    AfterValidator(_language_key),
    WithJsonSchema({"type": "string", "pattern": f"^{_LANGUAGE_KEY.pattern}$"}),
]
"""A language tag as the key of a text by language: en, ru, zh, en-GB."""


class Model(BaseModel):
    """Base of every model: frozen, unknown keys refused, fields documented."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


def kind_of(default: str) -> Discriminator:
    """A discriminator on ``kind`` that takes ``default`` when the key is left out."""

    def tag(value: Any) -> str:
        if isinstance(value, dict):
            return str(value.get("kind", default))
        return str(getattr(value, "kind", default))

    return Discriminator(tag)


def _text_form(value: Any) -> str:
    # A mapping is a text by language; anything else is validated (and refused, with
    # its one message) as the text itself, never as both forms at once.
    return "by-language" if isinstance(value, dict) else "text"


TextLine = Annotated[
    Annotated[Line, Tag("text")]
    | Annotated[
        dict[LanguageKey, Line], Field(min_length=1, max_length=MAX_LANGUAGES), Tag("by-language")
    ],
    Discriminator(_text_form),
]
"""One line of text for every language, or one per language: ``{en: Astana, ru: Астана}``."""
TextProse = Annotated[
    Annotated[Prose, Tag("text")]
    | Annotated[
        dict[LanguageKey, Prose], Field(min_length=1, max_length=MAX_LANGUAGES), Tag("by-language")
    ],
    Discriminator(_text_form),
]
"""Prose for every language, or one per language."""
