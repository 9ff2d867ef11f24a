"""Incremental builds: render only the pages whose inputs changed, leave the rest untouched.

With this plugin in ``PLUGINS`` every ``pelican`` run into an output folder that an
earlier run built is incremental, whether it is started by ``invoke build``, ``invoke
serve`` or by hand; ``invoke build --clean`` (or deleting the cache folder) forces a cold
build. The output is the same, byte for byte, as a cold build's
(``tests/plugins/incremental/`` checks it after edits, additions, deletions, a renamed tag
and a template change).

How, per build:

1. **Reading** uses Pelican's own reader cache, keyed by a SHA-256 of each file's bytes
   (not its mtime: a fresh clone gives every file a new mtime), so only new and edited
   Markdown files are rendered by the reader plugin.
2. **A dependency record** (:mod:`plugins.incremental.state`) says, for every output page,
   which template files, context names and object attributes it read when it was last
   rendered (:mod:`plugins.incremental.trace` records them while Jinja renders). Before
   writing, every recorded read is evaluated again on this build's objects; a page is
   rendered only when one of its reads, names or template files changed, or when its file
   is missing or was changed by someone else. An edited article thus re-renders its own
   page and Traditional copy, the pages that list it (its terms' pages, the home page when
   it is among the newest, the pages it is related to or next to), and nothing else.
3. **Templates** are compiled once and kept (:mod:`plugins.incremental.jinja_cache`).
4. **Writing** leaves a file alone when the new bytes equal the old ones (same mtime, so
   rsync and Pages uploads skip it), and files a build no longer makes (a deleted
   article's pages) are removed at the end. With ``DELETE_OUTPUT_DIRECTORY`` (the publish
   settings) every other file the build did not write is removed too, as a cold build
   would, except ``OUTPUT_RETENTION``.
5. **Two processes** render the pages (:mod:`plugins.incremental.workers`): the output
   phase forks two workers, each renders every second page with its Traditional copy
   while the main process writes the other files, and the records are merged before
   ``finalized``. Plugins that collect something as pages are
   written register it with :func:`worker_state`.

When the plugins' or scrapers' code, the library versions or the settings change, the
record is dropped and every page is rendered (files whose bytes come out the same are
still not rewritten).

Other plugins can write a file only when it changed with :func:`write_if_changed`.

Settings: ``INCREMENTAL`` (default True); ``INCREMENTAL_VERIFY`` (default False: when
True, pages the record says are unchanged are rendered anyway and any difference is
logged as a warning, a check of the record for tests and benchmarks);
``INCREMENTAL_WORKERS`` (processes rendering pages; default 2 on a machine with two cores
or more, else 1); Pelican's
``CACHE_PATH`` / ``--cache-path`` (default: ``.cache/pelican/`` next to the output
folder, one subfolder per output folder). The log says how many pages were rendered,
skipped and written (``pelican -v``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Hashable
from io import StringIO
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from jinja2 import Environment, meta
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.utils import sanitised_join
from pelican.writers import Writer

from .jinja_cache import EnvironmentBytecodeCache
from .state import PageRecord, State, cache_dir, code_fingerprint
from .trace import MISSING, RECORDER, VOLATILE, Fingerprinter, TrackedList, evaluate, instrument, is_tracked, key_of
from .workers import WorkerResult, default_workers, install
from .workers import worker_state as worker_state  # for other plugins

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
#: Source trees whose files are part of the code fingerprint: a change in them can change
#: any page. (The scrapers only reach pages through values, which the reads check.)
CODE_ROOTS = [ROOT / "plugins"]
#: Entries of the read-id cache (:meth:`Build._ids`) before it is emptied.
_RIDS_MAX = 1 << 18
#: Settings that this plugin sets itself or that do not shape the output.
_UNFINGERPRINTED = frozenset(
    {
        "CACHE_PATH",
        "CACHE_CONTENT",
        "LOAD_CONTENT_CACHE",
        "DELETE_OUTPUT_DIRECTORY",
        "PLUGINS",
        "PLUGIN_PATHS",
        "WRITE_SELECTED",
        "INCREMENTAL_VERIFY",
        "INCREMENTAL_WORKERS",
        "READ_WORKERS",
        "READ_PARALLEL_MIN",
    }
)
T = TypeVar("T")


class Build:
    """Everything one incremental build knows: the previous record and the new one."""

    def __init__(self, pelican: Any) -> None:
        settings = pelican.settings
        self.settings = settings
        self.output_path = os.path.abspath(pelican.output_path)
        self.cache = cache_dir(settings, self.output_path)
        self.started_ns = _file_clock(self.cache)
        self.verify = bool(settings.get("INCREMENTAL_VERIFY", False))
        self.want_clean = bool(pelican.delete_outputdir)
        self.fp = Fingerprinter()
        self.code = code_fingerprint(CODE_ROOTS)
        self.settings_fp = _settings_fingerprint(self.fp, settings)
        previous = State.load(self.cache)
        self.previous_produced: set[str] = previous.produced if previous else set()
        self.valid = previous is not None and previous.code == self.code and previous.settings == self.settings_fp
        if previous is not None and not self.valid:
            logger.info("incremental: code, library versions or settings changed; rendering every page")
        prev = previous if self.valid else State()
        self.prev_pages = prev.records()
        # The memo (templates' references, keyed by their source) outlives a change of settings.
        self.old_memo = prev.memo if previous is not None and previous.code == self.code else {}
        self.memo: dict[tuple[str, Any], Any] = {}
        # The read table: the previous build's reads keep their ids (the page records point
        # at them, and their fingerprints are taken again before any page is written); this
        # build's new reads are appended, fingerprinted at the end.
        self.read_list: list[tuple[str, Any]] = list(prev.reads)
        self.n_prev = len(self.read_list)
        self.prev_fps: np.ndarray = prev.read_fps
        self.cur_fps = np.zeros(self.n_prev, dtype=np.uint64)
        self._read_ids: dict[tuple[str, Any], int] | None = None
        self._rids: dict[tuple[int, Any], int] = {}
        self.new_objs: list[Any] = []
        self.changed = np.zeros(self.n_prev, dtype=bool)
        self.pages: dict[str, PageRecord] = {}
        self.produced: set[str] = set()
        self.static_outputs: set[str] = set()
        self._keys: dict[int, str] = {}
        self._templates: dict[tuple[int, str, str], int] = {}
        self._roots: dict[str, tuple[Any, int]] = {}
        self._pairs: dict[tuple[str, int], tuple[str, int]] = {}
        self._records: dict[tuple, tuple] = {}
        self.out_prefix = self.output_path.rstrip(os.sep) + os.sep
        self._eval_env = Environment()
        self.rendered = self.skipped = self.written = self.stale = 0
        self.dirty = False
        self.stale_pages: list[str] = []
        # Rendering workers (plugins.incremental.workers): 0 is the main process.
        self.workers = int(settings.get("INCREMENTAL_WORKERS") or default_workers())
        self.worker = 0
        self._dealt = 0
        self.memo_at_fork: set[tuple[str, Any]] = set()
        #: Work for the main process before the workers' records are merged (:func:`after_rendering`).
        self.background: list[Callable[[], None]] = []
        #: In a rendering worker: the pages dealt (the main process deals them too, so it
        #: knows them; the worker hands back only the other files it made or kept).
        self.dealt: set[str] = set()
        self.in_written = 0
        settings["CACHE_PATH"] = str(self.cache)
        settings["CACHE_CONTENT"] = True
        settings["LOAD_CONTENT_CACHE"] = self.valid
        settings["CONTENT_CACHING_LAYER"] = "reader"
        settings["CHECK_MODIFIED_METHOD"] = "sha256"
        settings["GZIP_CACHE"] = False
        if self.previous_produced:
            # Files are removed at the end, only those this build does not make again.
            pelican.delete_outputdir = False

    # ------------------------------------------------------------------ memo

    def remember(self, namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, or its value from the last build with the same ``(namespace, key)``;
        entries not asked for in a build are forgotten, so the record does not grow."""
        k = (namespace, key)
        value = self.memo.get(k)
        if value is None:
            value = self.old_memo.get(k)
            if value is None:
                value = compute()
            self.memo[k] = value
        return value

    # ------------------------------------------------------------------ objects of this build

    def finalize_context(self, generators: list[Any]) -> None:
        """Track the shared lists, index this build's objects by key, re-evaluate old reads."""
        articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
        registry: dict[str, Any] = {}
        context: dict[str, Any] = generators[0].context if generators else {}
        if articles_gen is not None:
            _track_lists(articles_gen, context)
            for group in (
                articles_gen.articles,
                articles_gen.hidden_articles,
                articles_gen.drafts,
                articles_gen.translations,
                articles_gen.hidden_translations,
                articles_gen.drafts_translations,
            ):
                for a in list.__iter__(group) if isinstance(group, list) else group:
                    registry[key_of(a)] = a
                    for w in (
                        getattr(a, "category", None),
                        getattr(a, "author", None),
                        *(getattr(a, "tags", None) or ()),
                        *(getattr(a, "authors", None) or ()),
                    ):
                        if w is not None and is_tracked(w):
                            registry.setdefault(key_of(w), w)
            for tag, items in articles_gen.tags.items():
                registry[key_of(tag)] = tag
                registry[items.key] = items
            for cat, items in articles_gen.categories:
                registry[key_of(cat)] = cat
                registry[items.key] = items
            for key in ("articles", "dates"):
                value = getattr(articles_gen, key)
                registry[value.key] = value
            for entry in context.get("category_list") or []:
                registry[entry[3].key] = entry[3]
        for g in generators:
            if isinstance(g, PagesGenerator):
                for p in [*g.pages, *g.hidden_pages, *g.draft_pages, *g.translations, *g.hidden_translations]:
                    registry[key_of(p)] = p
            if isinstance(g, StaticGenerator):
                self.static_outputs.update(_static_outputs(g))
        for tax in (context.get("taxonomies") or {}).values():
            registry[key_of(tax)] = tax
            for term in tax.terms_by_name.values():
                registry[key_of(term)] = term
        started = time.perf_counter()
        evaluate_ = self._evaluate
        get = registry.get
        fps = [MISSING if (obj := get(key)) is None else evaluate_(obj, op) for key, op in self.read_list]
        self.cur_fps = np.array(fps, dtype=np.uint64)
        changed = (self.cur_fps != self.prev_fps) | (self.cur_fps == VOLATILE)
        self.changed = changed
        if logger.isEnabledFor(logging.DEBUG):
            for i in np.flatnonzero(changed)[:50]:
                logger.debug("incremental: changed read %r", self.read_list[i])
        logger.info(
            "incremental: %d reads checked in %.2f s, %d changed", len(changed), time.perf_counter() - started, int(changed.sum())
        )

    def _evaluate(self, obj: Any, op: Any) -> int:
        try:
            return evaluate(self.fp, self._eval_env, obj, op)
        except Exception:  # the object no longer has that attribute, or it raises: changed
            return VOLATILE

    def key(self, obj: Any) -> str:
        k = self._keys.get(id(obj))
        if k is None:
            k = self._keys[id(obj)] = key_of(obj)
        return k

    # ------------------------------------------------------------------ pages

    def template_fp(self, env: Environment, name: str, transform_id: str) -> int:
        """Fingerprint of a template and of every template it extends, imports or includes."""
        memo_key = (id(env), name, transform_id)
        found = self._templates.get(memo_key)
        if found is not None:
            return found
        seen: dict[str, str] = {}
        todo = [name]
        dynamic = False
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            source, _, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
            seen[current] = source
            digest = hashlib.sha1(source.encode("utf-8")).hexdigest()
            # Parsing a template costs more than the rest of a skipped page: kept between builds.
            refs = self.remember("template-refs", digest, lambda s=source: list(meta.find_referenced_templates(env.parse(s))))
            for ref in refs:
                if ref is None:
                    dynamic = True
                else:
                    todo.append(ref)
        out = VOLATILE if dynamic else self.fp.digest((transform_id, sorted(seen.items())))
        self._templates[memo_key] = out
        return out

    def root_fp(self, localcontext: dict[str, Any], name: str, shared: dict[str, Any] | None = None) -> int:
        """Fingerprint of a name of the page context (a Jinja global when the page has none).

        Values of the shared context (settings, the site's lists) are fingerprinted once per
        build; a page's own values (its article, its slice of a list) every time, and not
        kept, so the memo does not hold every page's objects alive.
        """
        value = localcontext.get(name, _GLOBAL)
        if value is _GLOBAL:
            return self.fp.digest(("\x00global", name))
        if shared is None or shared.get(name, _GLOBAL) is not value:
            return self.fp.digest(value)
        hit = self._roots.get(name)
        if hit is not None and hit[0] is value:
            return hit[1]
        out = self.fp.digest(value)
        self._roots[name] = (value, out)
        return out

    def roots_record(self, localcontext: dict[str, Any], names: set[str], shared: dict[str, Any]) -> tuple:
        """The page's ``(name, fingerprint)`` pairs, shared between pages where equal (memory)."""
        pairs = self._pairs
        record = tuple(pairs.setdefault(p, p) for p in ((n, self.root_fp(localcontext, n, shared)) for n in sorted(names)))
        return self._records.setdefault(record, record)

    def is_clean(self, rec: PageRecord, tfp: int, localcontext: dict[str, Any], path: str, shared: dict[str, Any]) -> bool:
        if rec.template != tfp or tfp == VOLATILE:
            return False
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return False
        if st.st_size != rec.size or st.st_mtime_ns != rec.mtime_ns:
            return False
        if len(rec.reads) and self.changed[rec.reads].any():
            return False
        return all(self.root_fp(localcontext, n, shared) == d and d != VOLATILE for n, d in rec.roots)

    def page(
        self,
        writer: Writer,
        name: str,
        template: Any,
        localcontext: dict[str, Any],
        override: bool,
        shared_context: dict[str, Any],
        transform: Callable[[str], str] | None = None,
        transform_id: str = "",
    ) -> None:
        """Render one output file unless its record says it would come out the same."""
        path = sanitised_join(self.output_path, name)
        if not _claim(writer, path, override):
            return
        rel = self.rel(path)
        if self.worker:
            self.dealt.add(rel)
        if self.workers > 1 and not self.owns():
            self.produced.add(rel)  # the other process renders it
            return
        tfp = self.template_fp(template.environment, template.name, transform_id)
        rec = self.prev_pages.get(rel)
        clean = rec is not None and self.is_clean(rec, tfp, localcontext, path, shared_context)
        self.produced.add(rel)
        if clean and not self.verify:
            assert rec is not None
            self.pages[rel] = rec
            self.skipped += 1
            self.written_signal(path, localcontext)
            return
        # Pelican's writer does the same: article content resolves intra-site links
        # against the page being written.
        if localcontext.get("localsiteurl"):
            shared_context["localsiteurl"] = localcontext["localsiteurl"]
        RECORDER.reads, RECORDER.roots = {}, set()
        try:
            output = template.render(localcontext)
        finally:
            reads, roots = RECORDER.reads, RECORDER.roots
            RECORDER.reads = RECORDER.roots = None
        if transform is not None:
            output = transform(output)
        self.rendered += 1
        written = write_if_changed(path, output)
        if written:
            self.written += 1
            if clean:
                self.stale += 1
                self.stale_pages.append(rel)
                logger.warning("incremental: %s was out of date although its record said it was not", rel)
        st = os.stat(path)
        self.pages[rel] = PageRecord(
            tfp, self.roots_record(localcontext, roots, shared_context), self._ids(reads), st.st_size, st.st_mtime_ns
        )
        self.dirty = True
        self.written_signal(path, localcontext)

    def owns(self) -> bool:
        """Whether this process renders the next page (dealt in turn to workers 1 … n; the main process renders none)."""
        dealt = self._dealt
        self._dealt = dealt + 1
        return self.worker != 0 and dealt % self.workers == self.worker - 1

    def written_signal(self, path: str, localcontext: dict[str, Any]) -> None:
        """``content_written`` for a page; files other plugins write for it are this process's."""
        self.in_written += 1
        try:
            signals.content_written.send(path, context=localcontext)
        finally:
            self.in_written -= 1

    def rel(self, path: str) -> str:
        """An output file's path relative to the output folder, with forward slashes."""
        if path.startswith(self.out_prefix):
            return path[len(self.out_prefix) :].replace(os.sep, "/")
        return os.path.relpath(path, self.output_path).replace(os.sep, "/")

    def _read_table(self) -> dict[tuple[str, Any], int]:
        """Read key → read id over :attr:`read_list`, made on first use and kept in step with it."""
        if self._read_ids is None:
            self._read_ids = {r: i for i, r in enumerate(self.read_list)}
        return self._read_ids

    def _ids(self, reads: dict[tuple[int, Any], tuple[Any, Any]]) -> np.ndarray:
        table = self._read_table()
        seen = self._rids  # (id(object), op) → read id: most reads recur on many pages
        if len(seen) > _RIDS_MAX:
            seen.clear()  # a cache: kept whole it grew by ~70 entries an article
        ids = []
        for ref, (obj, op) in reads.items():
            rid = seen.get(ref)
            if rid is None:
                rk = (self.key(obj), op)
                rid = table.get(rk)
                if rid is None:
                    rid = table[rk] = len(self.read_list)
                    self.read_list.append(rk)
                    self.new_objs.append(obj)
                seen[ref] = rid
            ids.append(rid)
        return np.unique(np.fromiter(ids, dtype=np.uint32, count=len(ids)))

    def file(self, path: str, data: str | bytes) -> bool:
        """Write a non-template file if its bytes changed; either way it is this build's.

        A rendering worker writes only the files made for its own pages (a Traditional
        copy); the others (feeds, calendars) are the main process's.
        """
        if self.worker and not self.in_written:
            return False
        written = write_if_changed(path, data)
        self.produced.add(self.rel(path))
        return written

    def merge(self, result: WorkerResult) -> None:
        """Take in a rendering worker's pages, files, reads and memo (its read ids renumbered)."""
        table = self._read_table()
        fps = result.read_fps.tolist()
        remap = np.arange(self.n_prev + len(fps), dtype=np.uint32)
        for j, rk in enumerate(zip(result.read_keys, result.read_ops, strict=True)):
            fp = fps[j]
            rid = table.get(rk)
            if rid is None:
                rid = table[rk] = len(self.read_list)
                self.read_list.append(rk)
                self.new_objs.append(fp)  # its fingerprint: the object is in the worker's process
            remap[self.n_prev + j] = rid
        # The worker's read ids in this process's numbering; each page's stay distinct (the
        # renumbering is one-to-one), so its record is a view of the one array.
        ids = remap[result.reads]
        bounds = result.bounds.tolist()
        templates, sizes, mtimes = result.templates.tolist(), result.sizes.tolist(), result.mtimes.tolist()
        records = self._records
        for i, rel in enumerate(result.rels):
            roots = records.setdefault(result.roots[i], result.roots[i])
            self.pages[rel] = PageRecord(templates[i], roots, ids[bounds[i] : bounds[i + 1]], sizes[i], mtimes[i])
        self.produced |= result.produced
        for k, v in result.memo.items():
            self.memo.setdefault(k, v)
        rendered, skipped, written, stale = result.counters
        self.rendered += rendered
        self.skipped += skipped
        self.written += written
        self.stale += stale
        self.stale_pages += result.stale_pages
        self.dirty = self.dirty or result.dirty

    # ------------------------------------------------------------------ end of build

    def finish(self) -> None:
        """Remove what this build no longer makes, then save the record (if it changed)."""
        removed = self._remove_stale()
        unchanged = (
            self.valid
            and not self.dirty
            and not removed
            and self.produced == self.previous_produced
            and self.memo.keys() == self.old_memo.keys()
            and set(self.pages) == set(self.prev_pages)
        )
        if not unchanged:
            self._save()
        logger.info(
            "incremental: %d pages rendered (%d written), %d unchanged and not rendered, %d files removed, in %d processes",
            self.rendered,
            self.written,
            self.skipped,
            removed,
            self.workers,
        )

    def _save(self) -> None:
        new_fps = [
            obj if type(obj) is int else self._evaluate(obj, op)
            for obj, (_, op) in zip(self.new_objs, self.read_list[self.n_prev :], strict=True)
        ]
        all_fps = np.concatenate([self.cur_fps, np.array(new_fps, dtype=np.uint64)])
        arrays = [r.reads for r in self.pages.values()]
        used = np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, dtype=np.uint32)
        remap = np.zeros(len(self.read_list), dtype=np.uint32)
        remap[used] = np.arange(len(used), dtype=np.uint32)
        state = State(code=self.code, settings=self.settings_fp, produced=self.produced, memo=self.memo)
        state.reads = [self.read_list[i] for i in used]
        state.read_fps = all_fps[used] if len(used) else np.zeros(0, dtype=np.uint64)
        state.page_reads = remap[np.concatenate(arrays)] if arrays else np.zeros(0, dtype=np.uint32)
        start = 0
        for rel, rec in self.pages.items():
            end = start + len(rec.reads)
            state.pages[rel] = (rec.template, rec.roots, start, end, rec.size, rec.mtime_ns)
            start = end
        state.save(self.cache)

    def _remove_stale(self) -> int:
        """Delete files of earlier builds that this one did not make (all others' with DELETE_OUTPUT_DIRECTORY)."""
        out = self.output_path
        since = self.started_ns
        retained = set(self.settings.get("OUTPUT_RETENTION") or [])
        removed = 0
        for dirpath, dirs, names in os.walk(out, topdown=True):
            rel_dir = os.path.relpath(dirpath, out).replace(os.sep, "/")
            if rel_dir == ".":
                dirs[:] = [d for d in dirs if d not in retained]
                names = [n for n in names if n not in retained]
            for name in names:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                if rel in self.produced or rel in self.static_outputs:
                    self.produced.add(rel)
                    continue
                full = os.path.join(dirpath, name)
                if os.lstat(full).st_mtime_ns >= since:
                    self.produced.add(rel)  # written by another plugin in this build
                    continue
                if self.want_clean or rel in self.previous_produced:
                    os.remove(full)
                    removed += 1
        if removed:
            for dirpath, _, _ in sorted(os.walk(out), key=lambda t: -len(t[0])):
                if dirpath != out and not os.listdir(dirpath):
                    os.rmdir(dirpath)
        return removed


