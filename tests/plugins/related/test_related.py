"""Related articles (inverted index, near-linear) and neighbours within a category."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from plugins.related.index import Features, neighbours, related
from scrapers.core.article import parse

from ..conftest import SITE, Build, build, copy_content

ARTICLES = {a.slug: a for a in (parse(p.read_text(encoding="utf-8")) for p in (SITE / "content" / "articles").glob("*.md"))}
DAY = datetime(2024, 1, 1)


def f(days: int, tags: tuple[str, ...] = (), region: str = "", city: str = "") -> Features:
    return Features(DAY + timedelta(days=days), tags, region, city)


def test_shared_rare_tag_beats_shared_common_tag() -> None:
    common = [f(i, ("检验检测",)) for i in range(40)]
    items = [f(0, ("检验检测", "粤港澳大湾区")), *common, f(300, ("粤港澳大湾区",))]
    picks = related(items, limit=1)
    assert picks[0] == [len(items) - 1]


def test_never_itself_and_at_most_limit() -> None:
    items = [f(i, ("计量",), "浙江省") for i in range(12)]
    for i, chosen in enumerate(related(items, limit=4)):
        assert i not in chosen and len(chosen) == 4 and len(set(chosen)) == 4


def test_closer_in_time_wins_a_tie() -> None:
    items = [f(0, ("计量",)), f(10, ("计量",)), f(700, ("计量",))]
    assert related(items, limit=1)[0] == [1]


def test_region_and_city_count() -> None:
    items = [f(0, (), "浙江省", "杭州市"), f(5, (), "浙江省", "宁波市"), f(6, (), "浙江省", "杭州市"), f(1, (), "湖北省")]
    assert related(items, limit=2)[0] == [2, 1]


def test_nothing_in_common_means_nothing_related() -> None:
    assert related([f(0, ("a",)), f(1, ("b",))]) == [[], []]


def test_neighbours_within_group() -> None:
    a, b, c = (SimpleNamespace(date=DAY + timedelta(days=d), slug=str(d)) for d in (3, 1, 2))
    found = neighbours({"x": [a, b, c]})
    assert found[id(b)] == (None, c) and found[id(c)] == (b, a) and found[id(a)] == (c, None)


def test_work_per_article_is_bounded() -> None:
    """Near-linear by construction: an article only weighs the ``window`` nearest in time of
    each posting list it is on, never all pairs (bench/build.py times whole builds).

    With one shared tag and no region, an article can only be related to neighbours within
    the window, however well the others would score.
    """
    items = [f(d, ("x",), "", "") for d in range(200)]
    window = 5
    for i, chosen in enumerate(related(items, limit=20, window=window)):
        assert chosen and all(abs(j - i) <= window for j in chosen), (i, chosen)
        assert len(chosen) <= 2 * window


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("related") / "out", plugins=("related",)).ok()


def test_article_pages_list_related(site: Build) -> None:
    soup = site.soup("articles/2023-04-20-c2e3ad51/index.html")  # 粤港澳大湾区 联盟 in 深圳
    links = [a["href"] for a in soup.select(".related a[href*='articles/']")]
    slugs = [re.search(r"articles/([^/]+)/", h).group(1) for h in links]
    assert slugs and slugs[0] == "2023-11-02-48e53390", slugs  # the other 粤港澳大湾区 / 区域合作 item
    assert "2023-04-20-c2e3ad51" not in slugs


def test_previous_and_next_in_category(site: Build) -> None:
    by_cat: dict[str, list] = {}
    for a in ARTICLES.values():
        by_cat.setdefault(a.category, []).append(a)
    for members in by_cat.values():
        members.sort(key=lambda a: a.date)
        for pos, a in enumerate(members):
            nav = site.soup(f"articles/{a.slug}/index.html").select_one(".article-nav")
            prev = nav.select_one("a[rel=prev]") if nav else None
            nxt = nav.select_one("a[rel=next]") if nav else None
            if pos > 0:
                assert prev is not None and members[pos - 1].slug in prev["href"]
            else:
                assert prev is None
            if pos + 1 < len(members):
                assert nxt is not None and members[pos + 1].slug in nxt["href"]
            else:
                assert nxt is None


def test_reports_of_one_event_are_linked_both_ways_and_shown_first() -> None:
    from plugins.related.index import first_then, same_event_links

    links = same_event_links(["a", "b", "c"], [[], ["a", "gone"], []])
    assert links == [[1], [0], []]
    assert first_then([1], [2, 1, 3], limit=2) == [1, 2]
    assert first_then([4, 5, 6], [2], limit=2) == [4, 5, 6]


def _related_slugs(site: Build, slug: str) -> list[str]:
    soup = site.soup(f"articles/{slug}/index.html")
    return [re.search(r"articles/([^/]+)/", a["href"]).group(1) for a in soup.select(".related a[href*='articles/']")]


def test_a_related_line_links_both_pages_first_in_a_real_build(tmp_path: Path, site: Build) -> None:
    """Two reports with nothing else in common (another region, no shared tag): the newer one's
    ``Related:`` line, as the importer writes it, puts each first on the other's page."""
    newer, older = "2023-04-20-c2e3ad51", "2021-03-28-7723650f"
    content = copy_content(tmp_path)
    path = content / "articles" / f"{newer}.md"
    text = path.read_text(encoding="utf-8")
    assert "\nSlug:" in text
    path.write_text(text.replace("\nSlug:", f"\nRelated: {older}\nSlug:", 1), encoding="utf-8")
    linked = build(tmp_path / "out", plugins=("related",), content=content).ok()
    assert _related_slugs(linked, newer)[0] == older
    assert _related_slugs(linked, older)[0] == newer
    # without the line the two are not each other's first (they share no tag, region or city)
    assert _related_slugs(site, newer)[:1] != [older]
    assert _related_slugs(site, older)[:1] != [newer]


_SAME_IN_EVERY_PROCESS = """
import random
from datetime import datetime, timedelta
from plugins.related.index import Features, related
rng = random.Random(2)
pool = [f"标签{i}" for i in range(12)]
start = datetime(2020, 1, 1)
items = [
    Features(start + timedelta(days=rng.randrange(5)), tuple(rng.sample(pool, rng.randrange(2, 7))), rng.choice("甲乙"), "")
    for _ in range(300)
]
print(related(items, limit=5, window=40))
"""


def test_same_lists_whatever_the_hash_seed() -> None:
    """Scores are summed in the article's tag order, not a set's: float sums in another
    order broke ties differently, so two cold builds of one archive differed (a related list
    in another order) with another PYTHONHASHSEED."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    outs = {
        subprocess.run(
            [sys.executable, "-c", _SAME_IN_EVERY_PROCESS],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outs) == 1
