"""The source: the outlet or body the page credits, from its info line first, then its metadata.

``来源：``/``稿源：``/``文章来源：`` on the info line is what the page shows its reader;
``ContentSource``/``source`` metas, an ``article:author`` or ``author`` that names an
outlet (not a person), JSON-LD ``publisher`` and ``og:site_name`` follow. A platform's
own name (微信公众平台) is not a source.
"""

from __future__ import annotations

import re

from scrapers.core.patterns import han_count, lazy
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


def find_source(head: Head, info: str) -> tuple[str, str]:
    """The source and where it was found, or ("", "")."""
    m = _INFO_SOURCE.search(info)
    if m and _name(m["name"]):
        return _name(m["name"]), "info line"
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
