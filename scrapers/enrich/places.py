"""Region (province level, or 全国) and city from a gazetteer kept as data.

Mentions are weighted by where they stand: a venue phrase (``在武汉举行``) counts most,
then the title, then the lead, then the rest; a dateline place breaks ties. A city
mention counts for its province too. National bodies and nationwide campaigns
(``全国``, ``市场监管总局``) compete as the region 全国; the city is then the venue.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..article import NATIONAL

DATA = Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv"

NATIONAL_MARKERS = re.compile(
    r"全国|国家市场监督管理总局|市场监督管理总局|市场监管总局|国家认监委|认监委|国家认可委|国务院|"
    r"国家统计局|中国认证认可协会|中国合格评定国家认可|中国计量协会|中国检验检测学会|中国质量检验协会|"
    r"中国计量科学研究院"
)
# One-character abbreviations, trusted only right after a venue word: 在京举办, 赴沪.
ABBREVIATIONS = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市"}
_VENUE_ABBR = re.compile(r"(?:在|于|赴|来|进)(?P<abbr>[京津沪渝])(?:召开|举行|举办|开幕|启动|成立|开展)")
# A national body as the subject of the lead's first sentence: it organised the event.
_ORGANISER = re.compile(
    r"^[^。，]{0,20}?(?:市场监管总局|国家市场监督管理总局|国家认监委|中国认证认可协会|中国合格评定国家认可委员会|"
    r"中国(?:[\u4e00-\u9fff]{1,8})(?:协会|学会|联合会|研究院))"
)
_ALL_PROVINCES = re.compile(r"^各省、自治区、直辖市")
_VENUE = re.compile(r"(?:在|于|赴|来到|走进)(?P<place>[\u4e00-\u9fff]{2,12}?)(?:召开|举行|举办|开幕|启动|成立|顺利召开|开展)")


@dataclass(frozen=True)
class Place:
    name: str
    short: str
    level: str  # province | city | county-city
    province: str
    city: str
    ambiguous: bool


@dataclass(frozen=True)
class Gazetteer:
    places: tuple[Place, ...]
    pattern: re.Pattern[str]
    by_key: dict[str, Place]
    #: districts and counties with a nationally unique name, for venue phrases only
    districts: dict[str, Place]
    district_pattern: re.Pattern[str]

    @property
    def names(self) -> list[str]:
        """Every name and unambiguous short form (for dateline place stripping)."""
        return list(self.by_key)


@lru_cache(maxsize=2)
def load_gazetteer(path: Path = DATA) -> Gazetteer:
    places: list[Place] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            places.append(Place(row["name"], row["short"], row["level"], row["province"],
                                row["city"], row["ambiguous"] == "1"))
    by_key: dict[str, Place] = {}
    rank = {"province": 0, "city": 1, "county-city": 2}
    districts = {p.name: p for p in places if p.level == "district"}
    for p in sorted((p for p in places if p.level in rank), key=lambda p: rank[p.level]):
        by_key.setdefault(p.name, p)
        if p.short and not p.ambiguous:
            by_key.setdefault(p.short, p)
    keys = sorted(by_key, key=len, reverse=True)
    district_keys = sorted(districts, key=len, reverse=True)
    return Gazetteer(tuple(places), re.compile("|".join(map(re.escape, keys))), by_key, districts,
                     re.compile("|".join(map(re.escape, district_keys))))


def provinces() -> set[str]:
    return {p.name for p in load_gazetteer().places if p.level == "province"}


def cities() -> set[str]:
    return {p.name for p in load_gazetteer().places if p.level in ("city", "county-city")}


@dataclass(frozen=True)
class PlaceFinding:
    region: str
    city: str
    scores: dict[str, float]

    @property
    def evidence(self) -> bool:
        """False when the text names no place and no national body (全国 by default only)."""
        return any(self.scores.values())


def _city_of(p: Place) -> str:
    if p.level == "province":
        return ""
    if p.level == "district":
        return p.city
    return p.name


def find_place(title: str, body: list[str], dateline_place: str = "") -> PlaceFinding:
    gaz = load_gazetteer()
    region_score: Counter[str] = Counter()
    city_score: Counter[str] = Counter()
    venue_cities: Counter[str] = Counter()
    lead = body[0] if body else ""
    rest = " ".join(body[1:])

    def count(text: str, weight: float) -> None:
        for m in gaz.pattern.finditer(text):
            p = gaz.by_key[m.group(0)]
            region_score[p.province] += weight
            if _city_of(p):
                city_score[_city_of(p)] += weight

    count(title, 3)
    count(lead, 2)
    count(rest, 1)
    whole = " ".join([title, lead, rest])
    for m in _VENUE_ABBR.finditer(whole):
        p = gaz.by_key[ABBREVIATIONS[m["abbr"]]]
        region_score[p.province] += 4
        city_score[p.name] += 4
        venue_cities[p.name] += 1
    for m in _VENUE.finditer(whole):
        named = [gaz.by_key[pm.group(0)] for pm in gaz.pattern.finditer(m["place"])]
        if not named:
            named = [gaz.districts[pm.group(0)] for pm in gaz.district_pattern.finditer(m["place"])]
        for province in dict.fromkeys(p.province for p in named):  # 湖南省长沙市: one venue
            region_score[province] += 4
        for p in named:
            if _city_of(p):
                city_score[_city_of(p)] += 4
                venue_cities[_city_of(p)] += 1
    if dateline_place and dateline_place in gaz.by_key:
        # The dateline place already scored as a lead mention; this only breaks ties.
        p = gaz.by_key[dateline_place]
        region_score[p.province] += 1
        if _city_of(p):
            city_score[_city_of(p)] += 1
            venue_cities[_city_of(p)] += 1
    national = (3 * len(NATIONAL_MARKERS.findall(title)) + 2 * len(NATIONAL_MARKERS.findall(lead))
                + len(NATIONAL_MARKERS.findall(rest)))
    scores = {**region_score, NATIONAL: float(national)}
    best_region = max(region_score, key=lambda r: (region_score[r], r), default="")
    opening = re.sub(r"^.{0,60}?(讯|电)\s*（[^）]{0,40}）", "", lead)
    opening = re.sub(r"^(\d{4}年)?\d{1,2}月\d{1,2}日(上午|下午|晚上?)?[，,]?|^(近日|日前)[，,]?", "", opening)
    # A national body organising (the lead's subject) or issuing (the title's), or a notice
    # addressed to every province, is national news wherever it mentions.
    organised_nationally = bool(_ORGANISER.match(opening) or _ORGANISER.match(title) or _ALL_PROVINCES.search(lead))
    if not best_region or organised_nationally or national >= region_score[best_region]:
        venue = max(venue_cities, key=lambda c: (venue_cities[c], city_score[c]), default="")
        return PlaceFinding(NATIONAL, venue, scores)
    in_region = {c: s for c, s in city_score.items() if gaz.by_key[c].province == best_region}
    city = max(in_region, key=lambda c: (in_region[c], c), default="")
    return PlaceFinding(best_region, city, scores)
