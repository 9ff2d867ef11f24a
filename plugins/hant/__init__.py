"""Traditional-script copies of the article pages, converted at build time with OpenCC.

Readers in Hong Kong, Macau and Taiwan read Traditional characters. Each article gets a
second page at ``articles/<slug>/zh-hant/`` rendered from the same template with
``script_variant = "hant"`` and converted with OpenCC (``s2tw`` by default: characters
only, in the Taiwan standard forms that HK and Macau readers also use; no vocabulary
rewriting, so quoted wording stays the source's). Build-time conversion rather than in
the browser because OpenCC converts by phrase (发展→發展 but 头发→頭髮), a page works
without JavaScript, has its own URL to share, and ``lang="zh-Hant"`` lets the browser pick
Traditional glyphs. The copies carry no ``data-pagefind-body``: search indexes the
Simplified text only.

Each article gets ``hant_url`` / ``hant_save_as``. Settings: ``HANT_ENABLED`` (default
True), ``HANT_OPENCC_CONFIG`` (default ``s2tw``), ``HANT_URL`` and ``HANT_SAVE_AS``
(patterns with ``{slug}``). The time spent is logged (``hant: … pages in … s``).
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from pelican import signals
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url, sanitised_join

logger = logging.getLogger(__name__)

DEFAULTS = {
    "HANT_ENABLED": True,
    "HANT_OPENCC_CONFIG": "s2tw",
    "HANT_URL": "articles/{slug}/zh-hant/",
    "HANT_SAVE_AS": "articles/{slug}/zh-hant/index.html",
}


def _setting(settings: dict[str, Any], key: str) -> Any:
    return settings.get(key, DEFAULTS[key])


def attach_urls(generator: Any) -> None:
    settings = generator.settings
    enabled = _setting(settings, "HANT_ENABLED")
    for article in generator.articles:
        if enabled:
            article.hant_url = _setting(settings, "HANT_URL").format(slug=article.slug)
            article.hant_save_as = _setting(settings, "HANT_SAVE_AS").format(slug=article.slug)
        else:
            article.hant_url = article.hant_save_as = ""


class HantGenerator(Generator):
    """Renders each article again in the Traditional variant and converts it."""

    def generate_output(self, writer: Any) -> None:
        if not _setting(self.settings, "HANT_ENABLED"):
            return
        import opencc

        converter = opencc.OpenCC(_setting(self.settings, "HANT_OPENCC_CONFIG"))
        relative = self.settings["RELATIVE_URLS"]
        render_s = convert_s = 0.0
        articles = list(self.context.get("articles", []))
        for article in articles:
            save_as = article.hant_save_as
            local = self.context.copy()
            if relative:
                siteurl = path_to_url(get_relative_path(save_as))
                local["SITEURL"] = siteurl
                local["localsiteurl"] = siteurl
                # Pelican's writer does the same: article content resolves intra-site links
                # against the page being written.
                self.context["localsiteurl"] = siteurl
            local.update(article=article, category=getattr(article, "category", None), output_file=save_as,
                         url=article.hant_url, script_variant="hant")
            started = time.perf_counter()
            html = self.get_template(article.template).render(local)
            rendered = time.perf_counter()
            html = converter.convert(html)
            render_s += rendered - started
            convert_s += time.perf_counter() - rendered
            path = sanitised_join(self.output_path, save_as)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(html)
            signals.content_written.send(path, context=local)
        logger.info("hant: %d pages in %.2f s (render %.2f s, OpenCC %.2f s)",
                    len(articles), render_s + convert_s, render_s, convert_s)


def get_generators(pelican: Any) -> type[Generator]:
    return HantGenerator


def register() -> None:
    signals.article_generator_finalized.connect(attach_urls)
    signals.get_generators.connect(get_generators)
