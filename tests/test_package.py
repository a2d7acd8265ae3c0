"""Packaging and house tooling: the wheel carries the templates; lint and types are clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLE_7TH, ROOT


def _pressgen(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pressgen", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


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
    # The schema that drafts point editors at is installed, and is the model's.
    from pressgen.schema import schema_text

    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("pressgen/meeting.schema.json").decode("utf-8") == schema_text()


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


def test_a_draft_points_editors_at_the_schema_from_any_folder(tmp_path: Path) -> None:
    # The YAML language server reads the first line; a relative name would work only
    # next to a copy of the schema.
    elsewhere = tmp_path / "press office" / "2018"
    elsewhere.mkdir(parents=True)
    _pressgen("new", "--from", str(EXAMPLE_7TH), "-o", "eighth.yaml", cwd=elsewhere)
    first = (elsewhere / "eighth.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    url = first.removeprefix(prefix)
    assert url.startswith("file:///")
    assert " " not in url
    schema = Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path))
    assert schema.is_absolute()
    assert schema.read_text(encoding="utf-8") == _pressgen("schema")
    assert _pressgen("schema", "--url") == url + "\n"


# -- scripts/setup.sh on a minimal Debian, with the system's tools stubbed -----------

_STUBS = {
    # Installed packages are files in $STATE/installed.
    "dpkg-query": """#!/bin/sh
for last; do :; done
[ -e "$STATE/installed/$last" ] && printf 'install ok installed'
exit 0
""",
    "apt-get": """#!/bin/sh
echo "apt-get $*" >> "$STATE/log"
if [ "$1" = install ]; then
  for word; do case "$word" in -*|install) ;; *) touch "$STATE/installed/$word" ;; esac; done
fi
""",
    "id": """#!/bin/sh
echo "$UID_OF_TEST"
""",
    # Like Debian's: without python3-venv, `python3 -m venv` leaves a .venv without pip.
    "python3": """#!/bin/sh
[ -e "$STATE/installed/python3" ] || exit 127
if [ "$1 $2" = "-m venv" ]; then
  echo "python3 -m venv $3" >> "$STATE/log"
  mkdir -p "$3/bin"
  sed "s|@STATE@|$STATE|" "$STATE/venv-python" > "$3/bin/python"
  chmod +x "$3/bin/python"
  [ -e "$STATE/installed/python3-venv" ] && touch "$3/pip" && exit 0
  exit 1
fi
exec "$REAL_PYTHON" "$@"
""",
}

_VENV_PYTHON = """#!/bin/sh
STATE=@STATE@
venv=$(dirname "$(dirname "$0")")
case "$1 $2" in
  "-m pip")
    [ -e "$venv/pip" ] || exit 1
    [ "$3" = install ] || exit 0
    echo "pip $*" >> "$STATE/log"
    printf '#!/bin/sh\\necho "pressgen 0.1.0"\\n' > "$venv/bin/pressgen"
    chmod +x "$venv/bin/pressgen" ;;
  "-m ensurepip")
    echo "ensurepip" >> "$STATE/log"
    [ -e "$STATE/installed/python3-venv" ] && touch "$venv/pip" ;;
