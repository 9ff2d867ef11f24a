"""The pages readers use, in Chromium: accessibility (axe-core), screenshots, keyboard, script switch.

axe-core (bundled by axe-playwright-python, injected from disk) scans the home, an article,
a category, a region and the search page (with results) and must find no serious or
critical violation. Screenshots of the same pages at phone and desktop widths go to
``output/_screenshots/`` (kept as CI artifacts, never committed). Every test also runs under
the page fixture's checks: no request to another host, no JavaScript error, no CSP refusal.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from plugins.taxonomy.slugs import SlugBook

from .conftest import SCREENSHOTS, VIEWPORTS, Source

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
HANGZHOU = "杭州市检验检测认证促进会"


def _hangzhou(sources: list[Source]) -> Source:
    found = [s for s in sources if HANGZHOU in s.article.title]
    assert len(found) == 1, "content/articles must keep the 杭州市检验检测认证促进会 article"
    return found[0]


def _pages(site_url: str, sources: list[Source]) -> dict[str, str]:
    src = _hangzhou(sources)
    region = SlugBook.load().slug("region", src.article.region)
    return {
        "home": site_url,
        "article": f"{site_url}articles/{src.article.slug}/",
        "category": f"{site_url}category/{src.article.category_slug}/",
        "region": f"{site_url}region/{region}/",
        "search": f"{site_url}search/?q={quote('促进会')}",
    }


def _ready(page: Page, name: str) -> None:
    if name == "search":
        expect(page.locator(".search-result").first).to_be_visible()


def test_accessibility_and_screenshots(page: Page, site_url: str, sources: list[Source]) -> None:
    """axe at both widths (layouts differ), then a full-page screenshot of each page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    problems: list[str] = []
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for name, url in _pages(site_url, sources).items():
            page.goto(url)
            _ready(page, name)
            results = axe.run(page)
            for v in results.response["violations"]:
                if v["impact"] in BLOCKING:
                    targets = [n["target"] for n in v["nodes"]][:3]
                    problems.append(f"{name} @{width}px: {v['impact']} {v['id']}: {v['help']} {targets}")
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                f"{name} scrolls sideways at {width}px")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    assert not problems, "\n".join(problems)


def test_dark_mode_and_print(page: Page, site_url: str, sources: list[Source]) -> None:
    url = _pages(site_url, sources)["article"]
    page.goto(url)
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    page.goto(url)
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light != dark, "prefers-color-scheme: dark changes nothing"
    results = Axe().run(page)  # dark colours are checked for contrast too
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not serious, f"dark mode: {serious}"
    page.screenshot(path=str(SCREENSHOTS / "article-1280-dark.png"), full_page=True)
    page.emulate_media(media="print", color_scheme="light")
    assert page.locator(".site-nav").is_hidden() and page.locator(".related").is_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_keyboard_skip_link_and_visible_focus(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0"), "skip link stays off-screen"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    for _ in range(3):
        page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert style[0] != "none" and style[1] >= 2, f"focused element has no visible outline: {style}"


def test_traditional_switch_and_remembered_choice(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _hangzhou(sources)
    page.goto(f"{site_url}articles/{src.article.slug}/")
    page.get_by_role("link", name="繁體").click()
    expect(page).to_have_url(re.compile(rf"articles/{src.article.slug}/zh-hant/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("h1")).to_have_text("杭州市檢驗檢測認證促進會正式成立")
    page.screenshot(path=str(SCREENSHOTS / "article-1280-hant.png"), full_page=True)
    other = next(s for s in sources if s is not src)
    page.goto(f"{site_url}articles/{other.article.slug}/")
    expect(page).to_have_url(re.compile(rf"articles/{other.article.slug}/zh-hant/$"))
    page.get_by_role("link", name="簡體").click()
    expect(page).to_have_url(re.compile(rf"articles/{other.article.slug}/$"))
    page.goto(f"{site_url}articles/{src.article.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
