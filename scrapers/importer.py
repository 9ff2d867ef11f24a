"""Batch import: raw pages (files or a manifest) → deduplicated articles in a directory.

Enters the flow at *normalise* with text already in hand, and leaves through the same
*dedupe* and *store* steps as fetched pages: duplicates within the batch and against
articles already in the target directory collapse into one article whose ``Mirrors``
lists the other copies' URLs; the best copy (a named source, a real headline, a sure
date, fewest review flags) is the one kept.

The whole read-dedupe-write of a batch holds the output directory's lock (see
:mod:`scrapers.store`), so concurrent runs into one directory cannot both miss each
other's copy. What is already in the directory is trusted only as far as it is safe:
symbolic links, special files (a FIFO would hang the read), files whose ``Slug`` is not a
slug or not their name are skipped with a warning, never followed or written through.
A page with no text, a page of chrome only and a URL that is not http(s) are refused
with a reason; a write that fails (disk full…) fails that item, and the run goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from scrapers.assemble import build_article, build_from_html
from scrapers.core.article import SLUG_RE, Article, clean_url, iter_article_files
from scrapers.core.controls import normalise_controls
from scrapers.core.decoding import UnknownEncoding, decode, looks_like_html
from scrapers.core.results import Result, Status
from scrapers.dedupe import DuplicateIndex, EventIndex, containment_of, same_opening, shingles
from scrapers.normalise.script import is_traditional
from scrapers.store import StoreError, is_editor_modified, locked, read_article, store

log = logging.getLogger(__name__)

#: Why a page is refused (the words of the report line after ``rejected:``, :attr:`Status.REJECTED`).
EMPTY_PAGE = "empty page (no text at all)"
NO_TEXT = "no article text found (only page chrome)"

#: Share of the keeper's shingles a longer copy must contain to replace its text.
FULL_COPY = 0.9


class InputError(ValueError):
    """Unusable input (unreadable file, bad manifest); the message names the file."""


@dataclass(frozen=True)
class Item:
    path: Path
    url: str = ""


def read_raw(path: Path) -> str:
    """A raw page from a file, decoded as the fetcher decodes an answer (:func:`scrapers.core.decoding.decode`)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        return decode(data, fallback=False)[0].removeprefix("\ufeff")
    except UnknownEncoding as exc:
        raise InputError(f"{path}: {exc}") from None


def load_manifest(path: Path) -> list[Item]:
    """Items of a manifest: a JSON list of objects with ``file`` (relative to it) and ``url``."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    if not isinstance(entries, list):
        raise InputError(f"{path}: expected a JSON list of objects with 'file' and 'url'")
    items = []
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise InputError(f"{path}: entry {n} has no 'file' (each entry needs 'file' and 'url')")
        items.append(Item(path.parent / entry["file"], str(entry.get("url") or "")))
    return items


def quality(article: Article) -> tuple[int, int]:
    """Higher is a better copy to keep: attribution, a real headline, sure date, length."""
    score = 3 * bool(article.source) - 2 * len(article.review)
    score += 2 * (".gov.cn" in article.source_url)
    return score, len(article.body)


def _existing(directory: Path) -> dict[str, tuple[Article, Path]]:
    """The articles already under ``directory``, sub-folders too, by slug, with their files.

    The same walk as the content check (:func:`~scrapers.core.article.iter_article_files`), so
    a copy of an article an editor filed in ``content/articles/2023/`` is found as a duplicate
    and gets the mirror, instead of a twin written beside the folder. Only regular files
    named after a valid slug count; links, special files and misnamed files are named in a
    warning and left alone.
    """
    skipped: list[tuple[Path, str]] = []
    paths = iter_article_files(directory, skipped) if directory.is_dir() else []
    for path, why in skipped:
        log.warning("%s: ignored: %s", path, why)
    found: dict[str, tuple[Article, Path]] = {}
    for path in paths:
        article = read_article(path)
        if article is None or not article.slug:
            continue
        if not SLUG_RE.match(article.slug):
            log.warning("%s: ignored: Slug %r is not YYYY-MM-DD-xxxxxxxx", path, article.slug)
            continue
        if path.stem != article.slug:
            log.warning(
                "%s: ignored: it is named %s but its Slug is %s (rename it to %s.md)", path, path.name, article.slug, article.slug
            )
            continue
        found.setdefault(article.slug, (article, path))
    return found


def refusal(raw: str, article: Article | None = None) -> str | None:
    """Why a page cannot become an article (``None`` when it can): no text, or chrome only."""
    if not normalise_controls(raw).strip():
        return EMPTY_PAGE
    if article is not None and not article.body:
        return NO_TEXT
    return None


def build_page(raw: str, url: str = "", today: date | None = None) -> Article:
    """An article from a page as read from a file: HTML through the fetcher's extraction, text as text."""
    if looks_like_html(raw):
        return build_from_html(raw, url, today)
    return build_article(raw, url, today)


