"""Every internal link in both builds resolves, and every page can be reached from the home page.

An own crawl of the output: from index.html, follow every same-site ``href``/``src``
(relative in the local build, absolute under SITEURL in the published one) to a file that
exists, and every ``#fragment`` to an element with that id. Feeds, the sitemap and CSS are
checked to exist; HTML pages are crawled in turn.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from .conftest import Published

LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"),
              ("source", "src"), ("iframe", "src"))
#: Pages nothing links to on purpose: the host serves 404.html itself.
UNLINKED = {"404.html"}


@dataclass
class Crawl:
    pages: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)


def _target(root: Path, base: str, page_rel: str, ref: str) -> tuple[str, str] | None:
    """(path relative to root, fragment) for a same-site reference, None for other sites."""
    page_url = base + page_rel
    absolute = urljoin(page_url, ref.strip())
    if not absolute.startswith(base):
        return None
    parts = urlsplit(absolute)
    rel = unquote(parts.path)[len(urlsplit(base).path):]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel, parts.fragment


def crawl(root: Path, base: str) -> Crawl:
    """Breadth-first over the HTML pages reachable from index.html; ``base`` is the site's URL."""
    result = Crawl()
    ids: dict[str, set[str]] = {}
    soups: dict[str, BeautifulSoup] = {}

    def soup(rel: str) -> BeautifulSoup:
        if rel not in soups:
            soups[rel] = BeautifulSoup((root / rel).read_text(encoding="utf-8"), "lxml")
            ids[rel] = {el["id"] for el in soups[rel].find_all(id=True)}
        return soups[rel]

    queue = deque(["index.html"])
    result.pages.add("index.html")
    fragments: list[tuple[str, str, str]] = []
    while queue:
        rel = queue.popleft()
        for tag, attr in LINK_ATTRS:
            for el in soup(rel).find_all(tag, attrs={attr: True}):
                ref = el[attr]
                if re.match(r"^(mailto|tel|javascript|data):", ref):
                    continue
                found = _target(root, base, rel, ref)
                if found is None:
                    continue
                target, frag = found
                if not (root / target).is_file():
                    result.broken.append(f"{rel}: <{tag} {attr}={ref!r}> → missing {target}")
                    continue
                result.targets.add(target)
                if frag:
                    fragments.append((rel, target, frag))
                if target.endswith(".html") and target not in result.pages:
                    result.pages.add(target)
                    queue.append(target)
    for rel, target, frag in fragments:
        if target.endswith(".html"):
            soup(target)
            if frag not in ids[target]:
                result.broken.append(f"{rel}: #{frag} not found in {target}")
    return result


def _all_pages(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.html")
            if "pagefind" not in p.relative_to(root).parts}


def test_local_build_links_resolve(site_dir: Path) -> None:
    found = crawl(site_dir, "http://local.invalid/")
    assert not found.broken, "\n".join(found.broken)
    orphans = _all_pages(site_dir) - found.pages - UNLINKED
    assert not orphans, f"pages no link leads to: {sorted(orphans)}"


def test_published_build_links_resolve(published_site: Published) -> None:
    found = crawl(published_site.dir, published_site.url)
    assert not found.broken, "\n".join(found.broken)
    orphans = _all_pages(published_site.dir) - found.pages - UNLINKED
    assert not orphans, f"pages no link leads to: {sorted(orphans)}"
    # Feeds are reached through <link rel=alternate>, the footer and the term pages.
    feeds = {p.relative_to(published_site.dir).as_posix() for p in (published_site.dir / "feeds").rglob("*.*")}
    assert feeds and feeds <= found.targets, f"feeds nothing links to: {sorted(feeds - found.targets)}"
