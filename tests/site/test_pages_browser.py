"""The pages readers use, in Chromium: accessibility (axe-core), screenshots, keyboard, script switch.

axe-core (bundled by axe-playwright-python, injected from disk) scans the home, an article,
a category, a region and the search page (with results) and must find no serious or
critical violation. Screenshots of the same pages at phone and desktop widths go to
``output/_screenshots/`` (kept as CI artifacts, never committed). Every test also runs under
the page fixture's checks: no request to another host, no JavaScript error, no CSP refusal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
                f"{name} scrolls sideways at {width}px"
            )
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
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert style[0] != "none" and style[1] >= 2, f"focused element has no visible outline: {style}"


def test_traditional_switch_on_an_article(page: Page, site_url: str, sources: list[Source]) -> None:
    """The switch leads to the copy and back; opening a Simplified page never redirects
    (the choice travels in the links of the Traditional pages, not in storage)."""
    src = _hangzhou(sources)
    seen: list[str] = []
    page.on("framenavigated", lambda frame: seen.append(frame.url) if frame == page.main_frame else None)
    page.goto(f"{site_url}articles/{src.article.slug}/")
    page.locator(".script-switch").get_by_role("link", name="繁體").click()
    expect(page).to_have_url(re.compile(rf"articles/{src.article.slug}/zh-hant/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("h1")).to_have_text("杭州市檢驗檢測認證促進會正式成立")
    page.screenshot(path=str(SCREENSHOTS / "article-1280-hant.png"), full_page=True)
    other = next(s for s in sources if s is not src)
    page.goto(f"{site_url}articles/{other.article.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    page.locator(".script-switch").get_by_role("link", name="繁體").click()
    expect(page).to_have_url(re.compile(rf"articles/{other.article.slug}/zh-hant/$"))
    page.locator(".script-switch").get_by_role("link", name="簡體").click()
    expect(page).to_have_url(re.compile(rf"articles/{other.article.slug}/$"))
    assert len(seen) == 5, seen


# ------------------------------------------------------------------ a larger archive
# The repository's content is a handful of articles: no list reaches the pages that show the
# jump box, and no region has two categories. This archive is written here (our own fixture
# sentences) and built with the real settings and theme.

#: Documents for /policy/: (slug, title, issuer, 文号, issued, effective).
DOCUMENTS = [
    ("2023-02-10-d0c00001", "关于检验检测机构资质认定的公告", "国家认监委", "国认实〔2023〕3号", "2023-02-08", "2023-04-01"),
    ("2024-05-20-d0c00002", "关于能力验证工作的通知", "市场监管总局", "国市监认证〔2024〕12号", "2024-05-18", "2024-07-01"),
    ("2022-11-03-d0c00003", "关于认证机构监督检查的通知", "浙江省市场监督管理局", "浙市监认[2022]7号", "2022-11-01", ""),
]
BIG_REGIONS = ("浙江省", "广东省", "北京市")


def _article_text(slug: str, title: str, category: str, region: str, extra: str = "", body: str = "") -> str:
    return (
        f"Title: {title}\nDate: {slug[:10]}\nCategory: {category}\nRegion: {region}\nSource: 示例来源\n"
        f"Source_URL: https://news.example.cn/{slug}.html\nSlug: {slug}\n{extra}\n"
        f"{body or title + '。本文为测试用的示例新闻，介绍检验检测机构的工作。'}\n"
    )


@pytest.fixture(scope="module")
def big_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """170 articles (150 协会动态: 8 pages of 20), three regions with several categories each,
    three policy documents; built with pelicanconf.py and served on 127.0.0.1."""
    from datetime import date, timedelta

    from .conftest import ROOT, _build, _serving

    work = tmp_path_factory.mktemp("big-site")
    articles = work / "content" / "articles"
    articles.mkdir(parents=True)
    start = date(2021, 1, 4)
    for i in range(167):
        day = start + timedelta(days=4 * i)
        slug = f"{day.isoformat()}-{i:08x}"
        category = "协会动态" if i < 150 else "联盟合作"
        region = BIG_REGIONS[i % len(BIG_REGIONS)]
        title = f"{region[:2]}第{i + 1}期检验检测协会会员交流活动举行"
        (articles / f"{slug}.md").write_text(_article_text(slug, title, category, region), encoding="utf-8")
    for slug, title, issuer, number, issued, effective in DOCUMENTS:
        extra = f"Doc_Number: {number}\nIssuer: {issuer}\nIssued: {issued}\n" + (f"Effective: {effective}\n" if effective else "")
        body = f"{issuer}印发{number}，{title[2:]}。"
        (articles / f"{slug}.md").write_text(_article_text(slug, title, "政策公告", "浙江省", extra, body), encoding="utf-8")
    out = work / "out"
    _build(work / "content", ROOT / "pelicanconf.py", out)
    with _serving(out) as (server, thread):
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"


def _navigations(page: Page) -> list[str]:
    """Every URL the main frame lands on (a redirect or a script's location.replace would add one)."""
    seen: list[str] = []
    page.on("framenavigated", lambda frame: seen.append(frame.url) if frame == page.main_frame else None)
    return seen


def test_pagination_jump_box(page: Page, big_site_url: str) -> None:
    page.goto(f"{big_site_url}category/associations/")
    jump = page.locator(".pagination__jump")
    expect(jump).to_be_visible()
    box = jump.get_by_role("spinbutton")
    box.fill("5")
    box.press("Enter")
    expect(page).to_have_url(f"{big_site_url}category/associations/page/5/")
    expect(page.locator(".pagination__current")).to_have_text("5")
    for wrong in ("99", "0"):
        before = page.url
        box = page.locator(".pagination__jump").get_by_role("spinbutton")
        box.fill(wrong)
        page.locator(".pagination__jump button").click()
        page.wait_for_timeout(200)
        assert page.url == before, f"page {wrong} is out of range"
        assert not box.evaluate("el => el.validity.valid"), "the box says the number is out of range"
        assert box.evaluate("el => el.validity.rangeOverflow || el.validity.rangeUnderflow")
    box.fill("1")
    box.press("Enter")
    expect(page).to_have_url(f"{big_site_url}category/associations/")


def test_policy_table_sorts_both_ways(page: Page, big_site_url: str) -> None:
    page.goto(f"{big_site_url}policy/")
    rows = page.locator(".policy-table tbody tr")
    expect(rows).to_have_count(len(DOCUMENTS))

    def column(key: str) -> list[str]:
        return rows.evaluate_all(f"rows => rows.map(r => r.dataset.{key})")

    issued = sorted(d[4] for d in DOCUMENTS)
    assert column("issued") == issued[::-1], "newest first without script's help"
    for key, header, values in [
        ("issued", "成文日期", issued),
        ("year", "年份", sorted(d[4][:4] for d in DOCUMENTS)),
        ("issuer", "发文机关", None),
    ]:
        button = page.get_by_role("button", name=header)
        button.click()
        ascending = column(key)
        expect(page.locator("th", has=button)).to_have_attribute("aria-sort", "ascending")
        button.click()
        expect(page.locator("th", has=button)).to_have_attribute("aria-sort", "descending")
        assert column(key) == ascending[::-1]
        if values is not None:
            assert ascending == values
        else:  # Chinese order, as the page's collator has it
            assert ascending == page.evaluate(
                "v => v.slice().sort(new Intl.Collator('zh-Hans-CN').compare)", [d[2] for d in DOCUMENTS]
            )


def test_traditional_choice_stays_without_redirects(page: Page, big_site_url: str) -> None:
    """繁體 on the home page, then a category, an article and search: every page Traditional,
    each reached by the click itself (no redirect, no script sending the reader on)."""
    seen = _navigations(page)
    page.goto(big_site_url)
    page.locator(".script-switch").get_by_role("link", name="繁體").click()
    expect(page).to_have_url(f"{big_site_url}zh-hant/")
    steps = [
        (lambda: page.locator(".site-nav").get_by_role("link", name="協會動態").click(), "zh-hant/category/associations/"),
        (lambda: page.locator(".pagination").get_by_role("link", name="下一頁").click(), "zh-hant/category/associations/page/2/"),
        (lambda: page.locator(".entry__title a").first.click(), None),
    ]
    for click, want in steps:
        click()
        page.wait_for_load_state()
        if want:
            expect(page).to_have_url(big_site_url + want)
        else:
            expect(page).to_have_url(re.compile(r"/articles/[^/]+/zh-hant/$"))
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    page.locator("#header-q").fill("會員交流")
    page.locator("#header-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/zh-hant/search/\?q="))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    first = page.locator(".search-result a").first
    expect(first).to_have_attribute("href", re.compile(r"/articles/[^/]+/zh-hant/$"))
    assert "會員交流" in first.inner_text()
    expect(page.locator(".search-status")).to_contain_text("找到")
    first.click()
    expect(page).to_have_url(re.compile(r"/articles/[^/]+/zh-hant/$"))
    documents = [u for u in seen if u != "about:blank"]
    assert len(documents) == 7, documents  # home, its copy, two lists, an article, search, a result
    assert all("/zh-hant/" in u for u in documents[1:]), documents
    page.locator(".script-switch").get_by_role("link", name="簡體").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")


