"""The search index: exact substring search over every article, as static files.

Why our own index and not Pagefind (measured in ``bench/search.py``, issue 14): Pagefind
segments Chinese into words at build time and splits the query again in the browser, then
returns every page holding any piece, so 量子纠缠咖啡 (in no article) found 466 of 1,000
articles; its quoted "exact" mode needs the two segmentations to agree word for word (they
often do not, and a query inside a longer word, 检测 in 检验检测, is never a word of its
own); and at 10,000 articles it took 3.5 s for 检验检测 and 2.2 GB to index. A reader's
query here means "the title or text contains this", so the index answers exactly that.

**What is indexed.** Each article's title and plain text, folded (:func:`folder`:
Traditional→Simplified by OpenCC's character table, the one ``plugins.searchfold`` gives the
page; full-width ASCII to ASCII; Latin lower case; 〔〕 [] 【】 〖〗 and full-width brackets to
``()``, so 国认实[2024]12号 finds 国认实〔2024〕12号). Every fold maps one code point to one,
so a position in the folded text is a position in the text the reader sees. Positions
count code points: the title from 0, the text from ``offset`` (a power of two above the
longest title), so a match is in the title exactly when its position is below ``offset``.

**Keys.** Every character (a unigram) and every pair of adjacent characters (a bigram),
whitespace excluded (a query is split at whitespace into parts, each of which must occur).
A part of n ≥ 2 characters is found by bigrams at offsets covering every character of it:
its occurrences are the positions p where each chosen bigram occurs at p + its offset,
which is exactly "the text contains the part at p" (no false match, none missed). One
character is looked up as a unigram.

**Postings.** Per key, the documents (ascending ids, oldest article first) holding it,
each with its positions, as unsigned LEB128 varints: ``doc - previous doc`` (the first
counts from -1), ``n``, then n position deltas (the first from 0).

**Files** under ``search/index/`` (``SEARCHINDEX_DIR``):

- ``meta.json``: the version, the number of documents, ``offset``, the shard count, the
  keys stored in files of their own, and the facet columns (value names, the value of each
  document) from which the page counts facets for any result set;
- ``s/<i>.bin``: shard i, the keys whose :func:`shard_of` is i; ``k/<hex>.bin``: one key
  whose postings exceed ``heavy`` bytes (检验, 检测…), so a query never downloads a shard
  dominated by a common key it did not ask for. Both: ``varint count``, then per key
  ``c1, c2 (0 for a unigram), byte length``, then the postings. Written gzip-compressed
  (the page inflates them with ``DecompressionStream``), so the size a reader downloads
  does not depend on how the host compresses binary files;
- ``d/<id>.json``: one document for the result list and its excerpt: URL, title, date,
  category, region, source, plain text (paragraphs separated by "\\n");
- ``h/<id>.json`` and ``h/names.json``: the same in Traditional, for the Traditional search
  page (see :func:`write_index`).

The work is done with numpy over the whole archive at once (10,000 articles, 14 M
characters: a few seconds); a loop in Python took 19 s for the postings alone.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from plugins.incremental import write_if_changed

#: Whitespace: what splits a query into parts and is never part of a key. The union of
#: JavaScript's ``\s`` and Python's ``str.isspace`` so the page and the build agree.
WHITESPACE = (
    "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
#: Invisible characters dropped from the text (and from the query, by the page): a
#: zero-width space inside 检验检测 must not hide it from a search.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufffe\uffff"
_WS_RE = re.compile(f"[{re.escape(WHITESPACE)}]+")
_CONTROL_RE = re.compile(f"[\x00-\x08\x0e-\x1b\x7f{INVISIBLE}]")
_BLOCK_RE = re.compile(
    r"<(?:/?(?:p|div|h[1-6]|li|ul|ol|tr|table|blockquote|pre|figure|figcaption|section)\b|br\b)"
    r"[^>]*>",
    re.I,
)
_DROP_RE = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.I | re.S)
_TAG_RE = re.compile(r"<[^>]*>")

#: Shard files aim at about this many bytes of postings (before compression).
SHARD_BYTES = 12_000
#: A key whose postings are larger than this gets a file of its own.
HEAVY_BYTES = 6_000


@dataclass
class Doc:
    """One article as search sees it."""

    url: str
    title: str
    text: str
    date: str
    category: str = ""
    region: str = ""
    city: str = ""
    source: str = ""
    tags: Sequence[str] = ()
    #: The URL of the article's Traditional copy ('' when there is none).
    hant_url: str = ""

    def facet_values(self) -> dict[str, list[str]]:
        """The filter values of the search page: category, region, city (when not the
        region itself), source, year and tags."""
        values = {
            "category": [self.category] if self.category else [],
            "region": [self.region] if self.region else [],
            "city": [self.city] if self.city and self.city != self.region else [],
            "source": [self.source] if self.source else [],
            "year": [self.date[:4]] if self.date else [],
            "tag": list(dict.fromkeys(t for t in self.tags if t)),
        }
        return values


FACETS = ("category", "region", "city", "source", "year", "tag")


def clean(text: str) -> str:
    """Plain text as the index and the excerpts use it: whitespace runs become one space
    (line breaks one newline), invisible and control characters go."""
    text = _CONTROL_RE.sub("", text)
    lines = (_WS_RE.sub(" ", line).strip() for line in re.split(r"[\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+", text))
    return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> str:
    """The text of rendered article HTML, one line per paragraph, list item or cell row."""
    markup = _DROP_RE.sub("", markup)
    markup = _BLOCK_RE.sub("\n", markup)
    return clean(html.unescape(_TAG_RE.sub("", markup)))


#: Bracket pairs folded to ``(`` and ``)`` (the page's ``search-app.js`` has the same list):
#: ASCII square brackets, 〔〕 (the official 文号 form), 【】, 〖〗, the small ﹝﹞; full-width
#: （）and ［］ reach ASCII first.
BRACKETS = ("[]", "\u3014\u3015", "\u3010\u3011", "\u3016\u3017", "\ufe5d\ufe5e")


class Fold:
    """The fold: Traditional→Simplified, full-width ASCII to ASCII, Latin lower case,
    brackets of every spelling to ASCII parentheses.

    Every mapping is one code point to one, so positions survive folding. Call it on a
    string (``str.translate``); :attr:`codes` is the same map over every code point, which
    folds a whole archive's characters at once in :func:`build_postings`.
    """

    def __init__(self, t2s: dict[str, str]) -> None:
        table: dict[int, int] = {ord(t): ord(s) for t, s in t2s.items() if len(t) == 1 and len(s) == 1}
        for code in range(0xFF01, 0xFF5F):  # full-width ！ to ～
            table[code] = code - 0xFEE0
        for code in range(ord("A"), ord("Z") + 1):
            table[code] = code + 32
        for code, to in list(table.items()):
            if ord("A") <= to <= ord("Z"):
                table[code] = to + 32
        # Brackets of every spelling to ASCII parentheses: a 文号 is written 国认实〔2024〕12号,
        # [2024], (2024), （2024） or 【2024】, and a reader types whichever their keyboard gives.
        for opening, closing in BRACKETS:
            table[ord(opening)], table[ord(closing)] = ord("("), ord(")")
        for code, to in list(table.items()):
            if to in (ord("["), ord("]")):  # full-width ［］ folded to ASCII above
                table[code] = ord("(") if to == ord("[") else ord(")")
        self.table = table
        self.codes = np.arange(0x110000, dtype=np.uint32)
        self.codes[np.fromiter(table, dtype=np.uint32, count=len(table))] = np.fromiter(
            table.values(), dtype=np.uint32, count=len(table)
        )

    def __call__(self, text: str) -> str:
        return text.translate(self.table)


def folder(t2s: dict[str, str]) -> Fold:
    """The fold for this Traditional→Simplified table (see :class:`Fold`)."""
    return Fold(t2s)


def shard_of(c1: int, c2: int, shards: int) -> int:
    """Which shard holds key (c1, c2): a 32-bit mix the page computes the same way
    (``Math.imul``), so keys spread evenly whatever script range they come from."""
    h = (c1 * 0x9E3779B1 + c2) & 0xFFFFFFFF
    h = ((h ^ (h >> 15)) * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    return h % shards


def _shard_of_array(c1: np.ndarray, c2: np.ndarray, shards: int) -> np.ndarray:
    h = c1.astype(np.uint32) * np.uint32(0x9E3779B1) + c2.astype(np.uint32)
    h = (h ^ (h >> np.uint32(15))) * np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    return h % np.uint32(shards)


def varint_lengths(values: np.ndarray) -> np.ndarray:
    """Bytes of each value's LEB128 encoding (1 to 5)."""
    v = values
    return (
        1
        + (v >= 1 << 7).view(np.uint8)
        + (v >= 1 << 14).view(np.uint8)
        + (v >= 1 << 21).view(np.uint8)
        + (v >= 1 << 28).view(np.uint8)
    ).astype(np.uint8)


