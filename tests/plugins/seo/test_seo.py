"""Discovery metadata: sitemap (valid against the 0.9 schema), robots.txt, canonical, OG, JSON-LD."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from plugins.seo import sitemap
from scrapers.core.article import parse

from ..conftest import SITE, SITEURL, Build

SCHEMAS = Path(__file__).resolve().parents[2] / "fixtures" / "schemas"
NS = {"s": sitemap.NS}
ARTICLES = [parse(p.read_text(encoding="utf-8")) for p in (SITE / "content" / "articles").glob("*.md")]


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def sitemap_urls(path: Path) -> dict[str, str | None]:
    """loc → lastmod, after checking the file against the sitemaps.org schema."""
    doc = etree.parse(str(path))
    check = schema("sitemap.xsd")
    assert check.validate(doc), check.error_log
    return {
        u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS) for u in doc.getroot().findall("s:url", NS)
    }


def test_sitemap_lists_every_page(full_site: Build) -> None:
    urls = sitemap_urls(full_site.out / "sitemap.xml")
    pages = {p.relative_to(full_site.out).as_posix() for p in full_site.out.rglob("*.html")}
    unlisted = ("404.html", "search/index.html", "zh-hant/search/index.html")
    expected = {SITEURL + "/" + sitemap.url_of(p) for p in pages if p not in unlisted}
    assert set(urls) == expected
    # The Traditional copies are pages of their own (plugins.hant).
    assert f"{SITEURL}/zh-hant/" in urls and f"{SITEURL}/articles/{ARTICLES[0].slug}/zh-hant/" in urls
    for a in ARTICLES:
        assert urls[f"{SITEURL}/articles/{a.slug}/"] == a.date[:10]


def test_robots_points_at_the_sitemap(full_site: Build) -> None:
    text = (full_site.out / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text and f"Sitemap: {SITEURL}/sitemap.xml" in text


def test_no_sitemap_with_relative_urls(local_site: Build) -> None:
    assert not (local_site.out / "sitemap.xml").exists() and not (local_site.out / "robots.txt").exists()
    assert local_site.soup("index.html").select_one("link[rel=canonical]") is None


def test_big_sitemaps_are_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 2)
    pages = {f"articles/a{i}/index.html": date(2024, 1, i + 1) for i in range(5)}
    sitemap.write(tmp_path, "https://x.example.org", pages)
    index = etree.parse(str(tmp_path / "sitemap.xml"))
    assert schema("siteindex.xsd").validate(index)
    parts = [loc.text for loc in index.getroot().iter(f"{{{sitemap.NS}}}loc")]
    assert parts == [f"https://x.example.org/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert sum(len(sitemap_urls(tmp_path / f"sitemap-{n}.xml")) for n in (1, 2, 3)) == 5


def test_canonical_and_open_graph(full_site: Build) -> None:
    for rel, url in [
        ("index.html", "/"),
        ("category/open-days/index.html", "/category/open-days/"),
        ("region/zhejiang/page/2/index.html", "/region/zhejiang/page/2/"),
    ]:
        soup = full_site.soup(rel)
        assert soup.select_one("link[rel=canonical]")["href"] == SITEURL + url
        assert soup.select_one("meta[property='og:url']")["content"] == SITEURL + url
        assert soup.select_one("meta[property='og:title']")["content"]
    a = ARTICLES[0]
    soup = full_site.soup(f"articles/{a.slug}/index.html")
    og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
    assert og["og:type"] == "article" and og["og:title"] == a.title
    assert og["og:url"] == f"{SITEURL}/articles/{a.slug}/" and og["og:locale"] == "zh_CN"
    assert og["article:published_time"].startswith(a.date)


def test_json_ld_news_article(full_site: Build) -> None:
    for a in ARTICLES:
        soup = full_site.soup(f"articles/{a.slug}/index.html")
        blocks = soup.select('script[type="application/ld+json"]')
        assert len(blocks) == 1
        doc = json.loads(blocks[0].string)
        assert doc["@context"] == "https://schema.org" and doc["@type"] == "NewsArticle"
        assert doc["headline"] == a.title
        assert doc["datePublished"].startswith(a.date) and "+08:00" in doc["datePublished"]
        assert doc["publisher"] == {"@type": "Organization", "name": a.source}
        assert doc["isBasedOn"] == a.source_url
        assert doc["url"] == doc["mainEntityOfPage"]["@id"] == f"{SITEURL}/articles/{a.slug}/"
        assert doc["articleSection"] == a.category


def test_json_ld_cannot_break_out_of_its_script() -> None:
    from types import SimpleNamespace

    from plugins.seo.jsonld import news_article, script_body

    evil = SimpleNamespace(
        title="标题",
        date=__import__("datetime").datetime(2024, 1, 1),
        summary="",
        tags=[],
        source="</script><script>alert(1)</script>",
        source_url="",
        authors=[],
        metadata={},
        city="",
        region="",
    )
    body = str(script_body(news_article(evil, {"SITENAME": "x", "TIMEZONE": "Asia/Shanghai"})))
    assert "</script" not in body.lower() and json.loads(body)["publisher"]["name"] == evil.source
