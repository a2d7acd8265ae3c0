"""Packaging and house tooling: the wheel carries the templates; lint and types are clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


def test_wheel_carries_the_templates(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "out", "*cache*"))
    wheel = Path(
        next(iter(WheelBuilder(str(source)).build(directory=str(tmp_path), versions=["standard"])))
    )
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()
    )
    assert templates
    for name in templates:
        assert f"pressgen/{name}" in names
    assert "pressgen/py.typed" in names


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "src", "tests", "benchmarks", "templates"],
        ["ruff", "format", "--check", "src", "tests", "benchmarks", "templates"],
        ["mypy"],
    ],
    ids=" ".join,
)
def test_house_tooling_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
