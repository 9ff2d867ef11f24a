"""The source registry: ``sources.yaml`` read into typed, validated :class:`Source` records.

A source is data, not code: adding an ordinary site means adding a YAML mapping. The
smallest entry has three keys (``name``, ``lists``, ``items``); everything else has a
default here, in one place. Every mistake is reported with the file and the entry's
name or position, so an editor can fix the YAML without reading Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .article import NATIONAL

DEFAULT_REGISTRY = Path(__file__).resolve().parent / "sources.yaml"
SCRIPTS = ("simplified", "traditional")


class SourceError(ValueError):
    """An unusable registry; the message names the file and the entry."""


@dataclass(frozen=True)
class Politeness:
    """How gently to treat one site. Defaults suit a small government or association server."""

    #: minimum seconds between two requests to the same host (robots.txt Crawl-delay wins when longer)
    delay: float = 3.0
    #: seconds to wait for a connection, and for the server to send data
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: retries after a 429/5xx answer or a connection error, with exponential back-off
    retries: int = 3
    backoff: float = 2.0
    #: longest Retry-After we wait for; a server asking for more is left alone for this run
    max_retry_after: float = 120.0
    #: largest page we read (bytes); bigger pages are reported, not truncated
    max_bytes: int = 5_000_000
    max_redirects: int = 5


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for an item page. Any that is empty (or matches nothing) falls back to generic."""

    title: str = ""
    date: str = ""
    body: str = ""

    @property
    def generic(self) -> bool:
        return not (self.title or self.date or self.body)


@dataclass(frozen=True)
class Source:
    name: str
    lists: tuple[str, ...]
    items: re.Pattern[str]
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


_KEYS = {"name", "home", "outlet", "lists", "items", "links", "extract", "region", "script", "encoding",
         "politeness", "notes"}


def load_sources(path: Path = DEFAULT_REGISTRY, defaults: Politeness | None = None) -> list[Source]:
    """Read and validate a registry file (a YAML list of mappings).

    ``defaults`` replaces the built-in :class:`Politeness` defaults (tests use short timeouts);
    each entry's own ``politeness`` keys still win.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise SourceError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, list):
        raise SourceError(f"{path}: expected a YAML list of sources (one '- name: …' mapping each)")
    sources: list[Source] = []
    seen: set[str] = set()
    for n, entry in enumerate(data, start=1):
        label = f"{path}: entry {n}"
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            label += f" ({entry['name']})"
        source = parse_source(entry, label, defaults or Politeness())
        if source.name in seen:
            raise SourceError(f"{label}: another source is already named {source.name!r}")
        seen.add(source.name)
        sources.append(source)
    return sources


def parse_source(entry: Any, label: str, defaults: Politeness | None = None) -> Source:
    """One registry entry → :class:`Source`; ``label`` prefixes every error message."""
    if not isinstance(entry, dict):
        raise SourceError(f"{label}: expected a mapping with at least name, lists and items")
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise SourceError(f"{label}: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(_KEYS))}")
    for key in ("name", "lists", "items"):
        if not entry.get(key):
            raise SourceError(f"{label}: '{key}' is required")
    name = _text(entry, "name", label)
    lists = entry["lists"]
    if isinstance(lists, str):
        lists = [lists]
    if not isinstance(lists, list) or not all(isinstance(u, str) for u in lists):
        raise SourceError(f"{label}: 'lists' must be a URL or a list of URLs")
    for url in lists:
        _check_url(url, "lists", label)
    home = _text(entry, "home", label)
    if home:
        _check_url(home, "home", label)
    try:
        items = re.compile(_text(entry, "items", label))
    except re.error as exc:
        raise SourceError(f"{label}: 'items' is not a valid regular expression: {exc}") from exc
    script = _text(entry, "script", label) or "simplified"
    if script not in SCRIPTS:
        raise SourceError(f"{label}: 'script' must be one of {', '.join(SCRIPTS)}, not {script!r}")
    encoding = _text(entry, "encoding", label)
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SourceError(f"{label}: unknown encoding {encoding!r}") from None
    return Source(
        name=name,
        lists=tuple(lists),
        items=items,
        home=home,
        outlet=_text(entry, "outlet", label),
        links=_text(entry, "links", label),
        extract=_selectors(entry.get("extract", "generic"), label),
        region=_text(entry, "region", label) or NATIONAL,
        script=script,
        encoding=encoding,
        politeness=_politeness(entry.get("politeness") or {}, label, defaults or Politeness()),
        notes=_text(entry, "notes", label),
    )


def _text(entry: dict[str, Any], key: str, label: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SourceError(f"{label}: '{key}' must be text, not {type(value).__name__}")
    return value.strip()


def _check_url(url: str, key: str, label: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(f"{label}: '{key}' needs absolute http(s) URLs, got {url!r}")


def _selectors(value: Any, label: str) -> Selectors:
    if value in (None, "generic"):
        return Selectors()
    if not isinstance(value, dict):
        raise SourceError(f"{label}: 'extract' must be 'generic' or a mapping of title/date/body CSS selectors")
    unknown = sorted(set(value) - {"title", "date", "body"})
    if unknown:
        raise SourceError(f"{label}: unknown 'extract' key(s) {', '.join(unknown)}; use title, date, body")
    from bs4 import BeautifulSoup

    probe = BeautifulSoup("<p></p>", "lxml")
    for key, selector in value.items():
        if not isinstance(selector, str):
            raise SourceError(f"{label}: extract.{key} must be a CSS selector (text)")
        try:
            probe.select(selector)
        except Exception as exc:  # soupsieve raises its own SelectorSyntaxError
            raise SourceError(f"{label}: extract.{key} is not a valid CSS selector: {selector!r} ({exc})") from None
    return Selectors(**{k: v.strip() for k, v in value.items()})


def _politeness(value: Any, label: str, defaults: Politeness) -> Politeness:
    if not isinstance(value, dict):
        raise SourceError(f"{label}: 'politeness' must be a mapping")
    known = {f.name: f.type for f in fields(Politeness)}
    changes: dict[str, Any] = {}
    for key, raw in value.items():
        if key not in known:
            raise SourceError(f"{label}: unknown politeness key {key!r}; known: {', '.join(known)}")
        if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
            raise SourceError(f"{label}: politeness.{key} must be a number ≥ 0")
        changes[key] = int(raw) if key in ("retries", "max_bytes", "max_redirects") else float(raw)
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
