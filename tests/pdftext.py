"""Reading a PDF back as a reader sees it: per page, per line, without page furniture."""

from __future__ import annotations

import re
import subprocess

import pressgen
from pressgen.writers.presentation import running_head

NB = "\u00a0"
FOOTER = re.compile(r"Page \d+ of \d+")


def pdftotext(data: bytes, *args: str) -> str:
    """The PDF's text by poppler's pdftotext, in the content's order (``-raw``).

    ``-raw`` keeps a hyphen that ends a line where it is: the default mode would join
    "Director-" and "General" into "DirectorGeneral".
    """
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", *args, "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def page_count(data: bytes) -> int:
    """The number of pages, by pdfinfo."""
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout
    match = re.search(rb"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert match is not None, info
    return int(match[1])


def pages(data: bytes) -> list[str]:
    """The text of each page."""
    return [pdftotext(data, "-f", str(n), "-l", str(n)) for n in range(1, page_count(data) + 1)]


def is_furniture(line: str, release: pressgen.Release) -> bool:
    """The letterhead (set letter-spaced), a running head or a page footer."""
    squeezed = line.replace(" ", "")
    head = running_head(release).replace(" ", "")
    return (
        squeezed == release.meta.publisher.upper().replace(" ", "")
        or squeezed == head
        or (squeezed.endswith("\u2026") and head.startswith(squeezed[:-1]))  # cut short
        or FOOTER.fullmatch(line.strip()) is not None
    )


def body_lines(text: str, release: pressgen.Release) -> list[str]:
    """The lines of text that are the release's, not the page's furniture."""
    return [line for line in text.splitlines() if line.strip() and not is_furniture(line, release)]


def words(text: str) -> list[str]:
    """The words of a text; a hyphen that ends a line joins the line's last word to the next."""
    return re.sub(r"-\n", "-", text).replace(NB, " ").split()
