"""The content rules: one engine and one severity table for the check, the build and the normaliser.

Every rule an article can break is a row of :data:`RULES`: its name, whether it is an
``error`` (it fails ``invoke check``, the pre-commit hook, CI and the site build) or a
``warning`` (printed, never failing anything), and the stages that run it:

- ``check``: ``invoke check`` / ``python -m scrapers.editors.check`` / pre-commit / CI;
- ``build``: the site build (``plugins/validate``), which must never publish a broken page;
- ``normalise``: the scrapers' output, whose errors become ``Review`` items before it is
  written (nothing invalid is written silently).

A rule runs wherever its row says, with the same code and the same words, so the three
can never disagree (``tests/scrapers/core/test_rules.py`` proves it on a table of cases).
The build leaves out only what would cost it time on every article and is caught by the
check that CI runs before it (the script, pinyin and mojibake detectors, near-duplicate
texts) and what concerns editors only (``Review`` reminders).

The per-file field rules are :func:`scrapers.core.article.problems` (they carry their rule's
name); places come from the gazetteer, tags from the vocabulary, and the script, pinyin
and mojibake detectors are the normaliser's own steps. What this module adds is what needs
more than one file (duplicate slugs and source URLs, near-duplicate texts, links between
articles), a suggestion for each typo, and line numbers for findings in the text.

It is fast enough for a pre-commit hook: the gazetteer and vocabulary are loaded once,
the expensive detectors only look at a line when a whole-text scan found something, and
near-duplicates are found with the importer's own sampled index
(:class:`scrapers.dedupe.NearDuplicates`) rather than by comparing every pair.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import opencc

from scrapers.core.article import (
    FIELD_HINTS,
    MEDIA_DIRS,
    NATIONAL,
    SLUG_RE,
    Article,
    decode_problem,
    iter_article_files,
    join_flags,
    parse_lenient,
    problems,
    split_rows,
    urls_of,
)
from scrapers.core.docnumber import normalise_doc_number
from scrapers.core.gazetteer import load_gazetteer
from scrapers.core.vocabulary import DATA as VOCABULARY_FILE
from scrapers.core.vocabulary import load_vocabulary

# The detectors are the normaliser's own steps (scrapers.normalise.*) and the importer's
# near-duplicate index (scrapers.dedupe): imported where a rule runs, so the core imports no
# pipeline stage at import time, and the build (which runs none of them) never loads them.
# scrapers.normalise.pinyin loads pypinyin's dictionaries, a third of a second.
#: Could be a pinyin annotation (a character, a bracket, a Latin letter); find_pinyin decides.
_MAYBE_PINYIN = re.compile(r"[\u3400-\u9fff][(\uff08]\s*[A-Za-z\u00c0-\u024f]")

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "content" / "articles"
#: Articles are dated in China; CI runs on UTC, which is still "yesterday" until 08:00 there.
TIMEZONE = ZoneInfo("Asia/Shanghai")
#: What ``invoke new`` writes for a field the editor has still to fill in.
PLACEHOLDER = "待填写"
#: The text ``invoke new`` writes below the metadata.
PLACEHOLDER_TEXT = f"（{PLACEHOLDER}：在这里写正文，段落之间空一行。）"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Stage(StrEnum):
    CHECK = "check"
    BUILD = "build"
    NORMALISE = "normalise"


@dataclass(frozen=True)
class Rule:
    """One row of the table: how severe breaking it is, where it runs, and what it asks."""

    name: str
    severity: Severity
    stages: frozenset[Stage]
    asks: str


_ALL = frozenset(Stage)
_FILES = frozenset({Stage.CHECK, Stage.BUILD})
_CHECK = frozenset({Stage.CHECK})
_E, _W = Severity.ERROR, Severity.WARNING

#: The one severity table. Read by every stage; a rule's severity is set here and nowhere else.
RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        Rule("unreadable", _E, _FILES, "the file can be read"),
        Rule("encoding", _E, _FILES, "UTF-8 without a BOM"),
        Rule("format", _E, _FILES, "one 'Key: value' line per field, a blank line, then the text"),
        Rule("hidden-character", _E, _ALL, "no control or invisible characters"),
        Rule("required", _E, _ALL, "Title, Date, Category, Region and Slug are there"),
        Rule("category", _E, _ALL, "one of the six categories"),
        Rule("status", _E, _ALL, "published, draft or scheduled"),
        Rule("date", _E, _ALL, "a real date, YYYY-MM-DD or YYYY-MM-DD HH:MM"),
        Rule("date-future", _E, _ALL, "a future date only with Status: scheduled or draft"),
        Rule("slug", _E, _ALL, "a slug of the form YYYY-MM-DD-xxxxxxxx"),
        Rule("url", _E, _ALL, "source and mirror URLs are http(s)"),
        Rule("document", _E, _ALL, "document and event fields: real dates in order, nothing replacing itself"),
        Rule("region", _E, _ALL, "a province-level name of the gazetteer, or 全国"),
        Rule("city", _E, _ALL, "a city of the gazetteer, in the Region"),
        Rule("tag", _W, _ALL, "tags of the vocabulary"),
        Rule("no-text", _E, _ALL, "the article has text"),
        Rule("placeholder", _E, _FILES, "nothing left as 待填写"),
        Rule("slug-file-name", _E, _FILES, "the file is named after its Slug"),
        Rule("link", _E, _FILES, "links to other articles point at an article that exists; only http(s) links"),
        Rule("file-link", _E, _FILES, "images and attachments are {static} files in content/images or content/attachments"),
        Rule("image-external", _E, _FILES, "images are the site's own files"),
        Rule("image-alt", _E, _FILES, "every image has a description"),
        Rule("duplicate-slug", _E, _FILES, "each article has its own slug"),
        Rule("duplicate-url", _E, _FILES, "one article per source URL"),
        Rule("replaces", _W, _FILES, "Replaces names a notice of the archive"),
        Rule("related", _W, _FILES, "Related names articles of the archive"),
        Rule("garbled-mark", _E, _CHECK, "no text the importer marked as garbled"),
        Rule("mojibake", _E, _CHECK, "no mojibake"),
        Rule("pinyin", _E, _CHECK, "no leftover pinyin annotations"),
        Rule("traditional", _W, _CHECK, "Simplified characters"),
        Rule("near-duplicate", _E, _CHECK, "no article twice"),
        Rule("review", _W, _CHECK, "the scraper's Review items checked and the line deleted"),
        Rule("not-read", _E, _CHECK, "only plain .md files among the articles"),
    )
}


@dataclass(frozen=True, order=True)
class Finding:
    """One thing to fix (an error) or look at (a warning): where, which field, what to do, and its rule."""

    path: str
    line: int
    field: str
    message: str
    rule: str = "format"

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {'' if self.error else 'warning: '}{self.message}"


@dataclass
class _Entry:
    """One article file as read for the check."""

    path: Path
    shown: str
    checked: bool
    text: str = ""
    article: Article | None = None
    findings: list[Finding] = field(default_factory=list)
    #: 1-based line number of the first line of the text (after the blank line).
    body_line: int = 0
    #: The stage checking it: a rule whose row does not name the stage adds nothing.
    stage: Stage = Stage.CHECK

    def add(self, rule: str, line: int, field: str, message: str) -> None:
        if self.stage in RULES[rule].stages:
            self.findings.append(Finding(self.shown, line, field, message, rule))


@cache
def _t2s() -> opencc.OpenCC:
    """A quick "is anything Traditional at all?" test; ``traditional_chars`` then says which.

    ``traditional_chars`` compares the text with its conversion character by character in
    Python; converting alone is C++ and most articles convert to themselves.
    """
    return opencc.OpenCC("t2s")


def _today() -> date:
    return datetime.now(TIMEZONE).date()


def _shown(path: Path, cwd: str) -> str:
    """The path as an editor would type it: relative to the working directory when inside it."""
    full = os.path.abspath(path)
    return full[len(cwd):] if full.startswith(cwd) else str(path)


def display_path(path: Path) -> str:
    """How a finding names ``path`` (so that callers can group findings by file)."""
    return _shown(path, os.path.join(os.getcwd(), ""))


def _closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return found[0] if found else None


# --- places and tags --------------------------------------------------------------------


@cache
def _places() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Province-level names, and each city's province(s) (a few names exist in two provinces)."""
    gaz = load_gazetteer()
    provinces = frozenset(p.name for p in gaz.places if p.level == "province")
    city_provinces: dict[str, set[str]] = defaultdict(set)
    for p in gaz.places:
        if p.level in ("city", "county-city"):
            city_provinces[p.name].add(p.province)
    return provinces, {k: frozenset(v) for k, v in city_provinces.items()}


