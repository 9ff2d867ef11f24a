"""The search page in a real browser (Debian's Chromium driven by Playwright) on the served build.

Any request to a host other than 127.0.0.1 is blocked and recorded, and every test asserts
there were none: the site must work, search included, without a third-party request.
Screenshots for a human look at the design go to ``output/_screenshots/`` (gitignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, expect, sync_playwright

from .conftest import ROOT, Source

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "output" / "_screenshots"
VIEWPORTS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 900}}
#: Fixed requirements: these queries must find these articles (titles as in content/).
HANGZHOU = "杭州市检验检测认证促进会"
OPEN_DAY_2019 = "2019全国检验检测机构开放日"
RESULT = ".pagefind-ui__result"
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
    yield page
    context.close()
    assert not offsite.blocked, f"requests to other hosts: {offsite.blocked}"
    assert not errors, f"JavaScript errors: {errors}"


def _article(sources: list[Source], title_part: str) -> Source:
    found = [s for s in sources if title_part in s.article.title]
    assert len(found) == 1, f"expected 1 article in content/articles titled *{title_part}*, got {len(found)}"
    return found[0]


def _expect_result(page: Page, src: Source) -> None:
    """A result whose link goes to the article's page and whose text is its title."""
    link = page.locator(f"{RESULT} a.pagefind-ui__result-link[href$='/articles/{src.article.slug}/']")
    expect(link.first).to_be_visible()
    expect(link.first).to_have_text(src.article.title)


def _type_query(page: Page, term: str) -> None:
    box = page.locator(".pagefind-ui__search-input")
    expect(box).to_be_visible()
    box.fill("")
    box.press_sequentially(term, delay=20)


def test_search_finds_hangzhou_association(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    page.goto(site_url + "search/")
    expect(page.locator(".pagefind-ui__search-input")).to_have_attribute("placeholder", re.compile("搜索"))
    _type_query(page, "促进会")
    _expect_result(page, src)
    expect(page).to_have_url(re.compile(r"[?&]q=" + re.escape(quote("促进会"))))


def test_search_finds_2019_open_day(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, OPEN_DAY_2019)
    page.goto(site_url + "search/")
    _type_query(page, "开放日")
    _expect_result(page, src)


def test_query_in_address_runs_search(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    page.goto(site_url + "search/?q=" + quote("促进会"))
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("促进会")
    _expect_result(page, src)


def test_header_search_box_leads_to_results(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, OPEN_DAY_2019)
    page.goto(site_url)
    page.locator("#header-q").fill("开放日")
    page.locator("#header-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    _expect_result(page, src)
    page.locator(f"{RESULT} a[href$='/articles/{src.article.slug}/']").first.click()
    expect(page.locator("h1")).to_have_text(src.article.title)


def test_search_works_below_a_subpath(page: Page, published_site_url: str, sources: list[Source]) -> None:
    """With publishconf.py (absolute SITEURL) under /tic-news-archive/: bundle and result links."""
    src = _article(sources, HANGZHOU)
    page.goto(published_site_url + "search/?q=" + quote("促进会"))
    _expect_result(page, src)
    link = page.locator(f"{RESULT} a[href$='/articles/{src.article.slug}/']").first
    assert link.get_attribute("href") == urlsplit(published_site_url).path + f"articles/{src.article.slug}/"
    link.click()
    expect(page.locator("h1")).to_have_text(src.article.title)


def test_screenshots(page: Page, site_url: str, sources: list[Source]) -> None:
    """Home, an article and search results at phone and desktop widths, for a human to judge."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    src = _article(sources, HANGZHOU)
    shots = {
        "home": site_url,
        "article": f"{site_url}articles/{src.article.slug}/",
        "search": f"{site_url}search/?q={quote('促进会')}",
    }
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for name, url in shots.items():
            page.goto(url)
            if name == "search":
                expect(page.locator(RESULT).first).to_be_visible()
            no_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert no_scroll, f"{name} scrolls sideways at {width}px"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    page.goto(shots["article"])
    page.screenshot(path=str(SCREENSHOTS / f"article-{width}-dark.png"), full_page=True)
    assert len(list(SCREENSHOTS.glob("*.png"))) >= 7
