"""Feeds: Atom for the site, each category and each region; JSON Feed; all valid."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

import feedparser
import pytest

from plugins.taxonomy.slugs import SlugBook
from scrapers.core.article import CATEGORY_SLUGS, parse

from ..conftest import SITE, SITEURL, Build

ARTICLES = [parse(p.read_text(encoding="utf-8")) for p in (SITE / "content" / "articles").glob("*.md")]


def _parse(site: Build, rel: str) -> feedparser.FeedParserDict:
    path = site.out / rel
    assert path.is_file(), f"no {rel}"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{rel}: {parsed.get('bozo_exception')}"
    return parsed


def _article_urls(parsed: feedparser.FeedParserDict) -> set[str]:
    return {e.link for e in parsed.entries}


def _url(a) -> str:
    return f"{SITEURL}/articles/{a.slug}/"


def test_site_feed(full_site: Build) -> None:
    parsed = _parse(full_site, "feeds/all.atom.xml")
    assert parsed.version == "atom10"
    assert _article_urls(parsed) == {_url(a) for a in ARTICLES}
    assert parsed.feed.get("author") and parsed.feed.get("language", "").lower().startswith("zh")


def test_category_feeds(full_site: Build) -> None:
    counts = Counter(a.category for a in ARTICLES)
    for name, n in counts.items():
        parsed = _parse(full_site, f"feeds/category/{CATEGORY_SLUGS[name]}.atom.xml")
        assert _article_urls(parsed) == {_url(a) for a in ARTICLES if a.category == name}
        assert len(parsed.entries) == n


def test_region_feeds(full_site: Build) -> None:
    book = SlugBook.load()
    for region in {a.region for a in ARTICLES}:
        rel = f"feeds/region/{book.slug('region', region)}.atom.xml"
        parsed = _parse(full_site, rel)
        assert _article_urls(parsed) == {_url(a) for a in ARTICLES if a.region == region}
        assert region in parsed.feed.title
    page = full_site.soup("region/zhejiang/index.html")
    assert page.select_one('link[rel=alternate][type="application/atom+xml"][href$="feeds/region/zhejiang.atom.xml"]')
    assert page.select_one('a.feed-link[href$="feeds/region/zhejiang.atom.xml"]')


def json_feed_problems(doc: object) -> list[str]:
    """What JSON Feed 1.1 requires (feedparser 6.0 cannot read JSON Feed, so checked here)."""
    if not isinstance(doc, dict):
        return ["top level is not an object"]
    found = []
    if doc.get("version") != "https://jsonfeed.org/version/1.1":
        found.append(f"version {doc.get('version')!r}")
    if not isinstance(doc.get("title"), str) or not doc["title"]:
        found.append("no title")
    for key in ("home_page_url", "feed_url"):
        if not str(doc.get(key, "")).startswith(("http://", "https://")):
            found.append(f"{key} is not an absolute URL")
    items = doc.get("items")
    if not isinstance(items, list):
        return [*found, "items is not a list"]
    ids = [i.get("id") for i in items if isinstance(i, dict)]
    if len(ids) != len(set(ids)) or len(ids) != len(items):
        found.append("item ids missing or repeated")
    for i in items:
        if not isinstance(i.get("id"), str):
            found.append(f"item id {i.get('id')!r} is not a string")
        if not (isinstance(i.get("content_html"), str) or isinstance(i.get("content_text"), str)):
            found.append(f"{i.get('id')}: neither content_html nor content_text")
        try:
            datetime.fromisoformat(i["date_published"])
        except (KeyError, ValueError):
            found.append(f"{i.get('id')}: date_published is not RFC 3339")
        if "+" not in i.get("date_published", "")[10:] and not i.get("date_published", "").endswith("Z"):
            found.append(f"{i.get('id')}: date_published has no time zone")
        if not isinstance(i.get("tags", []), list):
            found.append(f"{i.get('id')}: tags is not a list")
    return found


def test_json_feed(full_site: Build) -> None:
    doc = json.loads((full_site.out / "feeds/all.json").read_text(encoding="utf-8"))
    assert json_feed_problems(doc) == []
    assert doc["feed_url"] == f"{SITEURL}/feeds/all.json"
    assert {i["url"] for i in doc["items"]} == {_url(a) for a in ARTICLES}
    by_url = {i["url"]: i for i in doc["items"]}
    for a in ARTICLES:
        item = by_url[_url(a)]
        assert item["title"] == a.title and item["external_url"] == a.source_url
        assert a.category in item["tags"]


def test_feeds_are_linked_from_pages(full_site: Build) -> None:
    home = full_site.soup("index.html")
    assert home.select_one('link[rel=alternate][type="application/atom+xml"]')["href"] == f"{SITEURL}/feeds/all.atom.xml"
    assert home.select_one('link[rel=alternate][type="application/feed+json"]')["href"] == f"{SITEURL}/feeds/all.json"
    cat = full_site.soup("category/open-days/index.html")
    assert cat.select_one('a.feed-link[href$="feeds/category/open-days.atom.xml"]')


@pytest.mark.parametrize("rel", ["feeds/all.atom.xml", "feeds/all.json"])
def test_no_feeds_in_local_builds(local_site: Build, rel: str) -> None:
    """Relative-URL builds (make site) have no feeds: a feed needs absolute links."""
    assert not (local_site.out / rel).exists()