def region_problem(value: str) -> str | None:
    """Why ``value`` is not a valid Region (with the closest valid name), or ``None``."""
    provinces, city_provinces = _places()
    if value in provinces or value == NATIONAL:
        return None
    place = load_gazetteer().by_key.get(value)
    if place is not None and place.level == "province":
        return f"unknown region {value!r}; did you mean {place.name!r}? (write the full province-level name)"
    if place is not None or value in city_provinces:
        province = place.province if place is not None else sorted(city_provinces[value])[0]
        return (f"{value!r} is a city, not a province-level region; write Region: {province} "
                f"and put the city in City")
    guess = _closest(value, [*sorted(provinces), NATIONAL])
    hint = f"did you mean {guess!r}? " if guess else ""
    return (f"unknown region {value!r}; {hint}Region takes a province-level name from "
            f"scrapers/data/gazetteer.csv (浙江省, 北京市, 内蒙古自治区…) or {NATIONAL}")


def city_problem(value: str, region: str) -> str | None:
    """Why ``value`` is not a valid City for ``region``, or ``None``."""
    provinces, city_provinces = _places()
    if value in city_provinces:
        homes = city_provinces[value]
        if region in provinces and region not in homes:
            return f"{value} is in {'/'.join(sorted(homes))}, not in {region}; correct City or Region"
        return None
    place = load_gazetteer().by_key.get(value)
    if place is not None and place.level in ("city", "county-city"):
        return f"unknown city {value!r}; did you mean {place.name!r}? (write the full name)"
    if value in provinces or (place is not None and place.level == "province"):
        return f"{value!r} is a province-level name: put it in Region and name a city here (or delete the line)"
    guess = _closest(value, sorted(city_provinces))
    hint = f"did you mean {guess!r}? " if guess else ""
    return f"unknown city {value!r}; {hint}City takes a city from scrapers/data/gazetteer.csv (杭州市, 绥芬河市…)"


