"""Policy notices as documents, and events: the header block, ``/policy/``, ``/events/``, iCalendar.

Why: readers of policy notices (政策公告) look for what an official portal shows over every
notice (发文机关、文号、成文日期、实施日期、附件) and whether a newer notice replaced it;
readers of open days, World Accreditation Day activities and congresses look for what is
coming and want it in their calendar. The fields come from the article format
(:mod:`scrapers.core.article`: ``Doc_Number``, ``Issuer``, ``Issued``, ``Effective``,
``Attachments``, ``Replaces``, ``Event_Date``, ``Event_End``, ``Event_Place``), filled in by the
normaliser (:mod:`scrapers.enrich.document`, :mod:`scrapers.enrich.events`) or an editor.

What the plugin does, after the articles are read (its generator runs after the taxonomy's,
whose ``region_term`` it uses):

- every article gets ``doc_attachments`` (``(title, href or "")``: the title linked when the
  text links a file of that name), ``doc_replaces`` and ``doc_replaced_by`` (``{"title", "url",
  "hant_url", "doc_number"}`` of the other notice, or ``None``): ``Replaces`` names a 文号 (in
  any bracket spelling) or a slug; the older notice shows "已被…替代";
- ``/policy/``: every article with a 文号 or an issuer, in a table sortable by issuer, year and
  dates (``theme/static/js/sort-table.js``, same-origin: the CSP allows no inline script);
- ``/events/``: every article with an ``Event_Date``, upcoming first (soonest first), then past
  ones by year (newest first), each region's events at ``/events/<region slug>/``;
- ``events.ics`` (all) and ``events/<region slug>.ics``: RFC 5545 calendars written here
  (:mod:`plugins.documents.ical`), every text value escaped and every line folded.

"Upcoming" means on or after the build's day in China (``EVENTS_TODAY``, ``YYYY-MM-DD``,
overrides it, for tests); the hourly publish keeps it current.

Settings: ``POLICY_SAVE_AS`` (default ``policy/index.html``), ``EVENTS_SAVE_AS`` (default
``events/index.html``), ``EVENTS_REGION_SAVE_AS`` (``events/{slug}/index.html``),
``EVENTS_ICS`` (``events.ics``), ``EVENTS_REGION_ICS`` (``events/{slug}.ics``); an empty value
switches that output off.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import Generator

from scrapers.core.docnumber import normalise_doc_number

from .ical import Event, calendar

logger = logging.getLogger(__name__)

CHINA = ZoneInfo("Asia/Shanghai")
DEFAULTS = {
    "POLICY_SAVE_AS": "policy/index.html",
    "EVENTS_SAVE_AS": "events/index.html",
    "EVENTS_REGION_SAVE_AS": "events/{slug}/index.html",
    "EVENTS_ICS": "events.ics",
    "EVENTS_REGION_ICS": "events/{slug}.ics",
}
_LINK = re.compile(r"<a\s[^>]*href=\"([^\"]+)\"[^>]*>(.*?)</a>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def _setting(settings: dict[str, Any], name: str) -> str:
    value = settings.get(name, DEFAULTS[name])
    return value or ""


def _url(save_as: str) -> str:
    return save_as.removesuffix("index.html")


def _text(value: Any) -> str:
    return str(value).strip() if value else ""


def _attachments(article: Any) -> list[tuple[str, str]]:
    """``(title, href)`` of each ``Attachments`` title; ``href`` is the text's link of that name, if any."""
    titles = [t.strip() for t in _text(getattr(article, "attachments", "")).split("；") if t.strip()]
    if not titles:
        return []
    links: dict[str, str] = {}
    for href, label in _LINK.findall(getattr(article, "_content", "") or ""):
        links.setdefault(html.unescape(_TAGS.sub("", label)).strip(), html.unescape(href))
    return [(t, links.get(t, "")) for t in titles]


