"""The share plugin: a QR code that decodes to the article's URL, a copy button, share cards."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.plugins.conftest import SITEURL, Build, build

CHROMIUM = "/usr/bin/chromium"
ARTICLE = "2021-03-15-6efc2bf0"
ROOT = Path(__file__).resolve().parents[3]
ENCODER = "theme/static/js/vendor/qrcode-generator.js"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("share") / "out", plugins=("taxonomy", "share"), siteurl=SITEURL).ok()


@contextlib.contextmanager
def served(out: Path, plugins: tuple[str, ...], absolute: bool = True) -> Iterator[str]:
    """The site built into ``out`` for the address it is served at (127.0.0.1, port 0), so
    the CSP's 'self' covers its scripts; yields that origin. ``absolute=False`` builds it as
    a local preview (no SITEURL, relative URLs) served at the same kind of address."""
    out.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    build(out, plugins=plugins, siteurl=origin if absolute else "").ok()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield origin
    finally:
        server.shutdown()
        server.server_close()


def _browser(pw: Any) -> Any:
    return pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])


def _copy(origin: str, path: str) -> tuple[str, str]:
    """Open the share panel of ``origin/path``, press the copy button: the status message
    shown and what landed on the clipboard."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = _browser(pw)
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page = context.new_page()
        page.goto(f"{origin}/{path}")
        page.click(".share__toggle")
        page.click(".share__copy")
        page.wait_for_function("document.querySelector('.share__status').textContent !== ''")
        status, copied = page.text_content(".share__status"), page.evaluate("navigator.clipboard.readText()")
        browser.close()
    return status, copied


