"""Pages rendered by two processes at once: the output phase forked, the records merged.

Rendering templates (and converting the Traditional copies made from them) is most of a
cold build and all Python, so one process uses one core. When the output phase starts
(the context is complete: every article read, every list made) the build forks two
rendering workers; every process runs every generator's output step on the same objects,
and each worker renders every second page (:meth:`plugins.incremental.Build.owns`: pages
are dealt in the order the generators ask for them, which is the same in all). The main
process renders no page: it writes the files that are not pages (feeds, calendars, static
files) and waits; once the workers have exited it runs the work other plugins queued for
that moment (:func:`plugins.incremental.after_rendering`: the search index), then merges.
So what rendering accumulates (records, caches) is in the workers, which exit, and the
main process, which goes on to ``finalized`` (sitemap, saving the record), holds only what
they hand back: at 100,000 articles the main process
rendering half of the pages and then taking in the other half's records was the build's
peak memory. At the end of the output phase each worker hands back the records of its
pages (as columns), the files it made, the reads it added with their fingerprints, and
the state other plugins registered with :func:`worker_state` (the sitemap's page list, the
Traditional copies' record); the main process merges them in worker order.

A failing worker fails the build (its log is on the same stderr). Output is the same bytes
whatever the number of workers (``tests/plugins/incremental`` builds with one and two).

Setting ``INCREMENTAL_WORKERS``: processes rendering pages (default: 2 when the machine has
two cores or more, else 1; 1 renders in the main process only). Forking needs ``os.fork``
(not on Windows: one process there).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from pelican.generators import StaticGenerator

if TYPE_CHECKING:
    from . import Build

logger = logging.getLogger(__name__)

#: name → (collect in the worker, merge in the main process)
_HOOKS: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}


def worker_state(name: str, collect: Callable[[], Any], merge: Callable[[Any], None]) -> None:
    """Register state a plugin builds up while pages are written (``content_written``).

    In a rendering worker ``collect()`` is called at the end of the output phase; its value
    (picklable) is handed to ``merge`` in the main process before ``finalized``.
    """
    _HOOKS[name] = (collect, merge)


#: The function :func:`parallel_map` applies (inherited by the forked pool, never pickled).
_MAP_FN: Callable[[Any], Any] | None = None


def _apply(item: Any) -> Any:
    assert _MAP_FN is not None
    return _MAP_FN(item)


def parallel_map(fn: Callable[[Any], Any], items: list[Any], workers: int) -> list[Any]:
    """``[fn(x) for x in items]`` by ``workers`` forked processes, in order."""
    import multiprocessing

    global _MAP_FN
    _MAP_FN = fn
    gc.freeze()  # as in :func:`_fork`: the pool's collections leave the parent's objects shared
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            gc.unfreeze()
            return pool.map(_apply, items, chunksize=max(1, len(items) // (workers * 16)))
    finally:
        gc.unfreeze()
        _MAP_FN = None


def default_workers() -> int:
    if not hasattr(os, "fork"):
        return 1
    return 2 if (os.cpu_count() or 1) >= 2 else 1


@dataclass
class WorkerResult:
    """What a worker hands back (pickled into the build's cache folder).

    Its pages' records are columns (one array of all their read ids with each page's
    bounds, not an array and a tuple per page): at 100,000 articles the worker renders
    150,000 pages, and a record object per page, pickled and loaded again beside the main
    process's own, took about a gigabyte.
    """

    rels: list[str] = field(default_factory=list)
    templates: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    roots: list[tuple] = field(default_factory=list)
    reads: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    bounds: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    sizes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    mtimes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: Files the worker made or kept besides pages (the Traditional copies): the main
    #: process dealt every page itself, so it knows their paths already.
    produced: set[str] = field(default_factory=set)
    #: The reads the worker added, as columns (object keys, operations, fingerprints): ~3 M
    #: at 100,000 articles, where a tuple each took half a gigabyte to load.
    read_keys: list[str] = field(default_factory=list)
    read_ops: list[Any] = field(default_factory=list)
    read_fps: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    memo: dict[tuple[str, Any], Any] = field(default_factory=dict)
    counters: tuple[int, int, int, int] = (0, 0, 0, 0)
    stale_pages: list[str] = field(default_factory=list)
    dirty: bool = False
    hooks: dict[str, Any] = field(default_factory=dict)


def install(build: Build, generators: list[Any]) -> None:
    """Fork when the first generator starts writing; join when the last one is done."""
    outputs = [g for g in generators if hasattr(g, "generate_output")]
    if build.workers < 2 or not outputs:
        return
    state: dict[str, list[int]] = {"pids": []}

    def wrap(generator: Any, first: bool, last: bool) -> None:
        original = generator.generate_output

        def generate_output(writer: Any) -> None:
            if first:
                state["pids"] = _fork(build)
            if build.worker == 0:
                original(writer)  # no page: the workers render them all
                if last:
                    _join(build, state["pids"])
                return
            # In the worker: render this generator's share of pages; at the end, hand back.
            try:
                if not isinstance(generator, StaticGenerator):  # files, not pages: the main process copies them
                    original(writer)
                if last:
                    _hand_back(build)
            except BaseException:
                logger.error("incremental: rendering worker failed:\n%s", traceback.format_exc())
                _exit(1)
            if last:
                _exit(0)

        generator.generate_output = generate_output

    for i, g in enumerate(outputs):
        wrap(g, i == 0, i == len(outputs) - 1)


def _background(build: Build) -> None:
    """The main process's own work once the workers are gone (:func:`plugins.incremental.after_rendering`)."""
    tasks, build.background = build.background, []
    if not tasks:
        return
    started = time.perf_counter()
    for task in tasks:
        task()
    logger.info(
        "incremental: %d task(s) of other plugins done before the records of %d workers were merged, in %.1f s",
        len(tasks),
        build.workers,
        time.perf_counter() - started,
    )


