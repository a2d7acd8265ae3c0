"""The PDF writer: the HTML writer's page, printed by WeasyPrint.

WeasyPrint is imported only here, and only when a PDF is asked for. One
FontConfiguration serves the whole process. Resources are fetched only from the
template folders in use (:class:`TemplateFetcher`); attachments are dropped; any
warning WeasyPrint logs (a CSS error, a refused resource) fails the render instead
of vanishing into a log.
"""

from __future__ import annotations

import atexit
import ctypes.util
import logging
import os
import re
import threading
import urllib.parse
import urllib.request
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import resources
from ..errors import TemplateError, UsageError, WriteError
from ..language import Language
from ..tree import Release
from . import PDF_VARIANTS, Options
from .html import STYLESHEETS, page

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

PDF_STYLESHEETS = (
    *(sheet for sheet in STYLESHEETS if sheet[1] != "screen"),
    ("css/pdf.css", "print"),
)
_ONE_AT_A_TIME = threading.Lock()
"""Threads render PDFs one at a time: they share the process's FontConfiguration, whose
fonts WeasyPrint adds to as it meets @font-face rules, and its layout is Python under
the GIL, so parallel threads would gain nothing. (Processes render in parallel.)"""


class PerformanceWarning(UserWarning):
    """pressgen will work, but much more slowly than it should."""


@cache
def _check_harfbuzz_subset() -> None:
    # Without this library WeasyPrint subsets fonts with fontTools, about six times
    # slower, and says so only in a log message.
    if ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.warn(
            "libharfbuzz-subset0 is not installed: PDF output will be about six times slower"
            " (on Debian: apt-get install libharfbuzz-subset0)",
            PerformanceWarning,
            stacklevel=4,
        )


@cache
def font_config() -> FontConfiguration:
    """The process's one FontConfiguration (building one per render costs ~10 ms).

    The fonts it copies to a temporary folder are removed at exit, before the
    interpreter's teardown (in which its own ``__del__`` may find ``rmtree`` gone).
    """
    from ._weasyprint import remove_font_folder, weasyprint

    config = weasyprint.text.fonts.FontConfiguration()
    atexit.register(remove_font_folder, config)
    return config


def base_url() -> str:
    """Relative URLs in the page and stylesheets resolve against the package's templates."""
    return resources.package_templates().as_uri() + "/"


def _fetcher_class() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class TemplateFetcher(URLFetcher):  # type: ignore[misc]
        """Fetches ``data:`` URLs and files inside the template folders, nothing else.

        A file URL under the package's templates is looked up by its relative name in
        the whole search path, so a user's folder overrides fonts and images too.
        Links are resolved before the check, so neither ``..``, encoded dots nor a
        symbolic link leads outside.
        """

        def __init__(self, template_dirs: Sequence[Path]) -> None:
            super().__init__(allowed_protocols=["file", "data"], fail_on_errors=True)
            self.template_dirs = tuple(template_dirs)
            self.package = resources.package_templates()

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise PermissionError(f"refused to fetch {url}: only template files may be loaded")
            raw = urllib.request.url2pathname(urllib.parse.urlsplit(url).path)
            path = Path(os.path.normpath(raw))
            if not path.is_relative_to(self.package):
                raise PermissionError(f"refused to fetch {url}: not a file in the template folders")
            # The same resolver as every other read: the user's folders first, and
            # nothing whose real location is outside the template folders.
            name = path.relative_to(self.package).as_posix()
            try:
                found = resources.find(name, self.template_dirs)
                data = resources.read_file(found)
            except TemplateError as exc:
                raise PermissionError(f"refused to fetch {url}: {exc}") from None
            return URLFetcherResponse(found.as_uri(), data, status=200)

    return TemplateFetcher


def write(release: Release, options: Options) -> bytes:
    """The release as a PDF (``options.pdf_variant``: None, "pdf/a-3b" or "pdf/ua-1")."""
    variant = options.pdf_variant
    if variant is not None and variant not in PDF_VARIANTS:
        raise UsageError(f"unknown PDF variant {variant!r}; known: {', '.join(PDF_VARIANTS)}")
    _check_harfbuzz_subset()
    from ._weasyprint import (
        FatalURLFetchingError,
        logged_warnings,
        parsed_stylesheets,
        weasyprint,
    )

    # The stylesheets are given to WeasyPrint parsed (once per process), not inlined.
    html = page(release, options, (), web=False)
    fetcher = _fetcher_class()(options.template_dirs)
    footer = footer_css(release.meta.language)
    try:
        with _ONE_AT_A_TIME, logged_warnings(logging.getLogger("weasyprint")) as problems:
            sheets = parsed_stylesheets(
                PDF_STYLESHEETS, options.template_dirs, base_url(), fetcher, font_config()
            )
            if footer:
                sheets.append(weasyprint.CSS(string=footer))
            document = weasyprint.HTML(
                string=html, base_url=base_url(), url_fetcher=fetcher
            ).render(font_config=font_config(), pdf_variant=variant, stylesheets=sheets)
            # No file of any folder is ever embedded: drop attachments and links to them.
            document.metadata.attachments = []
            for rendered_page in document.pages:
                rendered_page.links[:] = [
                    link for link in rendered_page.links if link[0] != "attachment"
                ]
            data: bytes = document.write_pdf(pdf_variant=variant)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ or exc
        raise TemplateError(str(cause), "html/release.html.j2") from None
    except RecursionError:
        raise WriteError("pdf: the page is nested too deeply to lay out") from None
    if problems:
        raise _explained(problems)
    return data


def _css_string(text: str) -> str:
    return (
        '"' + "".join(c if c.isalnum() or c in " ,.:;-–" else f"\\{ord(c):x} " for c in text) + '"'
    )


def footer_css(tag: str) -> str:
    """The page footer's words in the release's language, if its data gives them.

    css/pdf.css carries the English words; a language file's ``page_footer``
    ("Страница {page} из {pages}") replaces them, in its ``page_font`` if it names
    one (Chinese: the text's CJK face, not another one to embed). Every character that is not a
    letter, digit or plain punctuation is written as a CSS escape.
    """
    language = Language(tag)
    if "page_footer" not in language.data:
        return ""
    before, middle, after = (_css_string(part) for part in language.page_footer())
    font = language.data.get("page_font")
    family = f" font-family: {_css_string(str(font))} !important;" if font else ""
    return (
        "@page { @bottom-center { content: "
        f"{before} counter(page) {middle} counter(pages) {after} !important;{family} }} }}"
        # The first page stays unnumbered (css/pdf.css): a one-page release says no
        # "Page 1 of 1", in any language.
        " @page :first { @bottom-center { content: none !important; } }"
    )


_NO_GLYPH = re.compile(
    r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.+)" \((U\+[0-9A-F]+)\)'
)


def _explained(problems: list[str]) -> TemplateError:
    """One error for what WeasyPrint logged; missing glyphs said the way a user needs."""
    missing = dict.fromkeys(f"{m[1]} {m[2]}" for p in problems if (m := _NO_GLYPH.match(p)))
    others = [p for p in problems if not _NO_GLYPH.match(p)]
    if missing and not others:
        return TemplateError(
            "the PDF fonts have no glyph for "
            + ", ".join(list(missing)[:10])
            + (" …" if len(missing) > 10 else "")
            + "; add a font that covers them (README: PDF, Fonts)",
            "css/pdf.css",
        )
    return TemplateError("WeasyPrint: " + "; ".join(dict.fromkeys(problems)), "css")
