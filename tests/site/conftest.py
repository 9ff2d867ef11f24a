"""Build the real site once per test session and serve it on localhost.

The site tests check what people actually get: ``content/`` rendered by real Pelican with
the real ``pelicanconf.py`` and theme (its search index included). Nothing is mocked.

``SITE_TEST_CONTENT`` / ``SITE_TEST_SETTINGS`` point the build at another content directory
or settings file (for trying the theme before articles exist); both default to the repo's.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

from scrapers.core.article import Article, parse

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Source:
    """One article file in the content directory, parsed with the project's own parser."""

    path: Path
    article: Article


def _content_dir() -> Path:
    return Path(os.environ.get("SITE_TEST_CONTENT", ROOT / "content")).resolve()


def _settings_file() -> Path:
    return Path(os.environ.get("SITE_TEST_SETTINGS", ROOT / "pelicanconf.py")).resolve()


def _run(argv: list[str], env: dict[str, str] | None = None) -> None:
    """Run a build step; on failure show its whole output, which is what one needs to fix it."""
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, **env} if env else None)
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(argv)} exited {done.returncode}\n"
            f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def content_dir() -> Path:
    return _content_dir()


@pytest.fixture(scope="session")
def sources(content_dir: Path) -> list[Source]:
    """Every article in ``content/articles`` — the expectations the built site is checked against."""
    files = sorted((content_dir / "articles").glob("**/*.md"))
    return [Source(f, parse(f.read_text(encoding="utf-8"))) for f in files]


def _build(content_dir: Path, settings: Path, out: Path, env: dict[str, str] | None = None) -> None:
    """Pelican as strict as CI (``--fatal warnings``: an unknown tag fails too); the search
    index is written by the build itself (plugins.searchindex)."""
    _run([sys.executable, "-m", "pelican", str(content_dir), "-o", str(out),
          "-s", str(settings), "--fatal", "warnings"], env)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, content_dir: Path) -> Path:
    """The site built by Pelican (``--fatal warnings``), search index included, in a temp dir."""
    out = tmp_path_factory.mktemp("site")
    _build(content_dir, _settings_file(), out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that keeps the test output clean."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serving(directory: Path) -> Iterator[tuple[http.server.ThreadingHTTPServer, threading.Thread]]:
    """A threaded static server on 127.0.0.1 (free port), stopped and closed on exit.

    The socket is bound before the caller starts the thread, so the port is known early.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    try:
        yield server, thread
    finally:
        if thread.is_alive():
            server.shutdown()
            thread.join(timeout=5)
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL (ending in "/") of a threaded HTTP server on 127.0.0.1 serving the built site."""
    with _serving(site_dir) as (server, thread):
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"


#: Where GitHub Pages puts a project site; the publish build must work below such a path.
SUBPATH = "tic-news-archive"


@dataclass(frozen=True)
class Published:
    """The publishconf.py build: where it is on disk and the URL it is served (and built) at."""

    dir: Path
    url: str


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory, content_dir: Path) -> Iterator[Published]:
    """The publishconf.py build (absolute URLs, feeds, sitemap) served under /tic-news-archive/,
    like a GitHub Pages project site."""
    root = tmp_path_factory.mktemp("published")
    with _serving(root) as (server, thread):
        url = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
        _build(content_dir, ROOT / "publishconf.py", root / SUBPATH, {"SITEURL": url.rstrip("/")})
        thread.start()
        yield Published(root / SUBPATH, url)


@pytest.fixture(scope="session")
def published_site_url(published_site: Published) -> str:
    return published_site.url


# ------------------------------------------------------------------ the browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "output" / "_screenshots"
VIEWPORTS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 900}}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found (apt-get install chromium)", pytrace=False)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class Offsite:
    """Collects requests to anything but 127.0.0.1 (they are aborted, never sent)."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def handle(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture
def offsite() -> Offsite:
    return Offsite()


@pytest.fixture
def page(browser: Browser, offsite: Offsite) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS["1280"], locale="zh-CN", service_workers="block")
    context.route("**/*", offsite.handle)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The Content-Security-Policy meta tag must never have to refuse anything we ship.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    yield page
    context.close()
    assert not offsite.blocked, f"requests to other hosts: {offsite.blocked}"
    assert not errors, f"JavaScript errors or CSP refusals: {errors}"
