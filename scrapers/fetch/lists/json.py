"""A JSON list (a site's data URL, JSONP, or the answer of a list's data service).

No schema is assumed: the document is walked, and a link is either a string holding
markup (``"<li><a href=\\"/art/…\\">…"``, read as an HTML fragment) or a URL-like string
under a key such as ``url``, ``link``, ``href`` or ``docUrl``, whose object's ``title``
and date keys give the link's text and date. A body that is not valid JSON (a script
variable, a truncated answer) is scanned for its ``href`` values, escaped ones included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from scrapers.fetch.lists.common import URLISH, Link, absolute, date_in, dedupe, plain_text
from scrapers.fetch.lists.html import anchors, raw_hrefs

_JSONP = re.compile(r"^\s*[\w$.]+\s*\(\s*(.*?)\s*\)\s*;?\s*$", re.S)
_JSONP_HEAD = re.compile(r"[\w$.]+\s*\(\s*[\[{]")
_URL_KEY = re.compile(r"url|link|href|path|address|地址|链接", re.I)
_TITLE_KEYS = ("title", "name", "doctitle", "docTitle", "TITLE", "subject", "标题", "text")
_DATE_KEY = re.compile(r"date|time|day|日期|时间", re.I)
#: how deep a stranger's JSON may nest before the rest is left alone
MAX_DEPTH = 40


def load(text: str) -> object | None:
    """The JSON value of a body (JSONP unwrapped), or None when it is not JSON."""
    for candidate in (text, _unwrap(text)):
        if candidate is None:
            continue
        try:
            return json.loads(candidate)
        except (ValueError, RecursionError):
            continue
    return None


def _unwrap(text: str) -> str | None:
    m = _JSONP.match(text)
    return m.group(1) if m else None


def looks_like_json(text: str) -> bool:
    """Whether a body is JSON or JSONP by its first characters (servers label JSON loosely)."""
    head = text.lstrip()[:200]
    return head[:1] in ("{", "[") or bool(_JSONP_HEAD.match(head))


def links(text: str, base_url: str, data: object | None = None) -> list[Link]:
    """Every http(s) link in a JSON document, in document order, each once."""
    data = load(text) if data is None else data
    if data is None:
        return raw_hrefs(text, base_url)
    return dedupe(list(_walk(data, base_url, 0)))


def _walk(value: object, base: str, depth: int) -> Iterator[Link]:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        if "<a" in value.lower() and "href" in value.lower():
            yield from anchors(value, base)
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, base, depth + 1)
        return
    if not isinstance(value, dict):
        return
    title = next((str(value[k]).strip() for k in _TITLE_KEYS if isinstance(value.get(k), str)), "")
    day = ""
    for key, item in value.items():
        if isinstance(item, str) and _DATE_KEY.search(str(key)):
            day = date_in(item)
            if day:
                break
    for key, item in value.items():
        if isinstance(item, str) and _URL_KEY.search(str(key)) and URLISH.match(item.strip()):
            url = absolute(base, item.strip())
            if url:
                yield Link(url, plain_text(title), day)
        else:
            yield from _walk(item, base, depth + 1)