@cache
def tag_aliases() -> dict[str, str]:
    return {alias: tag for tag, names in load_vocabulary().tags.items() for alias in names if alias != tag}


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not in the vocabulary (and how to fix or add it), or ``None``."""
    tags = load_vocabulary().tags
    if tag in tags:
        return None
    if tag in tag_aliases():
        return f"{tag!r} is another name of the tag {tag_aliases()[tag]!r}; write {tag_aliases()[tag]!r}"
    guess = _closest(tag, tags)
    hint = f"did you mean {guess!r}? " if guess else ""
    return (f"tag {tag!r} is not in the vocabulary; {hint}use an existing tag, or add it to "
            f"{VOCABULARY_FILE.relative_to(ROOT)} under tags: as a line '  {tag}: []'")


# --- one file ---------------------------------------------------------------------------


#: A Markdown link, an HTML ``href``/``src`` or a reference definition (``\]`` escaped is text, not a link).
_LINK = re.compile(r"(?<!\\)\]\(\s*(?:<([^<>\n]+)>|([^)\s<>]+))(?:\s+[\"'][^)]*)?\)|(?:href|src)\s*=\s*[\"']([^\"']+)[\"']"
                   r"|^\s*\[[^\]]+\]:\s*(\S+)", re.M | re.I)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_INTERNAL = re.compile(r"^(?:\{filename\}|\|filename\|)(.+)$")
_ARTICLE_URL = re.compile(r"(?:^|/)articles/([^/?#]+)/?(?:index\.html)?(?:[?#].*)?$")


def _rows(entry: _Entry) -> list[tuple[int, str]]:
    """The text's lines with their line numbers in the file (lines end at ``\n`` only, as in the parser)."""
    rows = _file_rows(entry.text)
    return [(n, rows[n - 1]) for n in range(entry.body_line, len(rows) + 1)] if entry.body_line else []


def _file_rows(text: str) -> list[str]:
    """The file's lines, broken at ``\n`` only (as the parser and editors count), no empty last one."""
    rows = split_rows(text)
    return rows[:-1] if rows and rows[-1] == "" else rows


