"""Terms (one region, city, source, year or month) and the taxonomies that group them.

Kept free of Pelican so the grouping can be tested and benchmarked alone: a taxonomy
is a function from an article to its labels, a slug rule and URL patterns. Building
all of them is one pass over the articles (linear), and every list the theme shows
(terms with counts, newest first, by size) is computed here once rather than in
templates once per page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .slugs import SlugBook

#: Which article attribute each place/source taxonomy reads (Pelican lower-cases keys).
Labeller = Callable[[Any], Iterable[str]]


@dataclass(eq=False)
class Term:
    """One value of a taxonomy with its articles (newest first, as Pelican sorts them)."""

    kind: str
    name: str
    slug: str
    title: str
    url: str
    save_as: str
    articles: list[Any] = field(default_factory=list)
    #: The enclosing term, e.g. a month's year or a city's region (None when there is none).
    parent: Term | None = None
    children: list[Term] = field(default_factory=list)
    #: A region's category filters: one term per category it has articles in (kind
    #: ``region_category``, in the categories' fixed order); on such a term, its region.
    filters: list[Term] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def latest(self) -> Any:
        return self.articles[0] if self.articles else None

    def __str__(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"<Term {self.kind}:{self.slug} ({self.count})>"


@dataclass
class Taxonomy:
    """A kind of term (region, city, source, year, month): labels, slugs and URLs."""

    kind: str
    label: str  # shown to readers: 地区, 城市, 来源, 年份, 月份
    labeller: Labeller
    url: str  # pattern with {slug} and {path}
    save_as: str
    index_url: str = ""
    index_save_as: str = ""
    slugger: Callable[[str], str] = str
    titler: Callable[[str], str] = str
    #: Plain slug → URL path piece (months: 2023-01 → 2023/01).
    pather: Callable[[str], str] = str
    terms_by_name: dict[str, Term] = field(default_factory=dict)

    def term(self, name: str) -> Term:
        found = self.terms_by_name.get(name)
        if found is None:
            slug = self.slugger(name)
            path = self.pather(slug)
            found = Term(
                self.kind,
                name,
                slug,
                self.titler(name),
                self.url.format(slug=slug, path=path),
                self.save_as.format(slug=slug, path=path),
            )
            self.terms_by_name[name] = found
        return found

    def add(self, article: Any) -> list[Term]:
        terms = [self.term(label) for label in self.labeller(article) if label]
        for t in terms:
            t.articles.append(article)
        return terms

    @property
    def terms(self) -> list[Term]:
        """Every term, in slug order (pinyin order for Chinese names, time order for dates)."""
        return sorted(self.terms_by_name.values(), key=lambda t: t.slug)

    @property
    def by_count(self) -> list[Term]:
        """Largest first; ties in slug order, so the order is stable between builds."""
        return sorted(self.terms_by_name.values(), key=lambda t: (-t.count, t.slug))

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms_by_name)


def _attr(name: str) -> Labeller:
    def labels(article: Any) -> list[str]:
        value = getattr(article, name, "") or ""
        return [str(value).strip()] if str(value).strip() else []

    return labels


def _year(article: Any) -> list[str]:
    return [f"{article.date.year:04d}"]


def _month(article: Any) -> list[str]:
    return [f"{article.date.year:04d}-{article.date.month:02d}"]


def _month_title(name: str) -> str:
    year, month = name.split("-")
    return f"{int(year)}年{int(month)}月"


DEFAULT_URLS: dict[str, dict[str, str]] = {
    "region": {
        "url": "region/{slug}/",
        "save_as": "region/{slug}/index.html",
        "index_url": "region/",
        "index_save_as": "region/index.html",
    },
    "city": {
        "url": "city/{slug}/",
        "save_as": "city/{slug}/index.html",
        "index_url": "city/",
        "index_save_as": "city/index.html",
    },
    "source": {
        "url": "source/{slug}/",
        "save_as": "source/{slug}/index.html",
        "index_url": "source/",
        "index_save_as": "source/index.html",
    },
    # A region narrowed to one category: region/zhejiang/policy/ (only pairs with articles).
    "region_category": {"url": "region/{path}/", "save_as": "region/{path}/index.html"},
    # The year and month pages live under the archives page, which lists them all.
    "year": {"url": "archives/{path}/", "save_as": "archives/{path}/index.html"},
    "month": {"url": "archives/{path}/", "save_as": "archives/{path}/index.html"},
}
LABELS: dict[str, str] = {
    "region": "地区",
    "city": "城市",
    "source": "来源",
    "year": "年份",
    "month": "月份",
    "region_category": "地区",
}


def build_taxonomies(
    articles: Iterable[Any],
    book: SlugBook,
    urls: dict[str, dict[str, str]] | None = None,
    city_region: Callable[[str], str | None] | None = None,
    category_order: list[str] | None = None,
) -> dict[str, Taxonomy]:
    """Group the articles (one pass) and link months to years and cities to regions.

    Each article gets ``<kind>_term`` attributes (``region_term``, ``city_term``,
    ``source_term``, ``year_term``, ``month_term``) for the templates to link to.
    """
    urls = {**DEFAULT_URLS, **(urls or {})}
    pair_spec = urls.pop("region_category")
    taxonomies = _empty_taxonomies(book, urls)
    articles = list(articles)
    for kind in ("region", "city", "source"):
        if kind in taxonomies:
            book.assign(kind, (label for a in articles for label in taxonomies[kind].labeller(a)))
    for article in articles:
        for kind, tax in taxonomies.items():
            found = tax.add(article)
            setattr(article, f"{kind}_term", found[0] if found else None)
    _link_months_to_years(taxonomies)
    _link_cities_to_regions(taxonomies, city_region)
    regions = taxonomies.get("region")
    if regions and pair_spec.get("save_as"):
        taxonomies["region_category"] = region_categories(regions, pair_spec, category_order or [])
    return taxonomies


def _empty_taxonomies(book: SlugBook, urls: dict[str, dict[str, str]]) -> dict[str, Taxonomy]:
    """One taxonomy per kind switched on in the settings, with its labeller, slugs, titles and paths."""
    labellers: dict[str, Labeller] = {
        "region": _attr("region"),
        "city": _attr("city"),
        "source": _attr("source"),
        "year": _year,
        "month": _month,
    }
    taxonomies: dict[str, Taxonomy] = {}
    for kind, labeller in labellers.items():
        spec = urls[kind]
        if not spec.get("save_as"):
            continue  # switched off in settings
        if kind in ("region", "city", "source"):
            slugger = (lambda k: lambda name: book.slug(k, name))(kind)
            titler: Callable[[str], str] = str
            pather: Callable[[str], str] = str
        elif kind == "year":
            slugger, titler, pather = str, (lambda n: f"{int(n)}年"), str
        else:
            slugger, titler, pather = str, _month_title, (lambda s: s.replace("-", "/"))
        taxonomies[kind] = Taxonomy(
            kind,
            LABELS[kind],
            labeller,
            spec["url"],
            spec["save_as"],
            spec.get("index_url", ""),
            spec.get("index_save_as", ""),
            slugger,
            titler,
            pather,
        )
    return taxonomies


def _link_months_to_years(taxonomies: dict[str, Taxonomy]) -> None:
    years, months = taxonomies.get("year"), taxonomies.get("month")
    if years and months:
        for m in months.terms:
            m.parent = years.term(m.name[:4])
            m.parent.children.append(m)


def _link_cities_to_regions(taxonomies: dict[str, Taxonomy], city_region: Callable[[str], str | None] | None) -> None:
    """A city's region: the gazetteer's province, else what its articles say most."""
    regions, cities = taxonomies.get("region"), taxonomies.get("city")
    if not (regions and cities):
        return
    for c in cities.terms:
        name = city_region(c.name) if city_region else None
        if not name:
            seen = [a.region for a in c.articles if getattr(a, "region", "")]
            name = max(set(seen), key=seen.count) if seen else None
        if name and name in regions.terms_by_name:
            c.parent = regions.terms_by_name[name]
            c.parent.children.append(c)


def region_categories(regions: Taxonomy, spec: dict[str, str], order: list[str]) -> Taxonomy:
    """Each region narrowed to each category it has articles in (``region/zhejiang/policy/``).

    Static pages rather than a script filter: they work without JavaScript, have URLs to
    share, and their count is bounded by the pairs that have articles (at most regions ×
    categories, about 210, plus their pagination); a region with one category gets none. Each region term's ``filters`` lists its
    pairs in the categories' fixed ``order`` (others after, by name); each pair's ``parent``
    is its region. Article order within a pair is the region's (newest first).
    """
    rank = {name: i for i, name in enumerate(order)}
    pairs = Taxonomy("region_category", LABELS["region_category"], lambda a: [], spec["url"], spec["save_as"])
    for region in regions.terms:
        by_category: dict[str, list[Any]] = {}
        slugs: dict[str, str] = {}
        for article in region.articles:
            category = getattr(article, "category", None)
            if category is None:
                continue
            by_category.setdefault(category.name, []).append(article)
            slugs[category.name] = category.slug
        if len(by_category) < 2:
            continue  # narrowing would change nothing: the region's own page is that list
        for name in sorted(by_category, key=lambda n: (rank.get(n, len(rank)), n)):
            path = f"{region.slug}/{slugs[name]}"
            term = Term(
                "region_category",
                f"{region.name}/{name}",
                path,
                name,
                spec["url"].format(slug=path, path=path),
                spec["save_as"].format(slug=path, path=path),
                by_category[name],
                parent=region,
            )
            pairs.terms_by_name[term.name] = term
            region.filters.append(term)
    return pairs
