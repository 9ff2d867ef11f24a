"""Command line: ``python -m scrapers normalise|import|fetch|sources check …`` (argument parsing and reporting only)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from scrapers.assemble import renormalise
from scrapers.core.article import FIELD_ORDER, ArticleFormatError, clean_url, parse
from scrapers.core.datafiles import DataFileError
from scrapers.core.results import Status, summary
from scrapers.importer import InputError, Item, build_page, import_items, load_manifest, read_raw, refusal
from scrapers.store import StoreError, prepare_out

DEFAULT_OUT = Path("content/articles")
#: The first line of an article file: a known field (any of them, not only Title).
_ARTICLE_START = re.compile(rf"^\ufeff?(?:{'|'.join(FIELD_ORDER)}):", re.IGNORECASE)


def _normalise(args: argparse.Namespace) -> int:
    raw = read_raw(Path(args.file))
    if _ARTICLE_START.match(raw):
        try:
            print(renormalise(parse(raw)).render(), end="")
            return 0
        except ArticleFormatError as exc:
            print(f"{args.file}:{exc.line}: {exc.message}", file=sys.stderr)
            return 2
    url = clean_url(args.url) if args.url else ""
    if args.url and not url:
        print(f"error: --url {args.url!r} is not an http or https address", file=sys.stderr)
        return 2
    why = refusal(raw)
    article = build_page(raw, url) if why is None else None
    why = why or refusal(raw, article)
    if why or article is None:
        print(f"{args.file}: rejected: {why}", file=sys.stderr)
        return 1
    print(article.render(), end="")
    return 0


def _import(args: argparse.Namespace) -> int:
    items = [Item(Path(f), "") for f in args.files]
    if args.manifest:
        items += load_manifest(Path(args.manifest))
    if not items:
        print("nothing to import: give FILE... or --manifest MANIFEST.json", file=sys.stderr)
        return 2
    out = prepare_out(args.out)
    results = import_items(items, out)
    for result in results:
        print(result.line())
    print("summary: " + summary(results))
    return 1 if any(r.status in (Status.REJECTED, Status.FAILED) for r in results) else 0


def _evaluate(args: argparse.Namespace) -> int:
    from scrapers.editors.evaluate import run

    return run(Path(args.manifest), args.split)


def _fetch(args: argparse.Namespace) -> int:
    import signal
    from datetime import date

    from scrapers.fetch.client import DEFAULT_CACHE
    from scrapers.fetch.crawl import Options, record_health, run
    from scrapers.fetch.health import Health, now
    from scrapers.fetch.sources import DEFAULT_REGISTRY, SourceError, load_sources, select

    registry = Path(args.sources) if args.sources else DEFAULT_REGISTRY
    health_path = Path(args.health) if args.health else registry.parent / "health.json"
    try:
        sources = select(load_sources(registry), args.source)
        since = date.fromisoformat(args.since) if args.since else None
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError:
        print(f"error: --since wants a date as YYYY-MM-DD, got {args.since!r}", file=sys.stderr)
        return 2
    if not args.out.strip():
        raise StoreError("--out is empty: name a directory")
    if not args.dry_run:
        prepare_out(args.out)
    options = Options(Path(args.out), since, args.limit, args.dry_run)

    def stop(signum: int, frame: object) -> None:  # a kill ends the run as cleanly as Ctrl-C does
        raise KeyboardInterrupt

    health = Health.load(health_path)
    if health.problem:
        print(f"warning: {health.problem}", file=sys.stderr)
    previous = signal.signal(signal.SIGTERM, stop)
    started = now()
    try:
        cache = Path(args.cache) if args.cache else DEFAULT_CACHE
        report = run(sources, options, cache, emit=lambda s: print(s, flush=True), health=health)
    except KeyboardInterrupt:
        print("interrupted: no file is half-written; run the same command again to continue", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not args.dry_run:
        record_health(health, report, started)
        health.save(health_path)
    print(report.summary())
    return 1 if report.failed_sources else 0


def _sources(args: argparse.Namespace) -> int:
    from scrapers.editors.sources_check import check
    from scrapers.fetch.client import DEFAULT_CACHE
    from scrapers.fetch.sources import DEFAULT_REGISTRY, SourceError, load_sources, select

    try:
        sources = select(load_sources(Path(args.sources) if args.sources else DEFAULT_REGISTRY), args.source)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return check(sources, Path(args.cache) if args.cache else DEFAULT_CACHE, emit=lambda s: print(s, flush=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("normalise", help="print one raw page (or an article file) as a clean article")
    p.add_argument("file")
    p.add_argument("--url", help="the page's source URL (used for the date, slug and Source_URL)")
    p.set_defaults(run=_normalise)
    p = sub.add_parser("import", help="write one article per unique item into a directory")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--manifest", help="JSON list of {file, url} objects (file relative to it)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="target directory (default content/articles/)")
    p.set_defaults(run=_import)
    p = sub.add_parser("fetch", help="fetch new items from the sources in the registry (see README, Fetching)")
    p.add_argument("--sources", metavar="FILE", help="registry file (default scrapers/sources.yaml)")
    p.add_argument("--source", action="extend", nargs="+", metavar="NAME", help="only these sources (by name)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="target directory (default content/articles/)")
    p.add_argument("--since", metavar="DATE", help="skip items published before this date (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N items per source")
    p.add_argument("--dry-run", action="store_true", help="fetch and report, but write no article and no cache")
    p.add_argument("--cache", metavar="DIR", help="conditional-GET cache (default .scrapers-cache/http/)")
    p.add_argument("--health", metavar="FILE", help="health record to update (default: health.json beside the registry)")
    p.set_defaults(run=_fetch)
    p = sub.add_parser("sources", help="look at the sources themselves (see README, Fetching)")
    actions = p.add_subparsers(dest="action", required=True)
    p = actions.add_parser("check", help="read each source's list pages (no items) and say what was found")
    p.add_argument("--sources", metavar="FILE", help="registry file (default scrapers/sources.yaml)")
    p.add_argument("--source", action="extend", nargs="+", metavar="NAME", help="only these sources (by name)")
    p.add_argument("--cache", metavar="DIR", help="conditional-GET cache, read only (default .scrapers-cache/http/)")
    p.set_defaults(run=_sources)
    p = sub.add_parser("evaluate", help="score the normaliser against a labelled manifest")
    p.add_argument("manifest")
    p.add_argument("--split", choices=("tune", "check"), help="score one split only (default: both, side by side)")
    p.set_defaults(run=_evaluate)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (InputError, StoreError, DataFileError) as exc:  # a data file's error names its file and line
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
