"""Item links on a list (index) page: every link whose absolute URL matches the source's pattern.

A registry entry says which URLs are items with one regular expression, so an ordinary
site needs no code. Links are read from ``<a href>`` (optionally only inside the
``links`` CSS selector); when a list is rendered by a script from data embedded in the
page (the JCMS "dataproxy" lists of many provincial government sites keep their
``<li><a href=…>`` rows in a ``<script type="text/xml">`` block), the raw markup is
scanned for ``href`` values instead. A date shown next to a link is kept, so
``--since`` can pass over old items without fetching them.

Only ``http``/``https`` links are items: ``javascript:``, ``data:``, ``file:``, ``mailto:``
and every other scheme are dropped whatever their spelling (case, spaces, tabs), and a
``user:password@`` in a link is removed, so it is never requested nor reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from .fetch import without_userinfo
from .sources import Matcher

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_HREF = re.compile(r"""href\s*=\s*["']([^"'<>\s]+)["']""", re.I)
_ROW = ("li", "tr", "dd", "dt", "p")


@dataclass(frozen=True)
class Link:
    url: str
    text: str = ""
    #: ``YYYY-MM-DD`` when the list shows a date beside the link, else ""
    date: str = ""


def _date_in(text: str) -> str:
    m = _DATE.search(text)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _row_text(a: Tag) -> str:
    row = a.find_parent(_ROW)
    text = row.get_text(" ", strip=True) if row is not None else ""
    return text if len(text) <= 300 else a.get_text(" ", strip=True)


def find_links(html: str, base_url: str, items: Matcher, area: str = "") -> list[Link]:
    """Item links of a list page, in page order, each once."""
    soup = BeautifulSoup(html, "lxml")
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, base_tag["href"]) if isinstance(base_tag, Tag) else base_url
    scopes = soup.select(area) if area else [soup]
    found: dict[str, Link] = {}
    for scope in scopes:
        for a in scope.find_all("a", href=True):
            url = _absolute(base, a["href"])
            if url and items.search(url) and url not in found:
                title = a.get("title") or a.get_text(" ", strip=True)
                found[url] = Link(url, " ".join(str(title).split()), _date_in(_row_text(a)))
    if not found:  # rows kept in script data (JCMS lists and similar)
        for m in _HREF.finditer(html):
            url = _absolute(base, m.group(1))
            if url and items.search(url) and url not in found:
                row = re.split(r"</li>|</tr>|</record>|href\s*=", html[m.end() : m.end() + 400], maxsplit=1)[0]
                window = re.sub(r"<[^>]+>", " ", row)
                found[url] = Link(url, "", _date_in(window))
    return list(found.values())


def _absolute(base: str, href: str) -> str:
    """The absolute http(s) URL of a link, without fragment or credentials; "" for anything else.

    The scheme is judged after ``urljoin``/``urlsplit`` have parsed it as a browser would
    (case folded, tabs and newlines removed), not by the raw text's first letters.
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