def _file_clock(directory: Path) -> int:
    """Now, as the file system stamps files (its clock is coarser than ``time.time_ns``).

    Files other plugins write in this build are told from older ones by their mtime; a
    marker written now gives the threshold on the same clock.
    """
    directory.mkdir(parents=True, exist_ok=True)
    marker = directory / "build-started"
    marker.write_bytes(b"")
    return marker.stat().st_mtime_ns


def _settings_fingerprint(fp: Fingerprinter, settings: dict[str, Any]) -> int:
    """Fingerprint of the settings; a value with no stable form counts by its type."""
    parts = []
    for key in sorted(settings):
        if key in _UNFINGERPRINTED:
            continue
        d = fp.digest(settings[key])
        if d == VOLATILE:
            d = fp.digest(("\x00type", type(settings[key]).__module__, type(settings[key]).__qualname__))
        parts.append((key, d))
    return fp.digest(parts)


def _claim(writer: Writer, path: str, override: bool) -> bool:
    """Pelican's rules for writing one file twice (``Writer._open_w``), without opening it."""
    from pelican.writers import FileOverwriteFailedError

    if path in writer._overridden_files:
        if override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{path}" a second time (was previously overwritten)')
        logger.info('Skipping "%s", not overwriting', path)
        return False
    if path in writer._written_files and not override:
        raise FileOverwriteFailedError(
            f'Failed to overwrite "{path}" as Pelican has already written to it previously (set `override=True` if intended)'
        )
    if override:
        writer._overridden_files.add(path)
    writer._written_files.add(path)
    return True