def _ref(article: Any) -> dict[str, str]:
    return {
        "title": _text(article.title),
        "url": article.url,
        "hant_url": _text(getattr(article, "hant_url", "")),
        "doc_number": _text(getattr(article, "doc_number", "")),
    }


def link_documents(articles: list[Any]) -> None:
    """Give every article its document attributes and join ``Replaces`` to the replaced notice."""
    by_number: dict[str, Any] = {}
    by_slug: dict[str, Any] = {}
    for a in articles:
        a.doc_attachments = _attachments(a)
        a.doc_replaces = None
        a.doc_replaced_by = None
        number = _text(getattr(a, "doc_number", ""))
        if number:
            by_number.setdefault(normalise_doc_number(number), a)
        by_slug[a.slug] = a
    for a in articles:
        target = _text(getattr(a, "replaces", ""))
        if not target:
            continue
        old = by_number.get(normalise_doc_number(target)) or by_slug.get(target)
        if old is None or old is a:
            logger.warning("%s: Replaces %r names no notice of the site (a 文号 or a slug)", a.source_path, target)
            continue
        a.doc_replaces = _ref(old)
        if old.doc_replaced_by is None or old.doc_replaced_by["url"] < a.url:
            old.doc_replaced_by = _ref(a)


def _event_day(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip()[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


def _today(settings: dict[str, Any]) -> date:
    fixed = settings.get("EVENTS_TODAY")
    return date.fromisoformat(fixed) if fixed else datetime.now(CHINA).date()


def event_of(article: Any, siteurl: str) -> Event | None:
    """The calendar entry of an article with an ``Event_Date``, or ``None``."""
    start = _text(getattr(article, "event_date", ""))
    if not start or _event_day(start) is None:
        return None
    absolute = siteurl.startswith(("http://", "https://"))
    return Event(
        uid=f"{article.slug}@{re.sub(r'^https?://', '', siteurl).split('/')[0] or 'localhost'}",
        summary=_text(article.title),
        start=start,
        end=_text(getattr(article, "event_end", "")),
        location=_text(getattr(article, "event_place", "")),
        description=_TAGS.sub("", html.unescape(_text(getattr(article, "summary", "")))),
        url=f"{siteurl}/{article.url}" if absolute else "",
        stamp=article.date,
    )


class DocumentsGenerator(Generator):
    """Writes ``/policy/``, ``/events/`` (all and per region) and the iCalendar feeds."""

    def generate_context(self) -> None:
        articles = list(self.context.get("articles", []))
        link_documents(articles)
        today = _today(self.settings)
        self.policy = sorted(
            (a for a in articles if getattr(a, "doc_number", "") or getattr(a, "issuer", "")),
            key=lambda a: (_text(getattr(a, "issued", "")) or a.date.strftime("%Y-%m-%d"), a.slug),
            reverse=True,
        )
        dated = [(a, _event_day(a.event_date)) for a in articles if getattr(a, "event_date", "")]
        self.events = [(a, d) for a, d in dated if d is not None]
        self.today = today
        self.context["policy_url"] = _url(_setting(self.settings, "POLICY_SAVE_AS")) if self.policy else ""
        self.context["events_url"] = _url(_setting(self.settings, "EVENTS_SAVE_AS")) if self.events else ""

    def _split(self, events: list[tuple[Any, date]]) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
        """Upcoming (soonest first; an event still running counts), then past ones grouped by year."""

        def last_day(item: tuple[Any, date]) -> date:
            return _event_day(_text(getattr(item[0], "event_end", ""))) or item[1]

        upcoming = sorted((e for e in events if last_day(e) >= self.today), key=lambda e: (e[1], e[0].slug))
        past = sorted((e for e in events if last_day(e) < self.today), key=lambda e: (e[1], e[0].slug), reverse=True)
        years: dict[int, list[Any]] = {}
        for a, d in past:
            years.setdefault(d.year, []).append(a)
        return [a for a, _ in upcoming], list(years.items())

    def generate_output(self, writer: Any) -> None:
        self._write_policy(writer)
        regions = self._events_by_region()
        self._write_event_pages(writer, regions)
        self._write_calendars(regions)

    def _write_policy(self, writer: Any) -> None:
        save_as = _setting(self.settings, "POLICY_SAVE_AS")
        if save_as and self.policy:
            writer.write_file(
                save_as,
                self.get_template("policy"),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS"),
                documents=self.policy,
                page_name=save_as.removesuffix(".html"),
            )

    def _events_by_region(self) -> dict[str, tuple[Any, list[tuple[Any, date]]]]:
        """The events grouped by their article's region term (slug → term, events)."""
        regions: dict[str, tuple[Any, list[tuple[Any, date]]]] = {}
        for a, d in self.events:
            term = getattr(a, "region_term", None)
            if term is not None and getattr(term, "slug", ""):
                regions.setdefault(term.slug, (term, []))[1].append((a, d))
        return regions

    def _write_event_pages(self, writer: Any, regions: dict[str, tuple[Any, list[tuple[Any, date]]]]) -> None:
        """``/events/`` (upcoming, then past by year) and one such page per region."""
        relative = self.settings.get("RELATIVE_URLS")
        region_list = sorted(((term, len(items)) for term, items in regions.values()), key=lambda t: (-t[1], t[0].slug))
        region_page = _setting(self.settings, "EVENTS_REGION_SAVE_AS")
        region_ics = _setting(self.settings, "EVENTS_REGION_ICS")
        ics = _setting(self.settings, "EVENTS_ICS")
        common = {
            "events_today": self.today.isoformat(),
            "event_regions": [
                (term, count, _url(region_page.format(slug=term.slug)) if region_page else "") for term, count in region_list
            ],
            "events_ics": ics,
        }
        pages = []
        save_as = _setting(self.settings, "EVENTS_SAVE_AS")
        if save_as and self.events:
            pages.append((save_as, None, self.events, ics))
        if region_page:
            for slug, (term, items) in regions.items():
                pages.append((region_page.format(slug=slug), term, items, region_ics.format(slug=slug) if region_ics else ""))
        for page, term, items, page_ics in pages:
            upcoming, past = self._split(items)
            writer.write_file(
                page,
                self.get_template("events"),
                self.context,
                relative_urls=relative,
                upcoming=upcoming,
                past_years=past,
                event_region=term,
                event_region_ics=page_ics,
                page_name=page.removesuffix(".html"),
                **common,
            )

    def _write_calendars(self, regions: dict[str, tuple[Any, list[tuple[Any, date]]]]) -> None:
        """``events.ics`` and one calendar per region (RFC 5545, see :mod:`.ical`)."""
        siteurl = (self.settings.get("SITEURL") or "").rstrip("/")
        output = Path(self.output_path)
        name = self.settings.get("SITENAME", "")
        ics = _setting(self.settings, "EVENTS_ICS")
        region_ics = _setting(self.settings, "EVENTS_REGION_ICS")
        if ics:
            _write(output / ics, calendar(_events(self.events, siteurl), f"{name} · 活动日历"))
        if region_ics:
            for slug, (term, items) in regions.items():
                _write(output / region_ics.format(slug=slug), calendar(_events(items, siteurl), f"{name} · {term.name}活动"))


def _events(items: list[tuple[Any, date]], siteurl: str) -> list[Event]:
    found = (event_of(a, siteurl) for a, _ in sorted(items, key=lambda e: (e[1], e[0].slug)))
    return [e for e in found if e is not None]


def _write(path: Path, data: bytes) -> None:
    """Through the incremental plugin when it runs (unchanged bytes kept, the file not stale)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        from plugins.incremental import write_output
    except ImportError:  # pragma: no cover - the plugin is part of the repository
        path.write_bytes(data)
        return
    write_output(path, data)


def get_generators(pelican: Any) -> type[Generator]:
    return DocumentsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
