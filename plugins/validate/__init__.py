"""Validation plugin: the build fails on an invalid article, naming the file, the line and the field.

Before Pelican reads anything, every article file is checked by the project's one rules
engine (:mod:`scrapers.core.rules`, the same code ``invoke check`` and the normaliser run;
its table says which rules the build runs and which are errors), so a
format mistake (a full-width colon, a tab before a key, a BOM, UTF-16 or GBK), a missing
or invalid Title, Date, Category, Region or Slug, a category outside the six, an unknown
region or city, an unknown Status, a duplicate Slug, a date in the future without
``Status: scheduled``, or an image or attachment that is missing, external or not a
``{static}`` path stops the build. Every problem of every file is printed at once, one
line each, exactly as ``invoke check`` prints it (``path:line: Field: message``), and
the build ends with exit status 1 and no traceback.

**One meaning of "warning".** A warning (an unknown tag) is printed the same way, with
``warning:`` before the message, and never fails anything: not ``invoke check``, not the
pre-commit hook, not this build, not CI's ``--fatal warnings`` build (the lines are
printed, not logged, so Pelican's fatal-warnings logger never sees them). Everything
that stops the build is an error of ``invoke check`` first.

**Drafts and scheduled articles.** ``Status: draft`` is never published; ``Status:
scheduled`` is published by the first build at or after its ``Date`` (China time). Before
that, both are left out of the build entirely (Pelican's ``skip`` status: no page, no list,
feed, sitemap or search entry), unless ``SHOW_DRAFTS`` is true (``invoke serve`` sets it):
then they are built at ``DRAFT_URL`` with a mark at the top of the page
(``article.preview_note``) and listed nowhere.

Settings: ``VALIDATE_TODAY`` (a ``datetime.date``) and ``VALIDATE_NOW`` (a naive
``datetime`` or ``"YYYY-MM-DD HH:MM"`` in China time), default now in ``TIMEZONE``, for
tests and for rebuilding an old snapshot; ``SHOW_DRAFTS`` (default false).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican import signals

from scrapers.core import rules
from scrapers.core.article import DRAFT, PUBLISHED, SCHEDULED, STATUSES, parse_date
from scrapers.core.rules import Finding, Stage

logger = logging.getLogger(__name__)


def check_files(files: Iterable[Path], today: date, content_root: Path | None = None) -> list[Finding]:
    """The rules the build runs (:data:`scrapers.core.rules.RULES`, stage ``build``) on ``files``.

    ``files`` are exactly what Pelican will read, so they are also the archive the
    cross-file rules compare with (duplicate slugs and source URLs, links between articles).
    """
    files = list(files)
    root = content_root or (files[0].parent.parent if files else Path("content"))
    return rules.check_files(files, today=today, stage=Stage.BUILD, universe=files, content_root=root)


def _today(settings: dict[str, Any]) -> date:
    fixed = settings.get("VALIDATE_TODAY")
    if fixed:
        return fixed
    return _now(settings).date()


def _now(settings: dict[str, Any]) -> datetime:
    """Now in China's time (naive), or ``VALIDATE_NOW``."""
    fixed = settings.get("VALIDATE_NOW")
    if isinstance(fixed, str):
        parsed = parse_date(fixed)
        if parsed is None:
            raise ValueError(f"VALIDATE_NOW {fixed!r} is not YYYY-MM-DD HH:MM")
        return parsed
    if isinstance(fixed, datetime):
        return fixed.replace(tzinfo=None)
    return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "Asia/Shanghai")).replace(tzinfo=None)


def _say(line: str) -> None:
    """Print one finding as it is (never through logging: a warning must not trip ``--fatal warnings``)."""
    try:
        from pelican.log import console

        console.print(line, markup=False, highlight=False, soft_wrap=True, emoji=False)
    except ImportError:  # pragma: no cover - older Pelican
        print(line, file=sys.stderr)


def validate(generator: Any) -> None:
    """Check the article files the ArticlesGenerator is about to read; stop on errors."""
    settings = generator.settings
    paths = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    files = sorted(Path(generator.path) / p for p in paths if str(p).endswith((".md", ".markdown")))
    found = check_files(files, _today(settings), Path(generator.path))
    errors = [f for f in found if f.error]
    for f in found:
        _say(str(f))
    if errors:
        count = len({f.path for f in errors})
        _say(f"{len(errors)} error{'s' * (len(errors) != 1)} in {count} article file{'s' * (count != 1)}: the site was "
             "not built. Fix them (`invoke check -- FILE` prints the same lines) and build again.")
        raise SystemExit(1)
    logger.info("validate: %d article files checked, %d warnings", len(files), len(found))


def set_status(generator: Any, metadata: dict[str, Any]) -> None:
    """Translate our ``Status`` into Pelican's before the article object exists.

    ``published`` (or no Status), and ``scheduled`` whose time has come: ``published``.
    ``draft`` and ``scheduled`` before its time: ``skip`` (never read into the site), or,
    with ``SHOW_DRAFTS``, Pelican's ``draft`` with a note the theme shows at the top.
    """
    settings = generator.settings
    status = str(metadata.get("status") or PUBLISHED).strip()
    status = status if status in STATUSES else DRAFT  # unknown: validate has stopped the build already
    if status == PUBLISHED:
        metadata["status"] = PUBLISHED
        return
    when = metadata.get("date")
    if status == SCHEDULED and isinstance(when, datetime):
        now = _now(settings)
        local = when.astimezone(ZoneInfo(settings.get("TIMEZONE") or "Asia/Shanghai")).replace(tzinfo=None) \
            if when.tzinfo else when
        if local <= now:
            metadata["status"] = PUBLISHED
            return
    if not settings.get("SHOW_DRAFTS"):
        metadata["status"] = "skip"
        return
    metadata["status"] = "draft"
    if status == SCHEDULED and isinstance(when, datetime):
        metadata["preview_note"] = (f"定时发布：{when.strftime('%Y-%m-%d %H:%M')} 之后的第一次构建发布；"
                                    "此页只在本地预览中显示")
    else:
        metadata["preview_note"] = "草稿：不会发布；此页只在本地预览中显示"


def register() -> None:
    signals.article_generator_init.connect(validate)
    signals.article_generator_context.connect(set_status)
