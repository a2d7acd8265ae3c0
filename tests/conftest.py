"""Shared fixtures: the example meeting, its text, and the goldens flag."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import pressgen
from pressgen.build import build
from pressgen.writers.text import text

from .browser import browser as browser  # the session's headless Chromium, for `browser` tests

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REFERENCE = Path(__file__).resolve().parent / "reference"
EXAMPLE_7TH = EXAMPLES / "sco-counternarcotics-07-astana-2017.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="write golden files from the current output (review them before committing)",
    )
    parser.addoption(
        "--update-pictures",
        action="store_true",
        help="write the approved pictures in tests/pictures/ from the current output (look first)",
    )


@pytest.fixture(scope="session")
def meeting() -> pressgen.Meeting:
    return pressgen.load_meeting(EXAMPLE_7TH)


@pytest.fixture(scope="session")
def release(meeting: pressgen.Meeting) -> pressgen.Release:
    return build(meeting)


@pytest.fixture(scope="session")
def release_text(release: pressgen.Release) -> str:
    return text(release)


def changed(meeting: pressgen.Meeting, **updates: Any) -> pressgen.Meeting:
    """A copy of a meeting with some fields replaced, validated again."""
    data = meeting.model_dump()
    data.update(updates)
    return pressgen.Meeting.model_validate(data)


def in_english(value: Any) -> Any:
    """The data with every text given by language reduced to its English one."""
    if isinstance(value, dict):
        if value and set(value) <= {"en", "ru", "zh"}:
            return value["en"]
        return {key: in_english(item) for key, item in value.items()}
    if isinstance(value, list):
        return [in_english(item) for item in value]
    return value


def seventh_data() -> dict[str, Any]:
    """The 7th meeting's whole data, its series file's fields written in."""
    data: dict[str, Any] = pressgen.load_meeting(EXAMPLE_7TH).model_dump(
        mode="json", exclude_none=True
    )
    data["series"].pop("id", None)  # written in already: no series file to read again
    # The organisation by its names, which serve every language (its reference data
    # has them in English, Russian and Chinese only).
    data["organisation"] = {
        "id": "sco",
        "name": "Shanghai Cooperation Organisation",
        "short_name": "SCO",
    }
    return data


def seventh_in_english() -> dict[str, Any]:
    """The 7th meeting's data in English alone (its file holds Russian and Chinese too)."""
    data: dict[str, Any] = in_english(seventh_data())
    data.pop("languages", None)
    return data


def write_seventh_in_english(path: Path) -> Path:
    """The 7th meeting in English alone, written as a YAML file at ``path``."""
    text = yaml.safe_dump(seventh_in_english(), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path
