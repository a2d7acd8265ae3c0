"""The JSON Schema of meeting files, for editors (yaml-language-server) and tools."""

from __future__ import annotations

import json
from pathlib import Path

from . import rules, series
from .model import Meeting


def schema() -> dict[str, object]:
    """The JSON Schema of a meeting file, from the model (field docs as descriptions)."""
    document = Meeting.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "pressgen meeting file"
    rules.describe(document)  # the form each text needs where the wording puts it
    series.describe(document)  # what a series file may give is optional in the file
    return document


def schema_text() -> str:
    """The schema as the text ``pressgen schema`` prints and ``examples/`` keeps."""
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_file() -> Path:
    """The schema as a file of the installation, for editors to point at.

    A wheel carries it as ``pressgen/meeting.schema.json``; in a source checkout it is
    the repository's ``examples/meeting.schema.json``, from which the wheel takes it
    (a test keeps that file in step with the model).
    """
    inside = Path(__file__).resolve().parent / "meeting.schema.json"
    if inside.is_file():
        return inside
    return Path(__file__).resolve().parents[2] / "examples" / "meeting.schema.json"


def schema_modeline() -> str:
    """The comment that points the YAML language server at the schema, from any folder.

    A ``file:`` URL of the installed schema, so a meeting file written anywhere gets
    completion and checking in editors that use the YAML language server.
    """
    return f"# yaml-language-server: $schema={schema_file().as_uri()}"
