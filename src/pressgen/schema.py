"""The JSON Schema of meeting files, for editors (yaml-language-server) and tools."""

from __future__ import annotations

import json

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
