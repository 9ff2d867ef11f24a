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
RESULT = ".search-result"


def _article(sources: list[Source], title_part: str) -> Source:
    found = [s for s in sources if title_part in s.article.title]
    assert len(found) == 1, f"expected 1 article in content/articles titled *{title_part}*, got {len(found)}"
    return found[0]


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#search-app[data-ready]")).to_have_count(1)


def _expect_result(page: Page, src: Source) -> None:
    """A result whose link goes to the article's page and whose text is its title."""
    link = page.locator(f"{RESULT} h3 a[href$='/articles/{src.article.slug}/']")
    expect(link.first).to_be_visible()
    expect(link.first).to_have_text(src.article.title)


def _type_query(page: Page, term: str) -> None:
    box = page.locator("#search-q")
    expect(box).to_be_visible()
    box.fill("")
    box.press_sequentially(term, delay=20)


def _result_dates(page: Page) -> list[str]:
    texts = page.locator(f"{RESULT} .meta").all_inner_texts()
    return [re.match(r"\d{4}-\d{2}-\d{2}", t).group(0) for t in texts]


def test_search_finds_hangzhou_association(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/")
    expect(page.locator("#search-q")).to_have_attribute("placeholder", re.compile("搜索"))
    _type_query(page, "促进会")
    _expect_result(page, src)
    expect(page.locator(".search-status")).to_contain_text("找到")
    expect(page.locator(f"{RESULT} mark").first).to_be_visible()  # terms highlighted in excerpts
    expect(page).to_have_url(re.compile(r"[?&]q=" + re.escape(quote("促进会"))))


def test_search_finds_2019_open_day(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, OPEN_DAY_2019)
    _open(page, site_url + "search/")
    _type_query(page, "开放日")
    _expect_result(page, src)


@pytest.mark.parametrize(("traditional", "simplified", "title"), [
    ("促進會", "促进会", HANGZHOU), ("開放日", "开放日", OPEN_DAY_2019), ("聯盟", "联盟", "沈阳构建现代化都市圈"),
])
def test_traditional_query_finds_what_simplified_finds(page: Page, site_url: str, sources: list[Source],
                                                       traditional: str, simplified: str, title: str) -> None:
    _open(page, site_url + "search/?q=" + quote(simplified))
    expect(page.locator(RESULT).first).to_be_visible()
    simplified_hits = page.locator(f"{RESULT} h3 a").all_inner_texts()
    _open(page, site_url + "search/?q=" + quote(traditional))
    _expect_result(page, _article(sources, title))
    expect(page.locator(".search-status")).to_contain_text(f"已按简体“{simplified}”搜索")
    assert page.locator(f"{RESULT} h3 a").all_inner_texts() == simplified_hits


def test_region_filter_narrows_and_lives_in_the_url(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/?q=" + quote("检验检测"))
    expect(page.locator(RESULT)).to_have_count(len(sources))
    box = page.locator(f".search-facets input[name=region][value='{src.article.region}']")
    box.check()
    expect(page.locator(RESULT)).to_have_count(1)
    _expect_result(page, src)
    expect(page).to_have_url(re.compile(r"region=" + re.escape(quote(src.article.region))))
    page.reload()
    expect(page.locator("#search-app[data-ready]")).to_have_count(1)
    expect(page.locator(RESULT)).to_have_count(1)
    expect(page.locator("#search-q")).to_have_value("检验检测")
    expect(box).to_be_checked()
    page.go_back()
    expect(page.locator(RESULT)).to_have_count(len(sources))
    expect(box).not_to_be_checked()


def test_results_sorted_by_date_newest_first_by_default(page: Page, site_url: str) -> None:
    _open(page, site_url + "search/?q=" + quote("检验检测"))
    expect(page.locator(RESULT).first).to_be_visible()
    dates = _result_dates(page)
    assert dates == sorted(dates, reverse=True) and len(dates) > 1
    page.locator("#search-sort").select_option("oldest")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page.locator(RESULT).first).to_be_visible()
    page.wait_for_function("d => document.querySelector('.search-result .meta').textContent.startsWith(d)",
                           arg=min(dates))
    assert _result_dates(page) == sorted(dates)


def test_facet_counts_and_filter_only_browsing(page: Page, site_url: str, sources: list[Source]) -> None:
    _open(page, site_url + "search/")
    years = {s.article.date[:4] for s in sources}
    for year in years:
        expect(page.locator(f".search-facets input[name=year][value='{year}']")).to_have_count(1)
    page.locator(".search-facets input[name=category][value='开放日']").check()
    expect(page.locator(RESULT)).to_have_count(sum(s.article.category == "开放日" for s in sources))
    expect(page.locator(".search-status")).to_contain_text("符合条件")


def test_no_results_says_so_and_suggests(page: Page, site_url: str) -> None:
    _open(page, site_url + "search/?q=" + quote("火箭"))
    expect(page.locator(".search-empty")).to_contain_text("没有找到")
    expect(page.locator(".search-empty a")).to_have_count(1)
    expect(page.locator(RESULT)).to_have_count(0)


def test_keyboard_only(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/")
    page.locator("#search-q").focus()
    page.keyboard.type("促进会")
    page.keyboard.press("Enter")
    _expect_result(page, src)
    focusable = page.locator(f".search-facets input[name=region][value='{src.article.region}']")
    focusable.focus()
    page.keyboard.press("Space")
    expect(focusable).to_be_checked()
    expect(page.locator(RESULT)).to_have_count(1)


def test_query_in_address_runs_search(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/?q=" + quote("促进会"))
    expect(page.locator("#search-q")).to_have_value("促进会")
    _expect_result(page, src)


def test_header_search_box_leads_to_results(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, OPEN_DAY_2019)
    page.goto(site_url + f"articles/{_article(sources, HANGZHOU).article.slug}/")
    page.locator("#header-q").fill("开放日")
    page.locator("#header-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    _expect_result(page, src)
    page.locator(f"{RESULT} a[href$='/articles/{src.article.slug}/']").first.click()
    expect(page.locator("h1")).to_have_text(src.article.title)


def test_search_works_below_a_subpath(page: Page, published_site_url: str, sources: list[Source]) -> None:
    """With publishconf.py (absolute SITEURL) under /tic-news-archive/: bundle and result links."""
    src = _article(sources, HANGZHOU)
    _open(page, published_site_url + "search/?q=" + quote("促进会"))
    _expect_result(page, src)
    link = page.locator(f"{RESULT} a[href$='/articles/{src.article.slug}/']").first
    assert link.get_attribute("href") == urlsplit(published_site_url).path + f"articles/{src.article.slug}/"
    link.click()
    expect(page.locator("h1")).to_have_text(src.article.title)


def test_simplified_query_does_not_fetch_the_fold_table(page: Page, site_url: str, sources: list[Source]) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    _open(page, site_url + "search/?q=" + quote("促进会"))
    _expect_result(page, _article(sources, HANGZHOU))
    assert not [u for u in fetched if u.endswith("t2s.json")]
    _type_query(page, "促進會")
    expect(page.locator(".search-status")).to_contain_text("已按简体“促进会”搜索")
    assert [u for u in fetched if u.endswith("t2s.json")]
