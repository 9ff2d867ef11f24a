"""Related articles from an inverted index, in time linear in the number of articles.

Comparing every pair of articles is quadratic (10,000 articles → 50 million pairs), so
each article only looks at its neighbours in time within each posting list it belongs
to (one list per tag, region and city, sorted by date): at most ``window`` on each side.
Rare tags have short lists and are covered whole; common ones (检验检测 is on most
articles) contribute only nearby items, which is what "close in time" asks for anyway.

Score of a candidate = Σ idf(shared tag) + region bonus + city bonus, times a factor that
decays with the distance in time. idf weighs a shared rare tag (粤港澳大湾区) above a
shared common one.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

REGION_WEIGHT = 1.0
CITY_WEIGHT = 1.5
#: Days over which the time factor halves (a year-old item counts half as much).
HALF_LIFE_DAYS = 365.0


@dataclass(frozen=True)
class Features:
    """What relatedness is computed from, one per article."""

    when: datetime
    tags: tuple[str, ...]
    region: str
    city: str


def features_of(article: Any) -> Features:
    tags = tuple(str(getattr(t, "name", t)) for t in (getattr(article, "tags", None) or ()))
    return Features(article.date, tags, str(getattr(article, "region", "") or ""), str(getattr(article, "city", "") or ""))


def related(
    items: Sequence[Features], limit: int = 5, window: int = 25, key: Callable[[int], Any] | None = None
) -> list[list[int]]:
    """For each item, the indexes of up to ``limit`` related items, best first."""
    n = len(items)
    if n < 2:
        return [[] for _ in items]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(items):
        for t in set(f.tags):
            postings[("tag", t)].append(i)
        if f.region:
            postings[("region", f.region)].append(i)
        if f.city:
            postings[("city", f.city)].append(i)
    stamps = [f.when.timestamp() for f in items]
    times: dict[tuple[str, str], list[float]] = {}
    for k, members in postings.items():
        members.sort(key=lambda i: (stamps[i], i))
        times[k] = [stamps[i] for i in members]
    weight = {
        k: (math.log(1 + n / len(v)) if k[0] == "tag" else REGION_WEIGHT if k[0] == "region" else CITY_WEIGHT)
        for k, v in postings.items()
    }
    out: list[list[int]] = []
    for i, f in enumerate(items):
        scores: dict[int, float] = defaultdict(float)
        # In the article's tag order: a set's order changes with the hash seed, and float
        # sums taken in another order break ties differently (two cold builds differed).
        keys = [("tag", t) for t in dict.fromkeys(f.tags)]
        keys += [("region", f.region)] if f.region else []
        keys += [("city", f.city)] if f.city else []
        for k in keys:
            members, ts = postings[k], times[k]
            pos = bisect_left(ts, stamps[i])
            for j in members[max(0, pos - window) : pos + window + 1]:
                if j != i:
                    scores[j] += weight[k]
        ranked = heapq.nlargest(
            limit,
            scores.items(),
            key=lambda kv: (kv[1] * _decay(abs(stamps[kv[0]] - stamps[i])), -abs(stamps[kv[0]] - stamps[i]), -kv[0]),
        )
        out.append([j for j, _ in ranked])
    return out


def same_event_links(slugs: Sequence[str], declared: Sequence[Sequence[str]]) -> list[list[int]]:
    """For each article, the indexes of the articles it and they declare as reports of the same
    event (``Related:`` slugs, written by the importer on the newer report only): both pages
    show the link. Unknown slugs (a removed article) are skipped."""
    where = {s: i for i, s in enumerate(slugs)}
    out: list[list[int]] = [[] for _ in slugs]
    for i, names in enumerate(declared):
        for name in names:
            j = where.get(name)
            if j is None or j == i:
                continue
            if j not in out[i]:
                out[i].append(j)
            if i not in out[j]:
                out[j].append(i)
    return out


def first_then(linked: list[int], picked: list[int], limit: int) -> list[int]:
    """``linked`` first, then ``picked``, without repeats: ``limit`` in all, or every linked one
    when there are more (a report of the same event is never cut for a merely similar article)."""
    out = list(dict.fromkeys([*linked, *picked]))
    return out[: max(limit, len(linked))]


def _decay(seconds: float) -> float:
    return 0.5 ** (seconds / 86400.0 / HALF_LIFE_DAYS)


def neighbours(groups: dict[Any, list[Any]]) -> dict[int, tuple[Any, Any]]:
    """For each article id, (older, newer) within its group, by date."""
    found: dict[int, tuple[Any, Any]] = {}
    for members in groups.values():
        ordered = sorted(members, key=lambda a: (a.date, getattr(a, "slug", "")))
        for pos, a in enumerate(ordered):
            older = ordered[pos - 1] if pos > 0 else None
            newer = ordered[pos + 1] if pos + 1 < len(ordered) else None
            found[id(a)] = (older, newer)
    return found
