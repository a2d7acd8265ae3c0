"""Plain, read-only data for templates: what a template may see of a meeting or a page.

A template may come from someone else, so it never gets a live object: a pydantic
model has public methods (``parse_raw`` unpickles, ``model_copy`` builds objects),
a dataclass may have others. :func:`plain` copies a value into records, tuples,
strings, numbers and dates, driven by the model's fields (and its public properties,
such as a release date computed from the data), so a field added to the model
reaches the templates without a change here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel


class Record(Mapping[str, Any]):
    """A read-only mapping of plain values whose keys templates read as attributes too.

    ``record.city`` and ``record["city"]`` are the same; a key always wins over a
    method of the same name (in templates, through the environment's ``getattr``).
    """

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_fields", dict(fields))

    def __getitem__(self, key: str) -> Any:
        return self._fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a record is read-only")

    def __repr__(self) -> str:
        return f"Record({self._fields!r})"


@cache
def _record_type(cls: type) -> type[Record]:
    """A record type named after the class it copies, so messages name the model.

    A template's "'pressgen.model.SeriesNames object' has no attribute 'tilte'"
    says more than one about a record.
    """
    attributes = {"__slots__": (), "__module__": cls.__module__, "__qualname__": cls.__qualname__}
    return type(cls.__name__, (Record,), attributes)


def _properties(model: type[BaseModel]) -> list[str]:
    """The public properties a model class defines (not pydantic's own)."""
    names: list[str] = list(model.model_computed_fields)
    for cls in model.__mro__:
        if cls is BaseModel or not issubclass(cls, BaseModel):
            continue
        for name, member in vars(cls).items():
            if isinstance(member, property) and not name.startswith("_") and name not in names:
                names.append(name)
    return names


def plain(value: Any) -> Any:
    """``value`` as plain read-only data: records, tuples, str, int, float, bool, dates."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, BaseModel):
        model = type(value)
        names = [*model.model_fields, *_properties(model)]
        return _record_type(model)({name: plain(getattr(value, name)) for name in names})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return _record_type(type(value))({f.name: plain(getattr(value, f.name)) for f in fields})
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, Markup):
        return Markup(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime.fromisoformat(value.isoformat())
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, Mapping):
        return Record({str(key): plain(item) for key, item in value.items()})
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(plain(item) for item in value)
    raise TypeError(f"a template cannot be given a {type(value).__name__}")
