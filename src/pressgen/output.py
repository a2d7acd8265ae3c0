"""Writing output files safely: all of one release or none, never half a file.

Each file is written to a temporary file in its own folder and renamed over the
target only when every file of the group is complete, so a crash or a full disk
leaves no partial file and the previous version intact. The rename replaces a
symbolic link rather than writing through it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import WriteError

FILE_MODE = 0o644
"""Mode of written files (a temporary file is created 0600)."""


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file or none; return the paths written."""
    staged: list[tuple[str, Path]] = []
    current = Path()
    try:
        for path, data in files.items():
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".part"
            )
            staged.append((temporary, path))
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            Path(temporary).chmod(FILE_MODE)
        for temporary, path in staged:
            current = path
            Path(temporary).replace(path)
    except OSError as exc:
        for temporary, _path in staged:
            Path(temporary).unlink(missing_ok=True)
        raise WriteError(f"{current}: cannot write: {exc.strerror or exc}") from None
    return list(files)
