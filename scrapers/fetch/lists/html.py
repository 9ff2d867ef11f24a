"""An HTML list page (or an HTML fragment handed over by a data service): its ``<a href>`` links.

Links are read from ``<a href>`` (optionally only inside the ``links`` CSS selector), with
the date shown in their row (``<li>``, ``<tr>``…) and their title. When a list is rendered
by a script from data kept in the page or handed over as text (JSON strings, script
variables), the raw markup is scanned for ``href`` values instead, escaped ones included
(``href=\\"…\\"``, ``\\/``), so a list whose rows are not in the DOM is still read.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from scrapers.fetch.lists.common import HREF, Link, absolute, date_in, dedupe, plain_text
from scrapers.fetch.sources import Matcher

_ROW = ("li", "tr", "dd", "dt", "p")
#: what a JSON string or a script variable escapes in markup
_UNESCAPE = (("\\/", "/"), ('\\"', '"'), ("\\'", "'"), ("\\u002F", "/"), ("\\u002f", "/"))


def _row_text(a: Tag) -> str:
    row = a.find_parent(_ROW)
    text = row.get_text(" ", strip=True) if row is not None else ""
    return text if len(text) <= 300 else a.get_text(" ", strip=True)


def base_of(soup: BeautifulSoup, base_url: str) -> str:
    """The page's ``<base href>`` (resolved), else its own URL."""
    tag = soup.find("base", href=True)
    return urljoin(base_url, str(tag["href"])) if isinstance(tag, Tag) else base_url


def anchors(html: str, base_url: str, area: str = "", soup: BeautifulSoup | None = None) -> list[Link]:
    """Every http(s) ``<a href>`` of a page or fragment (inside ``area`` when given), in order, each once."""
    soup = soup if soup is not None else BeautifulSoup(html, "lxml")
    base = base_of(soup, base_url)
    scopes = soup.select(area) if area else [soup]
    found: list[Link] = []
    for scope in scopes:
        for a in scope.find_all("a", href=True):
            url = absolute(base, str(a["href"]))
            if url:
                title = a.get("title") or a.get_text(" ", strip=True)
                found.append(Link(url, " ".join(str(title).split()), date_in(_row_text(a))))
    return dedupe(found)


def raw_hrefs(text: str, base_url: str) -> list[Link]:
    """``href`` values anywhere in raw text (script data, JSON strings), escaped or not, with a nearby date."""
    for escaped, plain in _UNESCAPE:
        text = text.replace(escaped, plain)
    found: list[Link] = []
    for m in HREF.finditer(text):
        url = absolute(base_url, m.group(1).replace("&amp;", "&"))
        if url:
            row = re.split(r"</li>|</tr>|</record>|href\s*=", text[m.end() : m.end() + 400], maxsplit=1)[0]
            found.append(Link(url, "", date_in(plain_text(row, " "))))
    return dedupe(found)


def find_links(html: str, base_url: str, items: Matcher, area: str = "") -> list[Link]:
    """Item links of an HTML list page, in page order, each once.

    The ``<a href>`` links come first; only when none of them is an item is the raw markup
    scanned (rows kept in script data: JCMS lists and similar).
    """
    found = [link for link in anchors(html, base_url, area) if items.search(link.url)]
    if not found:
        found = [link for link in raw_hrefs(html, base_url) if items.search(link.url)]
    return found
