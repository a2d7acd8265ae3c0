"""What keeps the command line fast, checked by behaviour rather than by timing.

A timing test on a shared machine fails at random; what made the command fast is
what it imports, the child processes it starts and what it leaves behind, and those
are checked here. The figures are in benchmarks/README.md.
"""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE_7TH, ROOT

HEAVY = ("weasyprint", "docx", "pydantic", "jinja2", "yaml", "babel", "rich")


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _imported(*argv: str) -> set[str]:
    """The modules a ``pressgen`` command imports (from ``python -X importtime``)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pressgen", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}


def test_import_pressgen_loads_none_of_its_dependencies() -> None:
    loaded = _python(
        "import sys, pressgen; print(' '.join(sorted(m for m in sys.modules"
        " if m.split('.')[0] in sys.argv[1:] or m.startswith('pressgen.'))))",
        *HEAVY,
    )
    assert loaded == "pressgen._version"


def test_every_public_name_imports_on_first_use() -> None:
    # `from pressgen import X` and `pressgen.X` both work, for every name in __all__.
    code = (
        "import pressgen\n"
        "for name in pressgen.__all__:\n"
        "    exec(f'from pressgen import {name}')\n"
        "    assert getattr(pressgen, name) is eval(name), name\n"
        "print(len(pressgen.__all__))"
    )
    assert _python(code) == str(len(__import__("pressgen").__all__))


def test_the_function_build_is_not_hidden_by_the_module_build() -> None:
    code = (
        "import pressgen.build, pressgen, inspect\n"
        "print(inspect.isfunction(pressgen.build), inspect.isfunction(pressgen.render))"
    )
    assert _python(code) == "True True"


def test_version_imports_nothing_of_the_library() -> None:
    imported = {m for m in _imported("--version") if m.startswith("pressgen")}
    assert imported == {"pressgen", "pressgen._version", "pressgen.cli", "pressgen.process"}


def test_check_imports_only_the_writers_of_the_formats_asked_for() -> None:
    # `check` runs every stage of render; an editor checking the text pays for no PDF.
    imported = _imported("check", str(EXAMPLE_7TH), "--format", "txt")
    assert not {m.split(".")[0] for m in imported} & {"weasyprint", "docx", "rich"}
    assert {m for m in imported if m.startswith("pressgen.writers.")} <= {"pressgen.writers.text"}


def test_weasyprint_is_imported_with_one_child_process() -> None:
    # WeasyPrint's own import asks ctypes.util.find_library for ~30 names, which
    # runs ldconfig, gcc and ld for each name the linker cache lacks.
    code = (
        "import subprocess\n"
        "count = 0\n"
        "original = subprocess.Popen.__init__\n"
        "def counting(self, *args, **kwargs):\n"
        "    global count\n"
        "    count += 1\n"
        "    original(self, *args, **kwargs)\n"
        "subprocess.Popen.__init__ = counting\n"
        "from pressgen.writers._weasyprint import weasyprint\n"
        "print(count)"
    )
    assert _python(code) == "1"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker cache is Linux's")
@pytest.mark.parametrize(
    "name",
    [
        "gobject-2.0",
        "pango-1.0",
        "harfbuzz",
        "harfbuzz-subset",
        "fontconfig",
        "pangoft2-1.0",
        "c",
        "libgobject-2.0-0",  # the Windows spelling WeasyPrint tries first
        "no-such-library-of-pressgen",
    ],
)
def test_the_cached_lookup_finds_what_ctypes_finds(name: str) -> None:
    from pressgen.writers import _weasyprint

    cache = _weasyprint._linker_cache()
    assert cache is not None
    find = _weasyprint.cached_find_library(cache, _weasyprint._abi())
    assert find(name) == ctypes.util.find_library(name)


def test_render_leaves_no_temporary_folder_and_complete_files(tmp_path: Path) -> None:
    # The command ends with os._exit: nothing may be lost or left behind by skipping
    # the interpreter's teardown (WeasyPrint copies fonts into a temporary folder).
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pressgen", "render", str(EXAMPLE_7TH), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TMPDIR": str(temporary)},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert list(temporary.iterdir()) == []
    written = sorted(Path(line) for line in result.stdout.splitlines())
    assert written == sorted(out.iterdir())
    assert {path.suffix for path in written} == {".txt", ".html", ".pdf", ".docx", ".json"}
    assert len(written) == 15  # five formats in each of its three languages
    for pdf in out.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def _render_text(cache: Path, *args: str, code: str = "") -> str:
    """The text release of the 7th meeting, made in a new process with ``cache``."""
    return _python(
        code + "import sys, pressgen\n"
        "meeting = pressgen.load_meeting(sys.argv[1])\n"
        "dirs = sys.argv[2:]\n"
        "print(pressgen.render(meeting, 'txt', template_dirs=dirs).decode())",
        str(EXAMPLE_7TH),
        *args,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )


def test_compiled_templates_are_reused_by_the_next_process(tmp_path: Path) -> None:
    first = _render_text(tmp_path)
    assert list((tmp_path / "pressgen" / "jinja").iterdir())
    # Compiling anything now fails: the next process must load every template compiled.
    no_compiling = (
        "import jinja2\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('compiled a template from source')\n"
        "jinja2.Environment._parse = refuse\n"
    )
    assert _render_text(tmp_path, code=no_compiling) == first


def test_an_edited_template_is_compiled_anew(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    name = "wording/en/sentences.xml.j2"
    (tmp_path / "own" / "wording" / "en").mkdir(parents=True)
    own = tmp_path / "own" / name
    original = (ROOT / "templates" / name).read_text(encoding="utf-8")
    assert "PRESS RELEASE" in original
    own.write_text(original, encoding="utf-8")
    assert "PRESS RELEASE" in _render_text(cache, str(tmp_path / "own"))
    own.write_text(original.replace("PRESS RELEASE", "PRESS NOTE"), encoding="utf-8")
    edited = _render_text(cache, str(tmp_path / "own"))
    assert "PRESS NOTE" in edited
    assert "PRESS RELEASE" not in edited


def test_environments_that_compile_differently_never_share_code() -> None:
    from pressgen.bytecode_cache import environment_key
    from pressgen.templating import Templates

    markup, plain = Templates(()).env, Templates((), markup=False).env
    assert environment_key(markup) != environment_key(plain)
    assert environment_key(markup) == environment_key(Templates(()).env)


@pytest.mark.parametrize("mode", [0o777, 0o775])
def test_a_cache_folder_others_may_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    # Compiled code is run: a folder someone else can write to would run their code.
    from pressgen.bytecode_cache import bytecode_cache, cache_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache_folder().mkdir(parents=True)
    cache_folder().chmod(mode)
    bytecode_cache.cache_clear()
    try:
        assert bytecode_cache() is None
        cache_folder().chmod(0o700)
        bytecode_cache.cache_clear()
        assert bytecode_cache() is not None
    finally:
        bytecode_cache.cache_clear()


def _own_pdf_css(folder: Path, extra: str) -> None:
    css = (ROOT / "templates" / "css" / "pdf.css").read_text(encoding="utf-8")
    (folder / "css").mkdir(parents=True, exist_ok=True)
    (folder / "css" / "pdf.css").write_text(css + "\n" + extra + "\n", encoding="utf-8")


def test_an_edited_stylesheet_is_parsed_anew(tmp_path: Path) -> None:
    # The parsed stylesheets are kept for the process, by their text.
    import io

    import pypdf

    import pressgen

    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    widths = []
    for size in ("A4", "A5", "A4"):
        _own_pdf_css(tmp_path, f"@page {{ size: {size} }}")
        data = pressgen.render(meeting, "pdf", template_dirs=[tmp_path])
        widths.append(round(float(pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox.width)))
    assert widths == [595, 420, 595]


def test_a_faulty_stylesheet_fails_every_render_not_only_the_first(tmp_path: Path) -> None:
    import pressgen

    meeting = pressgen.load_meeting(EXAMPLE_7TH)
    _own_pdf_css(tmp_path, "p { color: not-a-colour }")
    for _ in range(2):
        with pytest.raises(pressgen.TemplateError, match="not-a-colour"):
            pressgen.render(meeting, "pdf", template_dirs=[tmp_path])


def test_the_command_collects_garbage_again_once_the_first_input_is_done() -> None:
    # The collector is off while the libraries load (console script only); left off,
    # a batch of 120 releases grew to ~400 MB instead of ~105 MB.
    import gc

    from pressgen.batch import Outcome
    from pressgen.process import collecting_after_first

    seen: list[Outcome] = []
    done = collecting_after_first(seen.append)
    gc.disable()
    try:
        done(Outcome("first.yaml"))
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        done(Outcome("second.yaml"))
        assert [o.source for o in seen] == ["first.yaml", "second.yaml"]
    finally:
        gc.unfreeze()
        gc.enable()
