"""Checks on the HTML Pelican produced from the real ``content/`` (and on the Pagefind bundle).

Expectations come from the article files themselves (parsed with ``scrapers.core.article``),
so the tests keep holding as articles are added, fixed or removed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from scrapers.core.article import CATEGORY_SLUGS, parse_date

from .conftest import Source

#: Where an asset reference would make the browser fetch something (links in <a> do not).
ASSET_ATTRS: tuple[tuple[str, str], ...] = (
    ("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
    ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("embed", "src"), ("object", "data"), ("form", "action"),
)
EXTERNAL_RE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _html_files(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "pagefind" not in p.relative_to(site_dir).parts)


def _page_of(site_dir: Path, src: Source) -> Path:
    return site_dir / "articles" / src.article.slug / "index.html"


def _resolve(site_dir: Path, page: Path, href: str) -> Path | None:
    """The file a same-site link on ``page`` points at, or None for other sites and anchors."""
    if EXTERNAL_RE.match(href) or href.startswith(("mailto:", "tel:", "data:", "#", "javascript:")):
        return None
    page_url = "/" + page.relative_to(site_dir).as_posix()
    path = unquote(urlsplit(urljoin(page_url, href)).path)
    target = site_dir / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def _links_to(site_dir: Path, page: Path, target: Path) -> bool:
    return any(_resolve(site_dir, page, a["href"]) == target for a in _soup(page).select("a[href]"))


def test_content_has_articles(sources: list[Source]) -> None:
    """Everything below compares the site with content/articles, so an empty set would prove nothing."""
    assert sources, "content/articles/ has no .md articles; the site checks would be vacuous"


def test_every_article_has_its_page(site_dir: Path, sources: list[Source]) -> None:
    problems: list[str] = []
    for src in sources:
        a = src.article
        page = _page_of(site_dir, src)
        if not page.is_file():
            problems.append(f"{src.path.name}: no page at {page.relative_to(site_dir)}")
            continue
        soup = _soup(page)
        h1s = soup.find_all("h1")
        if len(h1s) != 1 or h1s[0].get_text(strip=True) != a.title:
            problems.append(f"{src.path.name}: h1 {[h.get_text(strip=True) for h in h1s]} != {a.title!r}")
        elif h1s[0].get("data-pagefind-meta") != "title":
            problems.append(f"{src.path.name}: h1 lacks data-pagefind-meta=title")
        if a.title not in soup.title.get_text():
            problems.append(f"{src.path.name}: <title> does not contain the title")
        time = soup.select_one(".article__meta time[datetime]")
        parsed = parse_date(a.date)
        if time is None or parsed is None or not time["datetime"].startswith(parsed.strftime("%Y-%m-%d")):
            problems.append(f"{src.path.name}: no <time> matching Date {a.date}")
        body_text = soup.select_one(".article__body").get_text(" ", strip=True)
        first_words = re.sub(r"[#*_>`\[\]()!-]", "", a.body).split()[0][:12] if a.body.strip() else ""
        if first_words and first_words not in body_text:
            problems.append(f"{src.path.name}: body text {first_words!r} not on the page")
    assert not problems, "\n".join(problems)


def test_article_metadata_is_shown(site_dir: Path, sources: list[Source]) -> None:
    problems: list[str] = []
    for src in sources:
        a = src.article
        page = _page_of(site_dir, src)
        if not page.is_file():
            continue  # reported by test_every_article_has_its_page
        soup = _soup(page)
        meta = soup.select_one(".article__head").get_text(" ", strip=True)
        cat_href = f"category/{CATEGORY_SLUGS.get(a.category, '?')}/index.html"
        if not _links_to(site_dir, page, site_dir / cat_href):
            problems.append(f"{src.path.name}: no link to its category page {cat_href}")
        for value, label in ((a.region, "Region"), (a.city, "City"), (a.source, "Source")):
            if value and value not in meta:
                problems.append(f"{src.path.name}: {label} {value!r} not shown")
        if a.source and "来源" not in meta:
            problems.append(f"{src.path.name}: no 来源 label")
        if a.source_url:
            links = [x for x in soup.select(".article__head a[href]") if x["href"] == a.source_url]
            if not links or "查看原文" not in links[0].get_text():
                problems.append(f"{src.path.name}: no 查看原文 link to {a.source_url}")
        for author in a.authors:
            if author not in meta:
                problems.append(f"{src.path.name}: author {author!r} not shown")
        current = [x.get_text(strip=True) for x in soup.select(".site-nav [aria-current=page]")]
        if current != [a.category]:
            problems.append(f"{src.path.name}: nav marks {current} as current, not [{a.category!r}]")
        tag_links = {x.get_text(strip=True) for x in soup.select(".article__tags a[href]")}
        if set(a.tags) != tag_links:
            problems.append(f"{src.path.name}: tag links {sorted(tag_links)} != Tags {sorted(a.tags)}")
        notice = soup.select_one(".notice--review")
        shown = notice.get_text(" ", strip=True) if notice is not None else ""
        if a.review and (notice is None or "编辑提示" not in shown or not all(f in shown for f in a.review)):
            problems.append(f"{src.path.name}: Review set but no 编辑提示 box with its text")
        if not a.review and notice is not None:
            problems.append(f"{src.path.name}: 编辑提示 box shown without a Review field")
    assert not problems, "\n".join(problems)


def test_category_pages_use_ascii_slugs(site_dir: Path, sources: list[Source]) -> None:
    """Each category used has category/<fixed slug>/ listing all of its articles."""
    problems: list[str] = []
    for name in sorted({s.article.category for s in sources}):
        slug = CATEGORY_SLUGS.get(name)
        page = site_dir / "category" / str(slug) / "index.html"
        if slug is None or not page.is_file():
            found = sorted(p.name for p in (site_dir / "category").iterdir() if p.is_dir())
            problems.append(f"category {name!r}: no page at category/{slug}/ (built: {found})")
            continue
        if name not in _soup(page).h1.get_text():
            problems.append(f"category/{slug}/: h1 does not name {name!r}")
        members = [s for s in sources if s.article.category == name]
        pages = [page, *sorted(page.parent.glob("page/*/index.html"))]
        for src in members:
            if not any(_links_to(site_dir, p, _page_of(site_dir, src)) for p in pages):
                problems.append(f"category/{slug}/ does not list {src.path.name}")
    assert (site_dir / "category" / "index.html").is_file(), "no category index (category/index.html)"
    assert not problems, "\n".join(problems)


def test_tag_pages(site_dir: Path, sources: list[Source]) -> None:
    """Every tag link on an article leads to an ASCII-URL tag page that lists the article."""
    problems: list[str] = []
    for src in sources:
        page = _page_of(site_dir, src)
        if not page.is_file():
            continue
        for link in _soup(page).select(".article__tags a[href]"):
            target = _resolve(site_dir, page, link["href"])
            rel = target.relative_to(site_dir).as_posix() if target else link["href"]
            if target is None or not target.is_file():
                problems.append(f"{src.path.name}: tag {link.get_text()!r} -> missing {rel}")
            elif not re.fullmatch(r"tag/[a-z0-9-]+/index\.html", rel):
                problems.append(f"{src.path.name}: tag {link.get_text()!r} has a non-ASCII-slug URL {rel}")
            elif not _links_to(site_dir, target, page):
                problems.append(f"{rel} does not list {src.path.name}")
    assert (site_dir / "tag" / "index.html").is_file(), "no tag index (tag/index.html)"
    assert not problems, "\n".join(problems)


def test_archives_and_home_list_articles(site_dir: Path, sources: list[Source]) -> None:
    """archives/ links every year and month; each article is on its month's page."""
    archives = site_dir / "archives" / "index.html"
    assert archives.is_file()
    missing: list[str] = []
    for s in sources:
        day = parse_date(s.article.date)
        month = site_dir / "archives" / f"{day:%Y}" / f"{day:%m}" / "index.html"
        year = site_dir / "archives" / f"{day:%Y}" / "index.html"
        if not (_links_to(site_dir, archives, month) and _links_to(site_dir, archives, year)):
            missing.append(f"archives/ does not link {month.relative_to(site_dir)} or {year.relative_to(site_dir)}")
        pages = [month, *sorted(month.parent.glob("page/*/index.html"))]
        if not any(_links_to(site_dir, p, _page_of(site_dir, s)) for p in pages):
            missing.append(f"{month.relative_to(site_dir)} does not list {s.path.name}")
    assert not missing, "\n".join(missing)
    newest = max(sources, key=lambda s: parse_date(s.article.date) or 0)
    assert _links_to(site_dir, site_dir / "index.html", _page_of(site_dir, newest)), (
        f"home page does not list the newest article {newest.path.name}")