def import_items(items: Iterable[Item], out: Path, today: date | None = None) -> list[Result]:
    """Normalise, deduplicate and store every item; one result per item (its subject the input
    file), in input order."""
    items = list(items)
    results: dict[int, Result] = {}
    built: dict[int, Article] = {}
    converted: set[int] = set()  # indexes in ``built`` order of pages printed in Traditional script
    for i, item in enumerate(items):
        found = _built(item, today)
        if isinstance(found, tuple):
            built[i] = found[0]
            if found[1]:
                converted.add(len(built) - 1)
        else:
            results[i] = Result(str(item.path), Status.REJECTED, found)
    order = list(built)
    try:
        stored_all = store_batch([built[i] for i in order], out, converted=frozenset(converted))
    except StoreError as exc:  # the directory itself is unusable: every item says so
        stored_all = [Result(str(out), Status.FAILED, str(exc), out) for _ in order]
    for i, stored in zip(order, stored_all, strict=True):
        results[i] = replace(stored, subject=str(items[i].path))
    return [results[i] for i in range(len(items))]


def _built(item: Item, today: date | None) -> tuple[Article, bool] | str:
    """The article of one input and whether its page was printed in Traditional script (its text
    is then a conversion, see :func:`_original_text`), or why it is rejected."""
    url = clean_url(item.url) if item.url else ""
    if item.url and not url:
        return f"URL {item.url!r} is not an http or https address"
    try:
        raw = read_raw(item.path)
    except InputError as exc:
        return str(exc).removeprefix(f"{item.path}: ")
    why = refusal(raw)
    article = build_page(raw, url, today) if why is None else None
    why = why or refusal(raw, article)
    if why or article is None:
        return why or NO_TEXT
    return article, is_traditional(raw)


def _safe(article: Article) -> Article:
    """URLs as fields may hold them: http(s) only, no ``user:password@``."""
    source = clean_url(article.source_url) if article.source_url else ""
    mirrors = tuple(dict.fromkeys(u for u in map(clean_url, article.mirrors) if u and u != source))
    return replace(article, source_url=source, mirrors=mirrors)


def store_batch(
    articles: Sequence[Article], out: Path, write: bool = True, converted: frozenset[int] = frozenset()
) -> list[Result]:
    """Deduplicate a batch of built articles (among themselves and against ``out``) and store them.

    The shared exit of every way in (``import`` from files, ``fetch`` from the web): one
    result per article, in order; an article that cannot be written is ``failed`` with the
    reason, and the others go on. ``write=False`` reports what would happen, writes
    nothing and takes no lock. Raises :class:`~scrapers.store.StoreError` when ``out``
    itself cannot be used (not a directory, read-only). ``converted``: the indexes of articles
    whose pages were printed in Traditional script (a copy's text in its outlet's own script is
    kept over a conversion of it, :func:`_original_text`).
    """
    with locked(out) if write else nullcontext():
        return _store_batch([_safe(a) for a in articles], out, write, converted)


def _store_batch(articles: Sequence[Article], out: Path, write: bool, converted: frozenset[int] = frozenset()) -> list[Result]:
    built = dict(enumerate(articles))
    existing = _existing(out)
    results: dict[int, Result] = {}
    groups = _groups(built, {slug: a for slug, (a, _) in existing.items()})
    links = _related(built, groups, existing)
    for key, members in groups.items():
        home = existing[key][1].parent if key in existing else out  # an article stays in its folder
        target = home / f"{key}.md"
        if key in existing and key not in {built[i].slug for i in members}:
            results |= _join_existing(home, existing[key][0], {i: built[i] for i in members}, target, write)
        else:
            found = existing[key][0] if key in existing else None
            group = {i: built[i] for i in members}
            results |= _store_group(home, key, group, found, target, write, related=links.get(key, ()), converted=converted)
    return [results[i] for i in range(len(built))]


def _related(
    built: dict[int, Article], groups: dict[str, list[int]], existing: dict[str, tuple[Article, Path]]
) -> dict[str, tuple[str, ...]]:
    """For each new article of the batch, the other articles (already stored or in the batch)
    reporting the same event (:func:`scrapers.dedupe.same_event`). Only the new article
    records the link: the site shows it on both pages, so no stored file is rewritten."""
    index = EventIndex()
    for article, _ in existing.values():
        index.add(article)
    keepers = {key: built[i] for key, members in groups.items() for i in members if built[i].slug == key}
    for article in keepers.values():
        if article.slug not in existing:
            index.add(article)
    return {key: found for key, article in keepers.items() if (found := index.related(article))}


def _groups(built: dict[int, Article], existing: dict[str, Article]) -> dict[str, list[int]]:
    """The batch in groups of copies, keyed by slug: each item, best copies first, joins the group
    of the first earlier item (or existing article) it duplicates."""
    index = DuplicateIndex()
    for slug, article in existing.items():
        index.add(slug, article.body)
    groups: dict[str, list[int]] = {}
    for i in sorted(built, key=lambda i: (-quality(built[i])[0], -quality(built[i])[1], i)):
        article = built[i]
        twin = index.find(article.body)
        if twin is None or twin == article.slug:
            groups.setdefault(article.slug, []).append(i)
            index.add(article.slug, article.body)
        else:
            groups.setdefault(twin, []).append(i)
    return groups


