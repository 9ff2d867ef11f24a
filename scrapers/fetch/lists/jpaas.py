"""JPaaS ("页面构建单元") lists: a column page that is an empty shell, and its data service.

The current portals of 市场监管总局, CNAS, 国家认监委 and of many provincial bureaus are
built by the JPaaS publishing system: the column page holds no item link, only script tags
such as::

    <script src="/common/AuthorizedRead/unitbuild.js" id="…"
            url="/api-gateway/jpaas-publish-server/front/page/build/unit"
            queryData="{'webId':'…','pageId':'…','tplSetId':'…','pageType':'column','tagId':'信息列表','editType':'null'}"></script>

In the browser ``unitbuild.js`` calls ``url`` with the ``queryData`` parameters and puts
the answer's ``data.html`` (``{"success":true,"data":{"html":"<ul><li><a href=…>…"}}``)
into the page. Later pages add ``paramJson={"pageNo":2,"pageSize":15}``. This module
finds those tags and builds the same calls (GET, as the script does); the reader fetches
them through the fetcher (robots.txt, delay, address checks) and reads ``data.html`` as a
list. Only a data service on the column page's own host is called.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

#: The public path of the data service (also how a shell is recognised when a site renames the script).
UNIT_PATH = "/api-gateway/jpaas-publish-server/front/page/build/unit"
_PAIR = re.compile(r"""['"]?(\w+)['"]?\s*:\s*['"]([^'"]*)['"]""")
_ROWS = re.compile(r"""\brows\s*=\s*["'](\d+)["']""", re.I)
#: at most this many build units called per column page (a page also builds its navigation, footer…)
MAX_UNITS = 6


@dataclass(frozen=True)
class Unit:
    """One build unit of a shell page: the data service URL and the parameters to send it."""

    service: str
    params: tuple[tuple[str, str], ...]

    @property
    def tag(self) -> str:
        return dict(self.params).get("tagId", "")

    def url(self, page: int = 1, page_size: int = 15) -> str:
        """The GET URL for page ``page`` (page 1 exactly as the shell asks; later pages with ``paramJson``)."""
        params = [(k, v) for k, v in self.params if k != "paramJson"]
        if page > 1:
            params.append(("paramJson", json.dumps({"pageNo": page, "pageSize": page_size}, separators=(",", ":"))))
        parts = urlsplit(self.service)
        query = "&".join(q for q in (parts.query, urlencode(params)) if q)
        return urlunsplit(parts._replace(query=query))


def is_shell(text: str) -> bool:
    """Whether a page builds (part of) itself through JPaaS units."""
    low = text.lower()
    return ("unitbuild" in low and "querydata" in low) or UNIT_PATH in text


def query_data(value: str) -> dict[str, str]:
    """The ``queryData`` attribute (JSON in single quotes, as the sites write it) as a mapping."""
    value = value.strip()
    for attempt in (value, value.replace("'", '"')):
        try:
            data = json.loads(attempt)
        except ValueError:
            continue
        if isinstance(data, dict):
            return {str(k): "" if v is None else str(v) for k, v in data.items()}
    return {k: v for k, v in _PAIR.findall(value)}


def units(text: str, page_url: str) -> tuple[list[Unit], list[str]]:
    """The build units of a shell page, list units first, and notes on those left alone."""
    soup = BeautifulSoup(text, "lxml")
    found: list[Unit] = []
    notes: list[str] = []
    host = urlsplit(page_url).hostname
    for tag in soup.find_all(["script", "div", "span"]):
        if not isinstance(tag, Tag):
            continue
        attrs = {k.lower(): v for k, v in tag.attrs.items()}
        raw = attrs.get("querydata")
        service = attrs.get("url") or attrs.get("uniturl") or attrs.get("data-url")
        if not raw or not isinstance(raw, str):
            continue
        if not isinstance(service, str) or not service.strip():
            if tag.name == "script" and "unitbuild" in str(attrs.get("src", "")).lower():
                service = UNIT_PATH
            else:
                continue
        absolute = urljoin(page_url, service.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.hostname != host:
            notes.append(f"data service on another host left alone ({parts.hostname or service[:60]})")
            continue
        params = tuple(query_data(raw).items())
        if not params:
            notes.append("a build unit with unreadable queryData")
            continue
        unit = Unit(absolute, params)
        if unit not in found:
            found.append(unit)
    listy = ("列表", "list", "信息", "内容", "zw", "xx")
    found.sort(key=lambda u: not any(word in u.tag.lower() for word in listy))
    return found[:MAX_UNITS], notes


def page_size(unit: Unit, fragment: str) -> int:
    """Rows per page: the unit's own ``pageSize``/``rows``, the answer's pager ``rows="15"``, else 15."""
    params = dict(unit.params)
    for key in ("pageSize", "rows", "pagesize"):
        if params.get(key, "").isdigit():
            return max(1, min(int(params[key]), 100))
    m = _ROWS.search(fragment)
    return max(1, min(int(m.group(1)), 100)) if m else 15


def answer_html(data: object) -> tuple[str, str]:
    """``data.html`` of a data-service answer, and why there is none ("" when there is)."""
    if not isinstance(data, dict):
        return "", "the answer is not a JSON object"
    if data.get("success") is False:
        message = data.get("message") or data.get("msg") or data.get("code") or ""
        return "", f"the answer says success=false{f' ({str(message)[:80]})' if message else ''}"
    inner = data.get("data")
    html = inner.get("html") if isinstance(inner, dict) else None
    if not isinstance(html, str):
        return "", "the answer has no data.html"
    return html, ""
