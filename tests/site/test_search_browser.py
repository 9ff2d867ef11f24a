"""The search page in a real browser (Debian's Chromium driven by Playwright) on the served build.

Any request to a host other than 127.0.0.1 is blocked and recorded, and every test asserts
there were none: the site must work, search included, without a third-party request.
The browser, the page fixture and that check live in conftest.py; screenshots and the
accessibility scans are in test_pages_browser.py.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import Source

pytestmark = pytest.mark.browser

#: Fixed requirements: these queries must find these articles (titles as in content/).
HANGZHOU = "杭州市检验检测认证促进会"
OPEN_DAY_2019 = "2019全国检验检测机构开放日"
RESULT = ".pagefind-ui__result"


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
