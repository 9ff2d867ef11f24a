"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item's link, title and date."""

from __future__ import annotations

from scrapers.fetch.lists.common import Link, absolute, dedupe, iso_date
from scrapers.fetch.lists.xml import children, local, parse, text_of

FEED_ROOTS = ("rss", "rdf", "feed")


def links(text: str, base_url: str) -> tuple[list[Link], str]:
    """The feed's item links, and its kind ("RSS", "Atom", "RDF"; "" when it is not a feed)."""
    root = parse(text)
    if root is None:
        return [], ""
    kind = local(root.tag)
    found: list[Link] = []
    if kind == "feed":
        for entry in children(root, "entry"):
            href = ""
            for link in children(entry, "link"):
                rel = (link.get("rel") or "alternate").lower()
                if rel == "alternate" and link.get("href"):
                    href = link.get("href") or ""
                    break
            url = absolute(base_url, href)
            day = iso_date(text_of(entry, "published") or text_of(entry, "updated"))
            if url:
                found.append(Link(url, " ".join(text_of(entry, "title").split()), day))
        return dedupe(found), "Atom"
    if kind in ("rss", "rdf"):
        items = [i for i in root.iter() if local(i.tag) == "item"]
        for item in items:
            href = text_of(item, "link")
            guid = next((g for g in children(item, "guid") if (g.get("isPermaLink") or "true") == "true"), None)
            if not href and guid is not None:
                href = (guid.text or "").strip()
            if not href:
                href = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about") or ""
            url = absolute(base_url, href)
            day = iso_date(text_of(item, "pubdate") or text_of(item, "date") or text_of(item, "published"))
            if url:
                found.append(Link(url, " ".join(text_of(item, "title").split()), day))
        return dedupe(found), "RSS" if kind == "rss" else "RDF"
    return [], ""
