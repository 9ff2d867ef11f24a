"""Traditional copies of every page (plugins.hant), made from the Simplified pages' HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from plugins.hant import Mirror, piecewise
from scrapers.core.article import parse

from ..conftest import SITE, SITEURL, Build, build

ARTICLES = sorted(
    (parse(p.read_text(encoding="utf-8")) for p in (SITE / "content" / "articles").glob("*.md")), key=lambda a: a.slug
)
#: An article whose title holds 发布: by phrase 發佈, character by character 發布.
NOTICE = "2024-02-19-6546c5f6"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("hant") / "out", plugins=("hant", "related", "taxonomy", "searchindex")).ok()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("hant-abs") / "out", plugins=("hant", "taxonomy", "seo"), siteurl=SITEURL).ok()


def _pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))


def _is_copy(rel: str) -> bool:
    return rel.startswith("zh-hant/") or re.fullmatch(r"articles/[^/]+/zh-hant/index\.html", rel) is not None


def _copy_of(rel: str) -> str:
    m = re.fullmatch(r"(articles/[^/]+/)index\.html", rel)
    return f"{m.group(1)}zh-hant/index.html" if m else f"zh-hant/{rel}"


def _target(rel: str, href: str) -> str | None:
    """The output file an internal link of page ``rel`` resolves to (None for other hosts)."""
    url = urljoin("http://site/" + rel, href)
    parts = urlsplit(url)
    if parts.netloc != "site":
        return None
    path = parts.path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def test_every_page_has_a_traditional_copy(site: Build) -> None:
    pages = _pages(site.out)
    simplified = [p for p in pages if not _is_copy(p)]
    assert {"index.html", "search/index.html", "region/zhejiang/index.html", "region/zhejiang/page/2/index.html"} <= set(
        simplified
    )
    for rel in simplified:
        copy = _copy_of(rel)
        assert copy in pages, f"{rel} has no Traditional copy at {copy}"
        soup = site.soup(copy)
        assert soup.html["lang"] == "zh-Hant", copy
        assert soup.select("[data-pagefind-body]") == [], copy
    assert not (site.out / "zh-hant" / "404.html").exists()


def test_copies_convert_by_phrase_with_the_configured_table(site: Build, tmp_path: Path) -> None:
    """Our copies go through OpenCC by phrase (发布 → 發佈; one character at a time would
    give 發布), lists included, and HANT_OPENCC_CONFIG chooses the table (s2twp also
    rewrites 搜索 → 搜尋)."""
    h1 = site.soup(f"articles/{NOTICE}/zh-hant/index.html").h1.get_text(strip=True)
    assert h1 == "內蒙古發佈檢驗檢測機構監督管理實施細則"
    listed = [a.get_text(strip=True) for a in site.soup("zh-hant/index.html").select(".entry__title a")]
    assert h1 in listed
    assert "搜索" in site.soup("zh-hant/index.html").select_one(".site-nav").get_text()
    twp = build(tmp_path / "out", plugins=("hant",), extra={"HANT_OPENCC_CONFIG": "s2twp"}).ok()
    soup = twp.soup("zh-hant/index.html")
    assert "搜尋" in soup.select_one(".site-nav").get_text() and "搜索" not in soup.select_one(".site-nav").get_text()
    # Why s2tw is the default: s2twp rewrites the outlet's own words (发布 → 釋出).
    assert twp.soup(f"articles/{NOTICE}/zh-hant/index.html").h1.get_text(strip=True) == "內蒙古釋出檢驗檢測機構監督管理實施細則"


def test_links_on_copies_stay_in_traditional(site: Build) -> None:
    """Every internal page link of a copy leads to a copy, except the 简体 ways back; every
    other URL (stylesheet, scripts, images, search index) resolves to a file that exists."""
    out = site.out
    wrong: list[str] = []
    for rel in (p for p in _pages(out) if _is_copy(p)):
        soup = BeautifulSoup((out / rel).read_text(encoding="utf-8"), "lxml")
        for tag in soup.select("a[href], form[action]"):
            href = tag.get("href") or tag.get("action")
            target = _target(rel, href)
            if target is None or href.startswith("#"):
                continue
            back = tag.get("hreflang") == "zh-Hans"
            if target.endswith("index.html"):
                if back == _is_copy(target):
                    wrong.append(f"{rel}: {href} → {target}")
            if not (out / target).exists():
                wrong.append(f"{rel}: {href} → {target} (missing)")
        for tag in soup.select("link[href], script[src], img[src]"):
            target = _target(rel, tag.get("href") or tag.get("src"))
            if target is not None and not (out / target).exists():
                wrong.append(f"{rel}: {tag} (missing)")
    assert not wrong, "\n".join(wrong[:20])


def test_switch_and_alternates_name_the_counterpart(site: Build) -> None:
    for rel, copy in [
        ("index.html", "zh-hant/index.html"),
        ("region/zhejiang/page/2/index.html", "zh-hant/region/zhejiang/page/2/index.html"),
        (f"articles/{NOTICE}/index.html", f"articles/{NOTICE}/zh-hant/index.html"),
        ("search/index.html", "zh-hant/search/index.html"),
    ]:
        hans, hant = site.soup(rel), site.soup(copy)
        to_hant = hans.select_one(".script-switch a[hreflang=zh-Hant]")
        assert _target(rel, to_hant["href"]) == copy
        assert _target(rel, hans.select_one("link[rel=alternate][hreflang=zh-Hant]")["href"]) == copy
        assert _target(rel, hans.select_one("link[rel=alternate][hreflang=zh-Hans]")["href"]) == rel
        back = hant.select_one(".script-switch a[hreflang=zh-Hans]")
        assert _target(copy, back["href"]) == rel
        assert "繁體" in hant.select_one(".script-switch [aria-current]").get_text()
        assert _target(copy, hant.select_one("link[rel=alternate][hreflang=zh-Hans]")["href"]) == rel
        assert _target(copy, hant.select_one("link[rel=alternate][hreflang=zh-Hant]")["href"]) == copy


def test_search_copy_reads_the_one_index(site: Build) -> None:
    app = site.soup("zh-hant/search/index.html").select_one("#search-app")
    rel = "zh-hant/search/index.html"
    assert _target(rel, app["data-index"] + "meta.json") == "search/index/meta.json"
    assert _target(rel, app["data-categories"]) == "zh-hant/category/index.html"
    words = site.soup("zh-hant/search/index.html").select_one("template#search-text")
    assert "篩選" in words.decode_contents(), "the search page's words are converted too"


def test_published_copies_canonical_and_json_ld(published: Build) -> None:
    soup = published.soup(f"articles/{NOTICE}/zh-hant/index.html")
    own = f"{SITEURL}/articles/{NOTICE}/zh-hant/"
    assert soup.select_one("link[rel=canonical]")["href"] == own
    assert soup.select_one('meta[property="og:url"]')["content"] == own
    assert soup.select_one('meta[property="og:locale"]')["content"] == "zh_TW"
    import json

    ld = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert ld["inLanguage"] == "zh-Hant" and ld["url"] == own
    home = published.soup("zh-hant/index.html")
    assert home.select_one("link[rel=alternate][hreflang=zh-Hans]")["href"] == f"{SITEURL}/"
    assert home.select_one("link[rel=canonical]")["href"] == f"{SITEURL}/zh-hant/"
    assert home.select_one(".site-nav a")["href"] == f"{SITEURL}/zh-hant/"


def test_mirror_urls() -> None:
    m = Mirror(str, {"articles/a/": "articles/a/zh-hant/"}, prefix="zh-hant/")
    assert m.hant_url("articles/a/") == "articles/a/zh-hant/"
    assert m.hant_url("articles/a/#x") == "articles/a/zh-hant/#x"
    assert m.hant_url("") == "zh-hant/"
    assert m.hant_url("search/?q=1") == "zh-hant/search/?q=1"
    assert m.hant_url("category/policy/page/{n}/") == "zh-hant/category/policy/page/{n}/"
    for same in ("theme/css/style.css", "feeds/all.atom.xml", "events.ics", "404.html", "zh-hant/x/", "articles/a/zh-hant/"):
        assert m.hant_url(same) == same
    assert m.hant_save_as("404.html") is None and m.hant_save_as("zh-hant/index.html") is None
    assert m.hant_save_as("articles/a/index.html") == "articles/a/zh-hant/index.html"
    with pytest.raises(ValueError, match="HANT_PREFIX"):
        Mirror(str, {}, prefix="/zh-hant")


def test_switched_off(tmp_path: Path) -> None:
    done = build(tmp_path / "out", plugins=("hant",), extra={"HANT_ENABLED": False}).ok()
    assert not list(done.out.rglob("zh-hant"))
    assert done.soup(f"articles/{ARTICLES[0].slug}/index.html").select_one(".script-switch") is None


def test_piecewise_conversion_equals_whole_page(site: Build) -> None:
    """Converting a page piece by piece (between tags, each piece once) gives OpenCC's own result."""
    import opencc

    conv = opencc.OpenCC("s2tw")
    convert_page = piecewise(conv.convert)
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert convert_page(html) == conv.convert(html), page
    # Phrases still convert by context inside one piece, and a tag splits nothing OpenCC joins.
    assert convert_page("<p>头发</p><b>发</b>展") == conv.convert("<p>头发</p><b>发</b>展")
