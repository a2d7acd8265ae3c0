"""The public API and what importing it costs."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import pressgen
from pressgen import model, resources

from .conftest import EXAMPLE_7TH, changed


def test_all_is_sorted_and_complete() -> None:
    assert pressgen.__all__ == sorted(pressgen.__all__)
    for name in pressgen.__all__:  # each is imported on first use
        getattr(pressgen, name)
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
        untyped(meeting).number = 8


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


def untyped(value: object) -> Any:
    """A value of the wrong type, passed as a caller without a type checker would."""
    return value


def _meeting_with_itself(meeting: pressgen.Meeting) -> dict[str, Any]:
    data: dict[str, Any] = meeting.model_dump(mode="json")
    data["venue"]["back"] = data
    return data


BAD_CALLS: list[tuple[str, Callable[[pressgen.Meeting, Path], object], type[Exception], str]] = [
    (
        "path with NUL",
        lambda m, t: pressgen.load_meeting("meeting\0.yaml"),
        pressgen.UsageError,
        "path: a path cannot contain a NUL character: 'meeting\\x00.yaml'",
    ),
    (
        "path that is a number",
        lambda m, t: pressgen.load_meeting(untyped(7)),
        pressgen.UsageError,
        "path: expected a path (str or os.PathLike), not int",
    ),
    (
        "data that contains itself",
        lambda m, t: pressgen.meeting_from_data(_meeting_with_itself(m)),
        pressgen.DataError,
        "<data>: venue.back: the data contains itself",
    ),
    (
        "a dict for a meeting",
        lambda m, t: pressgen.render(untyped(m.model_dump()), "txt"),
        pressgen.UsageError,
        "expected a Meeting (from load_meeting or meeting_from_data), not dict",
    ),
    (
        "a template folder that is a number",
        lambda m, t: pressgen.render(m, "txt", template_dirs=[untyped(3)]),
        pressgen.UsageError,
        "template_dirs[0]: expected a path (str or os.PathLike), not int",
    ),
    (
        "a template folder with NUL",
        lambda m, t: pressgen.build(m, template_dirs=["mine\0"]),
        pressgen.UsageError,
        "template_dirs[0]: a path cannot contain a NUL character",
    ),
    (
        "a format that is a number",
        lambda m, t: pressgen.render(m, untyped(5)),
        pressgen.UsageError,
        "format: expected a format name such as 'pdf', not int",
    ),
    (
        "a string for a list of formats",
        lambda m, t: pressgen.render_to(m, t, "txt"),
        pressgen.UsageError,
        "formats: expected a list of format names such as ['txt', 'pdf'], not the string 'txt'",
    ),
    (
        "no formats",
        lambda m, t: pressgen.render_to(m, t, []),
        pressgen.UsageError,
        "formats: no format given",
    ),
    (
        "an unknown format",
        lambda m, t: pressgen.render_to(m, t, ["odt"]),
        pressgen.UsageError,
        "unknown format 'odt'",
    ),
    (
        "an output folder with NUL",
        lambda m, t: pressgen.render_to(m, f"{t}\0", ["txt"]),
        pressgen.UsageError,
        "out_dir: a path cannot contain a NUL character",
    ),
    (
        "a DOCX template that is a number",
        lambda m, t: pressgen.render(m, "docx", docx_template=untyped(1)),
        pressgen.UsageError,
        "docx_template: expected a path",
    ),
    (
        "a string for a list of inputs",
        lambda m, t: pressgen.render_many(str(EXAMPLE_7TH), ["txt"], t),
        pressgen.UsageError,
        "items: expected a list of meeting files or Meetings, not the one path",
    ),
    (
        "an input that is a number",
        lambda m, t: pressgen.render_many([m, untyped(3)], ["txt"], t),
        pressgen.UsageError,
        "items[1]: expected a path",
    ),
    (
        "an executor that is not one",
        lambda m, t: pressgen.render_many([m], ["txt"], t, executor=untyped(4)),
        pressgen.UsageError,
        "executor: expected a concurrent.futures.Executor",
    ),
    (
        "a copy with a bad number",
        lambda m, t: pressgen.render(m.model_copy(update={"number": "seven"})),
        pressgen.DataError,
        "number: whole number expected, not the text 'seven'",
    ),
    (
        "a copy with a bad date",
        lambda m, t: pressgen.render_to(m.model_copy(update={"date": "yesterday"}), t),
        pressgen.DataError,
        "date: dates are written in ISO form, such as 2017-04-14, not 'yesterday'",
    ),
    (
        "a copy with number 0",
        lambda m, t: pressgen.build(m.model_copy(update={"number": 0})),
        pressgen.DataError,
        "number: input should be greater than or equal to 1",
    ),
]


@pytest.mark.parametrize(
    ("name", "call", "error", "message"), BAD_CALLS, ids=[c[0] for c in BAD_CALLS]
)
def test_bad_arguments_are_pressgen_errors_naming_the_argument(
    name: str,
    call: Callable[[pressgen.Meeting, Path], object],
    error: type[Exception],
    message: str,
    meeting: pressgen.Meeting,
    tmp_path: Path,
) -> None:
    with pytest.raises(error) as caught:
        call(meeting, tmp_path / "out")
    assert message in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_pdfs_from_several_threads_each_get_their_own_warnings(
    meeting: pressgen.Meeting, tmp_path: Path
) -> None:
    # One thread's stylesheet has an error; the others' renders must not fail with it.
    folder = tmp_path / "mine"
    (folder / "css").mkdir(parents=True)
    original = (resources.package_templates() / "css" / "print.css").read_text("utf-8")
    (folder / "css" / "print.css").write_text(original + "\np { colour: red; }\n", "utf-8")
    clean = pressgen.render(meeting, "pdf")
    start = threading.Barrier(4)

    def render(index: int) -> bytes | str:
        start.wait()
        try:
            return pressgen.render(meeting, "pdf", template_dirs=[folder] if index == 0 else [])
        except pressgen.TemplateError as error:
            return str(error)

    logging.getLogger("weasyprint").propagate = False  # the refusal is the test's, not a log
    try:
        for _ in range(2):
            with ThreadPoolExecutor(4) as threads:
                results = list(threads.map(render, range(4)))
            # The added line, counted in the user's print.css (parsed on its own).
            line = original.count("\n") + 2
            assert results[0] == (
                f"css: WeasyPrint: Ignored `colour: red` at {line}:5, unknown property."
            )
            assert results[1:] == [clean] * 3
    finally:
        logging.getLogger("weasyprint").propagate = True
