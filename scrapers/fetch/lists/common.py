"""What every list shape shares: the link record, absolute URLs, dates beside links, and
what an article link looks like.

A list shape (HTML page, JPaaS data service, JCMS datastore, JSON, feed, sitemap) only
has to say which links it holds; whether a link is an item is the registry's ``items``
pattern, applied by the reader. What a link *looks like* (dated path, ``art_…``,
``content_…``, ``post_…``, ``t2024…``) is judged here, so that a list whose links all fail
``items`` is reported as such ("12 article-like links, none matching items") instead of
yielding nothing in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from scrapers.core.patterns import YEAR, dates_in
from scrapers.fetch.client import without_userinfo

_ISO_DATE = re.compile(rf"{YEAR}-\d{{2}}-\d{{2}}")
#: An ``href`` value in raw markup (quoted, no spaces or angle brackets).
HREF = re.compile(r"""href\s*=\s*["']([^"'<>\s]+)["']""", re.I)
#: A value that is a URL or a site path (in JSON data or an XML element of unknown schema).
URLISH = re.compile(r"^(?:https?://|/|\./|\.\./)[^\s<>\"']{1,2000}$", re.I)
_TAG = re.compile(r"<[^>]+>")

#: Paths that look like an article of a Chinese news, government or association site:
#: dated folders (``/2024/06/03/``, ``/202406/``, ``/2024-06/03/``), the CMS item names
#: (``art_…`` of Hanweb JCMS and JPaaS, ``content_…`` of newspaper and TRS systems,
#: ``post_…`` of the gd.gov.cn portals, ``t20240603_…`` of TRS), and the numbered detail
#: pages of small sites (``show.asp?id=12``, ``/news/12345.html``).
ARTICLE_LIKE = re.compile(
    r"""
    /(?:19|20)\d{2}(?:[-/_]?\d{1,2}){1,2}(?:/|_|\.|$)   # dated folder or name
    | /art_ | art_[0-9a-f]{16,} | /art/\d{4}/            # JCMS and JPaaS items
    | content_\d+ | post_\d+                            # newspaper CMS, TRS, gd.gov.cn
    | /t(?:19|20)\d{6}_\d+                               # TRS
    | [?&](?:id|aid|articleid|newsid|infoid|docid)=\d+   # numbered detail pages
    | /(?:detail|show|article|content|view)[-_/]?\w*?[-_/.]\d{3,}
    | /\d{5,}\.s?html?$
    """,
    re.X | re.I,
)

#: Second-level labels under which the registrable name is three labels long (samr.gov.cn).
_SECOND_LEVEL = {"gov", "org", "com", "edu", "net", "ac"}


@dataclass(frozen=True)
class Link:
    """A link found on a list: absolute http(s) URL, its text, and the date shown beside it."""

    url: str
    text: str = ""
    #: ``YYYY-MM-DD`` when the list shows a date beside the link, else ""
    date: str = ""


def date_in(text: str) -> str:
    """The first plausible date in ``text`` as ``YYYY-MM-DD`` ("2024年6月3日", "2024-06-03"), or ""."""
    found = dates_in(text)
    return found[0].day.isoformat() if found else ""


def plain_text(markup: str, gap: str = "") -> str:
    """The words of a piece of markup: tags replaced by ``gap`` ("" inside a title, where a
    ``<font>`` may split a word; " " between the cells of a row), whitespace folded."""
    return " ".join(_TAG.sub(gap, markup).split())


def iso_date(text: str) -> str:
    """The date of an ISO 8601 or RFC 822 timestamp (feeds, sitemaps) as ``YYYY-MM-DD``, or ""."""
    m = _ISO_DATE.search(text)
    if m:
        return date_in(m.group(0))
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return date_in(text)


def absolute(base: str, href: str) -> str:
    """The absolute http(s) URL of a link, without fragment or credentials; "" for anything else.

    The scheme is judged after ``urljoin``/``urlsplit`` have parsed it as a browser would
    (case folded, tabs and newlines removed), not by the raw text's first letters, so
    ``javascript:``, ``data:``, ``file:`` and ``mailto:`` links are dropped whatever their
    spelling, and a ``user:password@`` is removed so it is never requested nor reported.
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return ""
    try:
        url, _ = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return ""
    except ValueError:  # a malformed host or port in a stranger's page: not a link we follow
        return ""
    return without_userinfo(url)


def site_of(url: str) -> str:
    """The registrable name of a URL's host: ``www.samr.gov.cn`` → ``samr.gov.cn``."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    labels = host.split(".")
    if len(labels) >= 3 and labels[-1] == "cn" and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def article_like(url: str, site: str = "") -> bool:
    """Whether ``url`` looks like an article page (of ``site``, when given), whatever ``items`` says."""
    if site and site_of(url) != site:
        return False
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return bool(ARTICLE_LIKE.search(path))


def dedupe(links: list[Link]) -> list[Link]:
    """Links in order, each URL once (the first sighting wins, but a later date fills a missing one)."""
    found: dict[str, Link] = {}
    for link in links:
        known = found.get(link.url)
        if known is None:
            found[link.url] = link
        elif (not known.date and link.date) or (not known.text and link.text):
            found[link.url] = Link(link.url, known.text or link.text, known.date or link.date)
    return list(found.values())
