"""The taxonomy plugin on a real build: term pages, indexes with counts, stable slugs."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from plugins.taxonomy.slugs import DATA, KINDS, SLUG_RE, SlugBook, pinyin_slug, update
from scrapers.core.article import CATEGORY_SLUGS, parse
from scrapers.core.gazetteer import load_gazetteer
from scrapers.core.vocabulary import load_vocabulary

from ..conftest import SITE, Build, build

ARTICLES = [parse(p.read_text(encoding="utf-8")) for p in sorted((SITE / "content" / "articles").glob("*.md"))]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Only this plugin (plus nothing): the pages must not depend on the others."""
    return build(tmp_path_factory.mktemp("taxonomy") / "out", plugins=("taxonomy",)).ok()


def _listed(site: Build, first_page: str) -> set[str]:
    """Article slugs linked from a term page and its following pages."""
    pages = [site.out / first_page, *sorted((site.out / first_page).parent.glob("page/*/index.html"))]
    slugs: set[str] = set()
    for page in pages:
        for a in site.soup(page.relative_to(site.out).as_posix()).select(".entries .entry__title a[href]"):
            m = re.search(r"articles/([^/]+)/", a["href"])
            if m:
                slugs.add(m.group(1))
    return slugs


@pytest.mark.parametrize(("kind", "value"), [("region", "region"), ("city", "city"), ("source", "source")])
def test_every_term_has_a_page_listing_its_articles(site: Build, kind: str, value: str) -> None:
    book = SlugBook.load()
    expected: dict[str, set[str]] = {}
    for a in ARTICLES:
        name = getattr(a, value)
        if name:
            expected.setdefault(name, set()).add(a.slug)
    assert expected
    book.assign(kind, list(expected))
    for name, slugs in expected.items():
        slug = book.slug(kind, name)
        assert re.fullmatch(r"[a-z0-9-]+", slug), slug
        page = f"{kind}/{slug}/index.html"
        assert _listed(site, page) == slugs, f"{page} ({name})"
        assert name in site.soup(page).h1.get_text()


def test_years_and_months(site: Build) -> None:
    by_month: dict[str, set[str]] = {}
    for a in ARTICLES:
        by_month.setdefault(a.date[:7], set()).add(a.slug)
    for month, slugs in by_month.items():
        year, mm = month.split("-")
        assert _listed(site, f"archives/{year}/{mm}/index.html") == slugs
        assert f"{int(year)}年{int(mm)}月" in site.soup(f"archives/{year}/{mm}/index.html").h1.get_text()
    for year in {m[:4] for m in by_month}:
        assert _listed(site, f"archives/{year}/index.html") == {a.slug for a in ARTICLES if a.date.startswith(year)}


def test_term_pages_paginate(site: Build) -> None:
    """浙江省 has three articles; with two per page its list continues on page 2."""
    assert (site.out / "region/zhejiang/page/2/index.html").is_file()
    first = site.soup("region/zhejiang/index.html")
    assert first.select_one(".pagination a[rel=next]")["href"].endswith("region/zhejiang/page/2/")
    assert len(first.select(".entries > .entry")) == 2


def test_indexes_show_counts(site: Build) -> None:
    counts = Counter(a.region for a in ARTICLES)
    soup = site.soup("region/index.html")
    titles = [c.select_one(".term-card__title") for c in soup.select(".term-card")]
    shown = {t.a.get_text(strip=True): t.select_one(".count").get_text(strip=True) for t in titles if t.a}
    assert {k: int(re.match(r"\d+", v).group()) for k, v in shown.items()} == dict(counts)
    sources = Counter(a.source for a in ARTICLES)
    rows = site.soup("source/index.html").select(".term-list li")
    assert {r.a.get_text(strip=True): int(re.match(r"\d+", r.select_one(".count").get_text()).group()) for r in rows} == dict(
        sources
    )
    archive = site.soup("archives/index.html")
    years = Counter(a.date[:4] for a in ARTICLES)
    for year, n in years.items():
        h2 = archive.select_one(f"#y{year} h2")
        assert h2 is not None and str(n) in h2.select_one(".count").get_text()


def test_cities_sit_under_their_region(site: Build) -> None:
    soup = site.soup("city/hangzhou/index.html")
    crumbs = [x.get_text(strip=True) for x in soup.select(".breadcrumb li")]
    assert crumbs == ["首页", "地区", "浙江省", "杭州市"]
    region = site.soup("region/zhejiang/index.html")
    assert {a.get_text(strip=True)[:3] for a in region.select(".subterms a")} == {"杭州市", "宁波市", "温州市"}


def test_article_links_to_its_terms(site: Build) -> None:
    a = ARTICLES[0]
    soup = site.soup(f"articles/{a.slug}/index.html")
    hrefs = {x["href"] for x in soup.select(".article__meta a[href]")}
    for part in ("region/zhejiang/", "city/hangzhou/", f"archives/{a.date[:4]}/{a.date[5:7]}/"):
        assert any(h.endswith(part) for h in hrefs), (part, hrefs)


def test_tag_slugs_come_from_the_slug_file(site: Build) -> None:
    """行业协会 is hang-ye-xie-hui (unidecode would say xing-ye): the file decides, not a library."""
    assert (site.out / "tag/hang-ye-xie-hui/index.html").is_file()
    assert not (site.out / "tag/xing-ye-xie-hui").exists()