def _track_lists(gen: ArticlesGenerator, context: dict[str, Any]) -> None:
    """Replace the shared article lists by :class:`TrackedList` (same items, same order)."""
    gen.articles = TrackedList(gen.articles, "list:articles")
    gen.dates = TrackedList(gen.dates, "list:dates")
    for tag in list(gen.tags):
        gen.tags[tag] = TrackedList(gen.tags[tag], f"list:tag:{tag.name}")
    gen.categories = [(cat, TrackedList(items, f"list:category:{cat.name}")) for cat, items in gen.categories]
    by_name = {cat.name: items for cat, items in gen.categories}
    context["articles"], context["dates"] = gen.articles, gen.dates
    context["tags"] = list(gen.tags.items())
    context["categories"] = gen.categories
    if context.get("category_list"):
        context["category_list"] = [
            (name, slug, cat, by_name.get(name) or TrackedList(items, f"list:category:{name}"))
            for name, slug, cat, items in context["category_list"]
        ]


def _static_outputs(gen: StaticGenerator) -> set[str]:
    """Output paths of static files (copied with their source's mtime, so never 'new')."""
    found = {str(s.save_as).replace(os.sep, "/") for s in getattr(gen, "staticfiles", [])}
    static_dir = gen.settings["THEME_STATIC_DIR"]
    for path in gen.settings["THEME_STATIC_PATHS"]:
        source = Path(gen.theme, path)
        if source.is_file():
            found.add(os.path.normpath(os.path.join(static_dir, source.name)).replace(os.sep, "/"))
        elif source.is_dir():
            for f in source.rglob("*"):
                if f.is_file():
                    found.add(os.path.normpath(os.path.join(static_dir, f.relative_to(source))).replace(os.sep, "/"))
    return found


