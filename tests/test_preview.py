"""``pressgen preview``: what it serves, what it refuses, and the whole loop in a browser."""

from __future__ import annotations

import datetime
import http.client
import io
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

import pressgen
from pressgen.cli import main
from pressgen.preview import Preview
from pressgen.preview_http import PreviewServer, make_server

from .conftest import EXAMPLE_7TH


def _date_line(text: str) -> re.Match[str]:
    match = re.search(r"^date: (\d{4}-\d{2}-\d{2})\s*$", text, re.M)
    assert match, "the example has no top-level date line"
    return match


def _next_day(file: Path) -> str:
    """Move the meeting one day on, as an editor saves (a new file renamed over the old)."""
    text = file.read_text(encoding="utf-8")
    match = _date_line(text)
    day = datetime.date.fromisoformat(match.group(1)) + datetime.timedelta(days=1)
    spare = file.with_name(f".{file.name}.swp")
    spare.write_text(f"{text[: match.start(1)]}{day}{text[match.end(1) :]}", encoding="utf-8")
    spare.replace(file)
    return f"{day.day} {day:%B %Y}"


def _break(file: Path) -> int:
    """Give the date twice (written in place); the line of the second one."""
    text = file.read_text(encoding="utf-8")
    file.write_text(f"{text.rstrip()}\n{_date_line(text).group(0).strip()}\n", encoding="utf-8")
    return text.rstrip().count("\n") + 2


def _fix(file: Path) -> None:
    """Take the last line (the second date) out again."""
    text = file.read_text(encoding="utf-8")
    file.write_text(text.rstrip().rsplit("\n", 1)[0] + "\n", encoding="utf-8")


def _copy(tmp_path: Path) -> Path:
    file = tmp_path / "meeting.yaml"
    file.write_bytes(EXAMPLE_7TH.read_bytes())
    return file


@contextmanager
def _serving(preview: Preview) -> Iterator[PreviewServer]:
    server = make_server(preview)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        preview.close()
        server.shutdown()
        server.server_close()


def _get(
    server: PreviewServer, path: str, host: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_preview_serves_the_html_writers_page_as_it_is(tmp_path: Path) -> None:
    file = _copy(tmp_path)
    preview = Preview(file)
    preview.rebuild()
    with _serving(preview) as server:
        assert server.server_address[0] == "127.0.0.1"
        status, headers, body = _get(server, "/release.html")
        assert status == 200
        assert body == pressgen.render(pressgen.load_meeting(file), "html")
        assert "script-src 'none'" in headers["Content-Security-Policy"]
        status, _, page = _get(server, "/")
        assert status == 200
        assert b'<iframe id="release"' in page
        assert b'id="problems"' not in page


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1", "localhost:1", ""]
)
def test_preview_refuses_other_hosts(tmp_path: Path, host: str) -> None:
    # A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) sends its name.
    preview = Preview(_copy(tmp_path))
    preview.rebuild()
    with _serving(preview) as server:
        wrong = host.format(port=server.server_address[1])
        for path in ("/", "/release.html", "/release.pdf", "/events"):
            status, _, _ = _get(server, path, host=wrong)
            assert status == 403, path
        assert _get(server, "/", host=f"localhost:{server.server_address[1]}")[0] == 200


@pytest.mark.parametrize(
    "path", ["/meeting.yaml", "/../meeting.yaml", "/%2e%2e/meeting.yaml", "/css/release.css"]
)
def test_preview_serves_no_file_from_disk(tmp_path: Path, path: str) -> None:
    preview = Preview(_copy(tmp_path))
    preview.rebuild()
    with _serving(preview) as server:
        assert _get(server, path)[0] == 404


def test_preview_shows_errors_with_their_lines_over_the_last_good_page(tmp_path: Path) -> None:
    file = _copy(tmp_path)
    preview = Preview(file)
    good = preview.rebuild()
    line = _break(file)
    broken = preview.rebuild()
    assert broken.failed
    assert broken.version > good.version
    assert broken.page == good.page
    with _serving(preview) as server:
        _, _, page = _get(server, "/")
    panel = page.decode()
    assert f"{file}:{line}:1: date:" in panel
    assert "Below is its last version that built." in panel
    assert '<iframe id="release"' in panel


