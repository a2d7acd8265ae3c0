"""(d) Cost against release length: 1, 5 and 20 pages, every format.

    .venv/bin/python benchmarks/length.py [--runs 9]

The example meeting with its discussion repeated until the PDF has the wanted
number of pages. Prints the median time per release and per page; linear growth
shows as a steady cost per page beyond the fixed cost of a release.
"""

from __future__ import annotations

import argparse
import io
import statistics

from formats import EXAMPLE
from pypdf import PdfReader
from timing import interleaved, machine

import pressgen

FORMATS = ("txt", "html", "pdf", "docx")


def pdf_pages(meeting: pressgen.Meeting) -> int:
    return len(PdfReader(io.BytesIO(pressgen.render(meeting, "pdf"))).pages)


def meeting_with_pages(base: pressgen.Meeting, pages: int) -> pressgen.Meeting:
    """The meeting with as many discussion paragraphs (the example's, cycled) as fill
    ``pages`` pages of PDF, starting from none."""
    count = 0
    while True:
        data = base.model_dump()
        data["discussion"] = [base.discussion[i % len(base.discussion)] for i in range(count)]
        meeting = pressgen.Meeting.model_validate(data)
        have = pdf_pages(meeting)
        if have >= pages:
            return meeting
        count += max(1, (pages - have) * 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    print(machine())
    base = pressgen.load_meeting(EXAMPLE)
    meetings = {pages: meeting_with_pages(base, pages) for pages in (1, 5, 20)}
    rows = []
    for fmt in FORMATS:
        times = interleaved(
            {str(p): (lambda m=m, fmt=fmt: pressgen.render(m, fmt)) for p, m in meetings.items()},
            runs,
            warmup=1,
        )
        medians = {int(p): statistics.median(t) for p, t in times.items()}
        slope = (medians[20] - medians[5]) / 15
        rows.append((fmt, medians, slope))
    print("format    1 page    5 pages   20 pages   per page (5→20)   20 pages / 5 pages")
    for fmt, medians, slope in rows:
        cells = " ".join(f"{medians[p] * 1000:8.1f} ms" for p in (1, 5, 20))
        print(f"{fmt:<6} {cells} {slope * 1000:12.2f} ms {medians[20] / medians[5]:14.2f}")
    pages_check = {p: pdf_pages(m) for p, m in meetings.items()}
    print(f"pages of the PDFs measured: {pages_check}")


if __name__ == "__main__":
    main()
