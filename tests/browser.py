"""Headless Chromium for the tests: Debian's ``chromium`` driven through Playwright.

Playwright's own browser download is not used (nor reachable on every machine):
the browser is the system's, installed by ``scripts/setup.sh``. Tests that need it
are marked ``browser``. On a developer's machine without chromium they are skipped
with the reason; under CI (``CI`` set) a missing chromium fails them instead, so
that CI can never pass without running them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests may run as root (CI containers), where the sandbox refuses
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    """The system chromium, or skip (fail under CI) with the reason."""
    path = shutil.which("chromium")
    if path is None:
        reason = "needs Debian's chromium on PATH (scripts/setup.sh installs it)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    path = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
