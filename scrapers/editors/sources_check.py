"""``python -m scrapers sources check``: read every list of the sources, fetch no item, say what was seen.

The command an editor runs when a site changes (or the scheduled pull request says a
source went silent): per list, the shape recognised (HTML, a script-built JPaaS or JCMS
list and its data requests, JSON, a feed, a sitemap), how many links it holds, how many
look like articles, how many match ``items``, and a sample. It exits 1 when a source would
be silent in a real run (the same rule as ``fetch``: every list unreadable, or one that
yields no item), so it also works as a check in a script.

Requests are made exactly as ``fetch`` makes them (robots.txt, delays, address checks);
the conditional-GET cache is read but not written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scrapers.fetch.client import Fetcher, HttpCache
from scrapers.fetch.crawl import SourceResult, silent_lists
from scrapers.fetch.lists import ListReport, read_list
from scrapers.fetch.sources import Source

SAMPLE = 3


def describe_list(report: ListReport) -> list[str]:
    """The lines printed for one list."""
    lines = [f"  list {report.url}"]
    if report.error:
        return [*lines, f"    unreadable: {report.error}"]
    calls = f"; {len(report.requests)} data requests" if report.requests else ""
    lines.append(f"    shape: {report.shape_name}{calls}")
    in_html = f" ({report.in_html} in the page's HTML)" if report.shape in ("jpaas", "jcms") else ""
    lines.append(
        f"    links: {len(report.seen)} seen{in_html}, {len(report.candidates)} article-like, {len(report.links)} matching items"
    )
    sample = report.links[:SAMPLE]
    label = ""
    if not sample:
        sample, label = report.candidates[:SAMPLE], " (not matching items)"
    for link in sample:
        lines.append(f"    e.g.{label} {link.date or '----------'} {link.url} {link.text[:60]}".rstrip())
    lines += [f"    note: {note}" for note in report.notes]
    return lines


def check(
    sources: list[Source], cache_dir: Path | None, emit: Callable[[str], None] = print, fetcher: Fetcher | None = None
) -> int:
    """Check every source's lists; 1 when any source would be silent, else 0."""
    silent: list[str] = []
    own = fetcher is None
    fetcher = fetcher or Fetcher(HttpCache(cache_dir, read_only=True) if cache_dir else None)
    try:
        for source in sources:
            emit(f"[{source.name}]")
            until = fetcher.clock() + source.politeness.source_deadline
            result = SourceResult(source.name)
            for url in source.lists:
                report = read_list(fetcher, source, url, until)
                result.lists.append(report)
                for line in describe_list(report):
                    emit(line)
            reason = silent_lists(result)
            found = len({link.url for r in result.lists for link in r.links})
            if reason:
                silent.append(source.name)
                emit(f"  SILENT: {reason}")
            else:
                emit(f"  ok: {found} item links")
    finally:
        if own:
            fetcher.session.close()
    ok = len(sources) - len(silent)
    emit(f"summary: {ok} of {len(sources)} sources ok" + (f"; silent: {', '.join(silent)}" if silent else ""))
    return 1 if silent else 0
