"""Validation plugin: the build fails on an invalid article, naming the file and the field.

Before Pelican reads anything, every article file is parsed with the project's own
parser (:mod:`scrapers.article`, the same rules the normaliser and the content checks
use), so a missing or invalid Title, Date, Category, Region or Slug, a category outside
the six, a duplicate Slug or a date in the future stops the build with one message that
lists every problem as ``path:line: Field: what to fix``.

Problems that should not stop a local build are logged as warnings: tags outside the
vocabulary and cities the gazetteer does not know. CI builds with ``--fatal warnings``,
which turns those into failures too.

Settings: ``VALIDATE_TODAY`` (a ``datetime.date``; default today in ``TIMEZONE``), for
tests and for rebuilding an old snapshot.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican import signals

from scrapers.article import Article, ArticleFormatError, parse, problems
from scrapers.check import Finding

logger = logging.getLogger(__name__)


class ArticleValidationError(Exception):
    """Raised to stop the build; the message lists every problem found."""



def _shown(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path) if Path(os.path.relpath(path)).parts[0] != ".." else str(path)
    except ValueError:
        return str(path)


def check_article(path: str, article: Article, today: date) -> list[Finding]:
    """Every problem with one parsed article (field rules, places, vocabulary).

    The place and tag messages are the content check's own (``invoke check``), so an
    editor reads the same words, with the same suggestion, from the build and the check.
    A wrong region stops the build; an unknown city or tag is a warning.
    """
    from scrapers.check import city_problem, region_problem, tag_problem

    found = [Finding(path, p.line, p.field, p.message, p.error) for p in problems(article, today)]
    line = article.lines.get
    if article.region and (why := region_problem(article.region)):
        found.append(Finding(path, line("Region", 0), "Region", why))
    if article.city and (why := city_problem(article.city, article.region)):
        found.append(Finding(path, line("City", 0), "City", why, error=False))
    for tag in article.tags:
        if why := tag_problem(tag):
            found.append(Finding(path, line("Tags", 0), "Tags", why, error=False))
    return found


def check_files(files: Iterable[Path], today: date) -> list[Finding]:
    """Parse and check every file, then look across files for duplicate slugs."""
    found: list[Finding] = []
    slugs: dict[str, str] = {}
    for f in files:
        shown = _shown(f)
        try:
            article = parse(f.read_text(encoding="utf-8"))
        except ArticleFormatError as exc:
            found.append(Finding(shown, exc.line, "format", exc.message))
            continue
        except UnicodeDecodeError as exc:
            found.append(Finding(shown, 0, "format", f"not UTF-8 ({exc.reason})"))
            continue
        found.extend(check_article(shown, article, today))
        if article.slug:
            first = slugs.setdefault(article.slug, shown)
            if first != shown:
                found.append(Finding(shown, article.lines.get("Slug", 0), "Slug",
                                     f"duplicate slug {article.slug!r} (also in {first})"))
    return found


def _today(settings: dict[str, Any]) -> date:
    fixed = settings.get("VALIDATE_TODAY")
    if fixed:
        return fixed
    return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()


def validate(generator: Any) -> None:
    """Check the article files the ArticlesGenerator is about to read; stop on errors."""
    settings = generator.settings
    paths = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    files = sorted(Path(generator.path) / p for p in paths if str(p).endswith((".md", ".markdown")))
    found = check_files(files, _today(settings))
    errors = [f for f in found if f.error]
    warnings = [f for f in found if not f.error]
    if errors:
        # Errors first and all at once (with --fatal warnings a warning would stop the build
        # before the errors were shown).
        listing = "\n".join(f"  {e}" for e in errors)
        also = "".join(f"\n  warning: {w}" for w in warnings)
        raise ArticleValidationError(f"{len(errors)} invalid article field(s):\n{listing}{also}")
    for w in warnings:
        logger.warning("%s", w)
    logger.info("validate: %d article files checked, %d warnings", len(files), len(found))


def register() -> None:
    signals.article_generator_init.connect(validate)