esac
"""


def _setup(tmp_path: Path, installed: list[str], uid: int = 0) -> tuple[int, str, list[str]]:
    """Run a copy of scripts/setup.sh with stubbed tools; its exit code, output and log."""
    repo, state, tools = tmp_path / "repo", tmp_path / "state", tmp_path / "bin"
    (repo / "scripts").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", repo / "scripts" / "setup.sh")
    (state / "installed").mkdir(parents=True, exist_ok=True)
    for package in installed:
        (state / "installed" / package).touch()
    (state / "venv-python").write_text(_VENV_PYTHON, encoding="utf-8")
    tools.mkdir(exist_ok=True)
    for name, text in _STUBS.items():
        (tools / name).write_text(text, encoding="utf-8")
        (tools / name).chmod(0o755)
    # Only the commands a minimal Debian has (no sudo), besides the stubs.
    for name in ("bash", "sh", "grep", "cut", "dirname", "mkdir", "touch", "sed", "chmod"):
        real = shutil.which(name)
        assert real is not None
        if not (tools / name).exists():
            (tools / name).symlink_to(real)
    env = {
        "PATH": str(tools),
        "STATE": str(state),
        "UID_OF_TEST": str(uid),
        "REAL_PYTHON": sys.executable,
    }
    result = subprocess.run(
        [str(tools / "bash"), str(repo / "scripts" / "setup.sh")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    log = state / "log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return result.returncode, result.stdout + result.stderr, lines


def _packages() -> list[str]:
    text = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    listed = text.split("packages=(", 1)[1].split(")", 1)[0]
    return listed.split()


def test_setup_installs_python_venv_on_a_minimal_debian(tmp_path: Path) -> None:
    code, output, log = _setup(tmp_path, installed=[])
    assert code == 0, output
    assert log[0] == "apt-get update -qq"
    assert log[1].startswith("apt-get install -y -qq --no-install-recommends python3 python3-venv ")
    assert log[1].split()[5:] == _packages()
    assert log[2:] == [
        "python3 -m venv .venv",
        "pip -m pip install --quiet --disable-pip-version-check .[test]",
    ]
    assert output.endswith("setup: pressgen 0.1.0 is ready in .venv\n")
    # Run again: nothing to install, the environment is kept, pressgen updated.
    code, output, log = _setup(tmp_path, installed=_packages())
    assert code == 0, output
    assert log == ["pip -m pip install --quiet --disable-pip-version-check .[test]"]


def test_setup_mends_a_venv_made_without_pip(tmp_path: Path) -> None:
    # What `python3 -m venv` leaves behind on a Debian without python3-venv: a .venv
    # whose python has no pip (the earlier setup script stopped there for good).
    venv = tmp_path / "repo" / ".venv" / "bin"
    venv.mkdir(parents=True)
    (tmp_path / "state").mkdir()
    (venv / "python").write_text(
        _VENV_PYTHON.replace("@STATE@", str(tmp_path / "state")), encoding="utf-8"
    )
    (venv / "python").chmod(0o755)
    code, output, log = _setup(tmp_path, installed=_packages())
    assert code == 0, output
    assert log == [
        "ensurepip",
        "pip -m pip install --quiet --disable-pip-version-check .[test]",
    ]


def test_setup_without_root_or_sudo_names_the_packages_to_install(tmp_path: Path) -> None:
    code, output, log = _setup(tmp_path, installed=["python3"], uid=1000)
    assert code == 1
    assert log == []
    missing = " ".join(p for p in _packages() if p != "python3")
    assert output == f"setup: please install these Debian packages first: {missing}\n"


def test_the_quick_start_renders_the_one_example_release_it_names(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start\n", 1)[1].split("\n## ", 1)[0]
    first = re.findall(r"```sh\n(.*?)\n```", quick_start, re.S)[0]
    setup, command = first.split(" && ")
    assert setup == "bash scripts/setup.sh"
    words = command.split()
    assert words[:2] == [".venv/bin/pressgen", "render"]
    inputs = words[2 : words.index("--out")]
    assert len(inputs) == 1, "the quick start renders the example release, not all examples"
    example = ROOT / inputs[0]
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pressgen", *words[1:-1], str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    written = [p.name for p in out.iterdir()]
    said = quick_start.split("```", 2)[2].split("```", 1)[0]  # what the first command does
    suffixes = re.findall(r"`(\.\w+)`", said)
    from pressgen.writers import REGISTRY

    assert set(suffixes) == {writer.suffix for writer in REGISTRY.values()}
    assert written
    # <stem>.<ext>, or <stem>.<language>.<ext> for a file of several languages
    for name in written:
        assert name.startswith(f"{example.stem}."), name
    assert {Path(name).suffix for name in written} == set(suffixes)


@pytest.mark.parametrize(
    "example", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda path: path.name
)
def test_commands_in_the_examples_are_those_the_readme_sets_up(example: Path) -> None:
    # After the quick start `pressgen` is not on the PATH; .venv/bin/pressgen is.
    text = example.read_text(encoding="utf-8")
    for command in re.findall(
        r"^#.*?(?<!\S)((?:\S*/)?pressgen (?:render|check|new)\b.*)$", text, re.M
    ):
        assert command.startswith(".venv/bin/pressgen "), command
