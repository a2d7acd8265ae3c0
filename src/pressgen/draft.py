"""Drafting the next meeting's file from the previous one (``pressgen new``).

The draft carries over what rarely changes (organisation, series, delegations),
takes the number and the host from the previous meeting, and marks every fact
that must be confirmed with :data:`~pressgen.load.TO_CONFIRM`, which the loader
refuses with the line of each. It is written from a template, so it keeps the
comments that guide the person filling it in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .load import TO_CONFIRM, load_checked
from .wording import Language, Templates

TEMPLATE = "drafts/meeting.yaml.j2"


def _scalar(value: Any) -> str:
    """A value as a YAML scalar: a double-quoted string (JSON's syntax is YAML's), or
    a text given by language as a flow mapping of such strings."""
    if isinstance(value, Mapping):
        return json.dumps({str(k): str(v) for k, v in value.items()}, ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)


def _previously(value: Any) -> Any:
    """A fact to confirm, showing the previous value (in each of its languages)."""
    if isinstance(value, Mapping):
        return {k: f"{TO_CONFIRM}: previously {v}" for k, v in value.items()}
    return f"{TO_CONFIRM}: previously {value}"


def draft_text(previous: str | os.PathLike[str], template_dirs: tuple[Path, ...] = ()) -> str:
    """The YAML text of a draft for the meeting after ``previous``."""
    # The previous release is published as it is: its warnings are not repeated.
    meeting, _warnings = load_checked(previous, template_dirs)
    host = meeting.next_meeting.state if meeting.next_meeting else None
    templates = Templates(template_dirs, markup=False)
    templates.env.filters["q"] = _scalar
    templates.env.filters["previously"] = _previously
    # The draft's comments are English whatever the record's language ("the 8th").
    templates.env.filters["ordinal"] = Language("en-GB").ordinal
    return templates.render_page(
        TEMPLATE,
        previous=meeting,
        host=host,
        number=meeting.number + 1 if meeting.number is not None else None,
        source=Path(previous).name,
        confirm=TO_CONFIRM,
    )
