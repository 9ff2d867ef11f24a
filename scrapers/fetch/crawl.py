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

A source is never silent: a list that can be read but yields no item fails the source
with the reason its :class:`~scrapers.fetch.lists.ListReport` gives (what shape was seen, how
many article-like links, a sample of them), and a source finding far fewer item links
than its past runs (the health record) gets a warning. Lists are read in whatever shape
the site keeps them (``scrapers.fetch.lists``): HTML, script-built JPaaS and JCMS lists, JSON,
feeds, sitemaps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from scrapers.assemble import Hints, build_article
from scrapers.core.article import Article
from scrapers.core.results import Result, Status, summary
from scrapers.extract import extract
from scrapers.fetch.attachments import attach, fetch_bytes
from scrapers.fetch.client import Fetcher, FetchError, HttpCache
from scrapers.fetch.health import Health
from scrapers.fetch.lists import Link, ListReport, read_list
from scrapers.fetch.sources import Source
from scrapers.importer import store_batch

log = logging.getLogger(__name__)


@dataclass
class SourceResult:
    source: str
    #: one :class:`~scrapers.core.results.Result` per item URL (its subject)
    items: list[Result] = field(default_factory=list)
    #: why the source failed entirely ("" when it did not)
    failure: str = ""
    list_failures: list[str] = field(default_factory=list)
    #: item links passed over because the list dates them before ``--since``
    older: int = 0
    #: what each list gave
    lists: list[ListReport] = field(default_factory=list)
    #: item links found on the lists (each once), before ``--since`` and ``--limit``
    found: int = 0
    #: things an editor should know although the source worked (a sharp drop, an unreadable list)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for item in self.items if item.status is status)


@dataclass
class Report:
    sources: list[SourceResult] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed_sources(self) -> list[SourceResult]:
        return [s for s in self.sources if s.failure]

    def summary(self) -> str:
        parts = [summary([item for s in self.sources for item in s.items])]
        older = sum(s.older for s in self.sources)
        if older:
            parts.append(f"{older} older than --since not fetched")
        ok = len(self.sources) - len(self.failed_sources)
        line = f"summary: {', '.join(parts)}; sources: {ok} ok"
        warned = [s for s in self.sources if s.warnings and not s.failure]
        if warned:
            line += f" ({len(warned)} with warnings)"
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
    sources: list[Source],
    options: Options,
    cache_dir: Path | None,
    emit: Callable[[str], None] = lambda line: None,
    health: Health | None = None,
) -> Report:
    """Fetch every source in turn; ``emit`` receives each report line as soon as it is known.

    ``health`` (read, not changed here) is the past the drop check compares with.
    """
    report = Report(dry_run=options.dry_run)
    cache = HttpCache(cache_dir, read_only=options.dry_run) if cache_dir else None
    with Fetcher(cache) as fetcher:
        for source in sources:
            emit(f"[{source.name}]")
            try:
                result = crawl_source(fetcher, source, options, emit, health)
            except Exception as exc:  # a bug must not stop the other sources; it is reported
                log.exception("source %s crashed", source.name)
                result = SourceResult(source.name, failure=f"internal error: {type(exc).__name__}: {exc}")
            report.sources.append(result)
            for warning in result.warnings:
                emit(f"  warning: {warning}")
            if result.failure:
                emit(f"  source failed: {result.failure}")
    return report


def record_health(health: Health, report: Report, when: str) -> None:
    """Note every source of a run in the health record (the caller saves it)."""
    for result in report.sources:
        health.record(
            result.source,
            when,
            found=result.found,
            new=result.count(Status.NEW),
            failed=result.count(Status.FAILED),
            failure=result.failure,
            warnings=result.warnings,
        )


def silent_lists(result: SourceResult) -> str:
    """Why a source is silent because of its lists ("" when it is not): every list unreadable,
    or one that could be read but yields no item (its reason names what was seen)."""
    if result.lists and all(r.error for r in result.lists):
        return "no list page could be read"
    empty = [r for r in result.lists if not r.error and not r.links]
    return "; ".join(f"list {r.url} yields no item: {r.problem()}" for r in empty)


