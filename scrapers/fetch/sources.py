"""The source registry: ``sources.yaml`` read into typed, validated :class:`Source` records.

A source is data, not code: adding an ordinary site means adding a YAML mapping. The
smallest entry has three keys (``name``, ``lists``, ``items``); everything else has a
default here, in one place. Every mistake is reported with the file, the line and the
entry's name or position, so an editor can fix the YAML without reading Python.

Everything that runs on fetched pages is checked here, once, before the first request:
numbers are finite and in range (a ``.nan`` delay would switch the delay off, a zero
timeout would wait for ever), encodings are text encodings a web page can be in, CSS
selectors compile, and ``items`` is compiled by RE2, whose matching time grows linearly
with the link, so no pattern can stall a run on a hostile link.
"""

from __future__ import annotations

import codecs
import math
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import re2
import soupsieve

from scrapers.core.article import NATIONAL
from scrapers.core.datafiles import DataFileError, load_yaml

DEFAULT_REGISTRY = Path(__file__).resolve().parents[1] / "sources.yaml"
SCRIPTS = ("simplified", "traditional")

#: Encodings a web page can really be in: the WHATWG Encoding Standard's, by Python codec name
#: (GB2312 and GBK pages are read as GB18030 anyway). Codecs that are not text encodings of
#: documents (rot13, unicode_escape, idna, punycode…) and UTF-7 (a classic script-injection
#: vector) are refused.
WEB_ENCODINGS = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "big5hkscs",
        "cp950",
        "euc-jp",
        "iso-2022-jp",
        "shift_jis",
        "cp932",
        "euc-kr",
        "cp949",
        "koi8-r",
        "koi8-u",
        "cp866",
        "mac-roman",
        "mac-cyrillic",
        "cp874",
        "ascii",
        "latin-1",
        *(f"cp{n}" for n in range(1250, 1259)),
        *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    )
)


class SourceError(ValueError):
    """An unusable registry; the message names the file, the line and the entry."""


@dataclass(frozen=True)
class Politeness:
    """How gently to treat one site. Defaults suit a small government or association server."""

    #: minimum seconds between two requests to the same host, retries and redirect hops included
    #: (robots.txt Crawl-delay wins when longer)
    delay: float = 3.0
    #: seconds to wait for a connection, and for the server to send data
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: seconds one answer may take from request to last byte, however steadily it trickles
    #: (a read timeout restarts with every byte); pages and robots.txt alike
    deadline: float = 60.0
    #: seconds a whole source may take; items not reached by then are reported as skipped
    source_deadline: float = 1800.0
    #: retries after a 429/5xx answer or a connection error, with exponential back-off
    retries: int = 3
    backoff: float = 2.0
    #: longest Retry-After we wait for; a server asking for more is left alone for this run
    max_retry_after: float = 120.0
    #: largest page we read (bytes); bigger pages are reported, not truncated
    max_bytes: int = 5_000_000
    max_redirects: int = 5