# ----------------------------------------------------------------------------- public helpers

_BUILD: Build | None = None
#: Stands for "not in the page context" (Jinja's globals then answer).
_GLOBAL = object()


def current() -> Build | None:
    """The incremental build in progress, if any."""
    return _BUILD


def after_rendering(task: Callable[[], None]) -> bool:
    """Run ``task`` in the main process once the rendering workers have exited, before their
    records are merged; False if there are no workers (the caller then runs it itself).

    The main process is at its smallest there: the records of 300,000 pages it takes in next
    were its peak at 100,000 articles, and the search index built after them added its own
    peak on top (4,083 MiB max RSS; about 3,250 MiB with the index first). Not while the
    workers render, though that would use the core the waiting main process leaves idle:
    touching the main process's objects then copies memory pages the workers still share,
    and the one comparison at 100,000 articles showed no gain for it (``bench/build.py``, one
    cold build each: beside the workers 817.7 s wall and 1,349 s CPU, after them 762.5 s and
    1,186 s; single runs there vary by 15% or more, so this is no proof of a loss either).
    A task must not need what the workers hand back.
    """
    build = _BUILD
    if build is None or build.workers < 2 or build.worker != 0:
        return False
    build.background.append(task)
    return True


def write_if_changed(path: str | os.PathLike[str], data: str | bytes) -> bool:
    """Write ``data`` unless the file already holds exactly these bytes; True if written.

    An unchanged file keeps its mtime, so uploads that compare mtimes (rsync, Pages
    artifacts built by rsync) skip it.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = os.fspath(path)
    try:
        if os.stat(path).st_size == len(raw):
            with open(path, "rb") as fh:
                if fh.read() == raw:
                    return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(raw)
    return True


def write_output(path: str | os.PathLike[str], data: str | bytes) -> bool:
    """:func:`write_if_changed`, and the file counts as made by this build (not stale)."""
    build = _BUILD
    if build is None:
        return write_if_changed(path, data)
    return build.file(os.fspath(path), data)


# ----------------------------------------------------------------------------- Pelican hooks


class IncrementalWriter(Writer):
    """Pelican's writer, rendering through :meth:`Build.page` and writing feeds only when changed."""

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Pelican 4.12's ``Writer.write_file``, with the render-and-write step replaced."""
        from pelican.paginator import Paginator
        from pelican.utils import get_relative_path, path_to_url

        build = _BUILD
        if build is None:
            return super().write_file(
                name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs
            )
        if not name:
            return None

        def localcontext_for(save_as: str, extra: dict[str, Any]) -> dict[str, Any]:
            local = context.copy()
            local["localsiteurl"] = local.get("localsiteurl", None)
            if relative_urls:
                relative_url = path_to_url(get_relative_path(save_as))
                local["SITEURL"] = relative_url
                local["localsiteurl"] = relative_url
            local["output_file"] = save_as
            local.update(extra)
            return local

        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
            paginators = {key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()}
            for page_num in range(next(iter(paginators.values())).num_pages):
                paginated_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    previous_page = paginator.page(page_num) if page_num > 0 else None
                    page = paginator.page(page_num + 1)
                    next_page = paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None
                    paginated_kwargs.update(
                        {
                            f"{key}_paginator": paginator,
                            f"{key}_page": page,
                            f"{key}_previous_page": previous_page,
                            f"{key}_next_page": next_page,
                        }
                    )
                local = localcontext_for(page.save_as, paginated_kwargs)
                build.page(self, page.save_as, template, local, override_output, context)
        else:
            build.page(self, name, template, localcontext_for(name, kwargs), override_output, context)
        return None

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False, feed_title=None):
        """Pelican's ``write_feed``, writing the file only when its bytes changed."""
        from pelican.utils import get_relative_path, path_to_url

        build = _BUILD
        if build is None or not path:
            return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        if build.worker:
            return None  # feeds are the main process's
        self.site_url = context.get("SITEURL", path_to_url(get_relative_path(path)))
        self.feed_domain = context.get("FEED_DOMAIN")
        self.feed_url = self.urljoiner(self.feed_domain, url or path)
        feed = self._create_new_feed(feed_type, feed_title, context)
        for element in elements[: self.settings["FEED_MAX_ITEMS"]]:
            self._add_item_to_the_feed(feed, element)
        signals.feed_generated.send(context, feed=feed)
        complete_path = sanitised_join(self.output_path, path)
        if _claim(self, complete_path, override_output):
            buffer = StringIO()
            feed.write(buffer, "utf-8")
            build.file(complete_path, buffer.getvalue())
            signals.feed_written.send(complete_path, context=context, feed=feed)
        return feed


