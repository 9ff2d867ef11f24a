"""Generate a realistic archive of N articles for build benchmarks (default 10,000).

Usage: ``.venv/bin/python bench/generate.py [--n 10000] [--out output/_bench/content] [--seed 1]``

The text is real: every raw page in ``../shared/corpus/dev/*.txt`` and
``tests/fixtures/seeds/*.txt`` goes through the project's normaliser
(:func:`scrapers.assemble.build_article`) at run time, and the generated articles are made
of its paragraphs; nothing from the corpus is copied into the repository. Around the text,
the metadata is drawn to look like a ten-year archive:

- dates spread over the ten years up to yesterday;
- all six categories; every province-level region and 全国, weighted like a news archive
  (a few big regions, a long tail); a city of the region's own from the gazetteer for
  four articles in five;
- sources from the normalised pages plus per-region outlets (浙江日报, 浙江省市场监管局…);
- two to five tags from the vocabulary; titles from the real headlines with their places
  swapped for the article's own and varied openings.

Every file passes the validation plugin (the generated site builds with ``--fatal warnings``).
Writes ``<out>/articles/*.md`` and copies ``content/pages``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scrapers.assemble import build_article, summarise  # noqa: E402
from scrapers.core.article import CATEGORY_SLUGS, NATIONAL, Article, make_slug  # noqa: E402
from scrapers.core.gazetteer import load_gazetteer  # noqa: E402
from scrapers.core.vocabulary import load_vocabulary  # noqa: E402

CORPUS_DIRS = (ROOT.parent / "shared" / "corpus" / "dev", ROOT / "tests" / "fixtures" / "seeds")
DEFAULT_OUT = ROOT / "output" / "_bench" / "content"
OPENINGS = ("", "", "", "{year}年", "聚焦：", "{short}：", "关于", "图文：")
OUTLET_PATTERNS = ("{short}日报", "{short}省市场监管局", "{short}质量技术监督网", "{short}新闻网")
NATIONAL_OUTLETS = ("中国质量报", "中国市场监管报", "中国质量新闻网", "中国计量网", "中国消费者报", "人民网", "新华网")


def corpus() -> tuple[list[str], list[str], list[str]]:
    """(paragraphs, titles, sources) from every raw page, through the real normaliser."""
    paragraphs: list[str] = []
    titles: list[str] = []
    sources: list[str] = []
    files = [p for d in CORPUS_DIRS if d.exists() for p in sorted(d.glob("*.txt"))]
    if not files:
        sys.exit(f"no raw pages found in {', '.join(str(d) for d in CORPUS_DIRS)}")
    for path in files:
        article = build_article(path.read_text(encoding="utf-8", errors="replace"))
        paragraphs += [p.strip() for p in article.body.split("\n\n") if len(p.strip()) >= 30 and "【" not in p]
        titles.append(article.title)
        if article.source:
            sources.append(article.source)
    return paragraphs, titles, sources


def _weights(n: int, rnd: random.Random) -> list[float]:
    """A long-tailed share per region: a few big ones, many small ones."""
    return [1.0 / (rank + 1) ** 0.8 for rank in rnd.sample(range(n), n)]


def generate(n: int, out: Path, seed: int = 1) -> list[Path]:
    rnd = random.Random(seed)
    paragraphs, titles, real_sources = corpus()
    gaz = load_gazetteer()
    provinces = [p for p in gaz.places if p.level == "province"]
    cities_of: dict[str, list[str]] = {}
    for p in gaz.places:
        if p.level in ("city", "county-city"):
            cities_of.setdefault(p.province, []).append(p.name)
    regions = [NATIONAL, *(p.name for p in provinces)]
    short = {p.name: p.short or p.name for p in provinces}
    short[NATIONAL] = "全国"
    weights = _weights(len(regions), rnd)
    tags = list(load_vocabulary().tags)
    place_names = sorted({p.name for p in gaz.places if p.level != "district"}
                         | {p.short for p in gaz.places if p.short and p.level != "district"}, key=len, reverse=True)
    place_re = re.compile("|".join(map(re.escape, place_names)))
    categories = list(CATEGORY_SLUGS)
    last = date.today() - timedelta(days=1)
    first = last - timedelta(days=3652)

    articles_dir = out / "articles"
    if out.exists():
        shutil.rmtree(out)
    articles_dir.mkdir(parents=True)
    pages = ROOT / "content" / "pages"
    if pages.exists():
        shutil.copytree(pages, out / "pages")

    slugs: set[str] = set()
    written: list[Path] = []
    for i in range(n):
        day = first + timedelta(days=rnd.randrange((last - first).days + 1))
        region = rnd.choices(regions, weights)[0]
        pool = cities_of.get(region, [])
        if region == NATIONAL:
            pool = [c for cs in cities_of.values() for c in cs]
        city = rnd.choice(pool) if pool and rnd.random() < 0.8 else ""
        where = (city or region).removesuffix("市") if region != NATIONAL or city else "全国"
        title = place_re.sub(lambda _m, w=where: w, rnd.choice(titles))
        title = rnd.choice(OPENINGS).format(year=day.year, short=where) + title
        if rnd.random() < 0.3:
            title += f"（{day.month}月{day.day}日）"
        body = rnd.sample(paragraphs, min(len(paragraphs), rnd.randint(3, 8)))
        if region == NATIONAL or rnd.random() < 0.3:
            source = rnd.choice([*NATIONAL_OUTLETS, *real_sources])
        else:
            source = rnd.choice(OUTLET_PATTERNS).format(short=short[region])
        slug = make_slug(day.isoformat(), f"bench:{seed}:{i}")
        while slug in slugs:
            slug = make_slug(day.isoformat(), f"bench:{seed}:{i}:{len(slugs)}")
        slugs.add(slug)
        article = Article(
            title=title[:80], date=day.isoformat(), category=rnd.choice(categories), region=region, slug=slug,
            body="\n\n".join(body), tags=tuple(rnd.sample(tags, rnd.randint(2, 5))), city=city, source=source,
            source_url=f"https://news.example.cn/{day:%Y/%m}/{slug[-8:]}.html", summary=summarise(body[0]),
        )
        path = articles_dir / f"{slug}.md"
        path.write_text(article.render(), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"content directory (default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    written = generate(args.n, args.out, args.seed)
    print(f"{len(written)} articles in {args.out / 'articles'}")


if __name__ == "__main__":
    main()
