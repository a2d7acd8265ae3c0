"""Every example meeting renders to its reviewed golden text.

Goldens are written only by ``pytest --update-goldens`` (then read and reviewed
before committing); a missing golden fails. The 7th meeting's golden is the
published text itself (tests/test_regression.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pressgen

from .conftest import EXAMPLE_7TH, EXAMPLES

GOLDENS = Path(__file__).resolve().parent / "goldens"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.yaml") if p != EXAMPLE_7TH)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_matches_its_golden(example: Path, request: pytest.FixtureRequest) -> None:
    text = pressgen.render(pressgen.load_meeting(example), "txt")
    golden = GOLDENS / f"{example.stem}.txt"
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(text)
    assert golden.exists(), (
        f"no golden for {example.name}: run pytest --update-goldens, then review it"
    )
    assert text == golden.read_bytes()


def test_there_are_at_least_three_more_examples() -> None:
    assert len(EXAMPLE_FILES) >= 3
    kinds = {pressgen.load_meeting(p).kind for p in EXAMPLE_FILES}
    assert kinds >= {"press-release", "information-report"}


def test_no_golden_without_its_example() -> None:
    stems = {p.stem for p in EXAMPLE_FILES}
    assert {p.stem for p in GOLDENS.glob("*.txt")} <= stems
