"""Score the normaliser against a labelled manifest (``python -m scrapers evaluate``).

Imports every item of the manifest into a temporary directory through the real import
path (normalise, dedupe, store), then compares each written article with the labels:
category, date, region, city, title, source and author where the label is known; junk
lines dropped and keep lines kept; no pinyin or Traditional script left; each duplicate
group one article; no more articles than unique items; pair precision and recall of merging;
and, where the manifest labels reports of one event (``event_group``: different articles
about one event, copies of each still sharing a ``dup_group``), pair precision and recall of
linking them as related (``Related:``).

Every manifest splits into a fixed *tune* part (about 70%) and a *check* part (about 30%)
by a hash of the file name (see :func:`split_of`). Rules are written against the tune part
only; the check part measures whether they hold on pages they were not written for.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrapers.core.article import CATEGORY_BY_SLUG, Article, parse
from scrapers.importer import Item, import_items
from scrapers.normalise.escape import unescape_markdown
from scrapers.normalise.pinyin import find_pinyin
from scrapers.normalise.pipeline import clean_text
from scrapers.normalise.script import traditional_chars

FIELDS = ("category", "date", "region", "city", "title", "source", "author")
CHECKS = (
    *FIELDS,
    "junk dropped",
    "body kept",
    "no pinyin",
    "no traditional",
    "duplicates collapsed",
    "no extra articles",
    "merge precision",
    "merge recall",
    "related precision",
    "related recall",
)
#: Checks made once per item (the rest are per group, per manifest or per pair).
ITEM_CHECKS = CHECKS[: CHECKS.index("no traditional") + 1]
SPLITS = ("tune", "check")
#: Share of the hash space that goes to the tune split.
TUNE_SHARE = 0.7


def split_of(entry: dict) -> str:
    """``tune`` or ``check`` for one manifest entry, fixed by a hash of its file name.

    A hash (not the order in the manifest) keeps an item in the same split when the
    manifest grows or is reordered. Copies of one release (one ``dup_group``) follow the
    first file name of the group, so a group is never cut in two and the duplicate checks
    stay meaningful on each side; ``evaluate`` passes that name in as ``split_key``.
    """
    key = entry.get("split_key") or Path(entry["file"]).name
    bucket = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") / 2**32
    return "tune" if bucket < TUNE_SHARE else "check"


def split_entries(entries: list[dict], split: str | None) -> list[dict]:
    """The entries of one split (all of them for ``None``), groups kept whole."""
    if split is None:
        return entries
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)}")
    first: dict[str, str] = {}
    for e in entries:
        if e.get("dup_group"):
            name = Path(e["file"]).name
            first[e["dup_group"]] = min(first.get(e["dup_group"], name), name)
    return [e for e in entries if split_of({**e, "split_key": first.get(e.get("dup_group") or "")}) == split]


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
        out = [
            f"{name:22} {self.passed[name]:3d}/{self.total[name]:<3d} {100 * self.ratio(name):5.1f}%"
            for name in CHECKS
            if self.total[name]
        ]
        out.append(f"{'all checks':22} {sum(self.passed.values()):3d}/{sum(self.total.values()):<3d} {100 * self.score:5.1f}%")
        return out


def side_by_side(reports: dict[str, Report]) -> list[str]:
    """One row per check, one column per report (``tune``, ``check``, …): passed/total and %."""

    def cell(report: Report, name: str) -> str:
        if not report.total[name]:
            return f"{'-':>14}"
        return f"{report.passed[name]:4d}/{report.total[name]:<4d}{100 * report.ratio(name):5.1f}%"

    out = [f"{'':22}" + "".join(f"{label:>15}" for label in reports)]
    for name in CHECKS:
        if any(r.total[name] for r in reports.values()):
            out.append(f"{name:22}" + "".join(" " + cell(r, name) for r in reports.values()))
    out.append(
        f"{'all checks':22}"
        + "".join(f" {sum(r.passed.values()):4d}/{sum(r.total.values()):<4d}{100 * r.score:5.1f}%" for r in reports.values())
    )
    return out


def _plain(text: str) -> str:
    """Comparable form: cleaned like article text, markup unescaped, spacing removed."""
    return re.sub(r"\s+", "", clean_text(unescape_markdown(text)))


def evaluate(manifest: Path, today: date | None = None, split: str | None = None) -> Report:
    """Score one split of a manifest (``None``: all of it), importing only that split's items."""
    entries = split_entries(json.loads(manifest.read_text(encoding="utf-8")), split)
    items = [Item(manifest.parent / e["file"], e.get("url") or "") for e in entries]
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        targets = [r.path if not r.status.refusal else None for r in import_items(items, out, today)]
        articles = {p: parse(p.read_text(encoding="utf-8")) for p in out.glob("*.md")}
        for entry, target in zip(entries, targets, strict=True):
            name = entry["file"]
            article = articles.get(target) if target else None
            if article is None:
                for check in ITEM_CHECKS:
                    report.check(check, False, name, "no article written")
                continue
            _check_item(report, name, entry, article)
        groups: dict[str, set[Path | None]] = defaultdict(set)
        for entry, target in zip(entries, targets, strict=True):
            if entry.get("dup_group"):
                groups[entry["dup_group"]].add(target)
        for group, paths in sorted(groups.items()):
            report.check(
                "duplicates collapsed",
                len(paths) == 1 and None not in paths,
                group,
                f"{len(paths)} articles: {sorted(p.name for p in paths if p)}",
            )
        unique = len(groups) + sum(1 for e in entries if not e.get("dup_group"))
        report.check(
            "no extra articles", len(articles) <= unique, manifest.name, f"{len(articles)} articles for {unique} unique items"
        )
        _check_pairs(report, entries, targets)
        _check_related(report, entries, targets, articles)
    return report


