"""The preview's web server: a few fixed routes on 127.0.0.1, nothing served from disk.

The standard library's ``ThreadingHTTPServer`` is enough here: one person on the
same machine, a handful of requests per save, and one long-lived event stream per
open tab (hence a thread per connection, so the stream blocks nobody). It adds no
dependency, and nothing of it faces a network: it binds the loopback address only
and answers only requests whose ``Host`` is that address or ``localhost`` with its
port, so a web page elsewhere cannot reach it through DNS rebinding.

Routes: ``/`` the preview page (a bar with the downloads, the problems panel, the
release in a frame), ``/release.html`` the HTML writer's page as it is,
``/preview.js`` the reload script, ``/events`` the server-sent events, and
``/release.pdf`` and ``/release.docx``, rendered in memory.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from string import Template
from typing import Any
from urllib.parse import urlsplit

from . import resources
from .errors import PressgenError
from .preview import Build, Preview

HEARTBEAT_S = 15.0
"""An event stream sends a comment this often, so a closed tab ends its thread."""
DOWNLOADS = {"/release.pdf": "pdf", "/release.docx": "docx"}
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The preview page runs only its own script; the release runs none at all.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
    "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"
)
RELEASE_POLICY = "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"


@cache
def _asset(name: str) -> str:
    # The package's own files only: a user's template folder cannot change the preview.
    return (resources.package_templates() / "preview" / name).read_text(encoding="utf-8")


def _download_name(preview: Preview, format: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", preview.file.stem).strip("-.") or "release"
    return f"{stem}.{format}"


def _problems_html(preview: Preview, build: Build) -> str:
    if not build.problems:
        return ""
    items = "".join(
        f'<li class="{"warning" if ": warning: " in line else "error"}">{escape(line)}</li>'
        for line in build.problems
    )
    if not build.failed:
        heading, note, kind = "Warnings", "The release below is built.", " warnings-only"
    elif build.page is not None:
        heading, note, kind = "The file has errors", "Below is its last version that built.", ""
    else:
        heading, note, kind = "The file has errors", "No version of it has built yet.", ""
    return (
        f'<section id="problems" class="problems{kind}" role="alert">'
        f"<h2>{heading} in {escape(preview.file.name)}</h2><p>{note}</p><ul>{items}</ul></section>"
    )


def preview_page(preview: Preview, build: Build) -> bytes:
    """The preview page of a build: the bar, the problems, the release in a frame."""
    if build.page is None:
        downloads, release = "", '<p class="empty">Nothing to show yet.</p>'
    else:
        downloads = "".join(
            f'<a id="download-{fmt}" href="{path}" download>Download {fmt.upper()}</a>'
            for path, fmt in DOWNLOADS.items()
        )
        release = (
            f'<iframe id="release" title="The release" src="/release.html?v={build.version}">'
            "</iframe>"
        )
    return (
        Template(_asset("page.html"))
        .substitute(
            name=escape(str(preview.file)),
            version=build.version,
            downloads=downloads,
            problems=_problems_html(preview, build),
            release=release,
        )
        .encode("utf-8")
    )


class Handler(BaseHTTPRequestHandler):
    """Answers the fixed routes of one preview."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury the file's problems on the terminal

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: HTTPStatus, text: str) -> None:
        self._send(status, f"{text}\n".encode(), "text/plain; charset=utf-8")

    def do_GET(self) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            self._refuse(HTTPStatus.FORBIDDEN, "this preview answers only 127.0.0.1 and localhost")
            return
        path = urlsplit(self.path).path
        preview = self.server.preview
        build = preview.current
        if path == "/":
            self._send(
                200,
                preview_page(preview, build),
                "text/html; charset=utf-8",
                Content_Security_Policy=PAGE_POLICY,
                X_Frame_Options="DENY",
            )
        elif path == "/preview.js":
            self._send(200, _asset("preview.js").encode(), "text/javascript; charset=utf-8")
        elif path == "/release.html" and build.page is not None:
            self._send(
                200,
                build.page,
                "text/html; charset=utf-8",
                Content_Security_Policy=RELEASE_POLICY,
                X_Frame_Options="SAMEORIGIN",
            )
        elif path in DOWNLOADS:
            self._download(DOWNLOADS[path])
        elif path == "/events":
            self._events(build)
        else:
            self._refuse(HTTPStatus.NOT_FOUND, "not found")

    def _download(self, format: str) -> None:
        try:
            body = self.server.preview.download(format)
        except PressgenError as error:
            self._refuse(HTTPStatus.INTERNAL_SERVER_ERROR, "\n".join(error.lines()))
            return
        if body is None:
            self._refuse(HTTPStatus.CONFLICT, "the file has not built yet")
            return
        name = _download_name(self.server.preview, format)
        self._send(200, body, TYPES[format], Content_Disposition=f'attachment; filename="{name}"')

    def _events(self, build: Build | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b"retry: 250\n\n")
            while build is not None:
                self.wfile.write(f"data: {build.version}\n\n".encode())
                self.wfile.flush()
                seen = build.version
                while (build := self.server.preview.wait(seen, HEARTBEAT_S)) is not None:
                    if build.version != seen:
                        break
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1 that serves one :class:`Preview`."""

    daemon_threads = True  # an open event stream must not keep Ctrl-C waiting
    block_on_close = False

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview = preview
        super().__init__(("127.0.0.1", port), Handler)
        bound = self.server_address[1]
        self.hosts = frozenset({f"127.0.0.1:{bound}", f"localhost:{bound}"})


def make_server(preview: Preview, port: int = 0) -> PreviewServer:
    """A server for the preview on 127.0.0.1 (port 0: a free one); not yet serving."""
    return PreviewServer(preview, port)
