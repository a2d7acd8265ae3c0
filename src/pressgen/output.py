"""Writing output files safely: all of one release or none, never over an input.

Each file is first written to a temporary file in its own folder; only when every
file of the group is complete are they renamed over their targets. Before a target
is replaced, its old version is kept aside (a hard link, or the file itself renamed
aside where the file system has no hard links); should anything fail midway — an
error, a full disk, a file-size limit, Ctrl-C — the files already replaced are put
back as they were, so a group is never left half old, half new. The rename replaces
a symbolic link rather than writing through it.

The file operations are plain ``os`` calls, one system call each, so that what
happens when any one of them fails can be tested by replacing it.

Temporary names are short (``.pressgen-<pid>-<random>.tmp``), so that they fit
wherever the final name fits, and carry the process id: a run that finds such a
file left by a process that no longer exists (a killed run) removes it.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .errors import UsageError, WriteError

FILE_MODE = 0o644
"""Mode of written files (a temporary file is created 0600)."""
PREFIX = ".pressgen-"
"""How every temporary file pressgen makes is named: ``.pressgen-<pid>-<random>.tmp``."""
_LEFTOVER = re.compile(re.escape(PREFIX) + r"(\d+)-[A-Za-z0-9_]+\.(tmp|old)")
NAME_MAX = 255
"""Longest file name, in bytes, on the usual file systems (when the folder cannot say)."""


def check_stem(stem: str) -> str:
    """A file name stem that cannot lead outside the output folder."""
    if not isinstance(stem, str):
        raise UsageError(f"an output name is text, not {type(stem).__name__}")
    if not stem or stem in (".", "..") or any(c in stem for c in "/\\\0"):
        raise UsageError(f"output name {stem!r} is not a plain file name")
    return stem


def _identity(path: Path) -> tuple[int, int] | None:
    """The file a path leads to (after links), or None if there is none."""
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return None
    return stat.st_dev, stat.st_ino


def _key(path: Path) -> str:
    """A spelling of an output path that two names of one place share."""
    return os.path.normcase(str(path.parent.resolve() / path.name))


def check_targets(targets: Iterable[tuple[Path, str]], inputs: Iterable[Path] = ()) -> None:
    """Refuse, before anything is written, outputs that would destroy or clash.

    ``targets`` are (output path, what makes it — an input's name); an output that
    is one of ``inputs`` (compared as files, after symbolic and hard links) or that two
    inputs would both write is a :class:`UsageError` listing every such clash.
    """
    protected = {identity: path for path in inputs if (identity := _identity(path))}
    seen: dict[str, str] = {}
    problems: dict[tuple[str, str], str] = {}  # one line per pair of clashing inputs
    for path, source in targets:
        identity = _identity(path)
        if identity is not None and identity in protected:
            problems.setdefault(
                (source, str(protected[identity])),
                f"{source}: the output {path} would overwrite the input "
                f"{protected[identity]}; choose another output folder or name",
            )
        other = seen.setdefault(_key(path), source)
        if other != source:
            problems.setdefault(
                (source, other),
                f"{source}: the output {path} would also be written by {other};"
                " render them into different folders",
            )
    if problems:
        raise UsageError("\n".join(problems.values()))


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return NAME_MAX


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def clean_leftovers(folder: Path) -> None:
    """Remove the temporary files that killed runs left in ``folder``."""
    try:
        names = os.listdir(folder)  # noqa: PTH208
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.fullmatch(name)
        if match and not _alive(int(match[1])):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)  # noqa: PTH108


def _temporary(folder: Path, suffix: str) -> tuple[int, Path]:
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{PREFIX}{os.getpid()}-", suffix=suffix)
    return fd, Path(name)


def _stage(path: Path, data: bytes, temporaries: list[Path]) -> Path:
    """``data`` in a complete temporary file next to ``path``."""
    fd, staged = _temporary(path.parent, ".tmp")
    temporaries.append(staged)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fchmod(fd, FILE_MODE)
        os.fsync(fd)
    finally:
        os.close(fd)
    return staged


def _set_aside(target: Path, backup: Path) -> None:
    """Keep the current target as ``backup``: a hard link, or the file moved there."""
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        # No hard links here (some network and FAT file systems): move the old file
        # aside instead; it is moved back should the group fail.
        os.replace(target, backup)  # noqa: PTH105


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the files are renamed into place.

    The renames take a few system calls; a signal arriving meanwhile is delivered
    after them. (One whose Python handler is already pending still interrupts them:
    hence the undo.)
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file or none; return the paths written.

    On any failure, including ``KeyboardInterrupt``, the targets are as they were and
    no temporary file is left; an ``OSError`` becomes a :class:`WriteError`.
    """
    for folder in dict.fromkeys(path.parent for path in files):
        clean_leftovers(folder)
    for path in files:
        limit = _name_max(path.parent if path.parent.is_dir() else Path())
        if len(os.fsencode(path.name)) > limit:
            raise WriteError(f"{path}: cannot write: the file name is longer than {limit} bytes")
    temporaries: list[Path] = []
    staged: dict[Path, Path] = {}
    # Each target is recorded before it is touched, so that an interruption at any
    # point is undone: (target, where its old version is kept, or None if it had none).
    done: list[tuple[Path, Path | None]] = []
    kept: dict[Path, Path] = {}
    current = Path()
    try:
        for path, data in files.items():
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            staged[path] = _stage(path, data, temporaries)
        with _signals_held():
            try:
                for path, temporary in staged.items():
                    current = path
                    if os.path.lexists(path):
                        fd, backup = _temporary(path.parent, ".old")
                        os.close(fd)
                        temporaries.append(backup)
                        os.unlink(backup)  # noqa: PTH108
                        done.append((path, backup))
                        _set_aside(path, backup)
                    else:
                        done.append((path, None))
                    os.replace(temporary, path)  # noqa: PTH105
            except BaseException:
                kept = _undo(done)
                raise
            finally:
                _remove(temporaries, keep=kept)
    except BaseException as exc:
        _remove(temporaries, keep=kept)
        if isinstance(exc, OSError):
            message = f"{current}: cannot write: {exc.strerror or exc}"
            message += "".join(f"; the previous {p} is kept as {b}" for p, b in kept.items())
            raise WriteError(message) from None
        raise
    return list(files)


def _undo(done: list[tuple[Path, Path | None]]) -> dict[Path, Path]:
    """Put the targets back as they were, newest first.

    Returns the old versions that could not be put back (target → where it is), so
    that they are kept rather than removed with the temporary files.
    """
    kept: dict[Path, Path] = {}
    for path, backup in reversed(done):
        try:
            if backup is None:
                os.unlink(path)  # noqa: PTH108
            elif os.path.lexists(backup):
                os.replace(backup, path)  # noqa: PTH105
            # else: stopped before the old version was set aside; it is in place.
        except FileNotFoundError:
            pass  # stopped before the new file was renamed into place
        except OSError:
            if backup is not None:
                kept[path] = backup
    return kept


def _remove(temporaries: list[Path], keep: Mapping[Path, Path] | None = None) -> None:
    spared = set(keep.values()) if keep else set()
    for temporary in temporaries:
        if temporary not in spared:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # noqa: PTH108