def _body_line(text: str) -> int:
    for number, row in enumerate(_file_rows(text), start=1):
        if not row.strip():
            return number + 1
    return 0


def _field_problems(article: Article, today: date, skip: frozenset[str] = frozenset()) -> list[tuple[str, int, str, str]]:
    """The rules that need the article alone, as ``(rule, line, field, message)``.

    The field rules of :func:`~scrapers.core.article.problems`, the places, the tags and the
    text's presence: what the normaliser's output is held to as well as an editor's file.
    Fields in ``skip`` (still placeholders) are not judged on their value.
    """
    line = article.lines.get
    found = [(p.rule, p.line, p.field, p.message) for p in problems(article, today) if p.field not in skip]
    if article.region and "Region" not in skip and (msg := region_problem(article.region)):
        found.append(("region", line("Region", 0), "Region", msg))
    if article.city and "City" not in skip and (msg := city_problem(article.city, article.region)):
        found.append(("city", line("City", 0), "City", msg))
    if "Tags" not in skip:
        found += [("tag", line("Tags", 0), "Tags", msg) for tag in article.tags if (msg := tag_problem(tag))]
    return found


def article_findings(article: Article, today: date | None = None, stage: Stage = Stage.NORMALISE,
                     shown: str = "") -> list[Finding]:
    """The per-article rules that ``stage`` runs, for an article that is not (yet) a file.

    The normaliser calls this on what it is about to write; ``invoke check`` and the build
    run the same rules on files (plus the rules that need a file or other files).
    """
    entry = _Entry(Path(shown or "article.md"), shown, True, article=article, stage=stage)
    for rule, number, key, message in _field_problems(article, today or _today()):
        entry.add(rule, number, key, message)
    if not article.body:
        entry.add("no-text", article.body_line, "Text", "the article has no text: write it below the metadata, after "
                                                        "one blank line")
    return sorted(entry.findings)


def _check_one(entry: _Entry, today: date) -> None:
    """The rules that need only this file."""
    a = entry.article
    assert a is not None
    line = a.lines.get
    placeholders = frozenset(k for k, v in a.metadata().items() if PLACEHOLDER in v)
    for key in sorted(placeholders, key=lambda k: line(k, 0)):
        entry.add("placeholder", line(key, 0), key,
                  f"not filled in yet ({PLACEHOLDER}): write {FIELD_HINTS.get(key, 'a value')}")
    for rule, number, key, message in _field_problems(a, today, placeholders):
        entry.add(rule, number, key, message)
    if a.slug and SLUG_RE.match(a.slug) and entry.path.stem != a.slug:
        entry.add("slug-file-name", line("Slug", 0), "Slug", f"the file is named {entry.path.name} but Slug is "
                                                             f"{a.slug}; rename the file to {a.slug}.md")
    if a.review:
        entry.add("review", line("Review", 0), "Review",
                  f"still to check: {join_flags(a.review)} (delete the Review line once checked)")
    rows = _rows(entry)
    if not a.body:
        entry.add("no-text", entry.body_line or len(_file_rows(entry.text)) + 1, "Text",
                  "the article has no text: write it below the metadata, after one blank line")
    for number, row in rows:
        if PLACEHOLDER in row:
            entry.add("placeholder", number, "Text", f"still the placeholder ({PLACEHOLDER}): write the article text here")
    if any(entry.stage in RULES[r].stages for r in _CHAR_RULES):
        fields = [(line(key, 0), key, value) for key, value in
                  (("Title", a.title), ("Summary", a.summary), ("Source", a.source), ("Authors", ", ".join(a.authors)))
                  if value]
        _check_chars(entry, fields + [(number, "Text", row) for number, row in rows])
    _check_images(entry)


#: The detectors of :func:`_check_chars`: the costly part of a check, skipped by stages that run none.
_CHAR_RULES = ("garbled-mark", "mojibake", "pinyin", "traditional")


def _find_pinyin() -> Callable[[str], list[str]]:
    from scrapers.normalise.pinyin import find_pinyin

    return find_pinyin


