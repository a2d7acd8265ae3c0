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
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import resources
from .errors import TemplateError
from .load import TO_CONFIRM, load_meeting
from .wording import Language

TEMPLATE = "drafts/meeting.yaml.j2"


def _scalar(value: Any) -> str:
    """A value as a YAML scalar: a double-quoted string (JSON's syntax is YAML's)."""
    return json.dumps(str(value), ensure_ascii=False)


def draft_text(previous: str | os.PathLike[str], template_dirs: tuple[Path, ...] = ()) -> str:
    """The YAML text of a draft for the meeting after ``previous``."""
    meeting = load_meeting(previous)
    host = meeting.next_meeting.state if meeting.next_meeting else None
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in resources.search_path(template_dirs)]),
        autoescape=False,  # the output is YAML; every value goes through |q
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["q"] = _scalar
    env.filters["ordinal"] = Language(meeting.language).ordinal
    try:
        return env.get_template(TEMPLATE).render(
            previous=meeting,
            host=host,
            number=meeting.number + 1,
            source=Path(previous).name,
            confirm=TO_CONFIRM,
        )
    except jinja2.TemplateError as exc:
        raise TemplateError(str(exc), TEMPLATE, getattr(exc, "lineno", 0) or 0) from None