def varints(values: np.ndarray, chunk: int = 1 << 22) -> bytes:
    """Unsigned LEB128 of each value (uint32), concatenated; a chunk at a time so the
    temporaries stay small whatever the archive's size."""
    pieces: list[bytes] = []
    for begin in range(0, values.size, chunk):
        v = values[begin : begin + chunk].astype(np.uint32, copy=False)
        lengths = varint_lengths(v)
        starts = np.cumsum(lengths, dtype=np.int64)
        out = np.empty(int(starts[-1]), dtype=np.uint8)
        starts -= lengths
        for rank in range(5):
            at = np.flatnonzero(lengths > rank)
            if not at.size:
                break
            byte = ((v[at] >> np.uint32(7 * rank)) & np.uint32(0x7F)).astype(np.uint8)
            byte |= (lengths[at] > rank + 1).view(np.uint8) << np.uint8(7)
            out[starts[at] + rank] = byte
        pieces.append(out.tobytes())
    return b"".join(pieces)


def _varint_py(value: int, out: bytearray) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


@dataclass
class Postings:
    """Every key with its encoded postings: ``keys[i] = (c1, c2)``, bytes ``data[starts[i]:starts[i+1]]``."""

    c1: np.ndarray
    c2: np.ndarray
    starts: np.ndarray
    data: bytes
    offset: int

    def __len__(self) -> int:
        return int(self.c1.size)

    def size(self, i: int) -> int:
        return int(self.starts[i + 1] - self.starts[i])

    def chunk(self, i: int) -> bytes:
        return self.data[int(self.starts[i]) : int(self.starts[i + 1])]