def crawl_source(
    fetcher: Fetcher, source: Source, options: Options, emit: Callable[[str], None], health: Health | None = None
) -> SourceResult:
    result = SourceResult(source.name)
    limit = source.politeness.source_deadline
    until = fetcher.clock() + limit
    late = f"source time limit of {limit:g} s reached; fetched next run"
    links = _links(fetcher, source, result, emit, until, late)
    result.found = len(links)
    if len(result.list_failures) == len(source.lists):
        result.failure = "no list page could be read"
        return result
    result.failure = silent_lists(result)
    unread = [r for r in result.lists if r.error]
    if unread and not result.failure:
        result.warnings += [f"list {r.url} could not be read: {r.error}" for r in unread]
    drop = health.drop(source.name, result.found) if health is not None and not result.failure else ""
    if drop:
        result.warnings.append(drop)
    if options.since:
        kept = [link for link in links if not link.date or link.date >= options.since.isoformat()]
        result.older = len(links) - len(kept)
        links = kept
    if options.limit is not None:
        links = links[: options.limit]

    def add(item: Result) -> None:
        result.items.append(item)
        emit("  " + item.line())

    pending: list[tuple[str, Article]] = []
    for link in links:
        if fetcher.clock() >= until:
            add(Result(link.url, Status.SKIPPED, late, source=source.name))
            continue
        outcome = _build(fetcher, source, link, options, until)
        if isinstance(outcome, Result):
            add(outcome)
        else:
            pending.append((link.url, outcome))
    if pending:
        stored = store_batch([a for _, a in pending], options.out, write=not options.dry_run)
        for (url, _), s in zip(pending, stored, strict=True):
            detail = s.detail if s.status in (Status.DUPLICATE, Status.KEPT, Status.FAILED) else f"→ {s.detail}"
            add(replace(s, subject=url, detail=detail, source=source.name))
    if result.items and all(i.status is Status.FAILED for i in result.items) and not result.failure:
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
        listed = read_list(fetcher, source, list_url, until)
        result.lists.append(listed)
        if listed.error:
            result.list_failures.append(f"{list_url}: {listed.error}")
            emit(f"  list page {list_url}: {listed.error}")
            continue
        calls = f", {len(listed.requests)} data requests" if listed.requests else ""
        if listed.links:
            emit(f"  list page {list_url}: {len(listed.links)} item links ({listed.shape_name}{calls})")
        else:
            emit(f"  list page {list_url}: no item: {listed.problem()}")
        for link in listed.links:
            links.setdefault(link.url, link)
    return list(links.values())


def _build(fetcher: Fetcher, source: Source, link: Link, options: Options, until: float) -> Article | Result:
    """Fetch, extract and normalise one item, or say why not."""
    try:
        page = fetcher.get(link.url, source.politeness, encoding=source.encoding, script=source.script, until=until)
    except FetchError as exc:
        return Result(link.url, exc.kind, exc.reason, source=source.name)
    except Exception as exc:  # an odd URL or a library surprise: this item fails, the run goes on
        log.exception("fetching %s", link.url)
        return Result(link.url, Status.FAILED, f"{type(exc).__name__}: {exc}", source=source.name)
    try:
        extracted = extract(page.text, source.extract)
        hints = Hints(outlet=source.outlet, region=source.region)
        article = build_article(extracted.raw_text(), page.url, options.today, hints, extracted)
    except Exception as exc:  # one odd page must not stop the run
        log.exception("extracting %s", link.url)
        why = f"could not extract the text: {type(exc).__name__}: {exc}"
        return Result(link.url, Status.FAILED, why, source=source.name)
    if not article.body:
        return Result(link.url, Status.FAILED, "no article text found on the page", source=source.name)
    if options.since and article.date[:10] < options.since.isoformat():
        return Result(link.url, Status.SKIPPED, f"published {article.date[:10]}, before --since", source=source.name)
    return _with_attachments(fetcher, source, article, page.text, page.url, options, until)


def _with_attachments(
    fetcher: Fetcher, source: Source, article: Article, html: str, url: str, options: Options, until: float
) -> Article:
    """A notice's PDF/Word/Excel attachments downloaded beside it and listed under its text.

    A failing attachment never costs the article: it is logged and the article is kept.
    """
    try:
        article, notes = attach(
            article,
            html,
            url,
            fetch_bytes(fetcher, source.politeness, until),
            options.out.parent,
            write=not options.dry_run,
            scope=source.extract.body,
        )
    except Exception as exc:  # a library surprise in one attachment must not lose the article
        log.exception("attachments of %s", url)
        notes = [f"attachments not stored: {type(exc).__name__}: {exc}"]
    for note in notes:
        log.info("%s: %s", url, note)
    return article
