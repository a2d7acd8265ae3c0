"""Many releases at once: the batch CLI, render_many on any executor, no wasted work."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

import pressgen
from pressgen.cli import main

from .conftest import EXAMPLE_7TH, EXAMPLES

ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


def test_batch_cli_renders_in_parallel_and_one_failure_stops_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("number: [", encoding="utf-8")
    out = tmp_path / "out"
    files = [str(p) for p in ALL_EXAMPLES[:2]] + [str(bad)] + [str(p) for p in ALL_EXAMPLES[2:]]
    code = main(["render", *files, "--jobs", "2", "-f", "txt,html", "--lang", "en", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{p.stem}{suffix}" for p in ALL_EXAMPLES for suffix in (".txt", ".html")
    )
    err = captured.err.splitlines()
    progress = [line for line in err if line.startswith("[")]
    assert len(progress) == len(files)
    assert f"{bad}: failed" in "\n".join(progress)
    assert err[-2].startswith(f"{bad}:1:10: not valid YAML")
    assert err[-1].startswith(
        f"rendered {len(ALL_EXAMPLES)} of {len(files)} inputs ({2 * len(ALL_EXAMPLES)} files) in "
    )
    assert err[-1].endswith("; 1 failed")
    assert captured.out.splitlines() == [
        str(out / f"{p.stem}{suffix}") for p in ALL_EXAMPLES for suffix in (".txt", ".html")
    ]


@pytest.mark.parametrize("jobs", ["0", "-1", "many"])
def test_jobs_must_be_positive(jobs: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["render", str(EXAMPLE_7TH), "--jobs", jobs])
    assert caught.value.code == 2


@pytest.mark.parametrize("kind", ["none", "threads", "processes"])
def test_render_many_on_any_executor(kind: str, tmp_path: Path, meeting: pressgen.Meeting) -> None:
    items: list[object] = [*ALL_EXAMPLES, meeting, tmp_path / "missing.yaml"]
    if kind == "none":
        outcomes = pressgen.render_many(items, ["txt"], tmp_path, languages=["en"])  # type: ignore[arg-type]
    else:
        pool = (
            ThreadPoolExecutor(2)
            if kind == "threads"
            else ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"))
        )
        with pool:
            outcomes = pressgen.render_many(  # type: ignore[arg-type]
                items, ["txt"], tmp_path, executor=pool, languages=["en"]
            )
    assert [o.ok for o in outcomes] == [True] * len(ALL_EXAMPLES) + [True, False]
    assert outcomes[-1].exit_code == 1
    assert outcomes[-1].messages == (f"{tmp_path / 'missing.yaml'}: no such file",)
    assert outcomes[-2].source == f"<meeting {len(ALL_EXAMPLES) + 1}>"
    assert outcomes[-2].paths == (tmp_path / "sco-07-astana-2017.txt",)
    for example, outcome in zip(ALL_EXAMPLES, outcomes, strict=False):
        assert outcome.paths == (tmp_path / f"{example.stem}.txt",)
        assert outcome.paths[0].read_bytes() == pressgen.render(
            pressgen.load_meeting(example), "txt"
        )


def _pdf_and_font_config(path: str) -> tuple[int, int]:
    from pressgen.writers import pdf

    pressgen.render(pressgen.load_meeting(path), "pdf")
    return os.getpid(), id(pdf.font_config())


def test_one_font_configuration_per_worker_process() -> None:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_pdf_and_font_config, [str(EXAMPLE_7TH)] * 3))
    assert len(set(results)) == 1


@pytest.mark.parametrize("formats", ["txt", "html", "txt,html"])
def test_text_and_html_never_import_weasyprint_or_python_docx(formats: str, tmp_path: Path) -> None:
    code = (
        "import sys, pressgen.cli; code = pressgen.cli.main(sys.argv[1:]); "
        "print(code, sorted(m for m in ('weasyprint', 'docx') if m in sys.modules))"
    )
    args = ["render", str(EXAMPLE_7TH), "--format", formats, "--out", str(tmp_path), "--jobs", "1"]
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_render_many_on_a_local_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        outcomes = pressgen.render_many(
            ALL_EXAMPLES,
            ["txt", "docx"],
            tmp_path,
            executor=client.get_executor(),
            languages=["en"],
        )
    assert all(o.ok for o in outcomes), outcomes
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{p.stem}{suffix}" for p in ALL_EXAMPLES for suffix in (".txt", ".docx")
    )
