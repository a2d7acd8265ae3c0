"""Many releases at once: the batch CLI, render_many on any executor, no wasted work."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import IO, Any, TypeVar

import psutil
import pytest

import pressgen
from pressgen import batch, pool
from pressgen.cli import main

from .conftest import EXAMPLE_7TH, EXAMPLES

ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))
T = TypeVar("T")


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
            outcomes = pressgen.render_many(
                items,  # type: ignore[arg-type]
                ["txt"],
                tmp_path,
                executor=pool,
                languages=["en"],
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
            dashboard_address="127.0.0.1:0",  # any free port: 8787 may be taken
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


# -- batches stop cleanly -------------------------------------------------------------------

BATCH_FORMATS = "txt,pdf,docx"


def _copies(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"meeting-{i:02d}.yaml" for i in range(count)]
    for path in paths:
        shutil.copy(EXAMPLE_7TH, path)
    return paths


def _first_line(stream: IO[str], timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    assert selector.select(timeout), "the batch printed no progress"
    return stream.readline()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_stops_a_parallel_batch_within_a_second(signum: int, tmp_path: Path) -> None:
    inputs = _copies(tmp_path / "in", 12)
    out = tmp_path / "out"
    argv = ["render", *map(str, inputs), "--jobs", "2", "--format", BATCH_FORMATS, "--lang", "en"]
    process = subprocess.Popen(
        [sys.executable, "-m", "pressgen", *argv, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell job has
    )
    try:
        assert process.stderr is not None
        first = _first_line(process.stderr, timeout=60)
        assert first.startswith("[1/12] ")
        assert first.endswith(": ok\n")
        descendants = psutil.Process(process.pid).children(recursive=True)
        assert len(descendants) >= 2  # the workers
        signalled = time.monotonic()
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)  # a terminal's Ctrl-C reaches the whole group
        else:
            process.send_signal(signum)  # a service manager signals the main process
        stdout, stderr = process.communicate(timeout=10)
        elapsed = time.monotonic() - signalled
        # Processes already exiting get a moment; one still running after it is an
        # orphan. (A zombie holds nothing; whether one is reaped is up to the init.)
        _, alive = psutil.wait_procs(descendants, timeout=1.0)
        orphans = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == 128 + signum, stderr
    assert elapsed < 2.0
    assert orphans == []
    listed = stdout.splitlines()
    assert sorted(listed) == sorted(str(p) for p in out.iterdir())
    names = {Path(line).stem for line in listed}
    assert len(listed) == 3 * len(names)  # all files of an input, or none
    lines = (first + stderr).splitlines()
    name = signal.Signals(signum).name
    not_done = [line for line in lines if line.endswith(f": not rendered: stopped by {name}")]
    assert len(not_done) + len(names) == len(inputs)
    assert not_done
    assert lines[-1].startswith(
        f"rendered {len(names)} of {len(inputs)} inputs ({len(listed)} files)"
    )
    assert lines[-1].endswith(f"; stopped: {len(not_done)} not rendered")


def _render_or_die(job: batch.Job) -> batch.Outcome:
    if "doomed" in job.source:
        os.kill(os.getpid(), signal.SIGKILL)
    return batch.run_job(job)


@pytest.mark.parametrize("threads", [False, True], ids=["forked", "from the fork server"])
def test_a_worker_killed_by_the_system_fails_only_its_input(threads: bool, tmp_path: Path) -> None:
    inputs = _copies(tmp_path / "in", 5)
    doomed = inputs[1].rename(inputs[1].with_name("doomed.yaml"))
    inputs[1] = doomed
    jobs = batch.jobs(inputs, ["txt"], tmp_path / "out", languages=["en"])
    results: list[batch.Outcome] = []
    # With another thread running (a progress bar's), workers are not forked from
    # this process but started by the fork server.
    done = threading.Event()
    other = threading.Thread(target=done.wait) if threads else None
    if other:
        other.start()
    try:
        with pool.Pool(_render_or_die, 2) as workers:
            outcomes = workers.run(jobs, lambda _, o: results.append(o), batch._lost(jobs))
    finally:
        done.set()
        if other:
            other.join()
    assert [o.ok for o in outcomes] == [True, False, True, True, True]
    assert outcomes[1].messages == (f"{doomed}: not rendered: its worker process ended (SIGKILL)",)
    assert outcomes[1].exit_code == 3
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{p.stem}.txt" for p in inputs if p != doomed
    )
    assert len(results) == len(inputs)


class _BrokenExecutor(Executor):
    """An executor whose every job fails, as a process pool does when a worker dies."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        return future


def test_render_many_has_one_outcome_per_input_when_the_executor_fails(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    shut = ThreadPoolExecutor(1)
    shut.shutdown()
    for executor, message in [
        (_BrokenExecutor(), "the executor failed: concurrent.futures.process.BrokenProcessPool:"
         " a child process terminated abruptly"),
        (shut, "the executor refused it: RuntimeError: cannot schedule new futures after shutdown"),
    ]:  # fmt: skip
        outcomes = pressgen.render_many(ALL_EXAMPLES, ["txt"], tmp_path, executor=executor)
        assert [o.messages for o in outcomes] == [(f"{p}: {message}",) for p in ALL_EXAMPLES]
        assert {o.exit_code for o in outcomes} == {3}
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_copied_meeting_fails_only_its_own_input(
    tmp_path: Path, meeting: pressgen.Meeting
) -> None:
    bad = meeting.model_copy(update={"number": "seven"})
    outcomes = pressgen.render_many([bad, ALL_EXAMPLES[1]], ["txt"], tmp_path)
    assert outcomes[0].messages == (
        "number: whole number expected, not the text 'seven'; write it without quotes",
    )
    assert outcomes[1].paths == (tmp_path / f"{ALL_EXAMPLES[1].stem}.txt",)