def _decode(png: Path) -> str:
    """The text of the QR code in ``png``, read by zbarimg (a decoder independent of the encoder)."""
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg not found: apt-get install zbar-tools (.ci/run installs it)"
    done = subprocess.run([zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, f"zbarimg could not read the code: {done.stderr}"
    return done.stdout.strip()


def _scan(page: Any, url: str, tmp: Path) -> tuple[str, list[str]]:
    """Open ``url``, open its share panel, and read the QR code drawn there; also the URLs of
    the scripts fetched before the panel was opened."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    before = list(fetched)
    assert page.locator(".share__qr").is_hidden()  # nothing to scan until drawn
    page.click(".share__toggle")
    page.wait_for_selector(".share__qr svg.share__qr-code", state="visible")
    png = tmp / "qr.png"
    page.locator(".share__qr svg").screenshot(path=str(png))
    return _decode(png), before


def test_qr_code_decodes_to_the_url_of_the_page_and_of_its_traditional_copy(tmp_path: Path) -> None:
    """Drawn in the browser when the panel opens: the 简体 page's code is its URL, the 繁體
    copy's code is the copy's own URL (a reader of the copy passes on the copy) and its
    accessible name is Traditional too; the encoder is fetched only then, and the CSP lets it
    run (no console error)."""
    from playwright.sync_api import sync_playwright

    with served(tmp_path / "out", ("taxonomy", "share", "hant")) as origin:
        with sync_playwright() as pw:
            browser = _browser(pw)
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            pages = ((f"articles/{ARTICLE}/", "本文链接的二维码"), (f"articles/{ARTICLE}/zh-hant/", "本文鏈接的二維碼"))
            for path, label in pages:
                text, before = _scan(page, f"{origin}/{path}", tmp_path)
                assert text == f"{origin}/{path}"
                assert page.get_attribute(".share__qr svg", "role") == "img"
                assert page.get_attribute(".share__qr svg", "aria-label") == label
                assert page.input_value("#share-url") == f"{origin}/{path}"
                assert not [u for u in before if "qrcode" in u], before
            browser.close()
    assert not errors, errors


def test_without_script_the_panel_holds_the_link_and_no_code(tmp_path: Path) -> None:
    site = build(tmp_path / "out", plugins=("taxonomy", "share"), siteurl=SITEURL).ok()
    soup = site.soup(f"articles/{ARTICLE}/index.html")
    assert soup.select_one("#share-url")["value"] == f"{SITEURL}/articles/{ARTICLE}/"
    figure = soup.select_one(".share__qr")
    assert figure.has_attr("hidden") and figure.find("svg") is None
    assert figure["data-encoder"] == f"{SITEURL}/theme/js/vendor/qrcode-generator.js"
    assert (site.out / "theme" / "js" / "vendor" / "qrcode-generator.js").is_file()


def test_the_vendored_encoder_is_the_pinned_npm_release() -> None:
    """theme/static/js/vendor/qrcode-generator.js is the package.json pin's dist file, byte
    for byte (a dependabot bump of the pin fails here until the copy is replaced)."""
    pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["qrcode-generator"]
    installed = ROOT / "node_modules" / "qrcode-generator"
    if not installed.is_dir():
        pytest.skip("node_modules/qrcode-generator absent: `make test` runs npm ci first")
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == pin
    assert (ROOT / ENCODER).read_bytes() == (installed / "dist" / "qrcode.js").read_bytes()


def test_share_card_per_category(site: Build) -> None:
    soup = site.soup(f"articles/{ARTICLE}/index.html")
    image = soup.find("meta", property="og:image")["content"]
    assert image == f"{SITEURL}/theme/img/share/associations.png"
    assert (site.out / "theme" / "img" / "share" / "associations.png").stat().st_size < 40_000
    home = site.soup("index.html").find("meta", property="og:image")["content"]
    assert home.endswith("/theme/img/share/site.png")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A local preview (relative URLs, 简体 and 繁體) served on 127.0.0.1: its folder and origin."""
    out = tmp_path_factory.mktemp("share-preview") / "out"
    with served(out, ("taxonomy", "share", "hant"), absolute=False) as origin:
        yield out, origin


def test_local_preview_shares_the_page_address(preview: tuple[Path, str], tmp_path: Path) -> None:
    """No absolute SITEURL: the box is empty in the HTML, share.js fills it with the page's
    address (without its fragment) and the code encodes that, on the article and on its 繁體
    copy one folder deeper, whose relative encoder URL the copy re-bases."""
    from playwright.sync_api import sync_playwright

    out, origin = preview
    html = (out / "articles" / ARTICLE / "zh-hant" / "index.html").read_text(encoding="utf-8")
    assert 'id="share-url" class="share__url" type="url" readonly value=""' in html
    assert 'data-encoder="../../../theme/js/vendor/qrcode-generator.js"' in html
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in (f"articles/{ARTICLE}/", f"articles/{ARTICLE}/zh-hant/"):
            text, _ = _scan(page, f"{origin}/{path}?from=%E5%BE%AE%E4%BF%A1#share", tmp_path)
            assert text == f"{origin}/{path}?from=%E5%BE%AE%E4%BF%A1"
            assert page.input_value("#share-url") == text
        browser.close()
    assert not errors, errors


def test_the_traditional_copy_says_copied_in_traditional(preview: tuple[Path, str]) -> None:
    """The copy button's message (a live region) is the page's text, so the 繁體 copy's is converted."""
    _, origin = preview
    status, _ = _copy(origin, f"articles/{ARTICLE}/zh-hant/")
    assert status == "已複製"


def test_the_code_is_drawn_without_the_toggle_event_or_details(preview: tuple[Path, str]) -> None:
    """Old in-app browsers: with <details> but no ``toggle`` event (Chrome < 36, Safari < 10.1)
    the code is drawn when the summary is clicked; with no <details> at all (the body always
    shown) it is drawn at once."""
    from playwright.sync_api import sync_playwright

    _, origin = preview
    no_toggle = """(() => { const add = EventTarget.prototype.addEventListener;
        EventTarget.prototype.addEventListener = function (type, ...rest) {
            if (type !== "toggle") return add.call(this, type, ...rest); }; })()"""
    no_details = "delete HTMLDetailsElement.prototype.open"
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_context().new_page()
        page.add_init_script(no_toggle)
        page.goto(f"{origin}/articles/{ARTICLE}/")
        page.focus(".share__toggle")
        page.keyboard.press("Enter")  # the keyboard too: Enter on the summary clicks it
        page.wait_for_selector(".share__qr svg.share__qr-code", state="visible")
        page = browser.new_context().new_page()
        page.add_init_script(no_details)
        page.goto(f"{origin}/articles/{ARTICLE}/")
        page.wait_for_selector(".share__qr svg.share__qr-code", state="attached")
        browser.close()


def test_copy_button_copies_the_link(tmp_path: Path) -> None:
    """The panel opens, the button appears with script, and the link lands on the clipboard."""
    with served(tmp_path / "out", ("taxonomy", "share")) as origin:
        status, copied = _copy(origin, f"articles/{ARTICLE}/")
    assert status == "已复制"
    assert copied == f"{origin}/articles/{ARTICLE}/"
