"""A language's filters for the wording: ordinals, dates, lists, possessives, names.

Every word and pattern comes from the language data
(``templates/languages/<lang>.yaml``); the code only knows the kinds of rule:

* ``ordinal_style``: "words" or "figures" where the house writes ordinals one way
  in this language whatever the release frame asks (the SCO's Russian and Chinese
  releases: "седьмое совещание", 第七次会议);
* ``ordinals``: by grammatical form (Russian ``neuter``, ``neuter_genitive``, …;
  the first is the default), a table of ordinals in words and a pattern in figures
  for numbers the table lacks ("седьмое", "7-е"; "第七次"). A language without it
  uses ``ordinal_suffixes`` by CLDR ordinal category (English "7th");
* ``dates``: the CLDR pattern of one day and, for spans of days, the two patterns
  and the separator by what the ends share (same month, same year, neither). Month
  names come from Babel/CLDR in the language's ``locale``;
* lists are joined by the locale's CLDR list patterns ("a, b и c", "a、b和c").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from markupsafe import Markup, escape

from . import resources

ListStyle = Literal[
    "standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"
]


def _english_dates(separator: str) -> Mapping[str, Any]:
    # The form of the English data, which names only its range separator.
    return {
        "day": "long",
        "range": {
            "same_month": ["d", separator, "long"],
            "same_year": ["d MMMM", separator, "long"],
            "other": ["long", separator, "long"],
        },
    }


class Language:
    """The filters of one language: ordinals, dates, lists, possessives, state names."""

    def __init__(self, tag: str, user_dirs: tuple[Path, ...] = ()) -> None:
        self.tag = tag
        self.primary = tag.split("-")[0].lower()
        self.user_dirs = user_dirs
        data = resources.language(tag, user_dirs)
        self.data = data
        self.locale = Locale.parse(data["locale"])
        self._suffixes: Mapping[str, str] = data.get("ordinal_suffixes", {})
        self._words: Mapping[str, Any] = data.get("ordinal_words", {})
        self._ordinals: Mapping[str, Mapping[str, Any]] = data.get("ordinals", {})
        self._possessive: Mapping[str, str] = data.get("possessive", {})
        self._dates = data.get("dates") or _english_dates(data.get("date_range_separator", "–"))

    def ordinal(self, number: int, style: str = "figures", form: str | None = None) -> str:
        """7 → "7th" / "seventh", "7-е" / "седьмое", "第7次" / "第七次".

        ``style`` is "figures" or "words" (the release frame's ``ordinals``); ``form``
        the grammatical form where the language has several (Russian
        "neuter_genitive": "седьмого").
        """
        if style not in ("figures", "words"):
            raise ValueError(f"ordinals are written in 'figures' or 'words', not {style!r}")
        # A language whose house writes its ordinals one way only says so in its data.
        style = str(self.data.get("ordinal_style") or style)
        if self._ordinals:
            if form is None:
                form = next(iter(self._ordinals))
            table = self._ordinals.get(form)
            if table is None:
                raise ValueError(
                    f"no ordinal form {form!r} in the {self.primary!r} language data"
                    f" (it has {', '.join(self._ordinals)})"
                )
            words: Mapping[int, str] = table.get("words") or {}
            if style == "words" and number in words:
                return str(words[number])
            return str(table["figures"]).format(n=number)
        if style == "words":
            return self.ordinal_words(number)
        category = self.locale.ordinal_form(number)
        return f"{number}{self._suffixes.get(category, self._suffixes['other'])}"

    def ordinal_words(self, number: int) -> str:
        """7 → "seventh", 21 → "twenty-first", from the language data's words."""
        units: Mapping[int, str] = self._words.get("units", {})
        tens: Mapping[int, str] = self._words.get("tens", {})
        ordinal_tens: Mapping[int, str] = self._words.get("ordinal_tens", {})
        if number in units:
            return units[number]
        if number in ordinal_tens:
            return ordinal_tens[number]
        if 20 < number < 100 and number // 10 * 10 in tens and number % 10 in units:
            joiner = self._words.get("joiner", "-")
            return f"{tens[number // 10 * 10]}{joiner}{units[number % 10]}"
        raise ValueError(f"no ordinal in words for {number} in the {self.primary!r} language data")

    def date(self, value: dt.date, format: str | None = None) -> str:
        """A date in the language's long form: "14 April 2017", "14 апреля 2017 года"."""
        return str(format_date(value, format or self._dates["day"], locale=self.locale))

    def date_range(self, start: dt.date, end: dt.date | None = None) -> str:
        """A day or a span of days: "15–16 June 2024", "2024年6月15日至16日"."""
        if end is None or end == start:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            span = "same_month"
        elif start.year == end.year:
            span = "same_year"
        else:
            span = "other"
        first, separator, last = self._dates["range"][span]
        return f"{self.date(start, first)}{separator}{self.date(end, last)}"

    def join_list(self, items: Iterable[Any], style: ListStyle = "standard") -> Markup:
        """["a", "b", "c"] → "a, b and c", by the locale's list patterns.

        Items are escaped unless already markup (as Jinja's own ``join`` does), so the
        result is safe to place in the template's output.
        """
        return Markup(format_list([str(escape(item)) for item in items], style, locale=self.locale))

    def possessive(self, name: str) -> str:
        """The genitive of a name with no recorded form: "Belarus" → "Belarus'"."""
        if not self._possessive:
            raise ValueError(f"the {self.primary!r} language data has no possessive pattern")
        pattern = self._possessive["ends_in_s" if name.endswith("s") else "default"]
        return pattern.format(name=name)

    def state(self, code: str, form: str = "short") -> str:
        """A state's name in one of its forms (short, formal, possessive, adjective…).

        From ``data/states/<language>.yaml`` (the user's folders first); the short
        name, if not there, from CLDR's territory names.
        """
        forms = resources.data(f"states/{self.primary}", self.user_dirs).get(code) or {}
        if form in forms:
            return str(forms[form])
        if form == "short" and code in self.locale.territories:
            return str(self.locale.territories[code])
        raise ValueError(
            f"state {code}: no {form!r} form of its name in data/states/{self.primary}.yaml;"
            " add it there, or in a --templates folder's copy"
        )

    def place(self, name: str) -> str:
        """A place's name in this language: from ``data/places/<language>.yaml`` when
        the file gives it in one language only ("Astana" → "Астана"), or as written
        when it is already in the language's script. Never another language's name
        silently: anything else is an error naming the place."""
        name = str(name)
        local = resources.data(f"places/{self.primary}", self.user_dirs).get(name)
        if local is not None:
            return str(local)
        script = self.data.get("script")
        if script is None or re.search(f"[{script}]", name):
            return name
        raise ValueError(
            f"no {self.primary!r} name for the place {name!r} in data/places/{self.primary}.yaml;"
            f" add it there or give the city by language ({{en: {name}, {self.primary}: …}})"
        )

    def inflect(self, noun: str, case: str) -> str:
        """A noun in a grammatical case, from the language's data: "Астана" → "Астане".

        A phrase the data does not list declines its first word when the data lists
        that (keeping its capital): "совещание старших должностных лиц …" →
        "совещания старших должностных лиц …", since what follows the head of such a
        phrase is already in the case it governs.
        """
        noun = str(noun)
        if case == "nominative":
            return noun
        table = resources.data(f"cases/{self.primary}", self.user_dirs)
        forms = table.get(noun)
        if forms is None and " " in noun:
            head, rest = noun.split(" ", 1)
            head_forms = table.get(head) or table.get(head[:1].lower() + head[1:])
            if head_forms is not None and case in head_forms:
                declined = str(head_forms[case])
                if head[:1].isupper():
                    declined = declined[:1].upper() + declined[1:]
                return f"{declined} {rest}"
        if forms is None or case not in forms:
            raise ValueError(
                f"no {case} of {noun!r} in the {self.primary!r} reference data"
                f" (data/cases/{self.primary}.yaml)"
            )
        return str(forms[case])

    def page_footer(self) -> tuple[str, str, str]:
        """The words around "Page N of M": ("Page ", " of ", "")."""
        pattern = str(self.data.get("page_footer", "Page {page} of {pages}"))
        before, rest = pattern.split("{page}", 1)
        middle, after = rest.split("{pages}", 1)
        return before, middle, after
