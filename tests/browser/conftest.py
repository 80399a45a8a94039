"""Fixtures of the browser tests: a live service, an organisation's key and a headless Chromium.

Without /usr/bin/chromium, /usr/bin/chromedriver or selenium the tests are skipped with the
reason; with ``RIGHTSCHECK_REQUIRE_BROWSER=1`` (CI) they fail instead, so a machine that
should run them cannot pass by skipping them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.harness import ORGANISATION, chrome, live_server, need_browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The live service (``.url``, ``.app``) for the module, on a SQLite file of its own."""
    need_browser()
    with live_server(tmp_path_factory.mktemp("live")) as live:
        yield live


@pytest.fixture
def api_key(server) -> str:
    """A new API key of the Arventa Human Rights Centre."""
    _, key = server.app.state.store.create_key(ORGANISATION)
    return key


@pytest.fixture
def downloads(tmp_path) -> Path:
    """The folder the browser saves downloads into (empty at start)."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def driver(downloads):
    """A headless Chromium with a fresh profile, 1280×900, saving downloads to ``downloads``."""
    need_browser()
    browser = chrome(downloads)
    browser.implicitly_wait(0)
    try:
        yield browser
    finally:
        browser.quit()
