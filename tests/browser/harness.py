"""A live rightscheck service on the loopback interface and a headless Chromium to drive it.

Used by the browser tests (tests/browser) and by scripts/screenshots.py:

    with live_server(tmp_path) as server:            # server.url = "http://127.0.0.1:PORT"
        _, key = server.app.state.store.create_key("Arventa Human Rights Centre")
        driver = chrome(tmp_path / "downloads")
        driver.get(server.url + "/app/sign-in")
        ...
        driver.quit()

Chromium and its driver come from Debian (``apt-get install chromium chromium-driver``):
``/usr/bin/chromium`` and ``/usr/bin/chromedriver``. Selenium is given both paths, so it
never looks for (or downloads) a browser of its own; Chromium is started with its
background networking switched off, so it makes no connection except to the service.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REQUIRE_VARIABLE = "RIGHTSCHECK_REQUIRE_BROWSER"
ORGANISATION = "Arventa Human Rights Centre"


def browser_missing() -> str | None:
    """Why the browser tests cannot run here (a sentence naming what is missing), or None."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the Python package selenium (pip install -e '.[dev]')")
    if not missing:
        return None
    return ("no headless browser: missing " + ", ".join(missing)
            + "; install with: apt-get install chromium chromium-driver")


def browser_required() -> bool:
    """Whether a missing browser must fail the tests instead of skipping them
    (``RIGHTSCHECK_REQUIRE_BROWSER=1``, set by CI)."""
    return os.environ.get(REQUIRE_VARIABLE, "").strip() not in ("", "0", "false", "no")


def need_browser() -> None:
    """Skip the calling test when the browser is missing (pytest's Skipped), or fail it
    (pytest's Failed) when :func:`browser_required`; return quietly when it is there."""
    import pytest

    reason = browser_missing()
    if reason is None:
        return
    if browser_required():
        pytest.fail(f"{reason} ({REQUIRE_VARIABLE}=1 is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 at the time of asking."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    """A started service: ``url`` (no trailing slash) and the FastAPI ``app`` (its
    ``app.state.store`` makes keys)."""

    url: str
    app: object


@contextmanager
def live_server(folder: Path, *, inline_max_words: int = 500, timeout: float = 60.0) -> Iterator[LiveServer]:
    """Serve ``api.app.create_app`` with uvicorn in a background thread on a free loopback port.

    The database is a new SQLite file in ``folder``; drafts longer than ``inline_max_words``
    words are queued (so pages must be reloaded until their report is ready), the rate limits
    are out of the way and nothing is warmed up in advance. Returns once ``/v1/health``
    answers 200; raises RuntimeError if it does not within ``timeout`` seconds. The server
    stops when the block ends.
    """
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    settings = Settings(database_url=f"sqlite:///{Path(folder) / 'browser.db'}", warm_up=False,
                        inline_max_words=inline_max_words, rate_limit_per_minute=100_000,
                        rate_limit_burst=10_000, session_secret="browser-test-session-secret")
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on", access_log=False))
    thread = threading.Thread(target=server.run, name="rightscheck-live-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/v1/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the service did not answer on {url}/v1/health")
            time.sleep(0.1)
        yield LiveServer(url=url, app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def chrome(download_dir: Path, *, width: int = 1280, height: int = 900):
    """A headless Chromium (Selenium ``webdriver.Chrome``) of the given window size in CSS
    pixels, downloading into ``download_dir`` without asking, with a fresh profile that is
    removed when the driver quits. Raises RuntimeError (the reason from
    :func:`browser_missing`) when Chromium, chromedriver or selenium is missing.
    """
    reason = browser_missing()
    if reason:
        raise RuntimeError(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    download_dir = Path(download_dir)
    download_dir.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="rightscheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
                 "--force-device-scale-factor=1", f"--window-size={width},{height}",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir.resolve()),
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
        "safebrowsing.enabled": False,
    })
    service = Service(executable_path=str(CHROMEDRIVER))
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    quit_driver = driver.quit

    def quit_and_clean() -> None:
        try:
            quit_driver()
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    driver.quit = quit_and_clean
    driver.set_window_size(width, height)
    return driver


def wait_for_download(folder: Path, suffix: str, timeout: float = 30.0) -> Path:
    """The first finished file ending in ``suffix`` in ``folder`` (Chromium writes
    ``*.crdownload`` until it is complete); raises AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in Path(folder).iterdir() if p.name.endswith(suffix) and p.stat().st_size > 0]
        partial = [p for p in Path(folder).iterdir() if p.name.endswith(".crdownload")]
        if done and not partial:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} download appeared in {folder} within {timeout:.0f} s: "
                         f"{sorted(p.name for p in Path(folder).iterdir())}")
