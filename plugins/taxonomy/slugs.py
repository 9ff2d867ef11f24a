"""Stable ASCII slugs for Chinese terms (regions, cities, sources, tags), kept as data.

A term's URL must not change when its label is edited or when a pinyin library changes
its mind, so slugs live in ``data/slugs.csv`` (``kind,name,slug``) and are only ever
appended to. A name that is not in the file yet gets a slug computed the same way the
file was made (:func:`pinyin_slug`); an editor who renames a label keeps the URL by adding
a row with the new name and the old slug.

``python -m plugins.taxonomy.slugs`` appends rows for every province and city in the
gazetteer, every tag in the vocabulary and every source in ``content/articles`` that the
file does not have yet; existing rows are never changed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

DATA = Path(__file__).resolve().parent / "data" / "slugs.csv"
KINDS: tuple[str, ...] = ("region", "city", "source", "tag")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Official romanisations where plain pinyin would collide or mislead.
PLACE_OVERRIDES: dict[str, str] = {"陕西省": "shaanxi", "全国": "national"}
#: Readings that pypinyin gets wrong without a phrase entry, as they are read in place names
#: (长治 changzhi, 朝阳 chaoyang, 都匀 duyun, 什邡 shifang, 库尔勒 kuerle).
PLACE_READINGS: dict[str, str] = {"长": "chang", "朝": "chao", "都": "du", "什": "shi", "勒": "le"}
#: Terms whose first-guess reading is wrong (a phrase pypinyin does not know).
TERM_READINGS: dict[str, str] = {"长三角": "chang-san-jiao"}
_ADMIN_SUFFIX = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|盟|省|市)$"
)


def _syllables(name: str, readings: dict[str, str] | None = None) -> list[str]:
    """Toneless pinyin per Chinese character; runs of Latin letters and digits kept as words."""
    out: list[str] = []
    chunks = lazy_pinyin(name, style=Style.NORMAL, v_to_u=False)
    if readings and len(chunks) == len(name):
        chunks = [readings.get(ch, py) for ch, py in zip(name, chunks, strict=True)]
    for chunk in chunks:
        out.extend(w for w in re.split(r"[^0-9A-Za-z]+", chunk.lower()) if w)
    return out


def pinyin_slug(name: str, kind: str, short: str = "") -> str:
    """The slug a name gets when the data file has none.

    Places are written as one word, the way their romanised names are (浙江省 → zhejiang,
    内蒙古自治区 → neimenggu); other terms keep a hyphen between syllables (行业协会 →
    hang-ye-xie-hui), which stays readable without a word segmenter.
    """
    if kind in ("region", "city"):
        if name in PLACE_OVERRIDES:
            return PLACE_OVERRIDES[name]
        base = short or _ADMIN_SUFFIX.sub("", name) or name
        slug = "".join(_syllables(base, PLACE_READINGS))
    else:
        slug = TERM_READINGS.get(name) or "-".join(_syllables(name))
    return slug or "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def disambiguate(slug: str, name: str) -> str:
    """A collision-free variant that depends on the name only (so it is stable)."""
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:4]}"


@dataclass
class SlugBook:
    """Every known ``(kind, name) → slug``, plus the slugs handed out in this build."""

    rows: dict[tuple[str, str], str] = field(default_factory=dict)
    taken: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, slug) → name
    computed: list[tuple[str, str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path = DATA) -> SlugBook:
        book = cls()
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                for number, row in enumerate(csv.DictReader(fh), start=2):
                    kind, name, slug = row["kind"].strip(), row["name"].strip(), row["slug"].strip()
                    if kind not in KINDS or not SLUG_RE.match(slug):
                        raise ValueError(f"{path}:{number}: bad row {row!r} (kind one of {KINDS}, slug [a-z0-9-])")
                    book.rows.setdefault((kind, name), slug)
        for (kind, name), slug in book.rows.items():
            book.taken.setdefault((kind, slug), name)
        return book

    def assign(self, kind: str, names: Iterable[str]) -> None:
        """Give every name not in the file a slug, independent of the order they come in.

        Names whose computed slugs collide (山西日报 and 陕西日报 are both shan-xi-ri-bao), or
        collide with a slug in the file, all get a suffix from a hash of the name; so a
        slug depends on the name and on whether it collides, never on which came first.
        Pinning a name in the file is what makes its URL permanent.
        """
        groups: dict[str, list[str]] = {}
        for name in set(names):
            if (kind, name) not in self.rows:
                groups.setdefault(pinyin_slug(name, kind), []).append(name)
        for slug, members in groups.items():
            clash = len(members) > 1 or (kind, slug) in self.taken
            for name in sorted(members):
                chosen = disambiguate(slug, name) if clash else slug
                self.rows[(kind, name)] = chosen
                self.taken.setdefault((kind, chosen), name)
                self.computed.append((kind, name, chosen))

    def slug(self, kind: str, name: str) -> str:
        """The slug for a term; computed (and remembered for this build) when not in the file."""
        known = self.rows.get((kind, name))
        if known is not None:
            return known
        slug = pinyin_slug(name, kind)
        owner = self.taken.get((kind, slug))
        if owner is not None and owner != name:
            slug = disambiguate(slug, name)
        self.rows[(kind, name)] = slug
        self.taken.setdefault((kind, slug), name)
        self.computed.append((kind, name, slug))
        return slug


@cache
def default_book() -> SlugBook:
    return SlugBook.load()


# ---------------------------------------------------------------- maintenance


def _gazetteer_rows() -> Iterable[tuple[str, str, str]]:
    from scrapers.core.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    yield "region", "全国", ""
    for p in gaz.places:
        if p.level == "province":
            yield "region", p.name, p.short
    # Prefecture-level cities first, so they keep the plain slug when a county-level city
    # romanises the same (苏州 suzhou, 宿州 suzhou-anhui).
    for level in ("city", "county-city"):
        for p in gaz.places:
            if p.level == level:
                yield "city", p.name, p.short


def _province_slug(name: str, book: SlugBook) -> str:
    return book.rows.get(("region", name)) or pinyin_slug(name, "region")


def update(path: Path = DATA, content: Path | None = None) -> list[tuple[str, str, str]]:
    """Append rows for names the file lacks; return what was added. Never edits a row."""
    from scrapers.core.article import iter_article_files, parse
    from scrapers.core.gazetteer import load_gazetteer
    from scrapers.core.vocabulary import load_vocabulary

    book = SlugBook.load(path)
    provinces = {p.name: p.province for p in load_gazetteer().places if p.level in ("city", "county-city")}
    added: list[tuple[str, str, str]] = []

    def add(kind: str, name: str, slug: str) -> None:
        if (kind, name) in book.rows:
            return
        if (kind, slug) in book.taken:
            if kind == "city" and name in provinces:
                slug = f"{slug}-{_province_slug(provinces[name], book)}"
            if (kind, slug) in book.taken:
                slug = disambiguate(slug, name)
        book.rows[(kind, name)] = slug
        book.taken[(kind, slug)] = name
        added.append((kind, name, slug))

    for kind, name, short in _gazetteer_rows():
        add(kind, name, pinyin_slug(name, kind, short))
    for tag in load_vocabulary().tags:
        add("tag", tag, pinyin_slug(tag, "tag"))
    if content is not None:
        for f in iter_article_files(content):
            try:
                article = parse(f.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if article.source:
                add("source", article.source, pinyin_slug(article.source, "source"))
            for tag in article.tags:
                add("tag", tag, pinyin_slug(tag, "tag"))
    if added:
        new_file = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            if new_file:
                writer.writerow(["kind", "name", "slug"])
            writer.writerows(added)
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Append missing term slugs to plugins/taxonomy/data/slugs.csv")
    parser.add_argument("--content", type=Path, default=Path("content/articles"),
                        help="articles whose sources and tags to add (default: content/articles)")
    parser.add_argument("--file", type=Path, default=DATA)
    args = parser.parse_args(argv)
    added = update(args.file, args.content)
    for kind, name, slug in added:
        print(f"added {kind} {name} → {slug}")
    print(f"{len(added)} rows added to {args.file}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
