"""Sitemaps (sitemaps.org): the pages of a ``<urlset>``, the child sitemaps of a ``<sitemapindex>``.

A page's ``<lastmod>`` (or a news sitemap's ``<news:publication_date>``) is its date, so
``--since`` passes over old pages without fetching them. Child sitemaps are read newest
first; only those on the index's own host are followed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapers.fetch.lists.common import Link, absolute, dedupe, iso_date
from scrapers.fetch.lists.xml import local, parse, text_of

SITEMAP_ROOTS = ("urlset", "sitemapindex")


def links(text: str, base_url: str) -> tuple[list[Link], list[str], str]:
    """``(pages, child sitemaps newest first, kind)``; kind is "urlset", "index" or "" (not a sitemap)."""
    root = parse(text)
    if root is None:
        return [], [], ""
    kind = local(root.tag)
    if kind == "urlset":
        pages: list[Link] = []
        for entry in root:
            if local(entry.tag) != "url":
                continue
            url = absolute(base_url, text_of(entry, "loc"))
            news = next((c for c in entry if local(c.tag) == "news"), None)
            day = iso_date(text_of(news, "publication_date")) if news is not None else ""
            title = " ".join(text_of(news, "title").split()) if news is not None else ""
            if url:
                pages.append(Link(url, title, day or iso_date(text_of(entry, "lastmod"))))
        return dedupe(pages), [], "urlset"
    if kind == "sitemapindex":
        host = urlsplit(base_url).hostname
        dated: list[tuple[str, str]] = []
        for entry in root:
            if local(entry.tag) != "sitemap":
                continue
            url = absolute(base_url, text_of(entry, "loc"))
            if url and urlsplit(url).hostname == host:
                dated.append((iso_date(text_of(entry, "lastmod")), url))
        dated.sort(key=lambda d: d[0], reverse=True)  # stable: undated ones keep their order, last
        return [], list(dict.fromkeys(u for _, u in dated)), "index"
    return [], [], ""
