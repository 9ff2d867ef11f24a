"""Reading one list of a source, wherever the site keeps it, and saying what was seen.

``read_list`` fetches a list URL (HTML, JSON, XML, feed or sitemap alike), recognises its
shape, follows the data service a script-built page calls (JPaaS units, JCMS
``dataproxy.jsp`` groups, child sitemaps), and returns a :class:`ListReport`: the item
links (those matching the source's ``items``), every link seen, the article-like ones, the
requests made. ``ListReport.problem`` turns a list that yields nothing into a reason that
names what was seen, so a changed site is a failure with an explanation, never a quiet
zero. Every request goes through the :class:`~scrapers.fetch.client.Fetcher`: robots.txt, the
per-host delay, the address checks and the deadlines apply to data services too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapers.fetch.client import LIST_TYPES, Fetcher, FetchError, Page
from scrapers.fetch.lists import feed, jcms, jpaas, sitemap
from scrapers.fetch.lists import json as jsonlist
from scrapers.fetch.lists import xml as xmllist
from scrapers.fetch.lists.common import Link, article_like, dedupe, site_of
from scrapers.fetch.lists.html import anchors, raw_hrefs
from scrapers.fetch.lists.xml import root_name
from scrapers.fetch.sources import Source

#: shape → how a report names it
SHAPES = {
    "html": "HTML list",
    "jpaas": "list built by script: JPaaS unitbuild",
    "jcms": "list built by script: JCMS datastore",
    "jcms-proxy": "JCMS dataproxy answer",
    "json": "JSON list",
    "feed": "feed",
    "sitemap": "sitemap",
    "xml": "XML document",
}


@dataclass
class ListReport:
    """What one list URL gave."""

    url: str
    #: the shape recognised (a key of :data:`SHAPES`), "" when the list could not be read
    shape: str = ""
    #: a detail of the shape ("RSS", "Atom", "index", the JPaaS tag…)
    kind: str = ""
    #: item links: those matching ``items``, in list order, each once
    links: list[Link] = field(default_factory=list)
    #: every http(s) link seen on the list and in its data (a script-built page's own HTML included)
    seen: list[Link] = field(default_factory=list)
    #: links in the page's own HTML (before any data service), for "0 links in HTML"
    in_html: int = 0
    #: the data-service and paging URLs requested after the list itself
    requests: list[str] = field(default_factory=list)
    #: why the list itself could not be read ("failed: HTTP 503 after 3 retries"), else ""
    error: str = ""
    #: what happened on the way (a data service that failed, a unit left alone…)
    notes: list[str] = field(default_factory=list)

    @property
    def shape_name(self) -> str:
        name = SHAPES.get(self.shape, self.shape or "unread")
        return f"{name} ({self.kind})" if self.kind else name

    @property
    def candidates(self) -> list[Link]:
        """Links of the list's own site that look like articles, whatever ``items`` says."""
        site = site_of(self.url)
        return [link for link in self.seen if article_like(link.url, site)]

    def problem(self) -> str:
        """Why this list yields no item, naming what was seen; "" when it yields items."""
        if self.error:
            return self.error
        if self.links:
            return ""
        unmatched = [c.url for c in self.candidates]
        notes = "".join(f"; {n}" for n in self.notes)
        if unmatched:
            sample = ", ".join(unmatched[:3])
            return f"{self.shape_name}: {len(unmatched)} article-like links, none matching items; e.g. {sample}{notes}"
        if self.shape in ("jpaas", "jcms"):
            return f"{self.shape_name}; {self.in_html} links in HTML, {len(self.seen)} in all, no article-like one{notes}"
        return f"{self.shape_name}: no item link ({len(self.seen)} links, none article-like){notes}"


def detect(page: Page) -> str:
    """The shape of a fetched list (a key of :data:`SHAPES`)."""
    text = page.text
    mime = page.content_type
    if "json" in mime or ("javascript" in mime and jsonlist.looks_like_json(text)) or jsonlist.looks_like_json(text):
        return "json"
    root = root_name(text)
    if root in feed.FEED_ROOTS:
        return "feed"
    if root in sitemap.SITEMAP_ROOTS:
        return "sitemap"
    if root == "datastore":
        return "jcms-proxy"
    if root == "html" or "html" in mime or root in ("head", "body", "div", "ul", "table", "li"):
        if jpaas.is_shell(text):
            return "jpaas"
        if jcms.has_store(text):
            return "jcms"
        return "html"
    if "xml" in mime or text.lstrip().startswith("<?xml"):
        return "xml"
    return "html"