def test_renamed_label_keeps_its_url(tmp_path: Path) -> None:
    """An editor renames 浙江日报 → 浙江日报社 and pins the old slug with one row."""
    slugs = tmp_path / "slugs.csv"
    slugs.write_text(DATA.read_text(encoding="utf-8") + "source,浙江日报社,zhe-jiang-ri-bao\n", encoding="utf-8")
    content = tmp_path / "content"
    import shutil

    shutil.copytree(SITE / "content", content)
    for f in (content / "articles").glob("*.md"):
        f.write_text(f.read_text(encoding="utf-8").replace("Source: 浙江日报\n", "Source: 浙江日报社\n"), encoding="utf-8")
    done = build(tmp_path / "out", plugins=("taxonomy",), content=content, extra={"TAXONOMY_SLUGS_FILE": str(slugs)}).ok()
    assert "浙江日报社" in done.soup("source/zhe-jiang-ri-bao/index.html").h1.get_text()


# ------------------------------------------------------------------- the slug data


def test_slug_file_is_complete_and_unique() -> None:
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    assert {r["kind"] for r in rows} <= set(KINDS)
    seen: dict[tuple[str, str], str] = {}
    names: set[tuple[str, str]] = set()
    for r in rows:
        assert SLUG_RE.match(r["slug"]), r
        assert (r["kind"], r["name"]) not in names, f"{r['name']} twice"
        names.add((r["kind"], r["name"]))
        other = seen.setdefault((r["kind"], r["slug"]), r["name"])
        assert other == r["name"], f"{r['kind']} slug {r['slug']} for both {other} and {r['name']}"
    gaz = load_gazetteer()
    provinces = {p.name for p in gaz.places if p.level == "province"} | {"全国"}
    cities = {p.name for p in gaz.places if p.level in ("city", "county-city")}
    assert provinces <= {n for k, n in names if k == "region"}
    assert cities <= {n for k, n in names if k == "city"}
    assert set(load_vocabulary().tags) <= {n for k, n in names if k == "tag"}


@pytest.mark.parametrize(
    ("name", "kind", "slug"),
    [
        ("浙江省", "region", "zhejiang"),
        ("内蒙古自治区", "region", "neimenggu"),
        ("全国", "region", "national"),
        ("陕西省", "region", "shaanxi"),
        ("山西省", "region", "shanxi"),
        ("长治市", "city", "changzhi"),
        ("行业协会", "tag", "hang-ye-xie-hui"),
        ("CNAS认可", "tag", "cnas-ren-ke"),
    ],
)
def test_pinyin_slugs(name: str, kind: str, slug: str) -> None:
    """The rule gives these slugs, and the slugs file (when it has the name) agrees with it."""
    assert pinyin_slug(name, kind) == slug
    pinned = SlugBook.load().rows.get((kind, name))
    assert pinned in (None, slug), f"slugs.csv pins {name} to {pinned}"


def test_update_only_appends(tmp_path: Path) -> None:
    target = tmp_path / "slugs.csv"
    target.write_text("kind,name,slug\nregion,浙江省,zj\n", encoding="utf-8")
    added = update(target, SITE / "content" / "articles")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("kind,name,slug\nregion,浙江省,zj\n"), "an existing row was changed"
    assert ("source", "浙江日报", "zhe-jiang-ri-bao") in added
    assert update(target, SITE / "content" / "articles") == [], "a second run must add nothing"


def test_colliding_computed_slugs_do_not_depend_on_order() -> None:
    """山西日报 and 陕西日报 romanise alike: both get a name-hash suffix, whichever comes first."""
    one, two = SlugBook(), SlugBook()
    one.assign("source", ["山西日报", "陕西日报"])
    two.assign("source", ["陕西日报", "山西日报"])
    assert one.rows == two.rows
    a, b = one.slug("source", "山西日报"), one.slug("source", "陕西日报")
    assert a != b and a.startswith("shan-xi-ri-bao-") and b.startswith("shan-xi-ri-bao-")
    assert SlugBook().slug("source", "山西日报") == "shan-xi-ri-bao", "alone, a name keeps the plain slug"


def test_site_build_disambiguates_colliding_sources(site: Build) -> None:
    pages = sorted(p.parent.name for p in (site.out / "source").glob("shan-xi-ri-bao*/index.html"))
    assert len(pages) == 2 and all(p.startswith("shan-xi-ri-bao-") for p in pages)


def test_region_narrowed_to_a_category(site: Build) -> None:
    """Chips on a region's page lead to the region narrowed to each category it has (and
    back); a pair page lists exactly the region's articles of that category; no pair page
    for a category the region lacks, nor for a region with one category."""
    by_pair: dict[tuple[str, str], set[str]] = {}
    for a in ARTICLES:
        by_pair.setdefault((a.region, a.category), set()).add(a.slug)
    book = SlugBook.load()
    for region in {a.region for a in ARTICLES}:
        rslug = book.slug("region", region)
        categories = sorted(c for r, c in by_pair if r == region)
        chips = site.soup(f"region/{rslug}/index.html").select(".filters a.chip")
        pairs = sorted(p.parent.name for p in (site.out / "region" / rslug).glob("*/index.html") if p.parent.name != "page")
        if len(categories) < 2:
            assert not chips and not pairs, region
            continue
        assert pairs == sorted(CATEGORY_SLUGS[c] for c in categories)
        assert [c["href"].rstrip("/").split("/")[-1] for c in chips] == [
            CATEGORY_SLUGS[c] for c in CATEGORY_SLUGS if c in categories
        ]
        for c in categories:
            first = f"region/{rslug}/{CATEGORY_SLUGS[c]}/index.html"
            assert _listed(site, first) == by_pair[(region, c)], first
            soup = site.soup(first)
            assert soup.select_one(".filters [aria-current=page]").get_text(strip=True).startswith(c)
            assert soup.select_one(".filters a.chip")["href"].endswith(f"region/{rslug}/")
