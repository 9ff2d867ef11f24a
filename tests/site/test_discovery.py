"""The published build (publishconf.py) of the real content: feeds, sitemap, canonical, JSON-LD.

Feeds must parse without a bozo flag (feedparser); the JSON Feed is checked against the
JSON Feed 1.1 rules; sitemap.xml validates against the sitemaps.org 0.9 schema shipped in
tests/fixtures/schemas and lists exactly the pages that exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from plugins.seo.sitemap import NS, url_of
from plugins.taxonomy.slugs import SlugBook
from scrapers.core.article import CATEGORY_SLUGS
from tests.plugins.feeds.test_feeds import json_feed_problems

from .conftest import ROOT, Published, Source

SCHEMA = ROOT / "tests" / "fixtures" / "schemas" / "sitemap.xsd"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _feed(site: Published, rel: str) -> feedparser.FeedParserDict:
    path = site.dir / rel
    assert path.is_file(), f"no {rel}"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{rel}: {parsed.get('bozo_exception')}"
    return parsed


def _links(parsed: feedparser.FeedParserDict) -> set[str]:
    return {e.link for e in parsed.entries}


def test_atom_feeds(published_site: Published, sources: list[Source]) -> None:
    url = published_site.url
    everything = _feed(published_site, "feeds/all.atom.xml")
    assert _links(everything) == {f"{url}articles/{s.article.slug}/" for s in sources}
    for name in {s.article.category for s in sources}:
        parsed = _feed(published_site, f"feeds/category/{CATEGORY_SLUGS[name]}.atom.xml")
        assert _links(parsed) == {f"{url}articles/{s.article.slug}/" for s in sources if s.article.category == name}
    book = SlugBook.load()
    for region in {s.article.region for s in sources}:
        parsed = _feed(published_site, f"feeds/region/{book.slug('region', region)}.atom.xml")
        assert _links(parsed) == {f"{url}articles/{s.article.slug}/" for s in sources if s.article.region == region}


def test_json_feed(published_site: Published, sources: list[Source]) -> None:
    doc = json.loads((published_site.dir / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert json_feed_problems(doc) == []
    assert {i["url"] for i in doc["items"]} == {f"{published_site.url}articles/{s.article.slug}/" for s in sources}


def test_sitemap_is_valid_and_complete(published_site: Published) -> None:
    doc = etree.parse(str(published_site.dir / "sitemap.xml"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(doc), schema.error_log
    listed = {u.text for u in doc.getroot().iter(f"{{{NS}}}loc")}
    pages = {p.relative_to(published_site.dir).as_posix() for p in published_site.dir.rglob("*.html")
             if "pagefind" not in p.parts}
    expected = {published_site.url + url_of(p) for p in pages - {"404.html", "search/index.html", "zh-hant/search/index.html"}}
    assert listed == expected
    robots = (published_site.dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {published_site.url}sitemap.xml" in robots


def test_every_page_has_its_canonical_url(published_site: Published) -> None:
    wrong = []
    for page in published_site.dir.rglob("*.html"):
        rel = page.relative_to(published_site.dir).as_posix()
        if "pagefind" in rel:
            continue
        link = _soup(page).select_one("link[rel=canonical]")
        if link is None or link["href"] != published_site.url + url_of(rel):
            wrong.append(f"{rel}: {link['href'] if link else None}")
    assert not wrong, "\n".join(wrong)


def test_article_metadata_for_sharing_and_search(published_site: Published, sources: list[Source]) -> None:
    for s in sources:
        a = s.article
        soup = _soup(published_site.dir / "articles" / a.slug / "index.html")
        og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
        assert og["og:type"] == "article" and og["og:title"] == a.title
        assert og["og:url"] == f"{published_site.url}articles/{a.slug}/"
        assert og["og:description"] and og["article:published_time"].startswith(a.date[:10])
        ld = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        assert ld["@type"] == "NewsArticle" and ld["headline"] == a.title[:110]
        assert ld["datePublished"].startswith(a.date[:10])
        if a.source:
            assert ld["publisher"]["name"] == a.source
        if a.source_url:
            assert ld["isBasedOn"] == a.source_url
        hant = _soup(published_site.dir / "articles" / a.slug / "zh-hant" / "index.html")
        assert json.loads(hant.select_one('script[type="application/ld+json"]').string)["inLanguage"] == "zh-Hant"
