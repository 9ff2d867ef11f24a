"""Parsing XML from strangers (feeds, sitemaps) safely, and telling XML shapes apart.

lxml is asked not to resolve entities, not to load DTDs and not to touch the network, so
a hostile feed cannot read local files (XXE) or make requests; ``recover`` reads the
broken feeds real sites publish (a stray ``&``, a missing close tag).
"""

from __future__ import annotations

import re

from lxml import etree

from scrapers.fetch.lists.common import URLISH, Link, absolute, date_in, dedupe

_URL_NAME = re.compile(r"url|link|href|loc|address", re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_PROLOG = re.compile(r"^\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", re.S | re.I)


def root_name(text: str) -> str:
    """The local name of the first element (``rss``, ``feed``, ``urlset``, ``datastore``, ``html``…), lower case."""
    start = _PROLOG.match(text)
    m = _ROOT.match(text, start.end() if start else 0)
    return m.group(2).lower() if m else ""


def parse(text: str) -> etree._Element | None:
    """The document's root element, or None when nothing XML-like can be read."""
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, encoding="utf-8"
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local(tag: object) -> str:
    """An element's name without its namespace (``{http://www.w3.org/2005/Atom}entry`` → ``entry``)."""
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if local(c.tag) == name]


def text_of(element: etree._Element, name: str) -> str:
    for child in element:
        if local(child.tag) == name:
            return "".join(child.itertext()).strip()
    return ""


def links(text: str, base_url: str) -> list[Link]:
    """Links of an XML data document of unknown schema: elements named like a URL (``<url>``,
    ``<link>``, ``<docUrl>``…) holding one, with their parent's ``title`` and date children;
    and ``href`` attributes."""
    root = parse(text)
    if root is None:
        return []
    found: list[Link] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        href = element.get("href") or ""
        value = (element.text or "").strip() if _URL_NAME.search(local(element.tag)) else ""
        for candidate in (href, value):
            if not candidate or not URLISH.match(candidate):
                continue
            url = absolute(base_url, candidate)
            if not url:
                continue
            parent = element.getparent()
            scope = parent if parent is not None else element
            title = text_of(scope, "title")
            day = next((date_in("".join(c.itertext())) for c in scope if "date" in local(c.tag) or "time" in local(c.tag)), "")
            found.append(Link(url, " ".join(title.split()), day))
    return dedupe(found)
