"""Search index of the articles, written at build time for the search page.

The index answers "which articles' title or text contains this text" exactly, for any
Chinese (or other) string, with positions so that a phrase is a phrase; the format and
why it is our own rather than Pagefind's are in :mod:`plugins.searchindex.index`.

Every published Simplified article is indexed (the Traditional copies are the same text
converted, and the index folds Traditional to Simplified itself): its title and the plain
text of its rendered body, with the filter values of the search page (category, region,
city, source, year, tags). The texts are collected when the articles are ready
(``article_generator_finalized``) and the files written when the rendering workers of
``plugins.incremental`` have exited, before their records are merged (the index needs no
rendered page, and its memory then does not add to the merge's), or, without workers, once
the site is (``finalized``), so nothing else in the build waits for them. Files whose bytes did not
change are not rewritten (through ``plugins.incremental``'s writer when that plugin is on),
and ids run oldest first, so a new article changes few files.

With ``plugins.hant`` on, the Traditional search page gets result files of its own
(``h/``, converted with the pages' converter; see :func:`~plugins.searchindex.index.write_index`).

Settings: ``SEARCHINDEX_DIR`` (default ``search/index``, below the output directory).
The build log says how many articles, keys and files and how long it took.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from pelican import signals

from plugins.incremental import after_rendering
from plugins.incremental import write_output as writer  # unchanged files kept, made files this build's

from .index import Doc, clean, folder, html_to_text, order_docs, write_index

logger = logging.getLogger(__name__)

DEFAULT_DIR = "search/index"
_collected: dict[int, list[Doc]] = {}


def _text(value: Any) -> str:
    return str(value) if value else ""


def to_doc(article: Any) -> Doc:
    """What search keeps of one Pelican article."""
    markup = getattr(article, "_content", None)
    if markup is None:
        markup = article.content
    return Doc(
        url=article.url,
        title=clean(_text(article.title)),
        text=html_to_text(markup or ""),
        date=article.date.strftime("%Y-%m-%d"),
        category=_text(getattr(article, "category", "")),
        region=_text(getattr(article, "region", "")),
        city=_text(getattr(article, "city", "")),
        source=_text(getattr(article, "source", "")),
        tags=[_text(t) for t in getattr(article, "tags", None) or []],
        hant_url=getattr(article, "hant_url", "") or "",
    )


def collect(generator: Any) -> None:
    settings = generator.settings
    _collected[id(settings)] = [to_doc(a) for a in generator.articles]
    after_rendering(lambda: _write(settings, generator.output_path))


def write(pelican: Any) -> None:
    """At ``finalized``: write the index unless it was written after the workers rendered."""
    _write(pelican.settings, pelican.output_path)


def _write(settings: dict[str, Any], output_path: str) -> None:
    docs = _collected.pop(id(settings), None)
    if docs is None:
        return
    from plugins.searchfold import table

    started = time.perf_counter()
    out = Path(output_path) / settings.get("SEARCHINDEX_DIR", DEFAULT_DIR)
    try:  # the Traditional result files, converted with the pages' converter
        from plugins.hant import text_converter
    except ImportError:  # pragma: no cover (the package is part of the repository)
        hant = None
    else:
        hant = text_converter(settings)
    hant_key = str(settings.get("HANT_OPENCC_CONFIG", "s2tw"))
    written = write_index(order_docs(docs), out, folder(table()), writer, hant=hant, hant_key=hant_key)
    logger.info(
        "searchindex: %d articles, %d keys in %d shards and %d files of their own, %.1f MB "
        "(%d files written, %d removed), in %.1f s",
        written.docs,
        written.keys,
        written.shards,
        written.heavy,
        written.bytes / 1e6,
        written.written,
        written.removed,
        time.perf_counter() - started,
    )


def register() -> None:
    signals.article_generator_finalized.connect(collect)
    signals.finalized.connect(write)
