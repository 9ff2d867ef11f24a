"""Feeds plugin: an Atom feed per region (and per city or source if asked), a JSON Feed.

Pelican itself writes the whole-site and per-category Atom feeds (``FEED_ALL_ATOM``,
``CATEGORY_FEED_ATOM``); this plugin adds what it lacks, through Pelican's own feed writer
so every Atom feed looks alike:

- ``TERM_FEED_ATOM``: kind → path pattern, e.g. ``{"region": "feeds/region/{slug}.atom.xml"}``
  (kinds from the taxonomy plugin: region, city, source);
- ``FEED_ALL_JSON``: path of a JSON Feed 1.1 for the whole site (e.g. ``feeds/all.json``).

Both need an absolute ``FEED_DOMAIN`` (publishconf.py), since a feed is read away from the
site. Every Atom feed gets a feed-level author (the site) and ``xml:lang``, which Atom asks
for when entries have no author. At most ``FEED_MAX_ITEMS`` newest items per feed.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from plugins.incremental import write_output

logger = logging.getLogger(__name__)

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _abs(base: str, url: str) -> str:
    return f"{base.rstrip('/')}/{url.lstrip('/')}"


def _aware(when: datetime, tz: str) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(tz))


def json_feed(articles: list[Any], settings: dict[str, Any], feed_url: str) -> dict[str, Any]:
    """A JSON Feed 1.1 document for these articles (newest first)."""
    site = settings.get("FEED_DOMAIN") or settings.get("SITEURL", "")
    tz = settings.get("TIMEZONE") or "UTC"
    items = []
    for a in articles:
        url = _abs(site, a.url)
        item: dict[str, Any] = {
            "id": url,
            "url": url,
            "title": str(a.title),
            "content_html": a.get_content(site),
            "date_published": _aware(a.date, tz).isoformat(),
            "language": "zh-CN",
        }
        summary = Markup(getattr(a, "summary", "") or "").striptags()
        if summary:
            item["summary"] = summary
        if getattr(a, "source_url", ""):
            item["external_url"] = a.source_url
        tags = [str(getattr(a, "category", "") or "")] + [str(t) for t in getattr(a, "tags", []) or []]
        item["tags"] = [t for t in tags if t]
        authors = [str(x) for x in getattr(a, "authors", []) or [] if str(x)]
        if authors:
            item["authors"] = [{"name": n} for n in authors]
        items.append(item)
    return {
        "version": JSON_FEED_VERSION,
        "title": Markup(settings.get("SITENAME", "")).striptags(),
        "home_page_url": site.rstrip("/") + "/",
        "feed_url": feed_url,
        "description": Markup(settings.get("SITESUBTITLE", "") or "").striptags(),
        "language": "zh-CN",
        "authors": [{"name": Markup(settings.get("SITENAME", "")).striptags(), "url": site.rstrip("/") + "/"}],
        "items": items,
    }


class FeedsGenerator(Generator):
    """Writes the per-term Atom feeds and the JSON Feed after everything else is known."""

    def generate_output(self, writer: Any) -> None:
        settings = self.settings
        limit = settings.get("FEED_MAX_ITEMS")
        patterns: dict[str, str] = settings.get("TERM_FEED_ATOM") or {}
        taxonomies = self.context.get("taxonomies") or {}
        for kind, pattern in patterns.items():
            if not pattern:
                continue
            if kind not in taxonomies:
                logger.warning("feeds: TERM_FEED_ATOM has %r, but the taxonomy plugin has no such kind", kind)
                continue
            for term in taxonomies[kind].terms:
                path = pattern.format(slug=term.slug)
                writer.write_feed(term.articles, self.context, path, feed_type="atom",
                                  feed_title=term.title)
        json_path = settings.get("FEED_ALL_JSON")
        if json_path:
            site = settings.get("FEED_DOMAIN") or settings.get("SITEURL", "")
            doc = json_feed(list(self.context.get("articles", []))[:limit], settings, _abs(site, json_path))
            target = sanitised_join(self.output_path, json_path)
            # Written only when its bytes change (an incremental build leaves it untouched).
            write_output(target, json.dumps(doc, ensure_ascii=False, indent=1))
            signals.feed_written.send(target, context=self.context, feed=doc)


def get_generators(pelican: Any) -> type[Generator]:
    return FeedsGenerator


def complete_atom(context: dict[str, Any], feed: Any) -> None:
    """Feed-level author and language on every Atom/RSS feed Pelican builds."""
    name = Markup(context.get("SITENAME", "")).striptags()
    feed.feed.setdefault("author_name", None)
    if not feed.feed.get("author_name"):
        feed.feed["author_name"] = name
    if not feed.feed.get("language"):
        feed.feed["language"] = "zh-CN"


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(complete_atom)
