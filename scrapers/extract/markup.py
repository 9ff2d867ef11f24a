"""Markup helpers shared by the field finders: text of a tag, metas, JSON-LD, scripts, chrome removal."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, Tag

from scrapers.core.patterns import DATE, lazy

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "form",
    "select",
    "button",
    "input",
    "textarea",
    "svg",
    "nav",
    "footer",
    "aside",
    "head",
    "link",
    "meta",
    "object",
    "embed",
    "canvas",
    "map",
)
#: A class or id naming page chrome (``css_noise_words`` of scrapers/data/lexicon.yaml) as a whole word.
_NOISE = lazy(lambda w: rf"(?:^|[-_\s])(?:{w.css_noise_words})(?:$|[-_\s\d])", re.I)


def clean(text: str) -> str:
    """Whitespace folded (no-break and ideographic spaces too), ends trimmed."""
    return " ".join(text.replace("\xa0", " ").replace("\u3000", " ").split())


@dataclass
class Head:
    """What a page states about itself outside its visible text, read before chrome is removed."""

    title_tag: str = ""
    metas: dict[str, str] = field(default_factory=dict)
    #: JSON-LD objects (flattened ``@graph``), in page order
    jsonld: list[dict] = field(default_factory=list)
    #: the text of every inline script (WeChat keeps its publication time there)
    scripts: str = ""


def read_head(soup: BeautifulSoup) -> Head:
    head = Head(title_tag=clean(soup.title.get_text()) if soup.title else "")
    for meta in soup.find_all("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop")
        value = meta.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            key = key.strip()  # ifeng writes property="og:time "
            head.metas.setdefault(key, clean(value))
            head.metas.setdefault(key.lower(), clean(value))
    scripts = []
    for script in soup.find_all("script"):
        text = script.string or script.get_text() or ""
        if (script.get("type") or "").lower() == "application/ld+json":
            head.jsonld.extend(_jsonld(text))
        elif len(text) < 200_000:
            scripts.append(text)
    head.scripts = "\n".join(scripts)
    return head


def _jsonld(text: str) -> list[dict]:
    try:
        data = json.loads(text.strip().rstrip(";"))
    except (ValueError, RecursionError):
        return []
    items = data if isinstance(data, list) else [data]
    out: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            graph = item.get("@graph")
            out.extend(g for g in graph if isinstance(g, dict)) if isinstance(graph, list) else out.append(item)
    return out


def jsonld_value(head: Head, *keys: str) -> str:
    """The first string value of ``keys`` in the page's JSON-LD (``publisher.name`` as a dotted key)."""
    for item in head.jsonld:
        for key in keys:
            value: object = item
            for part in key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, list) and value:
                value = value[0]
            if isinstance(value, dict):
                value = value.get("name")
            if isinstance(value, str) and value.strip():
                return clean(value)
    return ""


def strip_noise(soup: BeautifulSoup) -> None:
    """Remove what is never article text: scripts, forms, navigation, and blocks named like chrome.

    A block that holds the headline (an ``<h1>``) or the dated info line is kept whatever its
    name: pages put both in an ``<aside>`` or a "share_box" as often as not.
    """
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        if tag.decomposed or (tag.name in ("aside", "header") and _holds_header(tag)) or _holds_text(tag):
            continue
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("body", "html"):
            continue
        names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if names and _NOISE.search(names) and own_text_len(tag) < 200 and not _holds_header(tag):
            tag.decompose()
    for tag in soup.find_all(style=re.compile(r"display\s*:\s*none", re.I)):
        if not tag.decomposed:
            tag.decompose()


_INFO_NAME = re.compile(r"time|date|pub|info|source|laiyuan|ly\b", re.I)
_DATE_TEXT = re.compile(DATE)


def _holds_header(tag: Tag) -> bool:
    """The headline or the dated info line is inside ``tag``."""
    if tag.find("h1") is not None:
        return True
    for el in tag.find_all(True, attrs={"class": _INFO_NAME}):
        if _DATE_TEXT.search(el.get_text(" ")) and len(el.get_text(strip=True)) <= 160:
            return True
    return False


def _holds_text(tag: Tag) -> bool:
    """A ``<form>`` wrapped around the article's paragraphs (VSB/博达 CMS pages write
    ``<form name="_newscontent_fromname">`` round the whole text): it is the text, not a form.
    A comment box or a search form has no run of paragraphs."""
    if tag.name != "form":
        return False
    paragraphs = [p for p in tag.find_all("p") if len(p.get_text(strip=True)) >= 30]
    return len(paragraphs) >= 2 and own_text_len(tag) >= 100


def own_text_len(tag: Tag) -> int:
    """Characters of text not inside links: a long block named "side-…" is still kept."""
    links = sum(len(a.get_text(strip=True)) for a in tag.find_all("a"))
    return len(tag.get_text(strip=True)) - links


def by_selector(soup: BeautifulSoup, selector: str, metas: dict[str, str]) -> tuple[str, Tag | None]:
    """A source's CSS selector: the text it picks (a meta's content), or "" when it picks nothing."""
    found = soup.select_one(selector)
    if found is None:
        # a meta tag selector ("meta[name=ArticleTitle]") was stripped with <head>: read the saved metas
        m = re.match(r"meta\[(?:name|property)=['\"]?([^'\"\]]+)['\"]?\]$", selector.strip())
        return (metas.get(m.group(1), ""), None) if m else ("", None)
    if found.name == "meta":
        return clean(found.get("content") or ""), None
    return clean(found.get_text(" ")), found
