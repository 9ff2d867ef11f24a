"""Scheduled articles whose time has come: should the hourly publish run build and deploy?

``Status: scheduled`` articles are published by the first build at or after their ``Date``
(China time; see ``plugins/validate``). Nothing is pushed at that moment, so the publish
workflow also runs every hour; this decides whether that run has anything to do, cheaply
(the standard library only: it runs before any package is installed):

``python3 -m scrapers.ci.schedule due [--within-days 7] [--siteurl URL]``
    Prints the site path (``articles/<slug>/``) of every scheduled article whose time has
    come within the last ``--within-days`` days. With ``--siteurl``, only those the
    deployed site does not have yet (a ``HEAD`` request each: 404 means not published).
    Exit status 0 when there is something to publish, 1 when there is nothing.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from scrapers.core.article import SCHEDULED, ArticleFormatError, iter_article_files, parse, parse_date

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "content" / "articles"
TIMEZONE = ZoneInfo("Asia/Shanghai")


def due(root: Path = ARTICLES, now: datetime | None = None, within: timedelta = timedelta(days=7)) -> list[str]:
    """Site paths of the scheduled articles whose ``Date`` lies in ``(now - within, now]``, oldest first."""
    now = now or datetime.now(TIMEZONE).replace(tzinfo=None)
    found: list[tuple[datetime, str]] = []
    for path in iter_article_files(root):
        try:
            article = parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ArticleFormatError):
            continue  # the content check reports it; the build refuses it
        when = parse_date(article.date) if article.status == SCHEDULED else None
        if when is not None and now - within < when <= now and article.slug:
            found.append((when, f"articles/{article.slug}/"))
    return [path for _, path in sorted(found)]


def missing(paths: list[str], siteurl: str, timeout: float = 20.0) -> list[str]:
    """The paths the deployed site at ``siteurl`` answers 404 for (other failures count as missing too)."""
    out = []
    for path in paths:
        request = urllib.request.Request(f"{siteurl.rstrip('/')}/{path}", method="HEAD")
        try:
            with urllib.request.urlopen(request, timeout=timeout):  # our own site's address
                continue
        except (urllib.error.URLError, OSError):
            out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.ci.schedule", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("due", help="scheduled articles whose time has come (exit 1 when none)")
    p.add_argument("--root", default=str(ARTICLES), help="the articles directory (default content/articles/)")
    p.add_argument("--within-days", type=float, default=7.0, help="how far back to look (default 7 days)")
    p.add_argument("--siteurl", default="", help="only those the deployed site at this URL does not have yet")
    p.add_argument("--now", type=parse_date, help="instead of now (YYYY-MM-DD HH:MM, China time)")
    args = parser.parse_args(argv)
    paths = due(Path(args.root), args.now, timedelta(days=args.within_days))
    if paths and args.siteurl:
        paths = missing(paths, args.siteurl)
    for path in paths:
        print(path)
    print(f"{len(paths)} scheduled article{'s' * (len(paths) != 1)} to publish", file=sys.stderr)
    return 0 if paths else 1


if __name__ == "__main__":
    sys.exit(main())
