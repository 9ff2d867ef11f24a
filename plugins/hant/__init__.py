"""Traditional-script copies of every page, converted at build time with OpenCC.

Readers in Hong Kong, Macau and Taiwan read Traditional characters. Every page the site
writes (home, category, tag, region, city, source, year and month lists with all their
pages, the indexes, /policy/, /events/, search, articles) gets a Traditional copy:
an article's at ``articles/<slug>/zh-hant/``, every other page's under ``zh-hant/``
(``zh-hant/region/zhejiang/page/2/``). A copy links to the other copies, so a reader who
picks 繁體 anywhere stays in Traditional through lists, articles and search, with no
redirect; the 简体/繁體 switch on each page (``base.html``) points at its counterpart, and
``hreflang`` alternates tell search engines the two apart.

Each copy is made from the Simplified page's rendered HTML as it is written
(``content_written``), not by rendering the template again: the links are rewritten and
the text converted (:mod:`plugins.hant.mirror`). Conversion is OpenCC (``s2tw`` by
default: characters only, in the Taiwan standard forms that HK and Macau readers also
use; no vocabulary rewriting, so quoted wording stays the source's), by phrase (发展→發展
but 头发→頭髮), which a browser-side character table could not do; a copy also works
without JavaScript, has its own URL to share, and ``lang="zh-Hant"`` lets the browser pick
Traditional glyphs. Each distinct piece of text is converted once per build.

Incremental builds (:mod:`plugins.incremental`): a copy is a function of its Simplified
page's bytes (and of code and settings), so when that page was left alone the copy is left
alone too, without reading either (a record of both files' sizes and times,
``hant-copies.json`` in the build's cache folder, says it is still the one made from it).

Templates get the filter ``hant_url``: ``{{ 'category/policy/'|hant_url }}`` is that page's
copy ('' when copies are off). Each article gets ``hant_url`` / ``hant_save_as``. The search
index asks :func:`text_converter` for the same converter (:mod:`plugins.searchindex`
writes Traditional result texts for the Traditional search page).

Settings: ``HANT_ENABLED`` (default True), ``HANT_OPENCC_CONFIG`` (default ``s2tw``),
``HANT_URL`` and ``HANT_SAVE_AS`` (an article's copy, patterns with ``{slug}``),
``HANT_PREFIX`` (default ``zh-hant/``), ``HANT_EXCLUDE`` (glob patterns of output paths
with no copy; default the 404 page). The time spent is logged (``hant: …``).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from typing import Any

from pelican import signals

from .mirror import Mirror, Pieces, piecewise

__all__ = ["Mirror", "Pieces", "piecewise", "register", "text_converter"]

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "HANT_ENABLED": True,
    "HANT_OPENCC_CONFIG": "s2tw",
    "HANT_URL": "articles/{slug}/zh-hant/",
    "HANT_SAVE_AS": "articles/{slug}/zh-hant/index.html",
    "HANT_PREFIX": "zh-hant/",
    "HANT_EXCLUDE": ("404.html",),
}
RECORD_FILE = "hant-copies.json"


def _setting(settings: dict[str, Any], key: str) -> Any:
    return settings.get(key, DEFAULTS[key])


class _Build:
    """One build's mirror, its record of copies and its counters."""

    def __init__(self, settings: dict[str, Any], output_path: str) -> None:
        self.settings = settings
        self.output = os.path.abspath(output_path)
        self.prefix = os.path.join(self.output, "")
        self.enabled = bool(_setting(settings, "HANT_ENABLED"))
        self.mirror: Mirror | None = None
        self.sending = False
        self.made = self.kept = 0
        self.seconds = 0.0
        self.record: dict[str, list[int]] = {}
        self.old_record: dict[str, list[int]] = {}
        self.record_path: str | None = None
        self.record_key: list[str] = []

    def start(self, articles: list[Any]) -> None:
        import opencc

        settings = self.settings
        config = _setting(settings, "HANT_OPENCC_CONFIG")
        self.mirror = Mirror(
            opencc.OpenCC(config).convert,
            {a.url: a.hant_url for a in articles if getattr(a, "hant_url", "")},
            prefix=_setting(settings, "HANT_PREFIX"),
            siteurl=str(settings.get("SITEURL") or ""),
            relative=bool(settings.get("RELATIVE_URLS")),
            exclude=_setting(settings, "HANT_EXCLUDE"),
        )
        build = _incremental()
        if build is not None:
            self.record_path = os.path.join(str(build.cache), RECORD_FILE)
            self.record_key = [str(build.code), str(build.settings_fp), config]
            try:
                with open(self.record_path, encoding="utf-8") as fh:
                    data = json.load(fh)
                if data.get("key") == self.record_key:
                    self.old_record = data.get("pages") or {}
            except (OSError, ValueError):
                self.old_record = {}

    def rel(self, path: str) -> str:
        full = os.path.abspath(path)
        rel = full[len(self.prefix) :] if full.startswith(self.prefix) else os.path.relpath(full, self.output)
        return rel.replace(os.sep, "/")

    def written(self, path: str, context: dict[str, Any]) -> None:
        """Make (or keep) the copy of the page just written at ``path``."""
        mirror = self.mirror
        if mirror is None or self.sending:
            return
        rel = self.rel(path)
        dest_rel = mirror.hant_save_as(rel)
        if dest_rel is None:
            return
        started = time.perf_counter()
        dest = os.path.join(self.output, *dest_rel.split("/"))
        src_stat = os.stat(path)
        build = _incremental()
        old = self.old_record.get(rel)
        if build is not None and old is not None and old[:2] == [src_stat.st_size, src_stat.st_mtime_ns]:
            try:
                st = os.stat(dest)
            except FileNotFoundError:
                st = None
            if st is not None and old[2:] == [st.st_size, st.st_mtime_ns]:
                # Made from these very bytes by an earlier build: this build's file, untouched.
                build.produced.add(build.rel(dest))
                self.record[rel] = old
                self.kept += 1
                self.seconds += time.perf_counter() - started
                self._send(dest, context)
                return
        with open(path, encoding="utf-8") as fh:
            html = fh.read()
        from plugins.incremental import write_output

        write_output(dest, mirror.page(html, rel))
        st = os.stat(dest)
        self.record[rel] = [src_stat.st_size, src_stat.st_mtime_ns, st.st_size, st.st_mtime_ns]
        self.made += 1
        self.seconds += time.perf_counter() - started
        self._send(dest, context)

    def _send(self, dest: str, context: dict[str, Any]) -> None:
        """Tell the other plugins (the sitemap) that the copy is a page of this build."""
        self.sending = True
        try:
            signals.content_written.send(dest, context=context)
        finally:
            self.sending = False

    def finish(self) -> None:
        if self.mirror is None:
            return
        if self.record_path is not None and self.record != self.old_record:
            tmp = f"{self.record_path}.{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump({"key": self.record_key, "pages": self.record}, fh, separators=(",", ":"))
            os.replace(tmp, self.record_path)
        logger.info(
            "hant: %d Traditional copies made, %d unchanged and kept, in %.2f s",
            self.made,
            self.kept,
            self.seconds,
        )


