"""JSON-LD ``NewsArticle`` for an article page (schema.org), as a safe ``<script>`` body."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup


def _iso(when: datetime, tz: str) -> str:
    return (when if when.tzinfo else when.replace(tzinfo=ZoneInfo(tz))).isoformat()


def news_article(article: Any, settings: dict[str, Any], url: str = "", lang: str = "zh-CN") -> dict[str, Any]:
    """The NewsArticle for one article.

    This site is an archive: the original publisher is the article's Source and
    ``isBasedOn`` is the page it was taken from; the archive itself is the
    ``sourceOrganization`` of this copy and is never claimed as publisher.
    """
    tz = settings.get("TIMEZONE") or "UTC"
    site = Markup(settings.get("SITENAME", "")).striptags()
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(article.title)[:110],
        "datePublished": _iso(article.date, tz),
        "inLanguage": lang,
    }
    if getattr(article, "modified", None):
        doc["dateModified"] = _iso(article.modified, tz)
    if url:
        doc["url"] = url
        doc["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    summary = Markup(getattr(article, "summary", "") or "").striptags().strip()
    if summary:
        doc["description"] = summary
    category = getattr(article, "category", None)
    if category:
        doc["articleSection"] = str(category)
    tags = [str(t) for t in getattr(article, "tags", None) or []]
    if tags:
        doc["keywords"] = tags
    source = getattr(article, "source", "") or ""
    if source:
        doc["publisher"] = {"@type": "Organization", "name": source}
    source_url = getattr(article, "source_url", "") or ""
    if source_url:
        doc["isBasedOn"] = source_url
    authors = [str(a) for a in getattr(article, "authors", None) or [] if str(a)]
    if authors and getattr(article, "metadata", {}).get("authors"):
        doc["author"] = [{"@type": "Person", "name": a} for a in authors]
    places = [p for p in (getattr(article, "city", ""), getattr(article, "region", "")) if p]
    if places:
        doc["contentLocation"] = {"@type": "Place", "name": " ".join(dict.fromkeys(reversed(places)))}
    doc["sourceOrganization"] = {"@type": "Organization", "name": site}
    return doc


def script_body(doc: dict[str, Any]) -> Markup:
    """JSON safe inside ``<script type="application/ld+json">`` (no ``</script>`` break-out)."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
