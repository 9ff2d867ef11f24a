"""The publication date: what the page says about its own publication, most trusted first.

Publication metas (``PubDate``, ``publishdate``, ``article:published_time``,
``og:release_date``…), JSON-LD ``datePublished``, ``<time>``, the info line under the
headline, then timestamps a page keeps in its scripts (WeChat's ``ct``), then update
times. The dates the text mentions are events, not publication: the normaliser reads
them only as a flagged last resort, and the URL's date comes before them.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from bs4 import BeautifulSoup

from scrapers.core.patterns import DATE_TIME, YEAR, read_date
from scrapers.extract.markup import Head, jsonld_value

PUBLISHED = (
    "PubDate",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "publish_time",
    "article:published_time",
    "og:release_date",
    "og:time",
    "apub:time",
    "firstpublishedtime",
    "datePublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "weibo: article:create_at",
    "sailthru.date",
    "parsely-pub-date",
)
UPDATED = (
    "dateUpdate",
    "article:modified_time",
    "og:updated_time",
    "lastmodifiedtime",
    "weibo: article:update_at",
    "dcterms.modified",
    "dateModified",
)
_CHINA = timezone(timedelta(hours=8))
#: Publication time kept in a script: WeChat's ``var ct = "1581517074"``, ``publish_time = "2020-02-12"``.
_EPOCH = re.compile(r"\b(?:ct|create_time|publish_time|pubtime)\s*[=:]\s*[\"']?(1[0-9]{9})\b")
_SCRIPT_DATE = re.compile(
    r"[\"']?\b(?:publish_?time|pub_?time|pubDate|publishDate|publish_date|createTime|create_time)[\"']?\s*[:=]\s*"
    rf"[\"']({YEAR}[-/.年][^\"']{{3,20}})[\"']",
    re.I,
)


def as_date(text: str) -> str:
    """``YYYY-MM-DD[ HH:MM]`` of the first date in ``text``, or "" (an impossible day is no date)."""
    m = DATE_TIME.search(text or "")
    found = read_date(m) if m else None
    if found is None or found.day.year < 1995:
        return ""
    return f"{found.day.isoformat()} {found.clock}".strip()


def find_dates(soup: BeautifulSoup, head: Head, info: str) -> list[tuple[str, str]]:
    """Publication date candidates, most trusted first, as (``YYYY-MM-DD[ HH:MM]``, where found)."""
    raw: list[tuple[str, str]] = [(head.metas[k], f"meta {k}") for k in PUBLISHED if head.metas.get(k)]
    if head.jsonld:
        raw.append((jsonld_value(head, "datePublished", "dateCreated"), "JSON-LD datePublished"))
    for tag in soup.find_all(attrs={"itemprop": re.compile("datePublished", re.I)}):
        raw.append((tag.get("content") or tag.get("datetime") or tag.get_text(), "itemprop datePublished"))
    # a <time> in a list or a link dates another item (related news), not this page
    times = [t for t in soup.find_all("time") if t.find_parent(["li", "a", "dd"]) is None]
    raw += [(t.get("datetime") or t.get_text(), "<time>") for t in times[:1]]
    raw.append((info, "info line"))
    m = _EPOCH.search(head.scripts)
    if m:
        stamp = datetime.fromtimestamp(int(m.group(1)), _CHINA)
        raw.append((stamp.strftime("%Y-%m-%d %H:%M"), "script timestamp"))
    raw += [(m.group(1), "script") for m in _SCRIPT_DATE.finditer(head.scripts)][:1]
    raw += [(head.metas[k], f"meta {k}") for k in UPDATED if head.metas.get(k)]
    if head.jsonld:
        raw.append((jsonld_value(head, "dateModified"), "JSON-LD dateModified"))
    found: list[tuple[str, str]] = []
    for text, how in raw:
        value = as_date(text) if isinstance(text, str) else ""
        if value and value not in [v for v, _ in found]:
            found.append((value, how))
    return found