class _Reader:
    """One list read: the fetches it makes and the report it fills."""

    def __init__(self, fetcher: Fetcher, source: Source, until: float | None, pages: int) -> None:
        self.fetcher = fetcher
        self.source = source
        self.until = until
        self.pages = pages

    def get(self, url: str) -> Page:
        s = self.source
        return self.fetcher.get(url, s.politeness, encoding=s.encoding, script=s.script, until=self.until, kinds=LIST_TYPES)

    def follow(self, report: ListReport, url: str, what: str) -> Page | None:
        """Fetch a data or paging URL for the list; a failure is a note, not an exception."""
        report.requests.append(url)
        try:
            return self.get(url)
        except FetchError as exc:
            report.notes.append(f"{what}: {exc.kind}: {exc.reason}")
            return None

    def read(self, url: str) -> ListReport:
        report = ListReport(url)
        try:
            page = self.get(url)
        except FetchError as exc:
            report.error = f"{exc.kind}: {exc.reason}"
            return report
        report.shape = detect(page)
        getattr(self, "_" + report.shape.replace("-", "_"))(report, page)
        report.seen = dedupe(report.seen)
        report.links = [link for link in report.seen if self.source.items.search(link.url)]
        if not report.links and report.shape in ("html", "jpaas", "jcms"):
            # rows kept as text (script variables, escaped markup): the raw hrefs, as a last resort
            extra = [link for link in raw_hrefs(page.text, page.url) if self.source.items.search(link.url)]
            report.links = extra
            report.seen = dedupe([*report.seen, *extra])
        return report

    # -- shapes -----------------------------------------------------------------------------

    def _html(self, report: ListReport, page: Page) -> None:
        report.seen = anchors(page.text, page.url, self.source.links)
        report.in_html = len(report.seen)

    def _xml(self, report: ListReport, page: Page) -> None:
        report.seen = dedupe([*xmllist.links(page.text, page.url), *raw_hrefs(page.text, page.url)])

    def _json(self, report: ListReport, page: Page) -> None:
        data = jsonlist.load(page.text)
        report.seen = jsonlist.links(page.text, page.url, data)
        if isinstance(data, dict) and isinstance(data.get("data"), dict) and "html" in data["data"]:
            report.kind = "JPaaS data service answer"

    def _feed(self, report: ListReport, page: Page) -> None:
        report.seen, report.kind = feed.links(page.text, page.url)

    def _sitemap(self, report: ListReport, page: Page) -> None:
        found, nested, report.kind = sitemap.links(page.text, page.url)
        report.seen = found
        for child in nested[: self.pages]:
            answer = self.follow(report, child, f"child sitemap {child}")
            if answer is not None:
                more, _, _ = sitemap.links(answer.text, answer.url)
                report.seen.extend(more)

    def _jpaas(self, report: ListReport, page: Page) -> None:
        report.seen = anchors(page.text, page.url, self.source.links)
        report.in_html = len(report.seen)
        units, notes = jpaas.units(page.text, page.url)
        report.notes.extend(notes)
        if not units:
            report.notes.append("no build unit with a data service found")
            return
        items = self.source.items
        for unit in units:
            report.kind = report.kind or unit.tag
            size = 15
            for number in range(1, self.pages + 1):
                answer = self.follow(report, unit.url(number, size), f"data service ({unit.tag or 'unit'})")
                if answer is None:
                    break
                html, why = jpaas.answer_html(jsonlist.load(answer.text))
                if why:
                    report.notes.append(f"data service ({unit.tag or 'unit'}): {why}")
                    break
                found = anchors(html, page.url)
                known = {link.url for link in report.seen}
                new = [link for link in found if link.url not in known]
                report.seen.extend(found)
                size = jpaas.page_size(unit, html)
                if not any(items.search(link.url) for link in found) or not new:
                    break  # a unit without items (navigation, footer) or a page seen before: no paging

    def _jcms(self, report: ListReport, page: Page) -> None:
        report.in_html = len(anchors(page.text, page.url, self.source.links))
        store = jcms.read(page.text, page.url)
        if store is None:
            self._html(report, page)
            return
        report.seen = list(store.links)
        self._jcms_groups(report, page.url, store)

    def _jcms_proxy(self, report: ListReport, page: Page) -> None:
        store = jcms.read(page.text, page.url)
        if store is not None:
            report.seen = list(store.links)

    def _jcms_groups(self, report: ListReport, list_url: str, first: jcms.Store) -> None:
        """Later record groups through ``dataproxy.jsp``, up to the source's ``pages``."""
        if self.pages <= 1 or not first.proxy:
            return
        why = jcms.proxy_problem(first.proxy, list_url)
        if why:
            report.notes.append(why)
            return
        store, done = first, first.records
        for _ in range(self.pages - 1):
            step = jcms.next_group(store, first.proxy, done)
            if step is None:
                return
            start, end, per_page = step
            answer = self.follow(report, jcms.group_url(first.proxy, start, end, per_page), "JCMS data proxy")
            if answer is None:
                return
            got = jcms.read(answer.text, list_url)
            if got is None or not got.records:
                return
            known = {link.url for link in report.seen}
            new = [link for link in got.links if link.url not in known]
            report.seen.extend(got.links)
            if not new:
                return
            store = jcms.Store(got.links, got.records, first.proxy, got.total or first.total, first.per_page or got.per_page)
            done += got.records


def read_list(fetcher: Fetcher, source: Source, url: str, until: float | None = None, pages: int | None = None) -> ListReport:
    """Read one list of ``source`` (its ``pages`` pages or record groups at most); never raises FetchError."""
    return _Reader(fetcher, source, until, pages or source.pages).read(url)