def text_offset(titles: Iterable[str]) -> int:
    """The position where every document's text starts: a power of two above the longest title."""
    longest = max((len(t) for t in titles), default=0)
    offset = 256
    while offset <= longest + 1:
        offset *= 2
    return offset


#: Positions (characters or pairs) sorted at once while building postings: the keys are
#: built in groups of consecutive first characters holding about this many, so the sort's
#: temporaries stay near 100 bytes times this (100 MB) whatever the archive's size.
GROUP_POSITIONS = 1 << 20
#: Documents encoded at once when the archive's characters are numbered.
_DOC_CHUNK = 2_000


def build_postings(
    titles: Sequence[str], texts: Sequence[str], offset: int, fold: Fold | None = None, group: int = GROUP_POSITIONS
) -> Postings:
    """Postings of every unigram and bigram of the titles and texts, folded by ``fold``.

    Memory is bounded by the archive's characters at two bytes each (four past 65,535
    distinct characters) plus temporaries for ``group`` positions: the documents are
    numbered a chunk at a time, and keys are built in groups of consecutive first
    characters (in key order, so concatenating the groups gives the same postings).
    """
    n = len(titles)
    if len(texts) != n:
        raise ValueError(f"search index: {n} titles but {len(texts)} texts")
    tlen = np.fromiter((len(t) for t in titles), dtype=np.int64, count=n)
    # Title, space, text, space for each document; spaces are never in a key, so no bigram
    # crosses from a title to its text or from one document to the next.
    dlen = tlen + np.fromiter((len(x) for x in texts), dtype=np.int64, count=n) + 2
    total = int(dlen.sum())
    if total >= 1 << 32 or n >= 1 << 31:
        raise ValueError(f"search index: {total} characters in {n} documents; positions are 32-bit")
    doc_start = np.cumsum(dlen) - dlen
    codes = fold.codes if fold is not None else None
    whitespace = np.frombuffer(WHITESPACE.encode("utf-32-le"), dtype=np.uint32)

    def chunks() -> Iterable[np.ndarray]:
        for begin in range(0, n, _DOC_CHUNK):
            end = min(n, begin + _DOC_CHUNK)
            text = "".join(piece for i in range(begin, end) for piece in (titles[i], " ", texts[i], " "))
            chars = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            yield codes[chars] if codes is not None else chars

    # Dense ids for the distinct characters (0 for whitespace): a key and a global position
    # then fit in 64 bits and one plain sort groups the keys (positions ascending within each).
    present = np.zeros(0x110000, dtype=bool)
    for chars in chunks():
        present[chars] = True
    present[whitespace] = False
    alphabet = np.flatnonzero(present).astype(np.uint32)
    ids = np.cumsum(present, dtype=np.uint32)
    ids[~present] = 0
    del present
    small = alphabet.size < 1 << 16
    cid = np.empty(total, dtype=np.uint16 if small else np.uint32)
    at = 0
    for chars in chunks():
        cid[at : at + chars.size] = ids[chars]
        at += chars.size
    del ids
    ok = cid != 0
    # How many positions each first character starts (unigrams, then bigrams), to cut the
    # alphabet into groups of about ``group`` positions.
    # (bincount takes 8-byte integers: counted a slice at a time.)
    starts_uni = np.zeros(alphabet.size + 1, dtype=np.int64)
    starts_bi = np.zeros(alphabet.size + 1, dtype=np.int64)  # [0]: whitespace, unused
    step = 1 << 22
    for begin in range(0, total, step):
        piece = cid[begin : begin + step]
        starts_uni += np.bincount(piece, minlength=alphabet.size + 1)
        starts_bi += np.bincount(
            piece[ok[begin + 1 : begin + step + 1]] if begin + step < total else piece[:-1][ok[begin + 1 :]],
            minlength=alphabet.size + 1,
        )
    pos = _Positions(doc_start, tlen, offset)
    parts = [
        _grouped(cid, ok, None, pos, alphabet, starts_uni, group),
        _grouped(cid, ok, cid, pos, alphabet, starts_bi, group),
    ]
    unigram_bytes = len(parts[0].data)
    starts = np.concatenate([parts[0].starts[:-1], parts[1].starts + unigram_bytes])
    data = _concat([p.data for p in parts])
    return Postings(
        c1=np.concatenate([p.c1 for p in parts]),
        c2=np.concatenate([p.c2 for p in parts]),
        starts=starts,
        data=data,
        offset=offset,
    )


