"""Score the normaliser against a labelled manifest (``python -m scrapers evaluate``).

Imports every item of the manifest into a temporary directory through the real import
path (normalise, dedupe, store), then compares each written article with the labels:
category, date, region, city, title, source and author where the label is known; junk
lines dropped and keep lines kept; no pinyin or Traditional script left; each duplicate
group one article; no more articles than unique items.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .article import CATEGORY_BY_SLUG, Article, parse
from .importer import Item, import_items
from .normalise.escape import unescape_markdown
from .normalise.pinyin import find_pinyin
from .normalise.pipeline import clean_text
from .normalise.script import traditional_chars

FIELDS = ("category", "date", "region", "city", "title", "source", "author")
CHECKS = (*FIELDS, "junk dropped", "body kept", "no pinyin", "no traditional", "duplicates collapsed",
          "no extra articles")


@dataclass
class Report:
    passed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, item: str, detail: str) -> None:
        self.total[name] += 1
        if ok:
            self.passed[name] += 1
        else:
            self.failures.append(f"{item}: {name}: {detail}")

    @property
    def score(self) -> float:
        return sum(self.passed.values()) / max(sum(self.total.values()), 1)

    def ratio(self, name: str) -> float:
        return self.passed[name] / self.total[name] if self.total[name] else 1.0

    def lines(self) -> list[str]:
        out = [f"{name:22} {self.passed[name]:3d}/{self.total[name]:<3d} {100 * self.ratio(name):5.1f}%"
               for name in CHECKS if self.total[name]]
        out.append(f"{'all checks':22} {sum(self.passed.values()):3d}/{sum(self.total.values()):<3d} "
                   f"{100 * self.score:5.1f}%")
        return out


def _plain(text: str) -> str:
    """Comparable form: cleaned like article text, markup unescaped, spacing removed."""
    return re.sub(r"\s+", "", clean_text(unescape_markdown(text)))


def evaluate(manifest: Path, today: date | None = None) -> Report:
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    items = [Item(manifest.parent / e["file"], e.get("url") or "") for e in entries]
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        outcomes = import_items(items, out, today)
        targets: list[Path | None] = []
        for o in outcomes:
            m = re.search(r"(\S+\.md)", o.detail)
            targets.append(Path(m.group(1)) if m and o.status != "rejected:" else None)
        articles = {p: parse(p.read_text(encoding="utf-8")) for p in out.glob("*.md")}
        for entry, target in zip(entries, targets, strict=True):
            name = entry["file"]
            article = articles.get(target) if target else None
            if article is None:
                for check in CHECKS[:-2]:
                    report.check(check, False, name, "no article written")
                continue
            _check_item(report, name, entry, article)
        groups: dict[str, set[Path | None]] = defaultdict(set)
        for entry, target in zip(entries, targets, strict=True):
            if entry.get("dup_group"):
                groups[entry["dup_group"]].add(target)
        for group, paths in sorted(groups.items()):
            report.check("duplicates collapsed", len(paths) == 1 and None not in paths, group,
                         f"{len(paths)} articles: {sorted(p.name for p in paths if p)}")
        unique = len(groups) + sum(1 for e in entries if not e.get("dup_group"))
        report.check("no extra articles", len(articles) <= unique, manifest.name,
                     f"{len(articles)} articles for {unique} unique items")
    return report


def _check_item(report: Report, name: str, entry: dict, article: Article) -> None:
    """Compare one item's labels with the article it ended up in (its own or its group's)."""
    kept_copy = not article.source_url or article.source_url == entry.get("url")
    want_cat = CATEGORY_BY_SLUG.get(entry.get("category") or "", "")
    report.check("category", article.category == want_cat, name, f"{article.category} != {want_cat}")
    if entry.get("date") and kept_copy:  # copies of one item may carry different dates
        report.check("date", article.date[:10] == entry["date"], name, f"{article.date} != {entry['date']}")
    for key in ("region", "city", "title", "source"):
        if entry.get(key):
            got = getattr(article, key)
            ok = _plain(got) == _plain(entry[key])
            report.check(key, ok, name, f"{got!r} != {entry[key]!r}")
    if entry.get("author"):
        got = "、".join(article.authors)
        report.check("author", _plain(got) == _plain(entry["author"]), name, f"{got!r} != {entry['author']!r}")
    body = _plain(article.body)
    junk = [j for j in entry.get("junk_lines") or [] if _plain(j) and _plain(j) in body]
    report.check("junk dropped", not junk, name, f"left in: {junk}")
    lost = [k for k in entry.get("keep_lines") or [] if _plain(k) not in body]
    report.check("body kept", not lost, name, f"lost: {lost}")
    text = unescape_markdown(article.body)
    report.check("no pinyin", not find_pinyin(text), name, f"{find_pinyin(text)[:5]}")
    trad = traditional_chars(text + article.title)
    report.check("no traditional", not trad, name, f"{''.join(trad[:10])}")
