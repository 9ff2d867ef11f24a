"""Writing articles safely: atomic replace, one writer per directory, never over an editor's changes.

Each article the importer writes carries ``Scraper_Hash``, a hash of exactly what it
wrote. When the file on disk no longer matches its own hash, an editor has changed it
and the importer leaves it alone and says so in its report.

Writes go to a temporary file in the same directory and are renamed into place, so an
interrupted run leaves either the old file or the new one, never half of one. A batch
(:func:`scrapers.importer.store_batch`) holds the directory's lock (``flock`` on
:data:`LOCK_NAME` inside it) from reading the directory to its last write: two imports of
mirror copies of one release into one directory run one after the other, so the second
sees the first's article and records a mirror instead of writing a twin. Whoever takes the
lock removes the temporary files a killed writer left: only names of our own pattern, and
only those last changed before it took the lock (no batch can be writing them then).

Paths come from slugs, and a slug is checked before it becomes one: only
``YYYY-MM-DD-xxxxxxxx.md`` directly inside the directory is ever written, whatever a file
says. Files get the modes the umask allows (``0666 & ~umask``), like any other file the
editor's tools write. Every failure is a :class:`StoreError` or ``OSError`` naming the path.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scrapers.core.article import SLUG_RE, Article, ArticleFormatError, parse
from scrapers.core.files import atomic_write, file_mode
from scrapers.core.results import Status

#: The lock file inside an output directory (a dot-file: Pelican reads only article
#: extensions, and .gitignore lists it).
LOCK_NAME = ".scrapers.lock"
#: The temporary files :func:`atomic_write` makes: ``.<slug>.md.<8 random>.tmp``.
_TEMP = re.compile(r"\.[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{8}\.md\.[a-z0-9_]{8}\.tmp")


class StoreError(Exception):
    """A directory or file the store cannot use; the message (one line) names it."""


def prepare_out(out: str | Path) -> Path:
    """Make sure ``out`` is a directory this process can write in (created when missing).

    Called before a run, so a bad ``--out`` is one line naming it rather than a traceback
    per item. Writing is tried with an anonymous temporary file, so nothing is left behind.
    Raises :class:`StoreError`.
    """
    if isinstance(out, str) and not out.strip():
        raise StoreError("--out is empty: name a directory")
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the directory: {exc.strerror}") from exc
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise StoreError(f"{path}: cannot write: {exc.strerror}") from exc
    return path


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold ``directory``'s lock (waiting for another holder), cleaning stale temp files first.

    Not re-entrant (``flock`` is per open file: a second ``locked`` of one directory in one
    process waits for ever). Raises :class:`StoreError` when the directory is unusable.
    """
    prepare_out(directory)
    try:
        fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, file_mode())
    except OSError as exc:
        raise StoreError(f"{directory}: cannot write: {exc.strerror}") from exc
    try:
        _lock(fd)
        clean_stale_temps(directory, time.time())
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int) -> None:
    """Wait for the exclusive lock on ``fd``: ``flock`` on Unix, ``msvcrt.locking`` on Windows
    (where editors run ``invoke new`` and ``invoke fix`` too; this module must import there)."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
                return
            except OSError:
                continue
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)


def clean_stale_temps(directory: Path, before: float) -> list[Path]:
    """Remove our own temp files last changed before ``before`` (call with the lock held)."""
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        try:
            if (
                _TEMP.fullmatch(entry.name)
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_mtime < before
            ):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove: never a reason to stop a run
    return removed


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """:func:`atomic_write` for a binary file (an attachment): temp file + rename, mode per the umask.

    A symbolic link or special file in the way is refused, never written through.
    """
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise StoreError(f"{path} is a symbolic link or not a regular file: not written")
    atomic_write(path, data)


def is_editor_modified(existing: Article) -> bool:
    """True when the file was changed by hand (or never written by the scraper).

    A file holding control or invisible characters was changed by hand too: the scraper
    never writes them.
    """
    return not existing.scraper_hash or existing.scraper_hash != existing.content_hash() or bool(existing.hidden)


def read_article(path: Path) -> Article | None:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ArticleFormatError):
        return None


def article_path(directory: Path, article: Article) -> Path:
    """``directory/<slug>.md``; :class:`StoreError` unless the slug is ``YYYY-MM-DD-xxxxxxxx``."""
    if not SLUG_RE.match(article.slug):
        raise StoreError(
            f"refusing to write the article with Slug {article.slug!r} into {directory}: a slug is YYYY-MM-DD-xxxxxxxx"
        )
    return directory / f"{article.slug}.md"


def store(directory: Path, article: Article, write: bool = True) -> Status:
    """Write ``article`` into ``directory`` unless that would lose an editor's work.

    Returns :attr:`~Status.NEW`, :attr:`~Status.UPDATED`, :attr:`~Status.UNCHANGED` or
    :attr:`~Status.KEPT` (an editor changed the file). ``write=False`` (a dry run) returns what
    would happen and touches nothing. Raises
    :class:`StoreError` for a path it will not write and ``OSError`` when writing fails.
    """
    path = article_path(directory, article)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise StoreError(f"{path} is a symbolic link or not a regular file: not written")
    stamped = article.with_scraper_hash()
    if path.exists():
        existing = read_article(path)
        if existing is None or is_editor_modified(existing):
            return Status.KEPT
        if existing.render() == stamped.render():
            return Status.UNCHANGED
        if write:
            atomic_write(path, stamped.render())
        return Status.UPDATED
    if write:
        atomic_write(path, stamped.render())
    return Status.NEW