def _check_related(report: Report, entries: list[dict], targets: list[Path | None], articles: dict[Path, Article]) -> None:
    """Pair precision and recall of linking reports of one event, on manifests that label
    them (``event_group``); a pair is one pair of articles, however many copies each has."""
    if not any(e.get("event_group") for e in entries):
        return
    event: dict[Path, str] = {t: e["event_group"] for e, t in zip(entries, targets, strict=True) if t and e.get("event_group")}
    names: dict[Path, str] = {}
    for e, t in zip(entries, targets, strict=True):
        if t is not None:
            names.setdefault(t, e["file"])
    slugs = {articles[t].slug: t for t in names if t in articles}
    linked = {
        frozenset((t, slugs[s])) for t in names if t in articles for s in articles[t].related if s in slugs and slugs[s] != t
    }
    for pair in sorted(linked, key=lambda p: sorted(names[t] for t in p)):
        a, b = sorted(pair, key=lambda t: names[t])
        same = a in event and event.get(a) == event.get(b)
        report.check("related precision", same, f"{names[a]} + {names[b]}", "linked, but not reports of one event")
    labelled = sorted(t for t in event if t in articles)
    for i, a in enumerate(labelled):
        for b in labelled[i + 1 :]:
            if event[a] == event[b]:
                ok = frozenset((a, b)) in linked
                report.check("related recall", ok, f"{names[a]} + {names[b]}", "reports of one event, not linked")


def _check_pairs(report: Report, entries: list[dict], targets: list[Path | None]) -> None:
    """Pair precision (merged pairs that are copies) and recall (copy pairs that were merged)."""
    for i in range(len(entries)):
        for j in range(i + 1, len(entries)):
            a, b = entries[i], entries[j]
            same = bool(a.get("dup_group")) and a.get("dup_group") == b.get("dup_group")
            merged = targets[i] is not None and targets[i] == targets[j]
            pair = f"{a['file']} + {b['file']}"
            if merged:
                report.check("merge precision", same, pair, "merged, but they are different articles")
            if same:
                report.check("merge recall", merged, pair, "copies of one release, not merged")


#: A junk label shorter than this (compared form) is looked for as a whole line of the body: a
#: lone ``|`` or a quotation mark restored from a mis-decoded entity occurs in any text.
SHORT_JUNK = 3


def _left_in(junk: str, body: str, lines: set[str]) -> bool:
    """Is the labelled junk line (compared form) still in the article's body?"""
    if not junk:
        return False
    return junk in lines if len(junk) < SHORT_JUNK else junk in body


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
    lines = {_plain(line) for line in article.body.splitlines()}
    junk = [j for j in entry.get("junk_lines") or [] if _left_in(_plain(j), body, lines)]
    report.check("junk dropped", not junk, name, f"left in: {junk}")
    lost = [k for k in entry.get("keep_lines") or [] if _plain(k) not in body]
    report.check("body kept", not lost, name, f"lost: {lost}")
    text = unescape_markdown(article.body)
    report.check("no pinyin", not find_pinyin(text), name, f"{find_pinyin(text)[:5]}")
    trad = traditional_chars(text + article.title)
    report.check("no traditional", not trad, name, f"{''.join(trad[:10])}")


def run(manifest: Path, split: str | None = None, today: date | None = None) -> int:
    """The command: one split with its failures, or both side by side (and the whole set,
    imported at once) with the tune failures only.

    Without ``--split`` the check split's failures are not listed, so that reading them does
    not become tuning on them; ``--split check`` lists them when one really has to look.
    """
    if split is not None:
        report = evaluate(manifest, today, split)
        print(f"{split} split of {manifest}")
        print("\n".join(report.lines()))
        failures = report.failures
    else:
        reports = {name: evaluate(manifest, today, name) for name in SPLITS}
        # the whole set imported at once (a set of fresh pages is scored whole, not split)
        print("\n".join(side_by_side({**reports, "all": evaluate(manifest, today)})))
        failures = reports["tune"].failures
        if reports["check"].failures:
            print(f"\n{len(reports['check'].failures)} check-split failures not listed (--split check lists them)")
    if failures:
        print("\nfailures:")
        print("\n".join(f"  {f}" for f in failures))
    return 0
