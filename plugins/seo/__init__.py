"""Discovery metadata: sitemap.xml, robots.txt and JSON-LD NewsArticle.

- Every HTML page Pelican writes is recorded (``content_written``); at the end the
  sitemap lists them with ``lastmod`` (an article's date; a list page's newest item),
  except ``SEO_SITEMAP_EXCLUDE`` (glob patterns on output paths; default the 404 page and
  search in either script). The Traditional copies (``plugins.hant``) are pages of their
  own, listed like the others; each page names its counterpart with ``hreflang`` links.
  robots.txt allows everything and points at the sitemap.
- Templates get the filter ``json_ld``: ``{{ article|json_ld(url, lang) }}`` is the body of
  a ``<script type="application/ld+json">`` (schema.org NewsArticle with headline,
  datePublished, publisher = the Source, isBasedOn = Source_URL).

Sitemaps need absolute URLs, so nothing is written unless ``SITEURL`` is absolute
(publishconf.py); local previews with relative URLs get neither file. Canonical links and
Open Graph tags are in the theme (``base.html``), under the same condition.
"""

from __future__ import annotations

import logging
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals

from . import sitemap
from .jsonld import news_article, script_body

logger = logging.getLogger(__name__)

DEFAULT_EXCLUDE = ("404.html", "search/index.html", "zh-hant/search/index.html", "pagefind/*", "theme/*")


class _Build:
    """What one build wrote (reset when Pelican starts, so repeated runs do not mix)."""

    def __init__(self) -> None:
        self.pages: dict[str, datetime | date | None] = {}
        self.output: Path | None = None
        self.settings: dict[str, Any] = {}


_build = _Build()


def _lastmod(context: dict[str, Any]) -> datetime | None:
    article = context.get("article") or context.get("page")
    if article is not None:
        return getattr(article, "modified", None) or getattr(article, "date", None)
    page = context.get("articles_page")
    items = list(page.object_list) if page is not None else list(context.get("articles") or [])[:1]
    dates = [a.date for a in items if getattr(a, "date", None)]
    return max(dates) if dates else None


def on_initialized(pelican: Any) -> None:
    global _build
    _build = _Build()
    _build.output = Path(pelican.output_path)
    _build.settings = pelican.settings
    pelican.settings.setdefault("JINJA_FILTERS", {})["json_ld"] = json_ld_filter


def json_ld_filter(article: Any, url: str = "", lang: str = "zh-CN") -> Markup:
    return script_body(news_article(article, _build.settings, url, lang))


def on_written(path: str, context: dict[str, Any]) -> None:
    if _build.output is None or not path.endswith(".html"):
        return
    # Pelican joins every path onto the output folder: cut the prefix (resolving both sides
    # cost two file-system walks per page).
    prefix = os.path.join(os.path.abspath(_build.output), "")
    full = os.path.abspath(path)
    rel = full[len(prefix) :] if full.startswith(prefix) else os.path.relpath(os.path.realpath(full), os.path.realpath(prefix))
    rel = rel.replace(os.sep, "/")
    patterns = _build.settings.get("SEO_SITEMAP_EXCLUDE", DEFAULT_EXCLUDE)
    if not sitemap.excluded(rel, patterns):
        _build.pages[rel] = _lastmod(context)


def on_finalized(pelican: Any) -> None:
    site = str(pelican.settings.get("SITEURL") or "")
    if not site.startswith(("http://", "https://")):
        logger.info("seo: SITEURL is not absolute; no sitemap.xml or robots.txt")
        return
    written = sitemap.write(Path(pelican.output_path), site, _build.pages)
    logger.info("seo: %d URLs in %s", len(_build.pages), ", ".join(p.name for p in written))


def register() -> None:
    from plugins.incremental import worker_state

    signals.initialized.connect(on_initialized)
    signals.content_written.connect(on_written)
    signals.finalized.connect(on_finalized)
    # Pages a rendering worker wrote (plugins.incremental.workers) are listed too.
    worker_state("seo", lambda: _build.pages, lambda pages: _build.pages.update(pages))
