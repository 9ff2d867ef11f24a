"""``scrapers fetch``: sources → list pages → item pages → articles, with a report line per item.

The flow per source: read its list pages, pick the item links, fetch each item, extract
its text (``extract``), normalise it with the same ``build_article`` as imported text,
then hand the source's batch to the importer's shared exit (``store_batch``: dedupe
against the batch and ``content/``, atomic writes, the editor guard). Sources are stored
one at a time, so an interrupted run keeps every finished source, and the
conditional-GET cache keeps every fetched page, so running again is cheap and loses
nothing. Nothing here raises for one bad page or one bad source: it becomes a line in
the report, and the run goes on. A source has ``politeness.source_deadline`` seconds:
the request under way when it runs out is cut short, and the items not reached are
reported as skipped, to be fetched by the next run.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .article import Article
from .extract import extract
from .fetch import Fetcher, FetchError, HttpCache
from .importer import store_batch
from .listing import Link, find_links
from .process import Hints, build_article
from .sources import Source

log = logging.getLogger(__name__)

STORE_STATUS = {"written": "new", "updated": "updated", "unchanged": "unchanged", "duplicate": "duplicate", "kept": "kept"}


@dataclass(frozen=True)
class ItemResult:
    """One line of the report: what happened to one item URL."""

    source: str
    url: str
    status: str  # new | updated | unchanged | duplicate | kept | skipped | skipped by robots | failed
    detail: str = ""

    def line(self) -> str:
        if self.status in ("failed", "skipped", "skipped by robots"):
            return f"{self.url}: {self.status}: {self.detail}"
        return f"{self.url}: {self.status} {self.detail}".rstrip()


@dataclass
class SourceResult:
    source: str
    items: list[ItemResult] = field(default_factory=list)
    #: why the source failed entirely ("" when it did not)
    failure: str = ""
    list_failures: list[str] = field(default_factory=list)
    #: item links passed over because the list dates them before ``--since``
    older: int = 0


@dataclass
class Report:
    sources: list[SourceResult] = field(default_factory=list)
    dry_run: bool = False

    def counts(self) -> Counter[str]:
        return Counter(item.status for s in self.sources for item in s.items)

    @property
    def failed_sources(self) -> list[SourceResult]:
        return [s for s in self.sources if s.failure]

    def summary(self) -> str:
        counts = self.counts()
        order = ["new", "updated", "unchanged", "duplicate", "kept", "skipped", "skipped by robots", "failed"]
        parts = [f"{counts[k]} {k}" for k in order if counts[k]] or ["no items"]
        older = sum(s.older for s in self.sources)
        if older:
            parts.append(f"{older} older than --since not fetched")
        ok = len(self.sources) - len(self.failed_sources)
        line = f"summary: {', '.join(parts)}; sources: {ok} ok"
        if self.failed_sources:
            line += (
                f", {len(self.failed_sources)} failed ("
                + "; ".join(f"{s.source}: {s.failure}" for s in self.failed_sources)
                + ")"
            )
        return line + (" (dry run: nothing written)" if self.dry_run else "")


@dataclass(frozen=True)
class Options:
    out: Path
    since: date | None = None
    limit: int | None = None
    dry_run: bool = False
    today: date | None = None


def run(
    sources: list[Source], options: Options, cache_dir: Path | None, emit: Callable[[str], None] = lambda line: None
) -> Report:
    """Fetch every source in turn; ``emit`` receives each report line as soon as it is known."""
    report = Report(dry_run=options.dry_run)
    cache = HttpCache(cache_dir, read_only=options.dry_run) if cache_dir else None
    with Fetcher(cache) as fetcher:
        for source in sources:
            emit(f"[{source.name}]")
            try:
                result = crawl_source(fetcher, source, options, emit)
            except Exception as exc:  # a bug must not stop the other sources; it is reported
                log.exception("source %s crashed", source.name)
                result = SourceResult(source.name, failure=f"internal error: {type(exc).__name__}: {exc}")
            report.sources.append(result)
            if result.failure:
                emit(f"  source failed: {result.failure}")
    return report


def crawl_source(fetcher: Fetcher, source: Source, options: Options, emit: Callable[[str], None]) -> SourceResult:
    result = SourceResult(source.name)
    limit = source.politeness.source_deadline
    until = fetcher.clock() + limit
    late = f"source time limit of {limit:g} s reached; fetched next run"
    links = _links(fetcher, source, result, emit, until, late)
    if len(result.list_failures) == len(source.lists):
        result.failure = "no list page could be read"
        return result
    if options.since:
        kept = [link for link in links if not link.date or link.date >= options.since.isoformat()]
        result.older = len(links) - len(kept)
        links = kept
    if options.limit is not None:
        links = links[: options.limit]

    def add(item: ItemResult) -> None:
        result.items.append(item)
        emit("  " + item.line())

    pending: list[tuple[str, Article]] = []
    for link in links:
        if fetcher.clock() >= until:
            add(ItemResult(source.name, link.url, "skipped", late))
            continue
        outcome = _build(fetcher, source, link, options, until)
        if isinstance(outcome, ItemResult):
            add(outcome)
        else:
            pending.append((link.url, outcome))
    if pending:
        stored = store_batch([a for _, a in pending], options.out, write=not options.dry_run)
        for (url, _), s in zip(pending, stored, strict=True):
            detail = s.detail if s.status in ("duplicate", "kept") else f"→ {s.detail}"
            add(ItemResult(source.name, url, STORE_STATUS[s.status], detail))
    if result.items and all(i.status == "failed" for i in result.items):
        result.failure = f"all {len(result.items)} items failed"
    return result


def _links(
    fetcher: Fetcher, source: Source, result: SourceResult, emit: Callable[[str], None], until: float, late: str
) -> list[Link]:
    links: dict[str, Link] = {}
    for list_url in source.lists:
        if fetcher.clock() >= until:
            result.list_failures.append(f"{list_url}: skipped: {late}")
            emit(f"  list page {list_url}: skipped: {late}")
            continue
        try:
            page = fetcher.get(list_url, source.politeness, encoding=source.encoding, script=source.script, until=until)
        except FetchError as exc:
            result.list_failures.append(f"{list_url}: {exc.kind}: {exc.reason}")
            emit(f"  list page {list_url}: {exc.kind}: {exc.reason}")
            continue
        found = find_links(page.text, page.url, source.items, source.links)
        if not found:
            emit(f"  list page {list_url}: no links match items {source.items.pattern!r}")
        for link in found:
            links.setdefault(link.url, link)
    return list(links.values())


def _build(fetcher: Fetcher, source: Source, link: Link, options: Options, until: float) -> Article | ItemResult:
    """Fetch, extract and normalise one item, or say why not."""
    try:
        page = fetcher.get(link.url, source.politeness, encoding=source.encoding, script=source.script, until=until)
    except FetchError as exc:
        return ItemResult(source.name, link.url, exc.kind, exc.reason)
    except Exception as exc:  # an odd URL or a library surprise: this item fails, the run goes on
        log.exception("fetching %s", link.url)
        return ItemResult(source.name, link.url, "failed", f"{type(exc).__name__}: {exc}")
    try:
        extracted = extract(page.text, source.extract)
        hints = Hints(outlet=source.outlet, region=source.region)
        article = build_article(extracted.raw_text(), page.url, options.today, hints)
    except Exception as exc:  # one odd page must not stop the run
        log.exception("extracting %s", link.url)
        return ItemResult(source.name, link.url, "failed", f"could not extract the text: {type(exc).__name__}: {exc}")
    if not article.body:
        return ItemResult(source.name, link.url, "failed", "no article text found on the page")
    if options.since and article.date[:10] < options.since.isoformat():
        return ItemResult(source.name, link.url, "skipped", f"published {article.date[:10]}, before --since")
    return article