def on_initialized(pelican: Any) -> None:
    global _BUILD
    _BUILD = Build(pelican) if pelican.settings.get("INCREMENTAL", True) else None
    if _BUILD is not None:
        _patch_copy_file()


def _patch_copy_file() -> None:
    """Theme files are copied by ``pelican.utils.copy_file`` on every build, with a new mtime;
    an identical file is left alone instead."""
    import pelican.utils as pelican_utils

    original = pelican_utils.copy_file
    if getattr(original, "_incremental", False):
        return

    def copy_file(source: str, destination: str) -> None:
        if _BUILD is not None:
            try:
                if os.path.getsize(source) == os.path.getsize(destination):
                    with open(source, "rb") as a, open(destination, "rb") as b:
                        if a.read() == b.read():
                            return
            except OSError:
                pass
        original(source, destination)

    copy_file._incremental = True  # type: ignore[attr-defined]
    pelican_utils.copy_file = copy_file


def on_generator_init(generator: Any) -> None:
    if _BUILD is not None:
        instrument(generator.env)
        jinja_dir = _BUILD.cache.parent / "jinja"
        jinja_dir.mkdir(parents=True, exist_ok=True)
        generator.env.bytecode_cache = EnvironmentBytecodeCache(str(jinja_dir))


def on_all_generators_finalized(generators: list[Any]) -> None:
    if _BUILD is not None:
        _BUILD.finalize_context(generators)
        _drop_reader_caches(generators)
        trim_memory()  # before the workers fork: what they start from
        install(_BUILD, generators)


def trim_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    Reading, its pool and the workers' results leave freed memory in the heap that
    would otherwise still count in the process's resident size while the next phase grows.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _drop_reader_caches(generators: list[Any]) -> None:
    """Forget the reader caches' contents once the generators have saved them.

    Pelican keeps every file's ``(content, metadata)`` in its reader cache until the build
    ends although nothing reads it after the generators' contexts are made (each saved its
    cache file already); at 100,000 articles the metadata copies alone are ~300 MB.
    """
    for g in generators:
        readers = getattr(g, "readers", None)
        if readers is not None and isinstance(getattr(readers, "_cache", None), dict):
            readers._cache = {}


def get_writer(pelican: Any) -> type[Writer] | None:
    if _BUILD is None:
        return None
    # Connected here, after every plugin registered: the record is saved after the other
    # plugins' own end-of-build steps (sitemap, search index) have written their files.
    signals.finalized.connect(on_finalized)
    return IncrementalWriter


def on_finalized(pelican: Any) -> None:
    global _BUILD
    if _BUILD is not None:
        _BUILD.finish()
    _BUILD = None
    signals.finalized.disconnect(on_finalized)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.get_writer.connect(get_writer)
