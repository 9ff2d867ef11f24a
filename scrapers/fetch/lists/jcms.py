"""Hanweb JCMS lists: the ``<datastore>`` a column page keeps in a script, and ``dataproxy.jsp``.

A JCMS column page (``col/col<id>/index.html``) does not show its rows as markup; it keeps
the first group of them in a ``<script type="text/xml">`` block, which a script pages
through in the browser::

    <datastore>
      <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=…&columnid=…&unitid=…"></a>]]></nextgroup>
      <recordset>
        <record><![CDATA[<li><a href="/art/2024/6/3/art_1228_5001.html" …>…</a><span>2024-06-03</span></li>]]></record>
        …
      </recordset>
    </datastore>

and a paging call such as ``$('#5555').jpage({totalRecord:120, perPage:15, …})``. The next
groups come from ``dataproxy.jsp?startrecord=46&endrecord=90&perpage=15`` with the
parameters of the ``nextgroup`` link (``webid``, ``columnid``, ``unitid``, ``path``…); the
answer is a ``<datastore>`` of the same shape with ``<totalrecord>``. Browsers POST those
parameters; the proxy takes them in the query string as well, which public scrapers of
provincial portals do (a GET is cacheable and checked against robots.txt like any page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapers.fetch.lists.common import Link, absolute, dedupe
from scrapers.fetch.lists.html import anchors

_STORE = re.compile(r"<datastore\b[^>]*>(.*?)</datastore>", re.S | re.I)
_RECORD = re.compile(r"<record\b[^>]*>(.*?)</record>", re.S | re.I)
_NEXT = re.compile(r"<nextgroup\b[^>]*>(.*?)</nextgroup>", re.S | re.I)
#: The link of a ``<nextgroup>`` (its markup may hold spaces and brackets: not a list's ``href``).
_NEXT_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_CDATA = re.compile(r"<!\[CDATA\[|\]\]>")
_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>|totalRecord\s*:\s*['\"]?(\d+)", re.I)
_PER_PAGE = re.compile(r"perPage\s*:\s*['\"]?(\d+)|[?&]perpage=(\d+)", re.I)
#: how many records one proxy call asks for at most (JCMS pages in groups of three pages)
MAX_GROUP = 150


@dataclass(frozen=True)
class Store:
    """One datastore: its rows' links, how many records it held, the next-group link, the totals."""

    links: list[Link]
    records: int
    proxy: str
    total: int | None
    per_page: int | None


def has_store(text: str) -> bool:
    return "<datastore" in text.lower()


def read(text: str, base_url: str) -> Store | None:
    """The first datastore with records in a column page or a ``dataproxy.jsp`` answer, or None.

    A page may carry several (desktop and mobile copies of one list): the first with
    records is the list, the others are left alone.
    """
    stores = _STORE.findall(text)
    if not stores:
        return None
    chosen = next((s for s in stores if _RECORD.search(s)), stores[0])
    records = _RECORD.findall(chosen)
    fragment = "\n".join(_CDATA.sub("", r) for r in records)
    links = anchors(fragment, base_url) if fragment.strip() else []
    proxy = ""
    nxt = _NEXT.search(chosen)
    if nxt:
        href = _NEXT_HREF.search(_CDATA.sub("", nxt.group(1)))
        if href:
            proxy = absolute(base_url, href.group(1).replace("&amp;", "&"))
    totals = [int(a or b) for a, b in _TOTAL.findall(text)]
    per = [int(a or b) for a, b in _PER_PAGE.findall(text)]
    return Store(dedupe(links), len(records), proxy, max(totals) if totals else None, per[-1] if per else None)


def proxy_problem(proxy: str, list_url: str) -> str:
    """Why a next-group link must not be called ("" when it may): only the list's own host's dataproxy."""
    parts, home = urlsplit(proxy), urlsplit(list_url)
    if parts.hostname != home.hostname:
        return f"its data proxy is on another host ({parts.hostname})"
    if not parts.path.endswith("dataproxy.jsp"):
        return f"its next-group link is not a JCMS data proxy ({parts.path})"
    return ""


def group_url(proxy: str, start: int, end: int, per_page: int) -> str:
    """The ``dataproxy.jsp`` call for records ``start``–``end``: the next-group link's parameters
    (without its ``page``), ``col=1`` as the browser sends it, and the record range."""
    parts = urlsplit(proxy)
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _RANGE_KEYS]
    if not any(k == "col" for k, _ in params):
        params.append(("col", "1"))
    query = urlencode([("startrecord", str(start)), ("endrecord", str(end)), ("perpage", str(per_page)), *params])
    return urlunsplit(parts._replace(query=query))


_RANGE_KEYS = {"page", "startrecord", "endrecord", "perpage"}


def next_group(store: Store, proxy: str, done: int) -> tuple[int, int, int] | None:
    """``(start, end, per_page)`` of the group after ``done`` records, or None when the list is done."""
    per_page = store.per_page or 15
    size = min(max(store.records, per_page), MAX_GROUP)
    if store.total is not None and done >= store.total:
        return None
    if not proxy or store.records == 0:
        return None
    return done + 1, done + size, per_page