def _check_chars(entry: _Entry, rows: Sequence[tuple[int, str, str]]) -> None:
    """Traditional characters, leftover pinyin and mojibake in the metadata values and the text.

    ``rows`` are ``(line, field, text)``. Each detector first runs once on everything, and
    only when it finds something runs again row by row to say where: the common case (a
    clean article) costs one call per detector.
    """
    from scrapers.normalise.mojibake import find_mojibake
    from scrapers.normalise.script import traditional_chars

    whole = "\n".join(text for _, _, text in rows)
    if "【" in whole:  # the importer's mark starts with one
        from scrapers.normalise.pipeline import MARK_CLOSE, MARK_OPEN, marked_runs

        if MARK_OPEN in whole:
            for number, key, text in rows:
                for run in dict.fromkeys(marked_runs(text)):
                    entry.add("garbled-mark", number, key, f"garbled text marked by the importer: {MARK_OPEN}{run}{MARK_CLOSE}; "
                                           "replace the whole mark with the right words from the source page")
            marked = re.compile(re.escape(MARK_OPEN) + ".*?" + re.escape(MARK_CLOSE))
            rows = [(n, k, marked.sub("", t)) for n, k, t in rows]
            whole = "\n".join(text for _, _, text in rows)
    if find_mojibake(whole):
        for number, key, text in rows:
            for run in dict.fromkeys(find_mojibake(text)):
                entry.add("mojibake", number, key, f"garbled text (mojibake) {run!r}; replace it with the right words "
                                       "from the source page")
    if _MAYBE_PINYIN.search(whole) and _find_pinyin()(whole):
        find_pinyin = _find_pinyin()
        for number, key, text in rows:
            for note in dict.fromkeys(find_pinyin(text)):
                entry.add("pinyin", number, key, f"leftover pinyin annotation {note!r}; delete {note[1:]!r}")
    chars = traditional_chars(whole) if _t2s().convert(whole) != whole else []
    if chars:
        by_field: dict[str, tuple[int, list[str]]] = {}
        for number, key, text in rows:
            here = traditional_chars(text) if any(ch in text for ch in chars) else []
            if here:
                seen = by_field.setdefault(key, (number, []))[1]
                seen.extend(ch for ch in here if ch not in seen)
        for key, (number, seen) in by_field.items():
            shown = ", ".join(seen[:12]) + ("…" if len(seen) > 12 else "")
            entry.add("traditional", number, key, f"Traditional characters {shown}: write Simplified Chinese "
                                                  "(`python -m scrapers normalise FILE` prints the file converted)")


def _link_targets(entry: _Entry) -> Iterable[tuple[int, str]]:
    for number, row in _rows(entry):
        if "](" not in row and "=" not in row and "]:" not in row:
            continue
        for m in _LINK.finditer(row):
            yield number, next(g for g in m.groups() if g)


def _check_links(entry: _Entry, slugs: dict[str, list[_Entry]], content_root: Path) -> None:
    """Links to other articles must point at an article that exists.

    Two forms are recognised: Pelican's ``{filename}…md`` (a file, relative to this file
    or, with a leading ``/``, to ``content/``) and a site URL ending in
    ``articles/<slug>/``. Links to other sites are not fetched.
    """
    for number, target in _link_targets(entry):
        if _STATIC.match(target) or _looks_like_file(target):
            _check_file_link(entry, number, target, content_root)
            continue
        m = _INTERNAL.match(target)
        if m:
            ref = unquote(m.group(1).split("#")[0].split("?")[0])
            path = (content_root / ref.lstrip("/")) if ref.startswith("/") else (entry.path.parent / ref)
            if not path.is_file():
                guess = _closest(Path(ref).stem, slugs)
                hint = f"; did you mean {{filename}}{guess}.md?" if guess else ""
                entry.add("link", number, "Text", f"link to {target!r}: no such file{hint}")
            continue
        # A browser drops controls and spaces in a scheme and decodes entities (java&#9;script:).
        scheme = _SCHEME.match(re.sub(r"[\x00-\x20]+", "", html.unescape(target)))
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            entry.add("link", number, "Text", f"link to {target!r} is not an http or https link: only http://, https:// "
                                      "and links to other articles are allowed")
            continue
        try:
            parts = urlsplit(target)
        except ValueError:  # a malformed host ("http://[x"): not an article link either
            continue
        found = _ARTICLE_URL.search(parts.path) if parts.path else None
        if found is None or (parts.netloc and not SLUG_RE.match(found.group(1))):
            if not parts.scheme and target.startswith("/") and not target.startswith("//"):
                entry.add("link", number, "Text", f"link to {target!r}: a path from the site's root works in the preview but "
                                          "not on the published site, which lives under its own path; link an "
                                          "article as [text]({filename}SLUG.md), a file as {static}/attachments/…")
            continue
        slug = found.group(1)
        if slug not in slugs:
            guess = _closest(slug, slugs)
            hint = f"; did you mean {guess!r}?" if guess else ""
            entry.add("link", number, "Text", f"link to {target!r}: no article has the slug {slug!r}{hint}")
        elif not parts.scheme and target.startswith("/") and not target.startswith("//"):
            entry.add("link", number, "Text", f"link to {target!r}: a path from the site's root breaks on the published site, "
                                      f"which lives under its own path; write [text]({{filename}}{slug}.md)")