#: politeness key → (whole number?, least, least itself allowed?, most); why the upper bounds:
#: a value past them is a typo (seconds for milliseconds), not a wish
_RANGES: dict[str, tuple[bool, float, bool, float]] = {
    "delay": (False, 0, True, 600),
    "connect_timeout": (False, 0, False, 300),
    "read_timeout": (False, 0, False, 600),
    "deadline": (False, 0, False, 3600),
    "source_deadline": (False, 0, False, 86_400),
    "retries": (True, 0, True, 10),
    "backoff": (False, 0, True, 600),
    "max_retry_after": (False, 0, True, 3600),
    "max_bytes": (True, 1, True, 100_000_000),
    "max_redirects": (True, 0, True, 20),
}
assert set(_RANGES) == {f.name for f in fields(Politeness)}


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for an item page. Any that is empty (or matches nothing) falls back to generic."""

    title: str = ""
    date: str = ""
    body: str = ""

    @property
    def generic(self) -> bool:
        return not (self.title or self.date or self.body)


class Matcher(Protocol):
    """What a compiled ``items`` pattern offers (an RE2 pattern; ``re.Pattern`` fits too)."""

    @property
    def pattern(self) -> str: ...

    def search(self, text: str, /) -> Any: ...


@dataclass(frozen=True)
class Source:
    name: str
    lists: tuple[str, ...]
    items: Matcher
    home: str = ""
    #: the organisation or outlet publishing on this site, used when a page names none
    outlet: str = ""
    #: CSS selector limiting where item links are looked for on a list page ("" = whole page)
    links: str = ""
    extract: Selectors = field(default_factory=Selectors)
    region: str = NATIONAL
    script: str = "simplified"
    #: the real encoding when the site declares a wrong one ("" = detect)
    encoding: str = ""
    politeness: Politeness = field(default_factory=Politeness)
    notes: str = ""
    #: pages (or record groups) of each script-built list, feed index or sitemap index to read
    pages: int = 1


_KEYS = {
    "name",
    "home",
    "outlet",
    "lists",
    "items",
    "links",
    "extract",
    "region",
    "script",
    "encoding",
    "politeness",
    "notes",
    "pages",
}
#: most pages of one list a source may ask for: a daily run needs the newest; 20 is a backfill
MAX_PAGES = 20


# --- YAML that remembers lines ------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """Where an entry is, to prefix its errors: ``file:line: entry N (name): …``.

    ``lines`` are the registry's lines by path of keys (:class:`~scrapers.core.datafiles.YamlData`):
    the entry is item ``n - 1`` of the top-level list.
    """

    path: str
    n: int
    entry: Any
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def line(self, key: str = "", mapping: Any = None, index: int | None = None) -> int:
        here: tuple[Any, ...] = (self.n - 1,)
        if mapping is not None and mapping is not self.entry and isinstance(self.entry, dict):
            # a nested mapping (politeness, extract): found under its own key of the entry
            here += tuple(k for k, v in self.entry.items() if v is mapping)[:1]
        for path in ((*here, key, index), (*here, key), here):
            if None not in path and path in self.lines:
                return self.lines[path]
        return 0

    def error(self, message: str, key: str = "", mapping: Any = None, index: int | None = None) -> SourceError:
        line = self.line(key, mapping, index)
        name = self.entry.get("name") if isinstance(self.entry, dict) else None
        label = f"entry {self.n}" + (f" ({name})" if isinstance(name, str) else "")
        return SourceError(f"{self.path}{f':{line}' if line else ''}: {label}: {message}")


def load_sources(path: Path = DEFAULT_REGISTRY, defaults: Politeness | None = None) -> list[Source]:
    """Read and validate a registry file (a YAML list of mappings).

    ``defaults`` replaces the built-in :class:`Politeness` defaults (tests use short timeouts);
    each entry's own ``politeness`` keys still win.
    """
    try:
        doc = load_yaml(path, mapping=False)  # safe types only, duplicate keys refused, lines kept
    except DataFileError as exc:
        raise SourceError(str(exc)) from exc
    data = doc.data
    if not isinstance(data, list):
        raise SourceError(f"{path}: expected a YAML list of sources (one '- name: …' mapping each)")
    sources: list[Source] = []
    seen: set[str] = set()
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) and (n - 1,) in doc.lines:
            entry_where = _Where(f"{path}:{doc.lines[(n - 1,)]}", n, entry)
        else:
            entry_where = _Where(str(path), n, entry, doc.lines)
        source = parse_source(entry, entry_where, defaults or Politeness())
        if source.name in seen:
            raise entry_where.error(f"another source is already named {source.name!r}", "name")
        seen.add(source.name)
        sources.append(source)
    return sources


def parse_source(entry: Any, where: _Where | str, defaults: Politeness | None = None) -> Source:
    """One registry entry → :class:`Source`; ``where`` (or a plain label) prefixes every error message."""
    if isinstance(where, str):
        where = _Where(where, 1, entry)
    if not isinstance(entry, dict):
        raise where.error("expected a mapping with at least name, lists and items")
    unknown = sorted(set(entry) - _KEYS, key=str)
    if unknown:
        raise where.error(
            f"unknown key(s) {', '.join(map(str, unknown))}; known keys: {', '.join(sorted(_KEYS))}", str(unknown[0])
        )
    for key in ("name", "lists", "items"):
        if not entry.get(key):
            raise where.error(f"'{key}' is required", key)
    name = _text(entry, "name", where)
    lists = entry["lists"]
    if isinstance(lists, str):
        lists = [lists]
    if not isinstance(lists, list) or not all(isinstance(u, str) for u in lists):
        raise where.error("'lists' must be a URL or a list of URLs", "lists")
    for index, url in enumerate(lists):
        _check_url(url, "lists", where, index)
    home = _text(entry, "home", where)
    if home:
        _check_url(home, "home", where)
    script = _text(entry, "script", where) or "simplified"
    if script not in SCRIPTS:
        raise where.error(f"'script' must be one of {', '.join(SCRIPTS)}, not {script!r}", "script")
    return Source(
        name=name,
        lists=tuple(u.strip() for u in lists),
        items=_pattern(entry, where),
        home=home,
        outlet=_text(entry, "outlet", where),
        links=_selector(_text(entry, "links", where), "'links'", where, "links"),
        extract=_selectors(entry.get("extract", "generic"), where),
        region=_text(entry, "region", where) or NATIONAL,
        script=script,
        encoding=_encoding(entry, where),
        politeness=_politeness(entry.get("politeness") or {}, where, defaults or Politeness()),
        notes=_text(entry, "notes", where),
        pages=_pages(entry, where),
    )


def _pages(entry: dict[str, Any], where: _Where) -> int:
    value = entry.get("pages", 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGES:
        raise where.error(f"'pages' must be a whole number from 1 to {MAX_PAGES}, not {value!r}", "pages")
    return value


def _text(entry: dict[str, Any], key: str, where: _Where) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise where.error(f"'{key}' must be text, not {_kind(value)}", key)
    return value.strip()


def _kind(value: Any) -> str:
    """What a YAML value is, in YAML's words."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return {"bool": "true/false", "int": "a number", "float": "a number"}.get(type(value).__name__, type(value).__name__)