def _fork(build: Build) -> list[int]:
    """Fork the rendering workers 1 … ``build.workers``; their pids (in the main process).

    Everything the main process holds is frozen out of the garbage collector first
    (:func:`gc.freeze`): a worker's full collection would otherwise walk every inherited
    object and write to its header, copying nearly every page of the main process's memory
    into each worker (at 100,000 articles the workers' private memory, and their time in the
    collector, were mostly that). The main process unfreezes once the workers are forked.
    """
    pids: list[int] = []
    gc.freeze()
    try:
        pids = _fork_each(build)
    finally:
        if build.worker == 0:
            gc.unfreeze()
    return pids


def _fork_each(build: Build) -> list[int]:
    pids: list[int] = []
    for k in range(1, build.workers + 1):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            build.worker = k
            build.memo_at_fork = set(build.memo)
            return []
        pids.append(pid)
    return pids


def _exit(code: int) -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def _result_path(build: Build, worker: int) -> str:
    """Where rendering worker ``worker`` leaves its :class:`WorkerResult` for the main process."""
    return os.path.join(str(build.cache), f"worker-{worker}.pickle")


def _hand_back(build: Build) -> None:
    new = build.read_list[build.n_prev :]
    fps = [build._evaluate(obj, op) for obj, (_, op) in zip(build.new_objs, new, strict=True)]
    records = list(build.pages.values())
    lengths = np.fromiter((len(r.reads) for r in records), dtype=np.int64, count=len(records))
    bounds = np.zeros(len(records) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    result = WorkerResult(
        rels=list(build.pages),
        templates=np.fromiter((r.template for r in records), dtype=np.uint64, count=len(records)),
        roots=[r.roots for r in records],
        reads=np.concatenate([r.reads for r in records]).astype(np.uint32) if records else np.zeros(0, dtype=np.uint32),
        bounds=bounds,
        sizes=np.fromiter((r.size for r in records), dtype=np.int64, count=len(records)),
        mtimes=np.fromiter((r.mtime_ns for r in records), dtype=np.int64, count=len(records)),
        produced={rel for rel in build.produced if rel not in build.dealt},
        read_keys=[k for k, _ in new],
        read_ops=[op for _, op in new],
        read_fps=np.array(fps, dtype=np.uint64),
        memo={k: v for k, v in build.memo.items() if k not in build.memo_at_fork},
        counters=(build.rendered, build.skipped, build.written, build.stale),
        stale_pages=build.stale_pages,
        dirty=build.dirty,
        hooks={name: collect() for name, (collect, _) in _HOOKS.items()},
    )
    path = _result_path(build, build.worker)
    with open(path + ".tmp", "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(path + ".tmp", path)


def _join(build: Build, pids: list[int]) -> None:
    """Wait for every worker, then take in their results in worker order (one loaded at a time)."""
    from . import trim_memory

    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    failed = [(k, code) for k, code in enumerate(codes, start=1) if code != 0]
    if failed:
        raise RuntimeError(f"incremental: rendering worker {failed[0][0]} failed (exit {failed[0][1]}); see its log above")
    _background(build)
    trim_memory()  # what the tasks left behind, before the records come in
    for k in range(1, len(pids) + 1):
        path = _result_path(build, k)
        with open(path, "rb") as fh:
            result: WorkerResult = pickle.load(fh)
        os.remove(path)
        build.merge(result)
        for name, value in result.hooks.items():
            if name in _HOOKS:
                _HOOKS[name][1](value)
        del result
        trim_memory()  # the loaded result's transient objects
