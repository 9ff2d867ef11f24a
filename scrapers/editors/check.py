"""The content check: everything an editor can get wrong in an article, found without a build.

``python -m scrapers.editors.check [FILE...]`` (or ``invoke check``) prints one finding per line as
``file:line: field: message`` and exits 1 when any is an error. Warnings (``warning:``
before the message) are shown but do not fail: an unknown tag or a stray Traditional
character is worth a look, never worth blocking a publication.

Nothing here re-declares a field rule: the per-file rules come from
:func:`scrapers.core.article.problems`, places from the gazetteer, tags from the vocabulary, and
script, pinyin and mojibake detection from the normaliser's own steps, so the check, the
scrapers and the site build agree. What this module adds is what needs more than one
file (duplicate slugs and source URLs, near-duplicate texts, links between articles), a
suggestion for each typo, and line numbers for findings in the text.

It is fast enough for a pre-commit hook: the gazetteer and vocabulary are loaded once,
the expensive detectors only look at a line when a whole-text scan found something, and
near-duplicates are found with the importer's own sampled index
(:class:`scrapers.dedupe.NearDuplicates`) rather than by comparing every pair.
"""

from __future__ import annotations

import argparse
import difflib
import html
import os
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
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
from scrapers.dedupe import NearDuplicates
from scrapers.normalise.mojibake import find_mojibake
from scrapers.normalise.script import traditional_chars

# scrapers.normalise.pinyin (and the pipeline, which imports it) load pypinyin's
# dictionaries, a third of a second: they are imported only when a text could need them.
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

