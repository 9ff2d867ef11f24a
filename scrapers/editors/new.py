"""Start a new article by hand: ``python -m scrapers.editors.new --title "…" [--category …] …`` (or ``invoke new``).

Writes ``content/articles/<slug>.md`` with every metadata field present: the ones given
on the command line filled in, the rest marked ``待填写`` (to fill in), which
``invoke check`` reports as an error until the editor fills the field in or deletes the
line. So a half-finished article cannot be published by accident, and the file itself is
the to-do list. Nothing is opened: the editor uses whatever editor they like.

The slug is the one the scrapers would give the same item (``make_slug`` of the date and
the source URL), so a page an editor adds by hand is recognised when a scraper later
finds it; without a URL the title stands in for it. It is written once and never
recomputed, so fixing a title later never changes the article's address.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from scrapers.core.article import (
    CATEGORY_SLUGS,
    SCHEDULED,
    STATUS_ALIASES,
    STATUSES,
    Article,
    ArticleFormatError,
    iter_article_files,
    make_slug,
    parse,
    parse_date,
    url_problem,
)
from scrapers.core.files import atomic_write
from scrapers.core.rules import (
    ARTICLES,
    PLACEHOLDER,
    PLACEHOLDER_TEXT,
    _norm_url,
    _today,
    check_files,
    city_problem,
    display_path,
    region_problem,
)


class NewArticleError(ValueError):
    """What is wrong with the command line, said so that the editor can retype it."""


def _existing_url(root: Path, url: str) -> Path | None:
    """The article that already has ``url`` as its source or a mirror, if any."""
    wanted = _norm_url(url)
    for path in iter_article_files(root):
        try:
            a = parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ArticleFormatError):
            continue
        if any(_norm_url(u) == wanted for u in (a.source_url, *a.mirrors) if u):
            return path
    return None


def new_article(
    title: str,
    *,
    category: str = "",
    region: str = "",
    city: str = "",
    source: str = "",
    url: str = "",
    tags: Sequence[str] = (),
    authors: Sequence[str] = (),
    summary: str = "",
    day: str = "",
    status: str = "",
    root: Path = ARTICLES,
) -> Path:
    """Write a new article file and return its path; raises :class:`NewArticleError`.

    Values that are given are validated with the same rules as ``invoke check``, so a
    typo is caught before the file exists rather than after. A date in the future makes
    the article ``Status: scheduled`` (published by the first build after that time) unless
    ``status`` says otherwise (``draft``: never published until the line is changed).
    """
    title = " ".join(title.split())
    if not title:
        raise NewArticleError("--title is required: the headline of the article")
    day, status = _day_and_status(day, status)
    url = url.strip()
    _check_values(category, region, city, url, root)
    slug = make_slug(day, url or title)
    path = root / f"{slug}.md"
    if path.exists():
        raise NewArticleError(f"{path} already exists (same date and {'URL' if url else 'title'}): edit it instead")
    article = Article(
        title=title,
        date=day,
        category=category or PLACEHOLDER,
        region=region or PLACEHOLDER,
        slug=slug,
        body=PLACEHOLDER_TEXT,
        tags=tuple(tags) or (PLACEHOLDER,),
        city=city or PLACEHOLDER,
        source=source or PLACEHOLDER,
        source_url=url or PLACEHOLDER,
        authors=tuple(authors) or (PLACEHOLDER,),
        summary=summary or PLACEHOLDER,
        status=status if status != "published" else "",
    )
    atomic_write(path, article.render())
    return path


def _day_and_status(day: str, status: str) -> tuple[str, str]:
    """The date (today when not given) and the status it implies: a future date is scheduled."""
    day = day.strip() or _today().isoformat()
    when = parse_date(day)
    if when is None:
        raise NewArticleError(f"invalid --date {day!r}; write YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")
    status = STATUS_ALIASES.get(status.strip(), status.strip())
    if status and status not in STATUSES:
        raise NewArticleError(f"unknown --status {status!r}; use one of {', '.join(STATUSES)}")
    if not status and when.date() > _today():
        status = SCHEDULED
    if status == "published" and when.date() > _today():
        raise NewArticleError(
            f"--date {day} is in the future: leave out --status (or give --status scheduled) to publish it then"
        )
    return day, status


def _check_values(category: str, region: str, city: str, url: str, root: Path) -> None:
    """The values given, held to the content rules' own checks before the file exists."""
    if category and category not in CATEGORY_SLUGS:
        raise NewArticleError(f"unknown category {category!r}; use one of {', '.join(CATEGORY_SLUGS)}")
    if region and (msg := region_problem(region)):
        raise NewArticleError(f"--region: {msg}")
    if city and (msg := city_problem(city, region)):
        raise NewArticleError(f"--city: {msg}")
    if url and (why := url_problem(url)):
        raise NewArticleError(f"--url: {why}")
    if url and (twin := _existing_url(root, url)):
        raise NewArticleError(f"{url} is already the source of {twin}: edit that article instead")


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.replace("，", ",").replace("、", ",").split(",") if v.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.editors.new", description=__doc__.split("\n\n")[0])
    parser.add_argument("--title", required=True, help="the headline")
    parser.add_argument("--category", default="", help="one of " + ", ".join(CATEGORY_SLUGS))
    parser.add_argument("--region", default="", help="province-level name (浙江省…) or 全国")
    parser.add_argument("--city", default="", help="a city from the gazetteer (杭州市…)")
    parser.add_argument("--source", default="", help="the outlet or organisation that published it")
    parser.add_argument("--url", default="", help="the page it was taken from")
    parser.add_argument("--tags", default="", help="comma-separated tags from the vocabulary")
    parser.add_argument("--authors", default="", help="comma-separated reporters")
    parser.add_argument("--summary", default="", help="one or two sentences")
    parser.add_argument(
        "--date",
        default="",
        help="publication date YYYY-MM-DD or 'YYYY-MM-DD HH:MM' (default: today "
        "in China); a future date makes the article scheduled",
    )
    parser.add_argument(
        "--status",
        default="",
        help="draft (never published until changed) or scheduled "
        "(published at --date); default: published, or scheduled when "
        "--date is in the future",
    )
    parser.add_argument("--root", default=str(ARTICLES), help="articles directory (default content/articles/)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        path = new_article(
            args.title,
            category=args.category,
            region=args.region,
            city=args.city,
            source=args.source,
            url=args.url,
            tags=_list(args.tags),
            authors=_list(args.authors),
            summary=args.summary,
            day=args.date,
            status=args.status,
            root=root,
        )
    except NewArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    shown = display_path(path)
    print(f"wrote {shown}")
    written = parse(path.read_text(encoding="utf-8"))
    if written.status == SCHEDULED:
        print(f"Status: scheduled: published by the first build after {written.date} (China time)")
    elif written.status:
        print(f"Status: {written.status}: never published until you change or delete the Status line")
    todo = check_files([path], root)
    if todo:
        print(f"\nStill to do in {path.name} (fill in each {PLACEHOLDER}, or delete optional lines):")
        for finding in todo:
            print(f"  {finding}")
    print(f"\nThen run `invoke check -- {shown}` until it reports no errors, and preview with `invoke serve`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