def test_search_page_and_its_index(site_dir: Path, sources: list[Source]) -> None:
    page = site_dir / "search" / "index.html"
    assert page.is_file(), "no search/index.html (DIRECT_TEMPLATES search)"
    soup = _soup(page)
    app = soup.select_one("#search-app")
    assert app is not None and app.select_one("label[for=search-q]") is not None
    assert "JavaScript" in soup.find("noscript").get_text()
    assets = [_resolve(site_dir, page, x) for x in [t["src"] for t in soup.select("script[src]")]]
    assert site_dir / "theme" / "js" / "search-app.js" in assets, "search page does not load search-app.js"
    for href, name in ((app["data-index"] + "meta.json", "search/index/meta.json"),
                       (app["data-fold"], "search/t2s.json")):
        target = _resolve(site_dir, page, href)
        assert target == site_dir / name and target.is_file(), f"{href} does not lead to {name}"
    meta = json.loads((site_dir / "search" / "index" / "meta.json").read_text(encoding="utf-8"))
    assert meta["n"] == len(sources), "the search index should hold exactly the articles"


def test_only_article_pages_are_indexed(site_dir: Path) -> None:
    """data-pagefind-body only on articles/<slug>/index.html, so search never returns lists or chrome."""
    wrong: list[str] = []
    for page in _html_files(site_dir):
        rel = page.relative_to(site_dir).as_posix()
        is_article = re.fullmatch(r"articles/[^/]+/index\.html", rel) is not None
        bodies = _soup(page).select("[data-pagefind-body]")
        if is_article != (len(bodies) == 1):
            wrong.append(f"{rel}: {len(bodies)} data-pagefind-body element(s)")
    assert not wrong, "\n".join(wrong)


