"""Writing articles safely: atomic replace, and never over an editor's changes.

Each article the importer writes carries ``Scraper_Hash``, a hash of exactly what it
wrote. When the file on disk no longer matches its own hash, an editor has changed it
and the importer leaves it alone and says so in its report.
Writes go to a temporary file in the same directory and are renamed into place, so an
interrupted run leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from enum import Enum
from pathlib import Path

from .article import Article, ArticleFormatError, parse


class WriteResult(Enum):
    WRITTEN = "written"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    EDITED = "kept (edited by an editor)"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file + rename (same filesystem)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_editor_modified(existing: Article) -> bool:
    """True when the file was changed by hand (or never written by the scraper)."""
    return not existing.scraper_hash or existing.scraper_hash != existing.content_hash()


def read_article(path: Path) -> Article | None:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ArticleFormatError):
        return None


def article_path(directory: Path, article: Article) -> Path:
    return directory / f"{article.slug}.md"


def store(directory: Path, article: Article, write: bool = True) -> WriteResult:
    """Write ``article`` into ``directory`` unless that would lose an editor's work.

    ``write=False`` (a dry run) returns what would happen and touches nothing.
    """
    path = article_path(directory, article)
    stamped = article.with_scraper_hash()
    if path.exists():
        existing = read_article(path)
        if existing is None or is_editor_modified(existing):
            return WriteResult.EDITED
        if existing.render() == stamped.render():
            return WriteResult.UNCHANGED
        if write:
            atomic_write(path, stamped.render())
        return WriteResult.UPDATED
    if write:
        atomic_write(path, stamped.render())
    return WriteResult.WRITTEN
