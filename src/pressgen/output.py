"""Writing output files safely: all of one release or none, never half a file.

Each file is written to a temporary file in its own folder; only when every file of
the group is complete are they renamed over their targets. Should a rename fail
midway, the files already replaced are put back as they were (from hard links
taken just before), so a group is never left half old, half new. A crash or a full
disk leaves no partial file and the previous versions intact. The rename replaces a
symbolic link rather than writing through it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import UsageError, WriteError

FILE_MODE = 0o644
"""Mode of written files (a temporary file is created 0600)."""


def check_stem(stem: str) -> str:
    """A file name stem that cannot lead outside the output folder."""
    if not stem or stem in (".", "..") or any(c in stem for c in "/\\\0"):
        raise UsageError(f"output name {stem!r} is not a plain file name")
    return stem


def _temporary(path: Path, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    return Path(name)


def _stage(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    staged = Path(name)
    staged.chmod(FILE_MODE)
    return staged


def _backup(target: Path) -> Path | None:
    """A hard link to the current target (the link itself if it is a symlink)."""
    if not target.exists() and not target.is_symlink():
        return None
    backup = _temporary(target, ".old")
    backup.unlink()
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        return None
    return backup


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file or none; return the paths written."""
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path | None] = {}
    current = Path()
    try:
        for path, data in files.items():
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            staged[path] = _stage(path, data)
        for path, temporary in staged.items():
            current = path
            backups[path] = _backup(path)
            temporary.replace(path)
    except OSError as exc:
        _undo(staged, backups)
        raise WriteError(f"{current}: cannot write: {exc.strerror or exc}") from None
    finally:
        for backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)
    return list(files)


def _undo(staged: Mapping[Path, Path], backups: Mapping[Path, Path | None]) -> None:
    for temporary in staged.values():
        temporary.unlink(missing_ok=True)
    for path, backup in backups.items():
        with contextlib.suppress(OSError):
            if backup is not None:
                backup.replace(path)
            else:
                path.unlink(missing_ok=True)