def test_region_category_filters(page: Page, big_site_url: str) -> None:
    page.goto(f"{big_site_url}region/zhejiang/")
    filters = page.locator(".filters")
    expect(filters.locator("[aria-current=page]")).to_contain_text("全部")
    filters.get_by_role("link", name=re.compile("^政策公告")).click()
    expect(page).to_have_url(f"{big_site_url}region/zhejiang/policy/")
    expect(page.locator(".entry")).to_have_count(len(DOCUMENTS))
    expect(page.locator(".entry .badge").first).to_have_text("政策公告")
    expect(page.locator(".filters [aria-current=page]")).to_contain_text("政策公告")
    page.locator(".filters").get_by_role("link", name=re.compile("^协会动态")).click()
    expect(page).to_have_url(f"{big_site_url}region/zhejiang/associations/")
    expect(page.locator(".pagination")).to_be_visible()  # 50 articles: three pages
    page.locator(".filters").get_by_role("link", name=re.compile("^全部")).click()
    expect(page).to_have_url(f"{big_site_url}region/zhejiang/")
    # Only categories the region has: 北京市 has no policy documents.
    page.goto(f"{big_site_url}region/beijing/")
    assert page.locator(".filters").get_by_role("link", name=re.compile("^政策公告")).count() == 0


def test_new_pages_accessible_and_screenshots(page: Page, big_site_url: str) -> None:
    """axe at 375 and 1280 px on the Traditional home, a Traditional region page with its
    category filters, a region narrowed to a category, the Traditional search page with
    results, a list with the jump box and /policy/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "hant-home": "zh-hant/",
        "hant-region": "zh-hant/region/zhejiang/",
        "region-category": "region/zhejiang/policy/",
        "hant-search": f"zh-hant/search/?q={quote('會員')}",
        "category-jump": "category/associations/page/4/",
        "policy": "policy/",
    }
    axe = Axe()
    problems: list[str] = []
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            page.goto(big_site_url + path)
            if name == "hant-search":
                expect(page.locator(".search-result").first).to_be_visible()
            for v in axe.run(page).response["violations"]:
                if v["impact"] in BLOCKING:
                    problems.append(f"{name} @{width}px: {v['impact']} {v['id']}: {v['help']}")
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name} @{width}px"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    assert not problems, "\n".join(problems)
