"""The share plugin: a QR code that decodes to the article's URL, a copy button, share cards."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.plugins.conftest import SITEURL, Build, build

CHROMIUM = "/usr/bin/chromium"
ARTICLE = "2021-03-15-6efc2bf0"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("share") / "out", plugins=("taxonomy", "share"), siteurl=SITEURL).ok()


def _decode(svg: str, tmp: Path) -> str:
    """Render the SVG in Chromium and decode the picture with zbarimg (independent of segno)."""
    from playwright.sync_api import sync_playwright

    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg not found: apt-get install zbar-tools (.ci/run installs it)"
    png = tmp / "qr.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content(f"<body style='margin:20px;background:#fff'>{svg}</body>")
        page.locator("svg").screenshot(path=str(png))
        browser.close()
    done = subprocess.run([zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, f"zbarimg could not read the code: {done.stderr}"
    return done.stdout.strip()


def test_qr_code_decodes_to_the_article_url(site: Build, tmp_path: Path) -> None:
    soup = site.soup(f"articles/{ARTICLE}/index.html")
    svg = soup.select_one(".share__qr svg")
    assert svg is not None
    assert _decode(str(svg), tmp_path) == f"{SITEURL}/articles/{ARTICLE}/"
    assert soup.select_one("#share-url")["value"] == f"{SITEURL}/articles/{ARTICLE}/"


def test_the_traditional_copy_shares_its_own_url(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """A reader of the 繁體 copy passes on the 繁體 copy: code, link box and copy button alike."""
    out = tmp_path_factory.mktemp("share-hant") / "out"
    copy = build(out, plugins=("taxonomy", "share", "hant"), siteurl=SITEURL).ok()
    soup = copy.soup(f"articles/{ARTICLE}/zh-hant/index.html")
    own = f"{SITEURL}/articles/{ARTICLE}/zh-hant/"
    assert _decode(str(soup.select_one(".share__qr svg")), tmp_path) == own
    assert soup.select_one("#share-url")["value"] == own
    simplified = copy.soup(f"articles/{ARTICLE}/index.html")
    assert simplified.select_one("#share-url")["value"] == f"{SITEURL}/articles/{ARTICLE}/"


def test_share_card_per_category(site: Build) -> None:
    soup = site.soup(f"articles/{ARTICLE}/index.html")
    image = soup.find("meta", property="og:image")["content"]
    assert image == f"{SITEURL}/theme/img/share/associations.png"
    assert (site.out / "theme" / "img" / "share" / "associations.png").stat().st_size < 40_000
    home = site.soup("index.html").find("meta", property="og:image")["content"]
    assert home.endswith("/theme/img/share/site.png")


def test_local_preview_has_no_qr_but_still_the_copy_box(tmp_path: Path) -> None:
    local = build(tmp_path / "out", plugins=("taxonomy", "share")).ok()
    soup = local.soup(f"articles/{ARTICLE}/index.html")
    assert soup.select_one(".share__qr") is None
    assert soup.select_one(".share__copy") is not None


def test_copy_button_copies_the_link(tmp_path: Path) -> None:
    """The panel opens, the button appears with script, and the link lands on the clipboard."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    out = tmp_path / "out"
    out.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    # Built for the address it is served at, so the CSP's 'self' covers its script.
    build(out, plugins=("taxonomy", "share"), siteurl=origin).ok()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context()
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
            page = context.new_page()
            page.goto(f"{origin}/articles/{ARTICLE}/")
            page.click(".share__toggle")
            page.click(".share__copy")
            page.wait_for_function("document.querySelector('.share__status').textContent !== ''")
            assert page.text_content(".share__status") == "已复制"
            assert page.evaluate("navigator.clipboard.readText()") == f"{origin}/articles/{ARTICLE}/"
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
