"""The review queue's memory: what editors rejected is not offered again, unless its page changed.

An editor rejects a scraped item by deleting its file on the ``scrape/daily`` branch, or a
whole batch by closing the pull request without merging it. Without a record, the next
morning's scrape fetches the same pages and offers the same items again as new. So each
rejected item is recorded in :data:`RECORD` (``scrapers/data/rejected.csv``, committed; it
reaches ``main`` with the next merged scrape pull request, and travels on the branch until
then), one row per item:

``url``
    its ``Source_URL`` (compared the way the content check compares URLs: scheme, ``www.``
    and a trailing slash do not matter);
``text_hash``
    SHA-256 (16 hex digits) of its text's letters and digits, as the scraper wrote it;
``simhash``
    a 64-bit SimHash (16 hex digits) of the text's 4-character shingles: two texts that
    share most of their sentences differ in a few bits, two different texts in about 32;
``rejected_on``, ``reason``, ``title``
    for the people reading the file.

A newly scraped article is **skipped as rejected** when its URL (or one of its mirrors) is
recorded and its text is the same or nearly so (at most :data:`MAX_DISTANCE` differing
bits; measured in ``tests/scrapers/test_rejected.py``: a changed date line or a sentence
added to a notice stays under it, a rewritten or different text is far above), or when its
text hash is recorded under any URL (the same notice moved to a new address). A page that
changed substantially is offered again, as a new item to review. To take a rejection back,
delete its row.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from scrapers.core.article import Article
from scrapers.core.patterns import fingerprint

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "scrapers" / "data" / "rejected.csv"
#: Differing SimHash bits (of 64) up to which two texts count as the same item.
MAX_DISTANCE = 10
SHINGLE = 4


@dataclass(frozen=True)
class Rejection:
    """One rejected item (a row of the record)."""

    url: str
    text_hash: str
    simhash: str
    rejected_on: str
    reason: str
    title: str


COLUMNS = tuple(f.name for f in fields(Rejection))


def text_hash(text: str) -> str:
    return hashlib.sha256(fingerprint(text).encode("utf-8")).hexdigest()[:16]


def simhash(text: str) -> str:
    """The 64-bit SimHash of ``text``'s character shingles, as 16 hex digits."""
    body = fingerprint(text)  # layout, punctuation and case do not make a text different
    grams = {body[i : i + SHINGLE] for i in range(max(len(body) - SHINGLE + 1, 1))}
    weights = [0] * 64
    for gram in grams:
        value = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    return f"{sum(1 << bit for bit in range(64) if weights[bit] > 0):016x}"


def distance(a: str, b: str) -> int:
    """Differing bits of two SimHashes (64 when either is not one)."""
    try:
        return (int(a, 16) ^ int(b, 16)).bit_count()
    except ValueError:
        return 64


def norm_url(url: str) -> str:
    """A URL as a reader would compare it: scheme, ``www.`` and a trailing slash do not matter."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def rejection(article: Article, rejected_on: str, reason: str) -> Rejection:
    return Rejection(
        article.source_url,
        text_hash(article.body),
        simhash(article.body),
        rejected_on,
        reason,
        " ".join(article.title.split())[:200],
    )


class RecordError(ValueError):
    """The record file cannot be used; the message names the file and line."""


class Record:
    """The rejected items, by URL and by text hash."""

    def __init__(self, rows: Iterable[Rejection] = ()) -> None:
        self.rows: list[Rejection] = []
        self._keys: set[tuple[str, str]] = set()
        for row in rows:
            self.add(row)

    def add(self, row: Rejection) -> bool:
        """Add a row unless the same URL and text are recorded already; True when added."""
        key = (norm_url(row.url), row.text_hash)
        if key in self._keys:
            return False
        self._keys.add(key)
        self.rows.append(row)
        return True

    def match(self, article: Article) -> Rejection | None:
        """The recorded rejection ``article`` repeats, or ``None`` when it is new or changed substantially."""
        urls = {norm_url(u) for u in (article.source_url, *article.mirrors) if u}
        digest = text_hash(article.body)
        fingerprint: str | None = None
        for row in self.rows:
            if row.text_hash == digest:
                return row
            if norm_url(row.url) in urls:
                fingerprint = fingerprint or simhash(article.body)
                if distance(fingerprint, row.simhash) <= MAX_DISTANCE:
                    return row
        return None

    def text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in self.rows:
            writer.writerow([" ".join(str(v).split()) for v in asdict(row).values()])
        return out.getvalue()

    @classmethod
    def parse(cls, text: str, name: str = str(RECORD)) -> Record:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            return cls()
        if tuple(header) != COLUMNS:
            raise RecordError(f"{name}:1: the header must be {','.join(COLUMNS)}")
        rows = []
        for number, values in enumerate(reader, start=2):
            if not values:
                continue
            if len(values) != len(COLUMNS):
                raise RecordError(f"{name}:{number}: expected {len(COLUMNS)} columns, got {len(values)}")
            rows.append(Rejection(*values))
        return cls(rows)

    @classmethod
    def load(cls, path: Path = RECORD) -> Record:
        try:
            return cls.parse(path.read_text(encoding="utf-8"), str(path))
        except FileNotFoundError:
            return cls()

    def save(self, path: Path = RECORD) -> None:
        from scrapers.core.files import atomic_write

        atomic_write(path, self.text())

    def merge(self, other: Record) -> int:
        """Add ``other``'s rows; returns how many were new."""
        return sum(self.add(row) for row in other.rows)
