"""The source: the outlet or body the page credits, from its info line first, then its metadata.

``来源：``/``稿源：``/``文章来源：`` on the info line is what the page shows its reader, and
so is a bare name in an element named for the source (``class="source"``, ``id="media_name"``);
``ContentSource``/``source`` metas, an ``article:author`` or ``author`` that names an
outlet (not a person), JSON-LD ``publisher`` and ``og:site_name`` follow. A platform's
own name (微信公众平台) is not a source.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from scrapers.core.patterns import DATE_TIME, han_count, lazy
from scrapers.extract.markup import Head, clean, jsonld_value

_INFO_SOURCE = re.compile(
    r"(?:文章来源|信息来源|新闻来源|稿件来源|来源|來源|稿源|出处|来源于)\s*[:：]\s*(?P<name>[^\s|｜/，,：:]{2,30})"
)
#: The fields an info line runs on into: "来源：新华社 作者：…", "来源：本站 时间：…".
_NEXT_FIELD = re.compile(r"(作者|编辑|责任编辑|记者|时间|发布|日期|浏览|点击|字号).*$")
_OUTLET = lazy(lambda w: rf"(?:{w.outlet_suffixes}|频道|杂志|周刊|传媒|media|news)$", re.I)
_NOT_SOURCE = re.compile(r"^(本站|本网|原创|网络|未知|admin|管理员|系统管理员|微信公众平台|转载)$|^\d+$|https?:|www\.", re.I)


def _name(text: str) -> str:
    text = clean(re.sub(r"^(来源|來源|稿源|出处)\s*[:：]\s*", "", clean(text)))
    text = _NEXT_FIELD.sub("", text).strip(" -_|｜·")
    return "" if not text or _NOT_SOURCE.search(text) or len(text) > 30 else text


#: A class or id that names the element holding the outlet: sina's ``<a class="source">``,
#: ``<span id="media_name">``; many CMS write ``laiyuan``/``ly``.
_SOURCE_NAME = re.compile(r"(?:^|[-_\s])(?:source|media[-_]?name|laiyuan|ly)(?:$|[-_\s])", re.I)


def source_in_markup(soup: BeautifulSoup | Tag) -> str:
    """The outlet an element named like a source shows ("参考消息" with no 来源 label before it).

    Only a short name counts: a label alone ("信息来源:") or a block of links is not one; an
    element inside a list belongs to another item.
    """
    for el in soup.find_all(attrs={"class": _SOURCE_NAME}) + soup.find_all(attrs={"id": _SOURCE_NAME}):
        if el.find_parent("li") is not None:
            continue
        text = clean(DATE_TIME.sub(" ", clean(el.get_text(" "))))  # sina's "time-source": the date, then the outlet
        if not text or len(text) > 40:
            continue
        m = _INFO_SOURCE.search(text)
        name = _name(m["name"] if m else text)
        if name and han_count(name) >= 2 and not re.search(r"[:：]", name):
            return name
    return ""


def find_source(head: Head, info: str, soup: BeautifulSoup | Tag | None = None) -> tuple[str, str]:
    """The source and where it was found, or ("", "")."""
    m = _INFO_SOURCE.search(info)
    if m and _name(m["name"]):
        return _name(m["name"]), "info line"
    shown = source_in_markup(soup) if soup is not None else ""
    if shown:
        return shown, "source element"
    metas = head.metas
    for key in ("ContentSource", "contentSource", "source", "Source", "copyfrom"):
        value = _name(metas.get(key, ""))
        if value and han_count(value) >= 2:
            return re.split(r"\s|-(?=\S)", value)[0] if _OUTLET.search(value.split("-")[0]) else value, f"meta {key}"
    for key in ("article:author", "og:article:author", "author"):
        value = _name(metas.get(key, ""))
        if value and han_count(value) >= 2 and _OUTLET.search(value):
            return value, f"meta {key}"
    publisher = _name(jsonld_value(head, "publisher", "sourceOrganization")) if head.jsonld else ""
    if publisher:
        return publisher, "JSON-LD publisher"
    site = _name(metas.get("og:site_name", "") or metas.get("SiteName", "") or metas.get("sitename", ""))
    if site and han_count(site) >= 2:
        return site, "og:site_name"
    return "", ""
