"""Font subsets kept between runs: the same bytes with or without them, and only in a
folder that is the user's alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "sco-counternarcotics-08-beijing-2018.yaml"


def _render(tmp_path: Path, cache: Path, out: str) -> dict[str, bytes]:
    folder = tmp_path / out
    command = [sys.executable, "-m", "pressgen", "render", str(EXAMPLE), "-f", "html,docx"]
    subprocess.run(
        [*command, "-o", str(folder)],
        check=True,
        capture_output=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_cached_subsets_give_the_same_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _render(tmp_path, cache, "first")
    kept = sorted((cache / "pressgen" / "fonts").glob("*.font"))
    assert kept, "the subsets were not kept"
    second = _render(tmp_path, cache, "second")
    unusable = tmp_path / "not-a-folder"
    unusable.write_text("")
    without = _render(tmp_path, unusable, "without")
    assert first == second == without


def test_a_folder_others_may_write_to_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fonts = cache / "pressgen" / "fonts"
    fonts.mkdir(parents=True)
    fonts.chmod(0o777)
    _render(tmp_path, cache, "out")
    assert list(fonts.iterdir()) == []
