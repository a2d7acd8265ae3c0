"""Series files: what every meeting of a series shares, said once.

A meeting file names its series, ``series: sco-counternarcotics-senior-officials``,
and takes from the series file its names (``names:``, in every variant and
language), its organisation, and its usual language, chair and attendees. The
series file is looked for in these places, nearest first:

1. ``series/<id>.yaml`` in the meeting file's own folder;
2. ``data/series/<id>.yaml`` in each ``--templates`` folder, in the order given;
3. ``data/series/<id>.yaml`` among pressgen's built-in templates.

Fields are layered like the other reference data: a nearer file's field replaces
a farther one's whole, and a field the meeting file gives replaces the series'
field whole (``participants`` given in the meeting replaces the series'
participants; it is not added to them). Nothing is read outside the meeting
file's folder and the template folders: the id is a plain name, and a file that
resolves elsewhere (a symbolic link) is refused.

Delegations given as a list of codes (``delegations: [CN, IN, KZ]``) are turned
into the attendees the wording names, by :func:`attendees`, just before the
wording sees the meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import resources
from .errors import DataError, Location, Problem

SERIES_FIELDS = (
    "chair", "delegations", "kind", "language", "languages", "names", "officials",
    "organisation", "participants", "release",
)  # fmt: skip
"""The fields a series file may give: ``names`` and the meeting fields every meeting
of a series usually shares."""

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")

Parsed = tuple[Any, Any]
"""Plain data and the reader that remembers where each value stood in its file."""
ParseFile = Callable[[Path], Parsed]


def places(series_id: str, beside: Path | None, user_dirs: Sequence[Path]) -> list[Path]:
    """Where a series file may be, nearest first (whether or not it exists)."""
    return [path for path, _root in _places(series_id, beside, user_dirs)]


def _places(
    series_id: str, beside: Path | None, user_dirs: Sequence[Path]
) -> list[tuple[Path, Path]]:
    # Each place with the folder it must stay inside.
    name = f"{series_id}.yaml"
    found = [(beside / "series" / name, beside)] if beside is not None else []
    roots = [*(Path(folder) for folder in user_dirs), resources.package_templates()]
    return found + [(root / "data" / "series" / name, root) for root in roots]


def builtin_ids() -> list[str]:
    """The ids of the series that ship with pressgen."""
    return sorted(
        p.stem for p in (resources.package_templates() / "data" / "series").glob("*.yaml")
    )


def _copy_places(
    source: Any, target: Any, prefix: tuple[str | int, ...], into: tuple[str, ...]
) -> None:
    # A reader remembers the place of every value in dicts keyed by field path; the
    # series' places move into the meeting's reader, so an error in a value that came
    # from the series file names that file and line. A nearer layer's field replaces
    # a farther one's whole, and so do its places.
    for name, table in vars(source).items():
        if not isinstance(table, dict) or not isinstance(vars(target).get(name), dict):
            continue
        mine = vars(target)[name]
        for stale in [p for p in mine if isinstance(p, tuple) and p[: len(into)] == into]:
            del mine[stale]
        for path, place in table.items():
            if isinstance(path, tuple) and path[: len(prefix)] == prefix:
                vars(target)[name][(*into, *path[len(prefix) :])] = place


def _layers(
    series_id: str, beside: Path | None, user_dirs: Sequence[Path], parse_file: ParseFile
) -> list[Parsed]:
    layers = []
    for path, root in reversed(_places(series_id, beside, user_dirs)):
        if not path.is_file():
            continue
        if not path.resolve().is_relative_to(root.resolve()):
            where = Location(str(path))
            raise DataError([Problem("a series file must not lead outside its folder", where)])
        data, reader = parse_file(path)
        unknown = [key for key in data if key not in SERIES_FIELDS]
        if unknown:
            raise DataError(
                [
                    Problem(
                        f"not a field of a series file; give it in the meeting file"
                        f" (a series file gives {', '.join(SERIES_FIELDS)})",
                        reader.keys.get((key,)),
                        key,
                    )
                    for key in unknown
                ]
            )
        layers.append((data, reader))
    return layers


def apply(
    data: Any,
    reader: Any,
    parse_file: ParseFile,
    beside: Path | None = None,
    user_dirs: Sequence[Path] = (),
) -> Any:
    """A meeting file's data with its series file's fields written in.

    ``series: <id>`` (or ``series: {id: <id>, names: …}``) becomes ``series: {id,
    names}``; every series field the meeting does not give is taken from the series
    file, with its place, so that errors name the series file and line. Data without
    a series id is returned as it is.
    """
    if not isinstance(data, dict):
        return data
    given = data.get("series")
    series_id = given.get("id") if isinstance(given, dict) else given
    if isinstance(series_id, str) and not _ID.fullmatch(series_id):
        path = ("series", "id") if isinstance(given, dict) else ("series",)
        message = (
            f"{series_id!r} is not the name of a series file: lower-case letters, digits"
            f" and hyphens, as in sco-counternarcotics-senior-officials (built-in series:"
            f" {', '.join(builtin_ids()) or 'none'})"
        )
        raise DataError([Problem(message, reader.values.get(path), ".".join(path))])
    if not isinstance(series_id, str):
        return data  # no series file named: the model says what is wrong, if anything
    layers = _layers(series_id, beside, user_dirs, parse_file)
    if not layers:
        looked = ", ".join(str(p) for p in places(series_id, beside, user_dirs)[:-1])
        message = f"no series {series_id!r}" + (f" (looked for {looked})" if looked else "")
        message += f"; built-in series: {', '.join(builtin_ids()) or 'none'}"
        path = ("series", "id") if isinstance(given, dict) else ("series",)
        raise DataError([Problem(message, reader.values.get(path), ".".join(path))])
    merged = dict(data)
    names_from: Parsed | None = None
    for layer_data, layer_reader in layers:
        for key, value in layer_data.items():
            if key == "names":
                names_from = (value, layer_reader)
            elif key not in data:
                merged[key] = value
                _copy_places(layer_reader, reader, (key,), (key,))
    series: dict[str, Any] = {"id": series_id}
    if isinstance(given, dict) and "names" in given:
        series["names"] = given["names"]
    elif names_from is not None:
        series["names"] = names_from[0]
        _copy_places(names_from[1], reader, ("names",), ("series", "names"))
    else:  # the nearest series file is named: that is where the names belong
        nearest = Location(str(layers[-1][1].filename))
        raise DataError([Problem("no series file of this id gives names", nearest, "names")])
    merged["series"] = series
    return merged


def status_on(code: str, day: dt.date, membership: Mapping[str, Any]) -> str | None:
    """How a state took part in an organisation on a day: "member", "observer",
    "dialogue-partner", or None if it was none of them (by the organisation's data)."""
    from . import domain  # domain checks use this module's statuses: import at call time

    if domain.is_member(code, day, membership):
        return "member"
    for key, status in (("observers", "observer"), ("dialogue_partners", "dialogue-partner")):
        for entry in membership.get(key, []):
            start = _year_start(entry.get("from"))
            end = _year_start(entry.get("until"))
            if entry.get("state") != code or start is None or start > day:
                continue
            if end is None or day < end:
                return status
    return None


def _year_start(value: object) -> dt.date | None:
    # "from: 2004" counts from 1 January 2004 for observers (a status, not a
    # membership date: the data gives the year of the summit that granted it).
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return dt.date(value, 1, 1)
    return None


def attendees(
    codes: Sequence[str],
    participants: Sequence[Any],
    day: dt.date,
    membership: Mapping[str, Any] | None,
) -> list[Any]:
    """The attendees of ``delegations: [codes]`` with the named participants, in order.

    Each listed state stands at its place in the list: as its participants, if any
    are of that state (a named person, a delegation with its head), else as a bare
    delegation, with the status the organisation's data gives it on ``day``.
    Participants of states not listed follow, in their order. Works on the plain data
    the wording sees (dicts) and on models alike.
    """

    def state(p: Any) -> Any:
        return p.get("state") if isinstance(p, dict) else getattr(p, "state", None)

    listed = set(codes)
    result: list[Any] = []
    for code in codes:
        named = [p for p in participants if state(p) == code]
        if named:
            result += named
            continue
        status = (status_on(code, day, membership) if membership else None) or "member"
        result.append(
            {"kind": "delegation", "state": code, "status": status, "head": None, "members": []}
        )
    return result + [p for p in participants if state(p) not in listed]


def write_in_delegations(data: dict[str, Any], meeting: Any, user_dirs: Sequence[Path]) -> None:
    """Replace a list of delegation codes in a meeting's plain data (as the wording
    sees it) by the attendees it stands for (see :func:`attendees`)."""
    from . import domain  # domain imports the modules that call this one

    codes = data.get("delegations")
    if not isinstance(codes, list | tuple):
        return
    membership = domain.membership(meeting.organisation, user_dirs)
    data["participants"] = attendees(codes, data["participants"], meeting.date, membership)
    data["delegations"] = None


def describe(schema: dict[str, Any]) -> None:
    """Adjust the JSON Schema of a meeting *file*: a field a series file may give is
    not required in the file that names the series (the model still requires it)."""
    required = schema.get("required", [])
    schema["required"] = [name for name in required if name not in SERIES_FIELDS]
    for name in required:
        if name in SERIES_FIELDS and name in schema.get("properties", {}):
            prop = schema["properties"][name]
            note = "Required, unless the series file (series: <id>) gives it."
            prop["description"] = f"{prop.get('description', '')}\n{note}".strip()
