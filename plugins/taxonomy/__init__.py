"""Taxonomy plugin: pages for every region, city, source, year and month.

On top of Pelican's categories and tags, readers browse the archive by where (region
and city), who published it (source) and when (year, month); a region page can be
narrowed to one category (``region/zhejiang/policy/``, kind ``region_category``: only the
pairs that have articles, linked as chips from the region's pages). Each term has a paginated
page at a stable ASCII URL (``region/zhejiang/``, ``city/hangzhou/``,
``source/zhong-guo-ji-liang-wang/``, ``archives/2023/``, ``archives/2023/01/``) and each
taxonomy an index with counts. Slugs for Chinese names come from ``data/slugs.csv`` (see
:mod:`plugins.taxonomy.slugs`), so a URL never changes when a label is edited; tags get
their slugs from the same file.

Settings (all optional): ``TAXONOMY_URLS`` (per kind: ``url``, ``save_as``, ``index_url``,
``index_save_as``; an empty ``save_as`` switches a kind off) and ``TAXONOMY_SLUGS_FILE``.

Templates: ``term.html`` for a term page (``term``, ``taxonomy``, paginated ``articles``)
and ``terms.html`` for an index (``taxonomy``). Every template gets ``taxonomies`` (kind →
:class:`~plugins.taxonomy.terms.Taxonomy`), the shortcuts ``regions``, ``cities``,
``sources``, ``years`` and ``months`` (lists of terms), ``regions_by_count`` and
``popular_tags`` (the 20 largest tags as ``(tag, count)``) and ``category_list`` (the six
categories in their fixed order as ``(name, slug, category, articles)``), computed once per build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from .slugs import DATA, SlugBook
from .terms import Taxonomy, build_taxonomies

logger = logging.getLogger(__name__)

SHORTCUTS = {"region": "regions", "city": "cities", "source": "sources", "year": "years", "month": "months"}


_BOOKS: dict[Path, SlugBook] = {}


def _book(settings: dict[str, Any]) -> SlugBook:
    """One slug book per file for the whole build (tags and terms must agree)."""
    path = Path(settings.get("TAXONOMY_SLUGS_FILE") or DATA)
    if path not in _BOOKS:
        _BOOKS[path] = SlugBook.load(path)
    return _BOOKS[path]


def _city_region() -> Any:
    """City → province from the gazetteer (a data loader, no fetching)."""
    from scrapers.core.gazetteer import load_gazetteer

    table = {p.name: p.province for p in load_gazetteer().places if p.level in ("city", "county-city")}
    return table.get


class TaxonomyGenerator(Generator):
    """Groups the published articles after Pelican's ArticlesGenerator has read them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Term pages paginate like category pages (DEFAULT_PAGINATION per page).
        self.settings["PAGINATED_TEMPLATES"].setdefault("term", None)
        self.taxonomies: dict[str, Taxonomy] = {}

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])
        self.taxonomies = build_taxonomies(
            articles,
            _book(self.settings),
            self.settings.get("TAXONOMY_URLS"),
            _city_region(),
            list(self.settings.get("CATEGORY_SLUGS") or {}),
        )
        self.context["taxonomies"] = self.taxonomies
        for kind, name in SHORTCUTS.items():
            tax = self.taxonomies.get(kind)
            self.context[name] = tax.terms if tax else []
        # The nav and sidebar list the six categories on every page: look them up once.
        fixed = self.settings.get("CATEGORY_SLUGS") or {}
        found = {cat.name: (cat, items) for cat, items in self.context.get("categories") or []}
        listed = [(name, slug, *found.get(name, (None, []))) for name, slug in fixed.items()]
        listed += [(c.name, c.slug, c, items) for c, items in self.context.get("categories") or [] if c.name not in fixed]
        self.context["category_list"] = listed
        _pin_urls(articles)
        # Sorted once here, not in templates once per page.
        regions = self.taxonomies.get("region")
        self.context["regions_by_count"] = regions.by_count if regions else []
        tags = [(tag, len(items)) for tag, items in self.context.get("tags") or []]
        self.context["popular_tags"] = sorted(tags, key=lambda ti: (-ti[1], ti[0].slug))[:20]
        computed = _book(self.settings).computed
        if computed:
            logger.info(
                "taxonomy: %d names have no row in the slugs file yet (computed: %s); "
                "run `python -m plugins.taxonomy.slugs` to pin them",
                len(computed),
                ", ".join(f"{k} {n}→{s}" for k, n, s in computed[:5]),
            )

    def generate_output(self, writer: Any) -> None:
        relative = self.settings["RELATIVE_URLS"]
        term_template = self.get_template("term")
        index_template = self.get_template("terms")
        for tax in self.taxonomies.values():
            for term in tax.terms:
                writer.write_file(
                    term.save_as,
                    term_template,
                    self.context,
                    relative_urls=relative,
                    paginated={"articles": term.articles},
                    template_name="term",
                    url=term.url,
                    term=term,
                    taxonomy=tax,
                    articles=term.articles,
                    page_name=term.save_as.removesuffix("/index.html"),
                )
            if tax.index_save_as:
                writer.write_file(
                    tax.index_save_as,
                    index_template,
                    self.context,
                    relative_urls=relative,
                    url=tax.index_url,
                    taxonomy=tax,
                    page_name=tax.index_save_as.removesuffix("/index.html"),
                )


def _pin_urls(articles: list[Any]) -> None:
    """Compute each article's URL once.

    Pelican's ``Content.url`` re-expands ``ARTICLE_URL`` on every access (date formatting,
    a metadata copy), and an article's URL is asked for on every list it appears in:
    about 27 times per article in this theme. ``override_url`` is Pelican's own hook for a
    fixed URL; the value is the same, only computed once.
    """
    for article in articles:
        if not hasattr(article, "override_url"):
            article.override_url = article.url


def get_generators(pelican: Any) -> type[Generator]:
    return TaxonomyGenerator


def pin_tag_slugs(content: Any) -> None:
    """Give each tag its slug from the slugs file (pinyin with the right readings).

    Runs as each article is created, before Pelican groups articles by tag (tags compare
    by slug, so every copy of a tag must get the same slug before that).
    """
    tags = getattr(content, "tags", None)
    if not tags:
        return
    book = _book(content.settings)
    for tag in tags:
        tag.slug = book.slug("tag", tag.name)


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.content_object_init.connect(pin_tag_slugs)