def _concat(pieces: list[bytes]) -> bytes:
    """``b"".join(pieces)``, each piece dropped once copied (the list is emptied).

    The postings of 100,000 articles are ~300 MB: a plain join holds them twice.
    """
    out = bytearray(sum(len(p) for p in pieces))
    at = 0
    pieces.reverse()
    while pieces:
        piece = pieces.pop()
        out[at : at + len(piece)] = piece
        at += len(piece)
        del piece
    return out  # type: ignore[return-value]  # a bytearray: bytes-like, compares equal


class _Positions:
    """A global character position → its document and its position there (the text from ``offset``)."""

    def __init__(self, doc_start: np.ndarray, tlen: np.ndarray, offset: int) -> None:
        self.doc_start, self.tlen, self.offset = doc_start, tlen, offset

    def __call__(self, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        doc = (np.searchsorted(self.doc_start, where, side="right") - 1).astype(np.int32)
        local = where.astype(np.int64) - self.doc_start[doc]
        tlen = self.tlen[doc]
        local += np.where(local > tlen, self.offset - 1 - tlen, 0)
        return doc, local.astype(np.uint32)


def _grouped(
    cid: np.ndarray,
    ok: np.ndarray,
    second: np.ndarray | None,
    pos: _Positions,
    alphabet: np.ndarray,
    counts: np.ndarray,
    group: int,
) -> Postings:
    """:func:`_postings` over groups of consecutive first characters, concatenated (key order)."""
    edges = [1]
    running = 0
    for c in range(1, alphabet.size + 1):
        running += int(counts[c])
        if running >= group and c + 1 <= alphabet.size:
            edges.append(c + 1)
            running = 0
    edges.append(alphabet.size + 1)
    parts: list[Postings] = []
    for lo, hi in itertools.pairwise(edges):
        if lo == 1 and hi == alphabet.size + 1:
            mask = ok if second is None else ok[:-1] & ok[1:]
        else:
            first = cid if second is None else cid[:-1]
            mask = (first >= lo) & (first < hi)
            if second is not None:
                mask &= ok[1:]
        at = np.flatnonzero(mask)
        del mask
        if at.size:
            parts.append(_postings(cid, at, second, pos, alphabet))
    if not parts:
        empty = np.zeros(0, dtype=np.uint32)
        return Postings(c1=empty, c2=empty, starts=np.zeros(1, dtype=np.int64), data=b"", offset=pos.offset)
    base = np.cumsum([0] + [len(p.data) for p in parts[:-1]])
    data = _concat([p.data for p in parts])
    ends = [np.array([len(data)], dtype=np.int64)]
    starts = np.concatenate([p.starts[:-1] + b for p, b in zip(parts, base, strict=True)] + ends)
    c1 = np.concatenate([p.c1 for p in parts])
    return Postings(c1=c1, c2=np.concatenate([p.c2 for p in parts]), starts=starts, data=data, offset=pos.offset)


def _postings(
    cid: np.ndarray,
    at: np.ndarray,
    second: np.ndarray | None,
    pos: _Positions,
    alphabet: np.ndarray,
) -> Postings:
    """Postings of the unigrams (``second`` None) or the bigrams starting at positions ``at``."""
    offset = pos.offset
    width = np.uint64(alphabet.size + 1)
    composite = cid[at].astype(np.uint64)
    if second is not None:
        composite *= width
        composite += second[at + 1]
    composite <<= np.uint64(32)
    composite |= at.astype(np.uint64)
    del at
    composite.sort()
    where = (composite & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    composite >>= np.uint64(32)
    key = composite.astype(np.uint32)
    del composite
    doc, local = pos(where)
    del where
    e = key.size
    new_key = np.empty(e, dtype=bool)
    new_key[:1] = True
    np.not_equal(key[1:], key[:-1], out=new_key[1:])
    new_group = new_key.copy()
    new_group[1:] |= doc[1:] != doc[:-1]
    gfirst = np.flatnonzero(new_group)
    g = gfirst.size
    gcount = np.diff(np.append(gfirst, e))
    gdoc = doc[gfirst].astype(np.int64)
    del doc
    previous = np.empty(g, dtype=np.int64)
    previous[1:] = gdoc[:-1]
    kfirst_group = np.flatnonzero(new_key[gfirst])
    previous[kfirst_group] = -1
    if second is None:
        # Per document: the doc delta, then count * 2 + 1 if the title has it.
        in_title = np.maximum.reduceat((local < offset).view(np.uint8), gfirst) if g else np.zeros(0, np.uint8)
        values = np.empty(2 * g, dtype=np.uint32)
        values[0::2] = gdoc - previous
        values[1::2] = gcount * 2 + in_title
        gout = 2 * np.arange(g)
    else:
        # Per document: the doc delta, the count, then the position deltas.
        gout = np.cumsum(gcount + 2) - (gcount + 2)
        values = np.empty(e + 2 * g, dtype=np.uint32)
        values[gout] = gdoc - previous
        values[gout + 1] = gcount
        group = np.cumsum(new_group, dtype=np.int32) - 1
        deltas = local.copy()
        deltas[1:] -= np.where(new_group[1:], np.uint32(0), local[:-1])
        slot = np.arange(e, dtype=np.int64)
        slot += 2 * (group.astype(np.int64) + 1)
        values[slot] = deltas
        del group, deltas, slot
    del previous, gdoc, local, new_group
    key_bytes = np.add.reduceat(varint_lengths(values), gout[kfirst_group], dtype=np.int64) if g else np.zeros(0)
    starts = np.zeros(kfirst_group.size + 1, dtype=np.int64)
    np.cumsum(key_bytes, out=starts[1:])
    data = varints(values)
    del values
    keys = key[gfirst[kfirst_group]].astype(np.uint64)
    if second is None:
        c1, c2 = alphabet[(keys - 1).astype(np.int64)], np.zeros(keys.size, dtype=np.uint32)
    else:
        c1 = alphabet[(keys // width - 1).astype(np.int64)]
        c2 = alphabet[(keys % width - 1).astype(np.int64)]
    return Postings(c1=c1, c2=c2, starts=starts, data=data, offset=offset)


def _container(entries: list[tuple[int, int, bytes]]) -> bytes:
    head = bytearray()
    _varint_py(len(entries), head)
    for c1, c2, chunk in entries:
        _varint_py(c1, head)
        _varint_py(c2, head)
        _varint_py(len(chunk), head)
    return gzip.compress(bytes(head) + b"".join(c for _, _, c in entries), compresslevel=2, mtime=0)


def key_name(c1: int, c2: int) -> str:
    """File name of a key stored on its own: its code points in hex."""
    return f"{c1:x}-{c2:x}" if c2 else f"{c1:x}"


@dataclass
class Written:
    """What :func:`write_index` wrote, for the build log and the benchmark."""

    docs: int
    keys: int
    shards: int
    heavy: int
    bytes: int
    written: int
    removed: int
    directory: Path


#: Characters that encode facet values in ``meta.json``: printable ASCII but the backslash
#: and the quote (which JSON would escape), so a column is one short string.
DIGITS = "".join(chr(c) for c in range(0x23, 0x7F) if chr(c) != "\\")


def _encode(number: int, width: int) -> str:
    out = ""
    for _ in range(width):
        number, digit = divmod(number, len(DIGITS))
        out = DIGITS[digit] + out
    return out


def facet_columns(docs: Sequence[Doc]) -> dict[str, dict[str, object]]:
    """Per facet: the value names (most frequent first) and a string holding each
    document's value as ``width`` digits of :data:`DIGITS` (index + 1, 0 for none); for tags,
    each document's values (indexes + 1) with a space after each document's. A compact form:
    at 10,000 articles the six columns are ~55 KB gzipped, against ~75 KB as JSON numbers."""
    columns: dict[str, dict[str, object]] = {}
    per_doc = [d.facet_values() for d in docs]
    for name in FACETS:
        counts: dict[str, int] = {}
        for values in per_doc:
            for v in values[name]:
                counts[v] = counts.get(v, 0) + 1
        names = sorted(counts, key=lambda v: (-counts[v], v))
        index = {v: i + 1 for i, v in enumerate(names)}
        width = 1
        while len(DIGITS) ** width <= len(names):
            width += 1
        if name == "tag":
            column = "".join(
                "".join(_encode(i, width) for i in sorted(index[v] for v in values[name])) + " " for values in per_doc
            )
        else:
            column = "".join(_encode(index[values[name][0]] if values[name] else 0, width) for values in per_doc)
        columns[name] = {"values": names, "width": width, "docs": column}
    return columns


def _decode(text: str, at: int, width: int) -> int:
    value = 0
    for ch in text[at : at + width]:
        value = value * len(DIGITS) + DIGITS.index(ch)
    return value


def read_docs(directory: Path) -> list[Doc]:
    """The documents of a written index, in id order (for the benchmark and the tests)."""
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    docs = []
    for i in range(meta["n"]):
        d = json.loads((directory / "d" / f"{i}.json").read_text(encoding="utf-8"))
        docs.append(Doc(url=d["u"], title=d["t"], text=d["x"], date=d["d"], category=d["c"], region=d["r"], source=d["s"]))
    city = meta["facets"]["city"]
    tag = meta["facets"]["tag"]
    for i, d in enumerate(docs):
        c = _decode(city["docs"], i * city["width"], city["width"])
        d.city = city["values"][c - 1] if c else d.region
    for i, codes in enumerate(tag["docs"].split(" ")[: len(docs)]):
        w = tag["width"]
        docs[i].tags = [tag["values"][_decode(codes, k, w) - 1] for k in range(0, len(codes), w)]
    return docs


def order_docs(docs: Sequence[Doc]) -> list[Doc]:
    """Oldest first (ties by URL): a document's id is its rank in this order, so "newer" is
    "larger id" everywhere in the page, and a new article (nearly always the newest) takes a
    new id instead of moving every other one: a rebuild rewrites only what changed."""
    return sorted(docs, key=lambda d: (d.date, d.url))


Write = Callable[[str, bytes], bool]


def write_index(
    docs: Sequence[Doc],
    out: Path,
    fold: Fold,
    write: Write = write_if_changed,
    shard_bytes: int = SHARD_BYTES,
    heavy_bytes: int = HEAVY_BYTES,
    hant: Callable[[str], str] | None = None,
    hant_key: str = "",
) -> Written:
    """Write the index of ``docs`` (in id order, see :func:`order_docs`) to ``out``.

    Files whose bytes are unchanged are left alone (``write`` decides; the build passes the
    incremental build's writer, which also records them as this build's), and files of an
    earlier index that this one does not have are removed.

    With ``hant`` (a Simplified→Traditional text converter, :func:`plugins.hant.text_converter`)
    the Traditional search page gets its own result files, ``h/<id>.json`` (the document with
    its copy's URL and its title, text and labels converted by phrase, which a character
    table in the browser could not do) and ``h/names.json`` (the facet values converted, in
    ``meta.json``'s order). Postings stay Simplified: the Traditional page folds its query
    like the Simplified one. ``h/<id>.json`` starts with a digest of the Simplified
    document and ``hant_key`` (the conversion's settings); a file that starts with the
    digest it would get is kept as it is, so an unchanged article is not converted again.
    """
    titles = [d.title for d in docs]
    offset = text_offset(titles)
    postings = build_postings(titles, [d.text for d in docs], offset, fold)
    files = _Files(out, write)
    shards, heavy_keys = _put_postings(files, postings, shard_bytes, heavy_bytes)
    for i, d in enumerate(docs):
        body = json.dumps(
            {"u": d.url, "t": d.title, "d": d.date, "c": d.category, "r": d.region, "s": d.source, "x": d.text},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        files.put(f"d/{i}.json", body.encode("utf-8"))
        if hant is not None:
            _put_hant(files.put, out, i, d, body, hant, hant_key)
    _put_meta(files, docs, offset, shards, heavy_keys, hant)
    return Written(
        docs=len(docs),
        keys=len(postings),
        shards=shards,
        heavy=len(heavy_keys),
        bytes=files.bytes,
        written=files.written,
        removed=files.remove_stale(),
        directory=out,
    )


class _Files:
    """The index's files as they are put: written only when their bytes change, digested, counted."""

    def __init__(self, out: Path, write: Write) -> None:
        self.out, self.write = out, write
        self.digest = hashlib.sha1()
        self.made: set[str] = set()
        self.bytes = self.written = 0

    def put(self, rel: str, data: bytes) -> None:
        self.written += bool(self.write(str(self.out / rel), data))
        self.made.add(rel)
        self.digest.update(rel.encode("utf-8") + b"\0" + data)
        self.bytes += len(data)

    def remove_stale(self) -> int:
        """Remove the files of an earlier index that this one did not put (and emptied folders)."""
        removed = 0
        for dirpath, _, names in os.walk(self.out, topdown=False):
            for name in names:
                rel = os.path.relpath(os.path.join(dirpath, name), self.out).replace(os.sep, "/")
                if rel not in self.made:
                    os.remove(os.path.join(dirpath, name))
                    removed += 1
            if dirpath != str(self.out) and not os.listdir(dirpath):
                os.rmdir(dirpath)
        return removed


def _put_postings(files: _Files, postings: Postings, shard_bytes: int, heavy_bytes: int) -> tuple[int, list[str]]:
    """The posting lists: heavy keys in files of their own, the rest in shards of about ``shard_bytes``."""
    sizes = np.diff(postings.starts)
    heavy = sizes > heavy_bytes
    light_total = int(sizes[~heavy].sum())
    shards = max(1, -(-light_total // shard_bytes))
    shard = _shard_of_array(postings.c1, postings.c2, shards)
    heavy_keys: list[str] = []
    for i in np.flatnonzero(heavy).tolist():
        c1, c2 = int(postings.c1[i]), int(postings.c2[i])
        files.put(f"k/{key_name(c1, c2)}.bin", _container([(c1, c2, postings.chunk(i))]))
        heavy_keys.append(chr(c1) + (chr(c2) if c2 else ""))
    # One shard at a time (its keys in key order), so only one shard's bytes are copied out.
    light = np.flatnonzero(~heavy)
    light = light[np.argsort(shard[light], kind="stable")]
    bounds = np.searchsorted(shard[light], np.arange(shards + 1))
    for k in range(shards):
        keys = light[bounds[k] : bounds[k + 1]].tolist()
        entries = [(int(postings.c1[i]), int(postings.c2[i]), postings.chunk(i)) for i in keys]
        files.put(f"s/{k}.bin", _container(entries))
    return shards, heavy_keys


def _put_meta(
    files: _Files, docs: Sequence[Doc], offset: int, shards: int, heavy_keys: list[str], hant: Callable[[str], str] | None
) -> None:
    """``meta.json`` (sizes, heavy keys, facet columns, a version digest of every file) and ``h/names.json``."""
    meta = {
        "n": len(docs),
        "offset": offset,
        "shards": shards,
        "heavy1": "".join(k for k in heavy_keys if len(k) == 1),
        "heavy2": "".join(k for k in heavy_keys if len(k) == 2),
        "facets": facet_columns(docs),
    }
    if hant is not None:
        names = {name: [hant(v) for v in column["values"]] for name, column in meta["facets"].items()}  # type: ignore[union-attr]
        files.put("h/names.json", json.dumps(names, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    files.digest.update(json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    # The version goes into every URL the page fetches, so no browser mixes two builds.
    meta = {"version": files.digest.hexdigest()[:12], **meta}
    files.put("meta.json", json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _put_hant(
    put: Callable[[str, bytes], None], out: Path, i: int, d: Doc, body: str, hant: Callable[[str], str], key: str
) -> None:
    """Write (or keep) ``h/<i>.json``, the Traditional result file of document ``d``."""
    rel = f"h/{i}.json"
    stamp = hashlib.sha1(f"{key}\0{d.hant_url}\0{body}".encode()).hexdigest()[:16]
    head = f'{{"k":"{stamp}",'.encode()
    try:
        with open(out / rel, "rb") as fh:
            old = fh.read()
    except FileNotFoundError:
        old = b""
    if old.startswith(head):
        put(rel, old)
        return
    converted = {"k": stamp, "u": d.hant_url or d.url, "t": hant(d.title), "d": d.date}
    converted.update({"c": hant(d.category), "r": hant(d.region), "s": hant(d.source), "x": hant(d.text)})
    put(rel, json.dumps(converted, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def read_container(blob: bytes) -> dict[tuple[int, int], list[tuple[int, list[int]]]]:
    """Decode a shard or key file (what the page does): key -> [(doc, [positions])], for a
    unigram [(doc, [count * 2 + 1 if in the title])].

    For the tests and the benchmark; the page has its own decoder in search-app.js.
    """
    data = gzip.decompress(blob)
    at = 0

    def read() -> int:
        nonlocal at
        value = shift = 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    count = read()
    head = [(read(), read(), read()) for _ in range(count)]
    out: dict[tuple[int, int], list[tuple[int, list[int]]]] = {}
    for c1, c2, length in head:
        end = at + length
        docs: list[tuple[int, list[int]]] = []
        doc = -1
        while at < end:
            doc += read()
            n = read()
            if not c2:  # a unigram: count * 2 + 1 if in the title, no positions
                docs.append((doc, [n]))
                continue
            pos = 0
            positions = []
            for _ in range(n):
                pos += read()
                positions.append(pos)
            docs.append((doc, positions))
        out[(c1, c2)] = docs
    return out