# --- images and attachments -------------------------------------------------------------

#: Pelican's placeholders for a file of the site: ``{static}/images/x.png`` (from content/) or
#: ``{static}x.png`` (from the article's folder); ``{attach}`` is the same for our purpose.
_STATIC = re.compile(r"^\{(static|attach)\}")
_IMAGE = re.compile(r"(?<!\\)!\[([^\]]*)\]\(\s*(?:<([^<>\n]*)>|([^)\s<>]*))(?:\s+[\"'][^)]*)?\)")
#: File endings an editor links as an image or attachment (a path to one must be a {static} path).
_FILE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf", ".doc", ".docx", ".xls", ".xlsx",
                  ".ppt", ".pptx", ".zip", ".rar", ".wps", ".ofd")
#: A file name under content/images/ or content/attachments/: it becomes part of a URL.
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _looks_like_file(target: str) -> bool:
    """A site path (no scheme, no placeholder) to an image or a document: ``/images/x.png``, ``x.pdf``."""
    if target.startswith(("{", "#", "?", "//")) or _SCHEME.match(target):
        return False
    path = unquote(target.split("#")[0].split("?")[0]).lower()
    return path.endswith(_FILE_SUFFIXES)


def _static_form(ref: str, entry: _Entry, content_root: Path) -> str:
    """How to write ``ref`` (a path from the site's root or the page) as a {static} path, for the message."""
    ref = unquote(ref.split("#")[0].split("?")[0])
    candidate = (content_root / ref.lstrip("/")) if ref.startswith("/") else (entry.path.parent / ref)
    root = content_root.resolve()
    if candidate.is_file() and root in candidate.resolve().parents:
        return "{static}/" + candidate.resolve().relative_to(root).as_posix()
    name = Path(ref).name or "NAME"
    folder = "images" if name.lower().endswith(_FILE_SUFFIXES[:6]) else "attachments"
    return f"{{static}}/{folder}/{name}"


def _check_file_link(entry: _Entry, number: int, target: str, content_root: Path) -> None:
    """An image or attachment of the site: a {static} path to a file in content/images or content/attachments."""
    m = _STATIC.match(target)
    if not m:
        where = "from the site's root" if target.startswith("/") else "relative to the page"
        entry.add("file-link", number, "Text", f"{target!r} is a path {where}: it works in one place and breaks in another "
                                  f"(preview, published site); write {_static_form(target, entry, content_root)}")
        return
    ref = unquote(target[m.end():].split("#")[0].split("?")[0])
    path = (content_root / ref.lstrip("/")) if ref.startswith("/") else (entry.path.parent / ref)
    try:
        rel = path.resolve().relative_to(content_root.resolve())
    except ValueError:
        entry.add("file-link", number, "Text", f"{target!r} points outside content/: put the file in content/images/ or "
                                  "content/attachments/")
        return
    if not rel.parts or rel.parts[0] not in MEDIA_DIRS:
        entry.add("file-link", number, "Text", f"{target!r}: files are published only from content/images/ and "
                                  "content/attachments/; move it there and link it as {static}/images/… or "
                                  "{static}/attachments/…")
        return
    if not path.is_file():
        entry.add("file-link", number, "Text", f"{target!r}: no such file content/{rel.as_posix()}: copy the file there "
                                  "(or correct the name; names are case-sensitive)")
        return
    bad = [part for part in rel.parts[1:] if not _FILE_NAME.match(part)]
    if bad:
        entry.add("file-link", number, "Text", f"{target!r}: the name {bad[0]!r} becomes part of a web address; rename the file "
                                  "(and the link) using only letters a-z, digits, '-', '_' and '.', "
                                  "e.g. tongzhi-2025.pdf (the link text can stay Chinese)")