def _check_url(url: str, key: str, where: _Where, index: int | None = None) -> None:
    url = url.strip()
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
        or any(c.isspace() or ord(c) < 32 for c in url)
    ):
        raise where.error(f"'{key}' needs absolute http(s) URLs without a user name or password, got {url!r}", key, index=index)


def _pattern(entry: dict[str, Any], where: _Where) -> Matcher:
    """``items`` compiled by RE2: linear-time matching, so no link can make a search run for ages."""
    pattern = _text(entry, "items", where)
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise where.error(
            f"'items' is not a valid regular expression (RE2 syntax: no backreferences or lookaround): {detail} in {pattern!r}",
            "items",
        ) from None


def _encoding(entry: dict[str, Any], where: _Where) -> str:
    encoding = _text(entry, "encoding", where)
    if not encoding:
        return ""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise where.error(f"unknown encoding {encoding!r}", "encoding") from None
    if not getattr(info, "_is_text_encoding", True) or info.name not in WEB_ENCODINGS:
        raise where.error(
            f"'encoding' {encoding!r} is not a text encoding for web pages; use one such as "
            "utf-8, gb18030, gbk, gb2312, big5 or big5hkscs",
            "encoding",
        )
    return encoding


def _selector(selector: str, what: str, where: _Where, key: str, mapping: Any = None) -> str:
    """A CSS selector compiled now, so a typo fails at load time with its place, not on every page."""
    if selector:
        try:
            soupsieve.compile(selector)
        except Exception as exc:  # SelectorSyntaxError, and whatever else a malformed selector raises
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise where.error(f"{what} is not a valid CSS selector: {selector!r} ({first})", key, mapping) from None
    return selector


def _selectors(value: Any, where: _Where) -> Selectors:
    if value in (None, "generic"):
        return Selectors()
    if not isinstance(value, dict):
        raise where.error("'extract' must be 'generic' or a mapping of title/date/body CSS selectors", "extract")
    unknown = sorted(set(value) - {"title", "date", "body"}, key=str)
    if unknown:
        raise where.error(
            f"unknown 'extract' key(s) {', '.join(map(str, unknown))}; use title, date, body", str(unknown[0]), value
        )
    chosen: dict[str, str] = {}
    for key, selector in value.items():
        if not isinstance(selector, str):
            raise where.error(f"extract.{key} must be a CSS selector (text)", key, value)
        chosen[key] = _selector(selector.strip(), f"extract.{key}", where, key, value)
    return Selectors(**chosen)


def _politeness(value: Any, where: _Where, defaults: Politeness) -> Politeness:
    if not isinstance(value, dict):
        raise where.error("'politeness' must be a mapping", "politeness")
    changes: dict[str, Any] = {}
    for key, raw in value.items():
        if key not in _RANGES:
            raise where.error(f"unknown politeness key {key!r}; known: {', '.join(_RANGES)}", str(key), value)
        whole, least, inclusive, most = _RANGES[key]
        bound = f"{'≥' if inclusive else '>'} {least:g} and ≤ {most:g}"
        number = not isinstance(raw, bool) and isinstance(raw, int | float)
        if whole:
            if not number or (isinstance(raw, float) and not raw.is_integer()) or not least <= raw <= most:
                raise where.error(f"politeness.{key} must be a whole number {bound}, not {raw!r}", key, value)
            changes[key] = int(raw)
            continue
        if not number:
            raise where.error(f"politeness.{key} must be a number (seconds), not {raw!r}", key, value)
        if not math.isfinite(raw) or raw < least or (raw == least and not inclusive) or raw > most:
            raise where.error(f"politeness.{key} must be a finite number {bound}, not {raw!r}", key, value)
        changes[key] = float(raw)
    return replace(defaults, **changes)


def select(sources: list[Source], names: list[str] | None) -> list[Source]:
    """The sources named (all when ``names`` is empty); an unknown name is an error naming the choices."""
    if not names:
        return sources
    by_name = {s.name: s for s in sources}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise SourceError(f"no source named {', '.join(map(repr, missing))}; known: {', '.join(by_name)}")
    return [by_name[n] for n in names]
