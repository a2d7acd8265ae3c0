"""``pressgen preview``: the release in the browser, rebuilt whenever its file is saved.

Three parts, each in its own thread: a :class:`Preview` holds the last build (the
HTML writer's page, the problems of the file), the watcher rebuilds it when the file
changes, and a local web server (:mod:`pressgen.preview_http`) shows it and tells
the open page, through server-sent events, to reload.

The watcher is watchfiles: a small, well-kept binding to the Rust ``notify`` crate
(inotify on Linux, FSEvents on macOS, polling as a fallback) that the uvicorn and
FastAPI reloaders use. It watches the file's folder, not the file: editors save by
writing a new file and renaming it over the old one, which ends a watch on the file
itself. Nothing is ever written: the PDF and DOCX are rendered in memory on request.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import webbrowser
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from .build import render
from .errors import DataError, Location, PressgenError, Problem, UsageError
from .load import load_checked
from .model import Meeting

DEBOUNCE_MS = 300
"""Longest time changes are gathered before a rebuild (an editor's save is several)."""
STEP_MS = 30
"""Quiet time after a change before the rebuild starts."""


@dataclass(frozen=True)
class Build:
    """What the preview shows: the last page that built, and the file's problems now."""

    version: int
    """Counts the builds; the page in the browser reloads when it is not the latest."""
    page: bytes | None = None
    """The HTML writer's page of the last good state; None until one has built."""
    meeting: Meeting | None = None
    """The meeting of that page, for the PDF and DOCX downloads."""
    problems: tuple[str, ...] = ()
    """Errors and warnings as ``check`` prints them (FILE:LINE:COL: field: message)."""
    failed: bool = False
    """Whether the file as it is now fails (then ``page`` is an older state, or None)."""


class Preview:
    """The builds of one meeting file; thread-safe."""

    def __init__(
        self,
        file: str | os.PathLike[str],
        *,
        template_dirs: Sequence[str | os.PathLike[str]] = (),
        language: str | None = None,
    ) -> None:
        self.file = Path(file)
        self.template_dirs = tuple(Path(d) for d in template_dirs)
        self.language = language
        self._render_lock = threading.Lock()  # one render at a time (WeasyPrint, Jinja caches)
        self._changed = threading.Condition()
        self._build = Build(0)
        self._closed = False

    @property
    def current(self) -> Build:
        """The latest build."""
        with self._changed:
            return self._build

    def _check_language(self, meeting: Meeting) -> None:
        wanted = self.language
        if wanted is None or wanted.lower() in {
            meeting.language.lower(),
            meeting.language.split("-")[0].lower(),
        }:
            return
        raise DataError(
            [
                Problem(
                    f"the release is written in {meeting.language}, not in {wanted} (--lang)",
                    Location(str(self.file)),
                    "language",
                )
            ]
        )

    def rebuild(self) -> Build:
        """Load and render the file again; keep the last good page if it fails."""
        previous = self.current
        page, meeting = previous.page, previous.meeting
        with self._render_lock:
            try:
                meeting, warnings = load_checked(self.file)
                self._check_language(meeting)
                page = render(meeting, "html", template_dirs=self.template_dirs)
                problems, failed = tuple(str(w) for w in warnings), False
            except PressgenError as error:
                problems, failed = tuple(error.lines()), True
                page, meeting = previous.page, previous.meeting
            except Exception as error:  # a bug of ours: show it, keep serving
                problems = (f"pressgen: internal error: {type(error).__name__}: {error}",)
                failed, page, meeting = True, previous.page, previous.meeting
        with self._changed:
            self._build = Build(self._build.version + 1, page, meeting, problems, failed)
            self._changed.notify_all()
            return self._build

    def download(self, format: str) -> bytes | None:
        """The last good state in another format, rendered in memory; None before any."""
        meeting = self.current.meeting
        if meeting is None:
            return None
        with self._render_lock:
            return render(meeting, format, template_dirs=self.template_dirs)

    def wait(self, version: int, timeout: float) -> Build | None:
        """The first build newer than ``version``, within ``timeout`` s; None when closed."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._closed or self._build.version != version, timeout=timeout
            )
            return None if self._closed else self._build

    def close(self) -> None:
        """Release everyone waiting for a build."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def watch(preview: Preview, stop: threading.Event) -> None:
    """Rebuild the preview whenever its file changes, until ``stop`` is set."""
    import watchfiles  # imported here: only the preview needs it

    name = preview.file.name

    def is_the_file(change: watchfiles.Change, path: str) -> bool:
        return Path(path).name == name

    try:
        for _ in watchfiles.watch(
            preview.file.parent,
            watch_filter=is_the_file,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=stop,
            recursive=False,
            raise_interrupt=False,
        ):
            for line in preview.rebuild().problems:
                print(line, file=sys.stderr)
    except Exception as error:  # the folder went away, the system's watch limit: say so
        print(f"pressgen: no longer watching {preview.file}: {error}", file=sys.stderr)


def _open_browser(url: str) -> None:
    # Without a graphical session, webbrowser would start a text browser (lynx, w3m)
    # in this terminal; the address is printed anyway.
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return
    threading.Thread(target=webbrowser.open, args=(url,), name="browser", daemon=True).start()


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    # SIGTERM (a process manager, a test) stops the preview as Ctrl-C does.
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def serve(
    file: str | os.PathLike[str],
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    language: str | None = None,
    port: int = 0,
    open_browser: bool = True,
) -> int:
    """Preview a meeting file in the browser until Ctrl-C; print the address first.

    Returns the exit code: 0, for Ctrl-C is how a preview ends.
    """
    from .preview_http import make_server

    preview = Preview(file, template_dirs=template_dirs, language=language)
    if not preview.file.is_file():
        raise DataError([Problem("no such file", Location(str(file)))])
    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {port}")
    for line in preview.rebuild().problems:
        print(line, file=sys.stderr)
    try:
        server = make_server(preview, port)
    except OSError as error:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {error.strerror}") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), name="watch", daemon=True)
    with _terminate_as_interrupt():
        try:
            watcher.start()
            print(url, flush=True)
            print(f"pressgen: previewing {file} at {url} (Ctrl-C stops)", file=sys.stderr)
            if open_browser:
                _open_browser(url)
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            preview.close()
            server.server_close()
            watcher.join(timeout=2)
    return 0
