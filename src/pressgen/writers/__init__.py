"""The writers: one per output format, all with one signature, in one registry.

A writer is ``write(release: Release, options: Options) -> bytes``. The registry maps
a format name to its module, file suffix and whether the output is binary; modules
are imported only when their format is asked for, so rendering text never loads
WeasyPrint or python-docx.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..tree import Release

PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")
"""PDF variants on offer: archival PDF/A-3b, and tagged, accessible PDF/UA-1."""


@dataclass(frozen=True)
class Options:
    """Options a writer may use; each writer ignores those that are not its own."""

    template_dirs: tuple[Path, ...] = ()
    """The user's template folders, searched before the package's own."""
    pdf_variant: str | None = None
    """PDF only: None for plain PDF, "pdf/a-3b" (archival) or "pdf/ua-1" (accessible)."""
    docx_template: Path | None = None
    """DOCX only: a .docx of the user's to use instead of the template folders' one."""


WriteFunction = Callable[[Release, Options], bytes]


@dataclass(frozen=True)
class Writer:
    """A registered output format."""

    name: str
    """Format name, as given to ``--format``: "txt"."""
    suffix: str
    """File name suffix, with the dot: ".txt"."""
    binary: bool
    """Whether the output is binary (not UTF-8 text)."""
    module: str = field(repr=False)
    """The module (in this package) whose ``write`` function produces it."""

    def load(self) -> WriteFunction:
        """The writer's ``write`` function, importing its module on first use."""
        module = importlib.import_module(f"{__name__}.{self.module}")
        function: WriteFunction = module.write
        return function


REGISTRY: dict[str, Writer] = {
    writer.name: writer
    for writer in (
        Writer("txt", ".txt", binary=False, module="text"),
        Writer("html", ".html", binary=False, module="html"),
        Writer("pdf", ".pdf", binary=True, module="pdf"),
        Writer("docx", ".docx", binary=True, module="docx"),
        Writer("json", ".json", binary=False, module="json"),
    )
}
"""Every output format, by name, in the order they are written."""


def get(name: str) -> Writer:
    """The writer of a format, or a :class:`UsageError` naming the known ones."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; known formats: {', '.join(REGISTRY)}") from None
