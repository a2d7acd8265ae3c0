"""Worker processes for a batch: each input to one worker, stopped promptly when told.

A :class:`concurrent.futures.ProcessPoolExecutor` is not enough for the command line:
a worker killed by the system (out of memory, say) breaks the whole pool and fails
every queued input, and on Ctrl-C its workers finish their jobs before the pool
shuts down. Here each worker has its own pipe and takes one input at a time, so:

- a worker that dies fails only the input it held, and a new one takes its place;
- on Ctrl-C or SIGTERM (turned into :class:`Stop` by the command line) the queued
  inputs are dropped and every worker is asked to stop (SIGTERM: its write is rolled
  back, see :mod:`pressgen.output`), then killed if it has not ended within half a
  second; :class:`Stopped` carries what was finished.

Workers are forked while the caller runs no other thread, else started by a fork
server (a clean, single-threaded process). Each worker ignores Ctrl-C, which a
terminal sends to the whole process group: the parent decides.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any, Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")

GRACE = 0.5
"""Seconds a worker has to end after SIGTERM before it is killed."""


class Stop(KeyboardInterrupt):
    """A request to stop, raised in the main thread by a signal handler (SIGTERM)."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Stopped(KeyboardInterrupt, Generic[R]):
    """A batch was stopped; ``results`` maps input index → result of those finished."""

    def __init__(self, signum: int, results: dict[int, R]) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.results = results


def signal_name(signum: int) -> str:
    """``9`` → ``"SIGKILL"``."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # SystemExit unwinds through the write in progress, which rolls back and
    # removes its temporary files; the worker then ends.
    raise SystemExit(128 + signum)


def _die_with_parent() -> None:
    """Linux: end this worker when its parent ends, even if the parent was killed."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _serve(connection: Connection, function: Callable[[Any], Any]) -> None:
    """A worker's life: run each (index, item) received and send back (index, result)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if hasattr(signal, "SIGXFSZ"):  # a file-size limit: an error to report, not a kill
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _die_with_parent()
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        connection.send((index, function(item)))


def _context() -> BaseContext:
    """Fork while this process runs no other thread (a worker starts in milliseconds);
    else a fork server (about a second, once), since a fork while another thread holds
    a lock can leave the child stuck."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pressgen.batch"])
        return context
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: BaseContext, function: Callable[[Any], Any]) -> None:
        self.connection, child = context.Pipe()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, function), daemon=True
        )
        self.process.start()
        child.close()
        self.index: int | None = None

    def result(self) -> tuple[bool, Any]:
        """(True, result) if the worker answered, (False, None) if it died instead."""
        if self.connection.poll():
            with contextlib.suppress(EOFError, OSError):
                _, result = self.connection.recv()
                return True, result
        self.process.join(GRACE)
        return False, None


def _stop(workers: Sequence[_Worker], at_once: bool) -> None:
    """End the workers: politely when done, by SIGTERM then SIGKILL when stopping."""
    for worker in workers:
        with contextlib.suppress(OSError):
            if at_once:
                worker.process.terminate()
            else:
                worker.connection.send(None)
    deadline = time.monotonic() + (GRACE if at_once else 5.0)
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()


class Pool(Generic[J, R]):
    """``processes`` worker processes running ``function``, started at once.

    Use it as a context manager: leaving it ends the workers (at once if an exception
    is on its way). Start it before any other thread (a progress bar's), so that the
    workers are forked, which is fastest.
    """

    def __init__(self, function: Callable[[J], R], processes: int) -> None:
        self.function = function
        self.workers: list[_Worker] = []
        for _ in range(processes):
            self.workers.append(_Worker(_context(), function))

    def __enter__(self) -> Pool[J, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(at_once=kind is not None)

    def close(self, at_once: bool = False) -> None:
        """End the workers (see :func:`_stop`)."""
        _stop(self.workers, at_once)
        self.workers = []

    def _replace(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.connection.close()
        self.workers.append(_Worker(_context(), self.function))

    def run(
        self,
        items: Sequence[J],
        on_result: Callable[[int, R], None],
        lost: Callable[[int, int], R],
    ) -> list[R]:
        """The function over ``items``; results in input order.

        ``on_result(index, result)`` is called as each finishes; ``lost(index, exit
        code)`` makes the result of an input whose worker died. Raises
        :class:`Stopped` on Ctrl-C or :class:`Stop`, once every worker has ended.
        """
        queue = deque(range(len(items)))
        results: dict[int, R] = {}

        def finish(index: int, result: R) -> None:
            results[index] = result
            on_result(index, result)

        try:
            while queue or any(w.index is not None for w in self.workers):
                self._assign(items, queue)
                busy = [w for w in self.workers if w.index is not None]
                if not busy:
                    continue
                wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
                for worker in busy:
                    if not worker.connection.poll() and worker.process.is_alive():
                        continue
                    held, worker.index = worker.index, None
                    assert held is not None
                    answered, result = worker.result()
                    if answered:
                        finish(held, result)
                    else:
                        finish(held, lost(held, worker.process.exitcode or 0))
                        self._replace(worker)
        except KeyboardInterrupt as interrupt:
            for worker in self.workers:  # answers already sent count as done
                if worker.index is not None and worker.connection.poll():
                    with contextlib.suppress(EOFError, OSError):
                        finish(*worker.connection.recv())
            self.close(at_once=True)
            signum = interrupt.signum if isinstance(interrupt, Stop) else signal.SIGINT
            raise Stopped(signum, results) from None
        return [results[index] for index in range(len(items))]

    def _assign(self, items: Sequence[J], queue: deque[int]) -> None:
        """Give each idle worker the next queued input."""
        for worker in list(self.workers):
            if worker.index is None and queue:
                index = queue.popleft()
                try:
                    worker.connection.send((index, items[index]))
                except OSError:  # it died while idle: not the input's fault
                    queue.appendleft(index)
                    self._replace(worker)
                    continue
                worker.index = index
