"""The gazetteer: provinces, cities and districts of China, kept as data (``scrapers/data/gazetteer.csv``).

In the core because three parts read it: the normaliser (:mod:`scrapers.enrich.places`
finds an article's region and city in its text), the content rules (a ``Region`` or
``City`` must name a real place) and the taxonomy plugin (place slugs and the
administrative order of ``/region/``). Rows are checked on load; a broken row is a
:class:`~scrapers.core.datafiles.DataFileError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scrapers.core.datafiles import DataFileError, read_csv

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer.csv"
#: The administrative levels a gazetteer row may have.
LEVELS = ("province", "city", "county-city", "district")


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
    #: districts and counties with a nationally unique name (counted for their city)
    districts: dict[str, Place]
    district_pattern: re.Pattern[str]
    #: short forms too ambiguous to trust nationwide (大同, 临夏), by province: trusted
    #: once the text is known to be about that province
    ambiguous_by_province: dict[str, dict[str, Place]]
    #: length of the longest district name (for the look-up in :func:`_districts_in`)
    district_longest: int = 0

    @property
    def names(self) -> list[str]:
        """Every name and unambiguous short form (for dateline place stripping)."""
        return list(self.by_key)


@lru_cache(maxsize=2)
def load_gazetteer(path: Path = DATA) -> Gazetteer:
    places: list[Place] = []
    for line, row in read_csv(path, ("name", "short", "level", "province", "city", "ambiguous")):
        if not row["name"].strip() or not row["province"].strip():
            raise DataFileError(f"{path}:{line}: name and province must not be empty")
        if row["level"] not in LEVELS:
            raise DataFileError(f"{path}:{line}: level {row['level']!r} is not one of {', '.join(LEVELS)}")
        if row["ambiguous"] not in ("", "0", "1"):
            raise DataFileError(f"{path}:{line}: ambiguous must be 1 or empty, not {row['ambiguous']!r}")
        places.append(Place(row["name"], row["short"], row["level"], row["province"], row["city"], row["ambiguous"] == "1"))
    by_key: dict[str, Place] = {}
    rank = {"province": 0, "city": 1, "county-city": 2}
    districts = {p.name: p for p in places if p.level == "district"}
    for p in sorted((p for p in places if p.level in rank), key=lambda p: rank[p.level]):
        by_key.setdefault(p.name, p)
        if p.short and not p.ambiguous:
            by_key.setdefault(p.short, p)
    for p in places:  # 临夏回族自治州 → 临夏州, 恩施土家族苗族自治州 → 恩施州: how the press names them
        if p.level == "city" and p.name.endswith("自治州") and p.short:
            by_key.setdefault(p.short + "州", p)
    keys = sorted(by_key, key=len, reverse=True)
    district_keys = sorted(districts, key=len, reverse=True)
    ambiguous: dict[str, dict[str, Place]] = {}
    for p in places:
        if p.level == "city" and p.short and p.ambiguous:
            ambiguous.setdefault(p.province, {})[p.short] = p
    return Gazetteer(
        tuple(places),
        re.compile("|".join(map(re.escape, keys))),
        by_key,
        districts,
        re.compile("|".join(map(re.escape, district_keys))),
        ambiguous,
        max(map(len, district_keys), default=0),
    )


def provinces() -> set[str]:
    return {p.name for p in load_gazetteer().places if p.level == "province"}


def cities() -> set[str]:
    return {p.name for p in load_gazetteer().places if p.level in ("city", "county-city")}