def test_preview_of_a_file_that_never_built_shows_only_the_panel(tmp_path: Path) -> None:
    file = tmp_path / "meeting.yaml"
    file.write_text("kind: press-release\nnumber: [\n", encoding="utf-8")
    preview = Preview(file)
    assert preview.rebuild().failed
    with _serving(preview) as server:
        _, _, page = _get(server, "/")
        assert f"{file}:".encode() in page
        assert b"No version of it has built yet." in page
        assert b"<iframe" not in page
        assert _get(server, "/release.pdf")[0] == 409
        assert _get(server, "/release.html")[0] == 404


def test_preview_downloads_are_rendered_in_memory(tmp_path: Path) -> None:
    file = _copy(tmp_path)
    preview = Preview(file)
    preview.rebuild()
    with _serving(preview) as server:
        status, headers, docx = _get(server, "/release.docx")
    assert status == 200
    assert headers["Content-Disposition"] == 'attachment; filename="meeting.docx"'
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert "Astana" in archive.read("word/document.xml").decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.yaml"]


def test_preview_refuses_a_language_the_file_is_not_in(tmp_path: Path) -> None:
    preview = Preview(_copy(tmp_path), language="ru")
    build = preview.rebuild()
    assert build.failed
    assert build.page is None
    assert any("language: the release is written in en-GB, not in ru" in p for p in build.problems)


def test_preview_tells_the_page_of_every_new_build(tmp_path: Path) -> None:
    preview = Preview(_copy(tmp_path))
    preview.rebuild()
    with _serving(preview) as server:
        port = server.server_address[1]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/events")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "text/event-stream"
        lines = [response.readline() for _ in range(4)]
        assert lines[2:] == [b"data: 1\n", b"\n"]
        preview.rebuild()
        assert [response.readline() for _ in range(2)] == [b"data: 2\n", b"\n"]
        connection.close()


def test_preview_on_a_port_in_use_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["preview", str(_copy(tmp_path)), "--port", str(port), "--no-browser"])
    assert code == 2
    assert capsys.readouterr().err.endswith(
        f"cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )


def test_preview_of_a_missing_file_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "pressgen", "preview", str(missing), "--no-browser"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == f"{missing}: no such file\n"


@contextmanager
def _preview_process(file: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``pressgen preview FILE`` as a user runs it; its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pressgen", "preview", str(file), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            assert selector.select(timeout=60), "the preview printed no address"
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url), url
        yield url, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_ctrl_c_stops_the_preview_cleanly(tmp_path: Path) -> None:
    with _preview_process(_copy(tmp_path)) as (_, process):
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in stderr


@pytest.mark.browser
def test_preview_in_a_browser(tmp_path: Path, browser: Browser) -> None:
    file = _copy(tmp_path)
    with _preview_process(file) as (url, process):
        page = browser.new_page(accept_downloads=True)
        page.goto(url)
        release = page.frame_locator("#release")
        expect(release.locator("h1")).to_contain_text("7th Meeting of Senior Officials")
        expect(release.locator("article")).to_contain_text("14 April 2017")

        # Saved the way editors save: the page follows within the reload budget.
        new_date = _next_day(file)
        expect(release.locator("article")).to_contain_text(new_date, timeout=2000)

        line = _break(file)
        panel = page.locator("#problems")
        expect(panel).to_contain_text(f"{file}:{line}:", timeout=2000)
        expect(panel).to_contain_text("date")
        expect(release.locator("h1")).to_contain_text("7th Meeting")  # still the last good one

        _fix(file)
        expect(panel).to_have_count(0, timeout=2000)

        with page.expect_download() as download_info:
            page.click("#download-pdf")
        download = download_info.value
        assert download.suggested_filename == "meeting.pdf"
        text = subprocess.run(
            ["pdftotext", "-layout", str(download.path()), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert new_date in " ".join(text.split())
        page.close()
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
        assert process.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.yaml"]