def _join_existing(out: Path, existing: Article, members: dict[int, Article], target: Path, write: bool) -> dict[int, Result]:
    """Copies of an article already in ``out``: their URLs become its mirrors."""
    try:
        _merge_into_existing(out, existing, list(members.values()), write)
    except (OSError, StoreError) as exc:
        return {i: _result(a, Status.FAILED, _write_failure(target, exc), target) for i, a in members.items()}
    return {i: _result(a, Status.DUPLICATE, f"of {target}", target) for i, a in members.items()}


def _store_group(
    out: Path,
    key: str,
    members: dict[int, Article],
    existing: Article | None,
    target: Path,
    write: bool,
    related: tuple[str, ...],
    converted: frozenset[int] = frozenset(),
) -> dict[int, Result]:
    """One new item and its copies: the keeper (fullest text, the others' URLs as mirrors, the
    reports of its event ``related``) is stored."""
    keeper_i = next(i for i, a in members.items() if a.slug == key)
    others = [a for i, a in members.items() if i != keeper_i]
    mirrors = [a.source_url for a in others if a.source_url]
    keeper = _fullest_text(members[keeper_i], others)
    if keeper.body == members[keeper_i].body and keeper_i in converted:
        originals = [a for i, a in members.items() if i not in converted]
        keeper = _original_text(keeper, originals)
    keeper = replace(keeper, related=related)
    if existing is not None:
        mirrors = [*existing.mirrors, *mirrors]
        keeper = replace(keeper, related=tuple(dict.fromkeys([*existing.related, *keeper.related])))
    keeper = _safe(replace(keeper, mirrors=tuple(dict.fromkeys(m for m in mirrors if m != keeper.source_url))))
    try:
        status = store(out, keeper, write=write)
    except (OSError, StoreError) as exc:
        return {i: _result(a, Status.FAILED, _write_failure(target, exc), target) for i, a in members.items()}
    detail = f"{target}" + (" (edited by an editor; not overwritten)" if status is Status.KEPT else "")
    results = {i: _result(a, Status.DUPLICATE, f"of {target}", target) for i, a in members.items() if i != keeper_i}
    results[keeper_i] = _result(members[keeper_i], status, detail, target)
    return results


def _result(article: Article, status: Status, detail: str, target: Path) -> Result:
    return Result(article.source_url or article.slug, status, detail, target)


def _write_failure(target: Path, exc: OSError | StoreError) -> str:
    """One line: which file, and why (``No space left on device``), without a traceback."""
    if isinstance(exc, StoreError):
        return str(exc)
    return f"cannot write {target}: {exc.strerror or exc}"


def _fullest_text(keeper: Article, copies: list[Article]) -> Article:
    """The keeper's metadata with the most complete text of its group.

    Mirrors truncate: when a copy's text holds (nearly) all of the keeper's and more,
    the longer text is the same article, less cut. A copy is longer by text it adds, not by
    text it repeats: a mirror that prints a teaser paragraph twice is not fuller for it (its
    distinct text must gain more than it loses).
    """
    mine = shingles(keeper.body)
    longer: list[Article] = []
    for c in copies:
        if len(c.body) <= len(keeper.body):
            continue
        theirs = shingles(c.body)
        if containment_of(mine, theirs) >= FULL_COPY and len(theirs - mine) > len(mine - theirs):
            longer.append(c)
    if not longer:
        return keeper
    best = max(longer, key=lambda c: len(c.body))
    return replace(keeper, body=best.body, summary=keeper.summary or best.summary)


def _original_text(keeper: Article, originals: list[Article]) -> Article:
    """The keeper's metadata with the text of a copy printed in Simplified script, when the keeper's
    page was printed in Traditional and such a copy holds the same text, no less of it.

    A Traditional page of a mainland story is a mirror's conversion: what the conversion and the
    mirror's spinner changed (的→得, 么→幺, a word swapped) is lost wording, and the outlet's own
    Simplified copy has it as written. The copies are one release already (the dedupe's
    judgement); the original must open as the keeper does (a mirror that reorders paragraphs is
    no original) and hold as much distinct text. The keeper keeps its attribution and date.
    """
    mine = shingles(keeper.body)
    same: list[tuple[int, Article]] = []
    for c in originals:
        theirs = shingles(c.body)
        if same_opening(keeper.body, c.body) and len(theirs) >= FULL_COPY * len(mine):
            same.append((len(theirs), c))
    if not same:
        return keeper
    best = max(same, key=lambda t: t[0])[1]
    return replace(keeper, body=best.body, summary=best.summary or keeper.summary)


def _merge_into_existing(out: Path, existing: Article, copies: list[Article], write: bool = True) -> None:
    """Record new copies' URLs as mirrors of an existing article, unless an editor changed it."""
    urls = [c.source_url for c in copies if c.source_url and c.source_url != existing.source_url]
    mirrors = tuple(dict.fromkeys([*existing.mirrors, *urls]))
    if mirrors == existing.mirrors or is_editor_modified(existing):
        return
    store(out, replace(existing, mirrors=mirrors, scraper_hash=""), write=write)
