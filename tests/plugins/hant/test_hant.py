"""Traditional copies of the article pages (OpenCC at build time)."""

from __future__ import annotations

import re

import pytest

from scrapers.core.article import parse

from ..conftest import SITE, Build, build

ARTICLES = sorted(
    (parse(p.read_text(encoding="utf-8")) for p in (SITE / "content" / "articles").glob("*.md")), key=lambda a: a.slug
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("hant") / "out", plugins=("hant", "related")).ok()


def test_every_article_has_a_traditional_copy(site: Build) -> None:
    for a in ARTICLES:
        soup = site.soup(f"articles/{a.slug}/zh-hant/index.html")
        assert soup.html["lang"] == "zh-Hant"
        title = soup.h1.get_text(strip=True)
        assert title != a.title and len(title) == len(a.title), title
        assert soup.select("[data-pagefind-body]") == [], "Traditional copies must stay out of the search index"


def test_conversion_is_by_phrase() -> None:
    """s2tw: 检验检测 → 檢驗檢測, and 发 by context (发展 → 發展, 头发 → 頭髮)."""
    import opencc

    conv = opencc.OpenCC("s2tw")
    assert conv.convert("检验检测机构发展，头发，为民服务") == "檢驗檢測機構發展，頭髮，為民服務"


def test_switch_links_both_ways(site: Build) -> None:
    a = ARTICLES[0]
    hans = site.soup(f"articles/{a.slug}/index.html")
    to_hant = hans.select_one(".script-switch a[hreflang=zh-Hant]")
    assert to_hant is not None and to_hant["href"].endswith(f"articles/{a.slug}/zh-hant/")
    assert hans.select_one("link[rel=alternate][hreflang=zh-Hant]")["href"].endswith(f"articles/{a.slug}/zh-hant/")
    hant = site.soup(f"articles/{a.slug}/zh-hant/index.html")
    back = hant.select_one(".script-switch a[hreflang=zh-Hans]")
    assert back is not None and back["href"].endswith(f"articles/{a.slug}/")
    assert "繁體" in hant.select_one(".script-switch [aria-current]").get_text()


def test_traditional_pages_link_to_traditional_articles(site: Build) -> None:
    """Related and neighbouring articles open in the script the reader chose."""
    hant = site.soup("articles/2023-04-20-c2e3ad51/zh-hant/index.html")
    hrefs = [x["href"] for x in hant.select(".related .entry__title a, .article-nav a")]
    assert hrefs and all(re.search(r"articles/[^/]+/zh-hant/$", h) for h in hrefs), hrefs


def test_relative_links_resolve_one_level_deeper(site: Build) -> None:
    soup = site.soup(f"articles/{ARTICLES[0].slug}/zh-hant/index.html")
    css = soup.select_one("link[rel=stylesheet]")["href"]
    assert css.startswith("../../../"), css


def test_switched_off(tmp_path) -> None:
    done = build(tmp_path / "out", plugins=("hant",), extra={"HANT_ENABLED": False}).ok()
    assert not list(done.out.rglob("zh-hant"))
    assert done.soup(f"articles/{ARTICLES[0].slug}/index.html").select_one(".script-switch") is None


def test_piecewise_conversion_equals_whole_page(site: Build) -> None:
    """Converting a page piece by piece (between tags, each piece once) gives OpenCC's own result."""
    import opencc

    from plugins.hant import piecewise

    conv = opencc.OpenCC("s2tw")
    convert_page = piecewise(conv.convert)
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert convert_page(html) == conv.convert(html), page
    # Phrases still convert by context inside one piece, and a tag splits nothing OpenCC joins.
    assert convert_page("<p>头发</p><b>发</b>展") == conv.convert("<p>头发</p><b>发</b>展")