_BUILD: _Build | None = None


def _incremental() -> Any:
    try:
        from plugins.incremental import current
    except ImportError:  # pragma: no cover (the package is part of the repository)
        return None
    return current()


def text_converter(settings: dict[str, Any]) -> Callable[[str], str] | None:
    """This build's Traditional converter for plain text (line by line, sharing the pages'
    memory of pieces); None when copies are off or the build has not started them."""
    build = _BUILD
    if build is None or build.mirror is None or build.settings is not settings:
        return None
    return build.mirror.pieces.text


def hant_url_filter(url: str) -> str:
    """Jinja filter: the Traditional copy of the page at ``url`` ('' when there is none)."""
    build = _BUILD
    if build is None or build.mirror is None:
        return ""
    found = build.mirror.hant_url(url)
    return found if found != url or build.mirror.is_copy(url) else ""


def on_initialized(pelican: Any) -> None:
    global _BUILD
    _BUILD = _Build(pelican.settings, pelican.output_path)
    pelican.settings.setdefault("JINJA_FILTERS", {})["hant_url"] = hant_url_filter


def attach_urls(generator: Any) -> None:
    settings = generator.settings
    enabled = _setting(settings, "HANT_ENABLED")
    prefix = _setting(settings, "HANT_PREFIX")
    for article in generator.articles:
        if enabled:
            article.hant_url = _setting(settings, "HANT_URL").format(slug=article.slug)
            article.hant_save_as = _setting(settings, "HANT_SAVE_AS").format(slug=article.slug)
        else:
            article.hant_url = article.hant_save_as = ""
    for draft in generator.drafts:  # previews (SHOW_DRAFTS): copies under the prefix like other pages
        draft.hant_url = prefix + draft.url if enabled else ""
        draft.hant_save_as = prefix + draft.save_as if enabled else ""
    if enabled and _BUILD is not None and _BUILD.settings is settings:
        _BUILD.start(list(generator.articles))


def on_written(path: str, context: dict[str, Any]) -> None:
    if _BUILD is not None and path.endswith(".html"):
        _BUILD.written(path, context)


def on_finalized(pelican: Any) -> None:
    if _BUILD is not None:
        _BUILD.finish()


def _worker_state() -> Any:
    """The copies a rendering worker made (plugins.incremental.workers)."""
    b = _BUILD
    return None if b is None else (b.record, b.made, b.kept, b.seconds)


def _merge_worker_state(state: Any) -> None:
    if state is not None and _BUILD is not None:
        record, made, kept, seconds = state
        _BUILD.record.update(record)
        _BUILD.made += made
        _BUILD.kept += kept
        _BUILD.seconds += seconds


def register() -> None:
    from plugins.incremental import worker_state

    signals.initialized.connect(on_initialized)
    signals.article_generator_finalized.connect(attach_urls)
    signals.content_written.connect(on_written)
    signals.finalized.connect(on_finalized)
    worker_state("hant", _worker_state, _merge_worker_state)