def _check_images(entry: _Entry) -> None:
    """Images: only the site's own files (the CSP blocks others), each with a description."""
    for number, row in _rows(entry):
        if "![" not in row:
            continue
        for m in _IMAGE.finditer(row):
            alt, target = m.group(1).strip(), m.group(2) or m.group(3) or ""
            scheme = _SCHEME.match(target)
            if target.startswith("//") or (scheme and scheme.group(1).lower() in ("http", "https")):
                name = Path(urlsplit(target).path).name or "NAME"
                entry.add("image-external", number, "Text", f"image {target!r} is on another site: the browser will not "
                                          "show it (the site allows only its own images: Content-Security-Policy "
                                          "img-src 'self'); "
                                          f"save it into content/images/ and write ![{alt or '说明'}]"
                                          f"({{static}}/images/{name})")
            if not alt:
                entry.add("image-alt", number, "Text", f"image {target!r} has no description: write what it shows between the "
                                          "brackets, ![浙江省开放日活动现场]({…}) (screen readers read it out)")


# --- near-duplicates --------------------------------------------------------------------



# --- many files -------------------------------------------------------------------------


def _norm_url(url: str) -> str:
    """Compare URLs the way a reader would: scheme, ``www.`` and a trailing slash do not matter."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _read(entry: _Entry) -> None:
    try:
        data = entry.path.read_bytes()
    except FileNotFoundError:
        entry.add("unreadable", 0, "file", "no such file")
        return
    except OSError as exc:
        entry.add("unreadable", 0, "file", f"cannot read: {exc.strerror}")
        return
    if why := decode_problem(data):
        entry.add("encoding", 1, "file", why)
        return
    entry.text = data.decode("utf-8")
    entry.article, found = parse_lenient(entry.text)
    for p in found:
        entry.add(p.rule, p.line, p.field, p.message)
    entry.body_line = entry.article.body_line or _body_line(entry.text)


def _chosen(paths: Iterable[Path | str], skipped: list[tuple[Path, str]]) -> list[Path]:
    """The files named on the command line that can be read; a link or a FIFO is reported, never opened."""
    chosen = []
    for p in {os.path.abspath(p): Path(p) for p in paths}.values():
        reason = "a symbolic link (articles are regular files)" if p.is_symlink() else \
            "" if p.is_file() or not p.exists() else "not a regular file"
        if reason:
            skipped.append((p, reason))
        else:
            chosen.append(p)
    return chosen


@dataclass
class _Archive:
    """Every readable article that counts for the cross-file rules, indexed once."""

    slugs: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    urls: dict[str, list[tuple[_Entry, str]]] = field(default_factory=lambda: defaultdict(list))
    doc_numbers: set[str] = field(default_factory=set)
    #: near-duplicate pairs by entry (only when the stage runs that rule: the index costs time)
    near: dict[int, list[tuple[_Entry, float]]] = field(default_factory=dict)

    @classmethod
    def of(cls, valid: list[_Entry], stage: Stage) -> _Archive:
        archive = cls()
        for e in valid:
            a = e.article
            assert a is not None
            if a.slug:
                archive.slugs[a.slug].append(e)
            for key, values in urls_of(a):
                for url in values:
                    if url and PLACEHOLDER not in url:
                        archive.urls[_norm_url(url)].append((e, key))
            if a.doc_number:
                archive.doc_numbers.add(normalise_doc_number(a.doc_number))
        if stage in RULES["near-duplicate"].stages:
            archive.near = _near_duplicates(valid)
        return archive


def _near_duplicates(valid: list[_Entry]) -> dict[int, list[tuple[_Entry, float]]]:
    """Each checked entry's near-duplicates among all (the importer's sampled index, no all-pairs work)."""
    from scrapers.dedupe import NearDuplicates

    index = NearDuplicates()
    number_of: dict[int, _Entry] = {}
    for e in sorted(valid, key=lambda e: not e.checked):  # the checked ones first (see add)
        number_of[index.add(e.article.body, query=e.checked)] = e  # type: ignore[union-attr]
    numbers = {id(e): n for n, e in number_of.items()}
    pairs = index.pairs({numbers[id(e)] for e in valid if e.checked})
    return {id(e): [(number_of[o], score) for o, score in pairs.get(numbers[id(e)], [])] for e in valid if e.checked}


def _check_across(e: _Entry, archive: _Archive, content_root: Path) -> None:
    """The rules that compare this file with the others: duplicates, links, replaced notices."""
    a = e.article
    assert a is not None
    line = a.lines.get
    others = [o.shown for o in archive.slugs.get(a.slug, []) if o is not e]
    if others:
        e.add("duplicate-slug", line("Slug", 0), "Slug", f"slug {a.slug} is also used by {', '.join(others)}; "
                                                         "each article needs its own slug")
    for key, values in urls_of(a):
        for url in dict.fromkeys(values):
            if not url or PLACEHOLDER in url:
                continue
            elsewhere = [f"{o.shown} ({k})" for o, k in archive.urls[_norm_url(url)] if o is not e]
            if elsewhere:
                e.add("duplicate-url", line(key, 0), key, f"{url} is also the source of {', '.join(elsewhere)}: "
                                                          "the same item twice? Keep one article and list the other's "
                                                          "URL in its Mirrors")
    for o, score in sorted(archive.near.get(id(e), []), key=lambda t: t[0].shown):
        e.add("near-duplicate", e.body_line, "Text", f"near-duplicate of {o.shown} ({score:.0%} of the shorter text "
                                                     "is the same): the same item twice? Keep one article and list "
                                                     "the other's URL in its Mirrors")
    _check_links(e, archive.slugs, content_root)
    for slug in a.related:
        if slug not in archive.slugs:
            guess = _closest(slug, archive.slugs)
            hint = f"; did you mean {guess!r}?" if guess else ""
            e.add("related", line("Related", 0), "Related", f"no article has the slug {slug!r}{hint}: the link is "
                                                            "left out (write the slug of another report of the event)")
    if a.replaces and a.replaces not in archive.slugs and normalise_doc_number(a.replaces) not in archive.doc_numbers:
        e.add("replaces", line("Replaces", 0), "Replaces", f"Replaces {a.replaces!r} names no article here "
              "(neither a Doc_Number nor a Slug): the replaced notice is shown as text, not linked")


def check_files(paths: Iterable[Path | str] | None = None, root: Path | str = ARTICLES,
                today: date | None = None, stage: Stage = Stage.CHECK,
                universe: Iterable[Path] | None = None, content_root: Path | None = None) -> list[Finding]:
    """Check ``paths`` (default: every article of the archive) against the rules ``stage`` runs.

    The archive is ``universe`` when given (the build passes the files Pelican will read),
    else every article file under ``root``. Files of the archive that are not being checked
    still count for the cross-file rules (duplicate slugs and source URLs, near-duplicate
    texts, link targets), so a new file can be checked on its own before it is moved into
    place. ``content_root`` (default: ``root``'s parent) is where ``{static}`` paths start.
    Findings are sorted by file and line; only checked files get findings.
    """
    root = Path(root)
    today = today or _today()
    cwd = os.path.join(os.getcwd(), "")
    skipped: list[tuple[Path, str]] = []
    everything = list(universe) if universe is not None else iter_article_files(root, skipped)
    checked = everything if paths is None else _chosen(paths, skipped)
    wanted = {os.path.abspath(p) for p in checked}
    entries = [_Entry(p, _shown(p, cwd), True, stage=stage) for p in checked]
    entries += [_Entry(p, _shown(p, cwd), False, stage=stage) for p in everything if os.path.abspath(p) not in wanted]
    for entry in entries:
        _read(entry)
    valid = [e for e in entries if e.article is not None]
    archive = _Archive.of(valid, stage)
    for e in valid:
        if e.checked:
            _check_one(e, today)
            _check_across(e, archive, content_root or root.parent)
    not_read = [Finding(_shown(p, cwd), 0, "file", f"not read: {why}; make it a plain .md file or remove it", "not-read")
                for p, why in skipped if stage in RULES["not-read"].stages]
    return sorted([*not_read, *(f for e in entries if e.checked for f in e.findings)])
