"""The README's examples run, its quick start has two commands, CI runs the second."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import pressgen

from .conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", _section("Quick start"), re.S)
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert "pressgen render examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (
        (tmp_path / "out" / "sco-08-beijing-2018.txt")
        .read_text(encoding="utf-8")
        .startswith("The 8th")
    )


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_renders_in_every_format(example: Path, tmp_path: Path) -> None:
    meeting = pressgen.load_meeting(example)
    paths = pressgen.render_to(meeting, tmp_path, stem=example.stem)
    languages = meeting.languages or (meeting.language,)
    suffixes = [w.suffix for w in pressgen.writers.REGISTRY.values()]
    assert [p.suffix for p in paths] == suffixes * len(languages)
    assert all(p.stat().st_size > 0 for p in paths)
