"""No input is an internal error: mutated meeting files end in a clear error or a release.

Hypothesis mutates the bytes of the examples (deletions, insertions of YAML syntax
and stray bytes, duplicated lines) within a fixed budget, derandomized so that CI
runs the same cases every time. Each mutant is loaded and rendered in the formats
that need no external program; the only exceptions allowed are pressgen's own errors
for bad input (exit code 1).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pressgen
from pressgen.load import load_checked

from .conftest import EXAMPLES

ORIGINALS = [path.read_bytes() for path in sorted(EXAMPLES.glob("*.yaml"))]
TOKENS = [
    *(b": ", b"- ", b"\n", b"\n  ", b"\t", b"[", b"]", b"{", b"}", b",", b"'", b'"', b"#"),
    *(b"&a ", b"*a", b"!!str ", b"!!python/name:os.system ", b"<<: ", b"? ", b"|\n", b">-\n"),
    *(b"~", b"null", b"yes", b"NO", b"010", b"0x10", b"1:30", b"-1", b"1e400", b".nan"),
    *(b"2017-02-30", b"2017-04-14T10:00:00Z", b"9" * 40, b"\xff", b"\x00", b"\xe2\x80\xa8"),
    *(b"kind: ", b"state: XX", b"language: ", b"number: ", b"date: ", b"status: guest"),
]


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    """An example's bytes with one to four random changes."""
    data = bytearray(draw(st.sampled_from(ORIGINALS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        change = draw(st.sampled_from(["delete", "insert", "bytes", "duplicate line"]))
        if change == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif change == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif change == "bytes":
            data[at : at + draw(st.integers(0, 4))] = draw(st.binary(min_size=1, max_size=6))
        else:
            lines = bytes(data).split(b"\n")
            line = draw(st.integers(0, len(lines) - 1))
            lines.insert(line, lines[line])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutants())
def test_no_mutated_file_is_an_internal_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "meeting.yaml"
        path.write_bytes(content)
        exit_code = 0
        try:
            meeting, _ = load_checked(path)
            for format in ("txt", "html", "json"):
                pressgen.render(meeting, format)
        except pressgen.PressgenError as error:
            exit_code = error.exit_code
        assert exit_code in (0, 1)