@dataclass(frozen=True, order=True)
class Finding:
    """One thing to fix (``error``) or look at: where, which field, and what to do."""

    path: str
    line: int
    field: str
    message: str
    error: bool = True

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

    def add(self, line: int, field: str, message: str, error: bool = True) -> None:
        self.findings.append(Finding(self.shown, line, field, message, error))


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
def _aliases() -> dict[str, str]:
    return {alias: tag for tag, names in load_vocabulary().tags.items() for alias in names if alias != tag}


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not in the vocabulary (and how to fix or add it), or ``None``."""
    tags = load_vocabulary().tags
    if tag in tags:
        return None
    if tag in _aliases():
        return f"{tag!r} is another name of the tag {_aliases()[tag]!r}; write {_aliases()[tag]!r}"
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


def _check_one(entry: _Entry, today: date) -> None:
    """The rules that need only this file."""
    a = entry.article
    assert a is not None
    line = a.lines.get
    placeholders = {k for k, v in a.metadata().items() if PLACEHOLDER in v}
    for key in sorted(placeholders, key=lambda k: line(k, 0)):
        entry.add(line(key, 0), key, f"not filled in yet ({PLACEHOLDER}): write {FIELD_HINTS.get(key, 'a value')}")
    for p in problems(a, today):
        if p.field not in placeholders:
            entry.add(p.line, p.field, p.message, p.error)
    if a.slug and SLUG_RE.match(a.slug) and entry.path.stem != a.slug:
        entry.add(line("Slug", 0), "Slug", f"the file is named {entry.path.name} but Slug is {a.slug}; "
                                           f"rename the file to {a.slug}.md")
    if a.region and "Region" not in placeholders and (msg := region_problem(a.region)):
        entry.add(line("Region", 0), "Region", msg)
    if a.city and "City" not in placeholders and (msg := city_problem(a.city, a.region)):
        entry.add(line("City", 0), "City", msg)
    if "Tags" not in placeholders:
        for tag in a.tags:
            if msg := tag_problem(tag):
                entry.add(line("Tags", 0), "Tags", msg, error=False)
    if a.review:
        entry.add(line("Review", 0), "Review",
                  f"still to check: {join_flags(a.review)} (delete the Review line once checked)", error=False)

    rows = _rows(entry)
    if not a.body:
        entry.add(entry.body_line or len(_file_rows(entry.text)) + 1, "Text",
                  "the article has no text: write it below the metadata, after one blank line")
    for number, row in rows:
        if PLACEHOLDER in row:
            entry.add(number, "Text", f"still the placeholder ({PLACEHOLDER}): write the article text here")
    fields = [(line(key, 0), key, value) for key, value in
              (("Title", a.title), ("Summary", a.summary), ("Source", a.source), ("Authors", ", ".join(a.authors)))
              if value]
    _check_chars(entry, fields + [(number, "Text", row) for number, row in rows])


def _find_pinyin() -> Callable[[str], list[str]]:
    from scrapers.normalise.pinyin import find_pinyin

    return find_pinyin


def _check_chars(entry: _Entry, rows: Sequence[tuple[int, str, str]]) -> None:
    """Traditional characters, leftover pinyin and mojibake in the metadata values and the text.

    ``rows`` are ``(line, field, text)``. Each detector first runs once on everything, and
    only when it finds something runs again row by row to say where: the common case (a
    clean article) costs one call per detector.
    """
    whole = "\n".join(text for _, _, text in rows)
    if "【" in whole:  # the importer's mark starts with one
        from scrapers.normalise.pipeline import MARK_CLOSE, MARK_OPEN, marked_runs

        if MARK_OPEN in whole:
            for number, key, text in rows:
                for run in dict.fromkeys(marked_runs(text)):
                    entry.add(number, key, f"garbled text marked by the importer: {MARK_OPEN}{run}{MARK_CLOSE}; "
                                           "replace the whole mark with the right words from the source page")
            marked = re.compile(re.escape(MARK_OPEN) + ".*?" + re.escape(MARK_CLOSE))
            rows = [(n, k, marked.sub("", t)) for n, k, t in rows]
            whole = "\n".join(text for _, _, text in rows)
    if find_mojibake(whole):
        for number, key, text in rows:
            for run in dict.fromkeys(find_mojibake(text)):
                entry.add(number, key, f"garbled text (mojibake) {run!r}; replace it with the right words "
                                       "from the source page")
    if _MAYBE_PINYIN.search(whole) and _find_pinyin()(whole):
        find_pinyin = _find_pinyin()
        for number, key, text in rows:
            for note in dict.fromkeys(find_pinyin(text)):
                entry.add(number, key, f"leftover pinyin annotation {note!r}; delete {note[1:]!r}")
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
            entry.add(number, key, f"Traditional characters {shown}: write Simplified Chinese "
                                   "(`python -m scrapers normalise FILE` prints the file converted)", error=False)


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
                entry.add(number, "Text", f"link to {target!r}: no such file{hint}")
            continue
        # A browser drops controls and spaces in a scheme and decodes entities (java&#9;script:).
        scheme = _SCHEME.match(re.sub(r"[\x00-\x20]+", "", html.unescape(target)))
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            entry.add(number, "Text", f"link to {target!r} is not an http or https link: only http://, https:// "
                                      "and links to other articles are allowed")
            continue
        try:
            parts = urlsplit(target)
        except ValueError:  # a malformed host ("http://[x"): not an article link either
            continue
        found = _ARTICLE_URL.search(parts.path) if parts.path else None
        if found is None or (parts.netloc and not SLUG_RE.match(found.group(1))):
            if not parts.scheme and target.startswith("/") and not target.startswith("//"):
                entry.add(number, "Text", f"link to {target!r}: a path from the site's root works in the preview but "
                                          "not on the published site, which lives under its own path; link an "
                                          "article as [text]({filename}SLUG.md), a file as {static}/attachments/…")
            continue
        slug = found.group(1)
        if slug not in slugs:
            guess = _closest(slug, slugs)
            hint = f"; did you mean {guess!r}?" if guess else ""
            entry.add(number, "Text", f"link to {target!r}: no article has the slug {slug!r}{hint}")
        elif not parts.scheme and target.startswith("/") and not target.startswith("//"):
            entry.add(number, "Text", f"link to {target!r}: a path from the site's root breaks on the published site, "
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
        entry.add(number, "Text", f"{target!r} is a path {where}: it works in one place and breaks in another "
                                  f"(preview, published site); write {_static_form(target, entry, content_root)}")
        return
    ref = unquote(target[m.end():].split("#")[0].split("?")[0])
    path = (content_root / ref.lstrip("/")) if ref.startswith("/") else (entry.path.parent / ref)
    try:
        rel = path.resolve().relative_to(content_root.resolve())
    except ValueError:
        entry.add(number, "Text", f"{target!r} points outside content/: put the file in content/images/ or "
                                  "content/attachments/")
        return
    if not rel.parts or rel.parts[0] not in MEDIA_DIRS:
        entry.add(number, "Text", f"{target!r}: files are published only from content/images/ and "
                                  "content/attachments/; move it there and link it as {static}/images/… or "
                                  "{static}/attachments/…")
        return
    if not path.is_file():
        entry.add(number, "Text", f"{target!r}: no such file content/{rel.as_posix()}: copy the file there "
                                  "(or correct the name; names are case-sensitive)")
        return
    bad = [part for part in rel.parts[1:] if not _FILE_NAME.match(part)]
    if bad:
        entry.add(number, "Text", f"{target!r}: the name {bad[0]!r} becomes part of a web address; rename the file "
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
                entry.add(number, "Text", f"image {target!r} is on another site: the browser will not show it (the "
                                          "site allows only its own images: Content-Security-Policy img-src 'self'); "
                                          f"save it into content/images/ and write ![{alt or '说明'}]"
                                          f"({{static}}/images/{name})")
            if not alt:
                entry.add(number, "Text", f"image {target!r} has no description: write what it shows between the "
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
        entry.add(0, "file", "no such file")
        return
    except OSError as exc:
        entry.add(0, "file", f"cannot read: {exc.strerror}")
        return
    if why := decode_problem(data):
        entry.add(1, "file", why)
        return
    entry.text = data.decode("utf-8")
    entry.article, found = parse_lenient(entry.text)
    for p in found:
        entry.add(p.line, p.field, p.message, p.error)
    entry.body_line = entry.article.body_line or _body_line(entry.text)


def file_findings(path: Path, shown: str, content_root: Path, today: date) -> tuple[Article | None, list[Finding]]:
    """The rules of one file that the site build runs too, as the check words them.

    The format (every problem at once), the field rules, places, tags (a warning) and the
    images and files the text links. Left to ``invoke check`` alone: what needs other files
    (duplicates, links between articles), placeholders and the script, pinyin and mojibake
    detectors, which would cost the build time on every article and are warnings or caught
    by the check in CI before the build runs.
    """
    entry = _Entry(path, shown, True)
    _read(entry)
    a = entry.article
    if a is None:
        return None, entry.findings
    line = a.lines.get
    for p in problems(a, today):
        entry.add(p.line, p.field, p.message, p.error)
    if a.region and (msg := region_problem(a.region)):
        entry.add(line("Region", 0), "Region", msg)
    if a.city and (msg := city_problem(a.city, a.region)):
        entry.add(line("City", 0), "City", msg)
    for tag in a.tags:
        if msg := tag_problem(tag):
            entry.add(line("Tags", 0), "Tags", msg, error=False)
    for number, target in _link_targets(entry):
        if _STATIC.match(target) or _looks_like_file(target):
            _check_file_link(entry, number, target, content_root)
    _check_images(entry)
    return a, entry.findings


def check_files(paths: Iterable[Path | str] | None = None, root: Path | str = ARTICLES,
                today: date | None = None) -> list[Finding]:
    """Check ``paths`` (default: every article under ``root``) against the rules and each other.

    Files under ``root`` that are not being checked still count for the cross-file rules
    (duplicate slugs and source URLs, near-duplicate texts, link targets), so a new file
    can be checked on its own before it is moved into place. Findings are sorted by file
    and line; only checked files get findings.
    """
    root = Path(root)
    today = today or _today()
    cwd = os.path.join(os.getcwd(), "")
    skipped: list[tuple[Path, str]] = []
    everything = iter_article_files(root, skipped)
    if paths is None:
        checked = everything
    else:
        checked = []
        for p in {os.path.abspath(p): Path(p) for p in paths}.values():
            # A link or a FIFO named on the command line is reported, never opened.
            reason = "a symbolic link (articles are regular files)" if p.is_symlink() else \
                "" if p.is_file() or not p.exists() else "not a regular file"
            if reason:
                skipped.append((p, reason))
            else:
                checked.append(p)
    wanted = {os.path.abspath(p) for p in checked}
    entries = [_Entry(p, _shown(p, cwd), True) for p in checked]
    entries += [_Entry(p, _shown(p, cwd), False) for p in everything if os.path.abspath(p) not in wanted]
    for entry in entries:
        _read(entry)
    valid = [e for e in entries if e.article is not None]

    slugs: dict[str, list[_Entry]] = defaultdict(list)
    urls: dict[str, list[tuple[_Entry, str]]] = defaultdict(list)
    for e in valid:
        a = e.article
        assert a is not None
        if a.slug:
            slugs[a.slug].append(e)
        for key, values in urls_of(a):
            for url in values:
                if url and PLACEHOLDER not in url:
                    urls[_norm_url(url)].append((e, key))

    doc_numbers = {normalise_doc_number(e.article.doc_number) for e in valid if e.article and e.article.doc_number}
    index = NearDuplicates()
    number_of: dict[int, _Entry] = {}
    for e in sorted(valid, key=lambda e: not e.checked):  # the checked ones first (see add)
        number_of[index.add(e.article.body, query=e.checked)] = e  # type: ignore[union-attr]
    numbers = {id(e): n for n, e in number_of.items()}
    near = index.pairs({numbers[id(e)] for e in valid if e.checked})

    content_root = root.parent
    for e in valid:
        if not e.checked:
            continue
        a = e.article
        assert a is not None
        _check_one(e, today)
        line = a.lines.get
        others = [o.shown for o in slugs.get(a.slug, []) if o is not e]
        if others:
            e.add(line("Slug", 0), "Slug", f"slug {a.slug} is also used by {', '.join(others)}; "
                                           "each article needs its own slug")
        for key, values in urls_of(a):
            for url in dict.fromkeys(values):
                if not url or PLACEHOLDER in url:
                    continue
                elsewhere = [f"{o.shown} ({k})" for o, k in urls[_norm_url(url)] if o is not e]
                if elsewhere:
                    e.add(line(key, 0), key, f"{url} is also the source of {', '.join(elsewhere)}: "
                                             "the same item twice? Keep one article and list the other's "
                                             "URL in its Mirrors")
        for other, score in sorted(near.get(numbers[id(e)], []), key=lambda t: number_of[t[0]].shown):
            o = number_of[other]
            e.add(e.body_line, "Text", f"near-duplicate of {o.shown} ({score:.0%} of the shorter text is "
                                       f"the same): the same item twice? Keep one article and list the "
                                       "other's URL in its Mirrors")
        _check_links(e, slugs, content_root)
        _check_images(e)
        if a.replaces and a.replaces not in slugs and normalise_doc_number(a.replaces) not in doc_numbers:
            e.add(line("Replaces", 0), "Replaces", f"Replaces {a.replaces!r} names no article here (neither a "
                  "Doc_Number nor a Slug): the replaced notice is shown as text, not linked", error=False)
    not_read = [Finding(_shown(p, cwd), 0, "file", f"not read: {why}; make it a plain .md file or remove it")
                for p, why in skipped]
    return sorted([*not_read, *(f for e in entries if e.checked for f in e.findings)])


def github_annotation(f: Finding) -> str:
    """A GitHub Actions workflow command that pins the finding to its line in the diff."""
    def esc(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    kind = "error" if f.error else "warning"
    return f"::{kind} file={esc(f.path, True)},line={max(f.line, 1)},title={esc(f.field, True)}::{esc(f.message)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.editors.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", metavar="FILE", help="articles to check (default: all under --root)")
    parser.add_argument("--root", default=str(ARTICLES),
                        help="the articles directory the files are compared with (default content/articles/)")
    parser.add_argument("--today", type=date.fromisoformat, help="check dates against this day (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: also emit workflow commands, so findings show on the pull request's files")
    args = parser.parse_args(argv)
    root = Path(args.root)
    files = [Path(f) for f in args.files] if args.files else None
    findings = check_files(files, root, args.today)
    for f in findings:
        print(f)
        if args.format == "github":
            print(github_annotation(f))
    errors = sum(f.error for f in findings)
    count = len({os.path.abspath(f) for f in files}) if files is not None else len(iter_article_files(root))
    print(f"checked {count} article{'s' * (count != 1)}: {errors} error{'s' * (errors != 1)}, "
          f"{len(findings) - errors} warning{'s' * (len(findings) - errors != 1)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
