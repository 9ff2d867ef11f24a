"""Article files rendered to HTML by two processes before Pelican reads them one by one.

Pelican reads the article files in one process: for each it renders the Markdown (our
reader: markdown-it-py, then nh3) and builds the article object. Rendering is the part
that needs nothing but the file, so when reading starts (the first
``article_generator_preread``) the files Pelican's reader cache does not already hold are
rendered by forked workers (:func:`plugins.incremental.workers.parallel_map`) and their
``(content, metadata)`` put into that cache, keyed by the same SHA-256 stamp Pelican checks.
Pelican's loop then finds every file in its cache and only builds the objects, with its
signals, in order, in the main process, exactly as on a warm build.

A file whose rendering logs anything (a dropped field, a bad URL) or fails is left out of
the cache: the main process reads it again itself, so its messages, and ``--fatal
warnings``, come from there as they always did. The categories, tags and authors in the
metadata get the generator's own settings back (a pickled copy came with them).

Settings: ``READ_WORKERS`` (processes; default: as many as the page renderers,
``INCREMENTAL_WORKERS``, else 2 on a machine with two cores); ``READ_PARALLEL_MIN`` (files
below which reading stays in one process, default 500: forking costs more than it saves).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from pelican.readers import _filter_discardable_metadata
from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix

from plugins.incremental.workers import default_workers, parallel_map

logger = logging.getLogger(__name__)

DEFAULT_MIN = 500


class _Heard(logging.Handler):
    """Counts what a worker would have logged (and keeps it off the build's terminal)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.count += 1


_HEARD: _Heard | None = None


def _listen() -> _Heard:
    """In a worker: every log record goes to one counter, nothing to the terminal."""
    global _HEARD
    if _HEARD is None:
        _HEARD = _Heard()
        root = logging.getLogger()
        root.handlers = [_HEARD]
        for lg in list(logging.Logger.manager.loggerDict.values()):
            if isinstance(lg, logging.Logger):
                lg.handlers = []
                lg.propagate = True
    return _HEARD


def _renderer(readers: Any) -> Any:
    """The function a worker applies to a path: ``(stamp, (content, metadata))`` or None."""
    cache = readers._cache

    def render(path: str) -> tuple[Any, tuple[str, dict[str, Any]]] | None:
        heard = _listen()
        stamp = readers._get_file_stamp(path)
        old = cache.get(path)
        if old is not None and old[0] == stamp:
            return None  # Pelican's cache has it already
        reader = readers.readers.get(file_suffix(path))
        if reader is None:
            return None
        before = heard.count
        try:
            content, metadata = reader.read(path)
        except Exception:  # the main process reads it again and reports it
            return None
        if heard.count != before:
            return None
        return stamp, (content, _filter_discardable_metadata(metadata))

    return render


def _own_settings(metadata: dict[str, Any], settings: dict[str, Any]) -> None:
    for value in metadata.values():
        for v in value if isinstance(value, list) else (value,):
            if isinstance(v, URLWrapper):
                v.settings = settings


def prefill(generator: Any) -> int:
    """Render the article files Pelican's reader cache lacks, in parallel; return how many."""
    settings = generator.settings
    workers = int(settings.get("READ_WORKERS") or settings.get("INCREMENTAL_WORKERS") or default_workers())
    if workers < 2:
        return 0
    readers = generator.readers
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    paths = sorted(os.path.abspath(os.path.join(generator.path, f)) for f in files if file_suffix(f) in readers.readers)
    if len(paths) < int(settings.get("READ_PARALLEL_MIN", DEFAULT_MIN)):
        return 0
    done = 0
    for path, result in zip(paths, parallel_map(_renderer(readers), paths, workers), strict=True):
        if result is not None:
            stamp, (content, metadata) = result
            _own_settings(metadata, settings)
            readers._cache[path] = (stamp, (content, metadata))
            done += 1
    logger.info("scale: %d of %d article files rendered by %d processes", done, len(paths), workers)
    return done


def on_preread(generator: Any) -> None:
    """Once per articles generator, when its first file is about to be read."""
    if getattr(generator, "_scale_prefilled", False):
        return
    generator._scale_prefilled = True
    prefill(generator)
