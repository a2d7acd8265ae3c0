"""The public API and what importing it costs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

import pressgen
from pressgen import model

from .conftest import changed


def test_all_is_sorted_and_complete() -> None:
    assert pressgen.__all__ == sorted(pressgen.__all__)
    public = {name for name in vars(pressgen) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(pressgen, name)).__name__ == "module"}
    assert set(pressgen.__all__) == public - modules


def test_import_does_not_load_weasyprint_or_python_docx() -> None:
    code = (
        "import sys, pressgen; "
        "pressgen.render(pressgen.load_meeting(sys.argv[1]), 'html'); "
        "print(sorted(m for m in ('weasyprint', 'docx') if m in sys.modules))"
    )
    example = Path(__file__).parent.parent / "examples" / "sco-counternarcotics-07-astana-2017.yaml"
    result = subprocess.run(
        [sys.executable, "-c", code, str(example)], capture_output=True, text=True
    )
    assert result.stdout.strip() == "[]", result.stderr


def _models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(model).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == model.__name__
    ]


@pytest.mark.parametrize("cls", _models(), ids=lambda c: c.__name__)
def test_every_model_is_frozen_strict_and_documented(cls: type[BaseModel]) -> None:
    assert cls.model_config.get("frozen") is True
    assert cls.model_config.get("extra") == "forbid"
    assert cls.__doc__
    for name, field in cls.model_fields.items():
        assert field.description, f"{cls.__name__}.{name} has no documentation"


def test_meetings_are_immutable(meeting: pressgen.Meeting) -> None:
    with pytest.raises(ValueError, match="frozen"):
        meeting.number = 8  # type: ignore[misc]


def test_meeting_built_in_code_renders_like_the_file(meeting: pressgen.Meeting) -> None:
    built = pressgen.Meeting(**meeting.model_dump())
    assert pressgen.render(built, "txt") == pressgen.render(meeting, "txt")


def test_render_to_writes_every_format(tmp_path: Path, meeting: pressgen.Meeting) -> None:
    paths = pressgen.render_to(meeting, tmp_path, ["txt", "html"], languages=["en"])
    assert [p.name for p in paths] == ["sco-07-astana-2017.txt", "sco-07-astana-2017.html"]
    assert paths[0].read_bytes() == pressgen.render(meeting, "txt")
    assert oct(paths[0].stat().st_mode & 0o777) == oct(0o644)


def test_unknown_format_is_a_usage_error(meeting: pressgen.Meeting) -> None:
    with pytest.raises(pressgen.UsageError, match="unknown format 'odt'; known formats: txt, html"):
        pressgen.render(meeting, "odt")


def test_same_input_same_bytes(meeting: pressgen.Meeting) -> None:
    other = changed(meeting)
    for format in ("txt", "html"):
        assert pressgen.render(meeting, format) == pressgen.render(other, format)