def test_every_page_is_simplified_chinese(site_dir: Path) -> None:
    """zh-CN everywhere but the Traditional copies (articles/<slug>/zh-hant/, zh-hant/…)."""
    wrong = []
    for p in _html_files(site_dir):
        rel = p.relative_to(site_dir).as_posix()
        hant = rel.startswith("zh-hant/") or re.fullmatch(r"articles/[^/]+/zh-hant/index\.html", rel)
        want = "zh-Hant" if hant else "zh-CN"
        if _soup(p).html.get("lang") != want:
            wrong.append(f"{rel}: lang={_soup(p).html.get('lang')!r}, expected {want!r}")
    assert not wrong, "\n".join(wrong)


def test_no_third_party_requests(site_dir: Path) -> None:
    """No page or stylesheet makes the browser fetch from another host (no CDN, no web fonts)."""
    found: list[str] = []
    for page in _html_files(site_dir):
        soup = _soup(page)
        rel = page.relative_to(site_dir).as_posix()
        for tag, attr in ASSET_ATTRS:
            for el in soup.find_all(tag, attrs={attr: True}):
                if EXTERNAL_RE.search(el[attr]) or re.search(r"https?://", el[attr]):
                    found.append(f"{rel}: <{tag} {attr}={el[attr]!r}>")
        for style in [*soup.find_all("style"), *soup.find_all(style=True)]:
            text = style.get_text() if style.name == "style" else style["style"]
            if re.search(r"(url\(\s*['\"]?(https?:)?//|@import)", text):
                found.append(f"{rel}: inline style loads {text[:80]!r}")
    for css in site_dir.rglob("*.css"):
        if "pagefind" in css.relative_to(site_dir).parts:
            continue
        text = css.read_text(encoding="utf-8")
        for m in re.finditer(r"url\(\s*['\"]?(https?:)?//[^)]*\)|@import[^;]*|@font-face", text):
            found.append(f"{css.relative_to(site_dir)}: {m.group(0)[:80]}")
    assert not found, "\n".join(found)


def test_internal_links_resolve(site_dir: Path) -> None:
    """Every same-site href/src (relative URLs) points at a file that exists in the build."""
    broken: list[str] = []
    for page in _html_files(site_dir):
        soup = _soup(page)
        rel = page.relative_to(site_dir).as_posix()
        refs = [el.get("href") or el.get("src") or el.get("action") for el in
                soup.select("a[href], link[href], script[src], img[src], form[action]")]
        for ref in refs:
            target = _resolve(site_dir, page, ref)
            if target is not None and not target.is_file():
                broken.append(f"{rel}: {ref} -> {target.relative_to(site_dir)}")
    assert not broken, "\n".join(broken)


def test_urls_are_plain_ascii(site_dir: Path) -> None:
    """Generated paths are lowercase ASCII without spaces, so URLs stay stable and shareable."""
    bad = [p.relative_to(site_dir).as_posix() for p in _html_files(site_dir)
           if not re.fullmatch(r"[a-z0-9/._-]+", p.relative_to(site_dir).as_posix())]
    assert not bad, f"paths that are not plain ASCII slugs: {bad}"


@pytest.mark.parametrize(("name", "current"), [
    ("index.html", ["首页"]), ("category/index.html", []), ("tag/index.html", ["标签"]),
    ("archives/index.html", ["归档"]), ("search/index.html", ["搜索"]), ("404.html", []),
])
def test_list_pages_exist(site_dir: Path, name: str, current: list[str]) -> None:
    page = site_dir / name
    assert page.is_file()
    assert [x.get_text(strip=True) for x in _soup(page).select(".site-nav [aria-current=page]")] == current
