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

Converting a page costs less than converting its whole HTML: the page is cut at its tags
and only pieces with non-ASCII characters are converted, each distinct piece once per
build (the navigation, the footer and the titles of related articles repeat on thousands
of pages). OpenCC converts by phrase, and no phrase of its dictionaries holds ``<`` or
``>``, so a phrase never spans a tag and the pieces convert exactly as the whole page
would (``tests/plugins/hant`` checks the two agree on the fixture site's pages).

With the incremental plugin a Traditional page is rendered only when what it shows
changed (:mod:`plugins.incremental`), like any other page.

Each article gets ``hant_url`` / ``hant_save_as``. Settings: ``HANT_ENABLED`` (default
True), ``HANT_OPENCC_CONFIG`` (default ``s2tw``), ``HANT_URL`` and ``HANT_SAVE_AS``
(patterns with ``{slug}``). The time spent is logged (``hant: … pages in … s``).
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
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


#: Splits HTML into text and tags (the tags kept, at odd positions).
_TAGS = re.compile(r"(<[^>]*>)")


def _setting(settings: dict[str, Any], key: str) -> Any:
    return settings.get(key, DEFAULTS[key])


def piecewise(convert: Callable[[str], str]) -> Callable[[str], str]:
    """``convert`` applied to a page piece by piece, each distinct piece converted once.

    Equal to ``convert(html)`` for OpenCC (see the module docstring); ASCII pieces (most
    tags, URLs, markup) are left as they are, since OpenCC leaves ASCII alone.
    """
    seen: dict[str, str] = {}

    def convert_page(html: str) -> str:
        out = []
        for piece in _TAGS.split(html):
            if piece.isascii():
                out.append(piece)
                continue
            done = seen.get(piece)
            if done is None:
                done = seen[piece] = convert(piece)
            out.append(done)
        return "".join(out)

    return convert_page


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

        config = _setting(self.settings, "HANT_OPENCC_CONFIG")
        converter = opencc.OpenCC(config)
        convert_page = piecewise(converter.convert)
        relative = self.settings["RELATIVE_URLS"]
        render_s = convert_s = 0.0
        articles = list(self.context.get("articles", []))
        try:
            from plugins.incremental import current
        except ImportError:  # pragma: no cover (the package is part of the repository)
            build = None
        else:
            build = current()
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
            local.update(
                article=article,
                category=getattr(article, "category", None),
                output_file=save_as,
                url=article.hant_url,
                script_variant="hant",
            )
            template = self.get_template(article.template)
            if build is not None:
                # Rendered only when something it shows changed; written only when its bytes did.
                build.page(
                    writer, save_as, template, local, False, self.context, transform=convert_page, transform_id=f"hant:{config}"
                )
                continue
            started = time.perf_counter()
            html = template.render(local)
            rendered = time.perf_counter()
            html = convert_page(html)
            render_s += rendered - started
            convert_s += time.perf_counter() - rendered
            path = sanitised_join(self.output_path, save_as)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(html)
            signals.content_written.send(path, context=local)
        if build is None:
            logger.info(
                "hant: %d pages in %.2f s (render %.2f s, OpenCC %.2f s)",
                len(articles),
                render_s + convert_s,
                render_s,
                convert_s,
            )


def get_generators(pelican: Any) -> type[Generator]:
    return HantGenerator


def register() -> None:
    signals.article_generator_finalized.connect(attach_urls)
    signals.get_generators.connect(get_generators)
