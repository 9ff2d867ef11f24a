"""HTTP for the scrapers: polite, bounded, and honest about what went wrong.

One :class:`Fetcher` holds one ``requests`` Session for a whole run (connection pooling)
and everything a polite crawler must remember between requests: robots.txt per origin,
the time of the last request per host, hosts that asked us to go away, and the
conditional-GET cache on disk, so a page that has not changed costs a 304 next run.

Failures never escape as library exceptions: :meth:`Fetcher.get` either returns a
:class:`Page` or raises a :class:`FetchError` whose ``kind`` and message are ready for
the report line ("skipped by robots: …", "failed: HTTP 500 after 3 retries", …).
Redirects are followed here, hop by hop, so each hop is checked against robots.txt,
throttled, and a loop is named as a loop.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from charset_normalizer import from_bytes
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .sources import Politeness

log = logging.getLogger(__name__)

#: Who we are, in every request: a product token robots.txt rules can name, and where to read about us.
BOT_NAME = "TICNewsArchiveBot"
USER_AGENT = (f"{BOT_NAME}/0.1 (static archive of Chinese TIC news, tic-news-archive; "
              "one request at a time, obeys robots.txt)")
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".scrapers-cache" / "http"

HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Links with these endings are attachments, never article pages: skipped without a request.
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z",
                       ".jpg", ".jpeg", ".png", ".gif", ".mp4", ".wps", ".ofd", ".txt", ".csv")
RETRY_STATUSES = (429, 500, 502, 503, 504)
ROBOTS_MAX_BYTES = 512_000
#: server-side failures in a row after which a host is left alone for the rest of the run
MAX_CONSECUTIVE_FAILURES = 5


class FetchError(Exception):
    """A page we could not (or must not) use. ``kind`` heads the report line."""

    kind = "failed"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ServerTrouble(FetchError):
    """A failure on the server's side (5xx, timeout, broken connection): counts towards resting a host."""


class Disallowed(FetchError):
    kind = "skipped by robots"


class NotHTML(FetchError):
    kind = "skipped"


class RetryAfterTooLong(Exception):
    """Raised from inside urllib3's retry sleep: the server wants a longer pause than we will wait."""

    def __init__(self, seconds: float, status: int = 0) -> None:
        super().__init__(f"HTTP {status}, Retry-After {seconds:.0f} s")
        self.seconds = seconds
        self.status = status


class PoliteRetry(Retry):
    """urllib3 Retry that honours Retry-After, but gives up instead of sleeping for hours."""

    def __init__(self, *args, wait_limit: float = 120.0, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.wait_limit = wait_limit

    def new(self, **kw):  # type: ignore[no-untyped-def]
        retry = super().new(**kw)
        retry.wait_limit = self.wait_limit
        return retry

    def sleep_for_retry(self, response) -> bool:  # type: ignore[no-untyped-def]
        seconds = self.get_retry_after(response)
        if seconds and seconds > self.wait_limit:
            raise RetryAfterTooLong(seconds, response.status)
        return super().sleep_for_retry(response)


def make_retry(p: Politeness) -> PoliteRetry:
    return PoliteRetry(
        total=p.retries, connect=p.retries, read=p.retries, status=p.retries, other=0, redirect=None,
        backoff_factor=p.backoff, backoff_max=max(p.backoff * 8, 0.0), status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}), respect_retry_after_header=True,
        raise_on_status=False, retry_after_max=10**9, wait_limit=p.max_retry_after,
    )


@dataclass(frozen=True)
class Page:
    """A fetched HTML page, decoded. ``url`` is where it was found after redirects."""

    url: str
    requested: str
    text: str
    encoding: str
    not_modified: bool = False


# --- encodings -------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WESTERN = {"iso8859-1", "latin-1", "iso-8859-1", "cp1252", "windows-1252", "ascii", "us-ascii", "latin1", "l1",
            "iso8859_1", "iso-8859-15"}
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "gb18030": "gb18030",
            "big5": "big5hkscs", "big-5": "big5hkscs", "cp950": "big5hkscs", "x-x-big5": "big5hkscs",
            "big5-hkscs": "big5hkscs", "big5hkscs": "big5hkscs"}


def _canonical(name: str) -> str:
    """A decoder name for a declared charset, widened to the superset real sites use (GB2312 → GB18030)."""
    name = name.strip().strip("\"'").lower()
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def meta_charset(body: bytes) -> str:
    """The charset a page declares in its ``<meta>`` tags (first 4 KB), or ""."""
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "replace") if m else ""


def decode_html(body: bytes, header_charset: str = "", override: str = "", script: str = "simplified") -> tuple[str, str]:
    """Text and encoding name of an HTML page whose declarations may be wrong or missing.

    Why this order: a source's ``encoding`` override is an editor's finding and wins; a BOM
    is certain; bytes that are valid UTF-8 are UTF-8 (GBK or Big5 text almost never is);
    a declared CJK charset is believed only when charset-normalizer does not find a clearly
    better one (GBK servers often say gb2312, or Big5 pages say gb2312, and Big5 bytes
    decode "cleanly" as GB18030 into nonsense); Western single-byte declarations on pages
    with high bytes are the server's default, not a statement, and are ignored.
    """
    if override:
        return body.decode(override, errors="replace"), codecs.lookup(override).name
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace").lstrip("\ufeff"), name
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared: list[str] = []
    for raw in (header_charset, meta_charset(body)):
        name = _canonical(raw) if raw else ""
        if name and name not in _WESTERN and name.replace("_", "-") not in ("utf-8", "utf8") and name not in declared:
            declared.append(name)
    hint = "big5hkscs" if script == "traditional" else "gb18030"
    candidates = list(dict.fromkeys([*declared, hint, "gb18030", "big5hkscs"]))
    strict = {}
    for name in candidates:
        try:
            strict[name] = body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    if len(strict) == 1:
        ((name, text),) = strict.items()
        return text, name
    if strict:
        chaos = {m.encoding: m.chaos for m in from_bytes(body, cp_isolation=list(strict))}
        chaos = {_canonical(k) or k: v for k, v in chaos.items()}
        ranked = sorted(strict, key=lambda n: (chaos.get(n, 1.0), candidates.index(n)))
        best = ranked[0]
        for name in declared:  # a declaration decoding as cleanly as the best guess is believed
            if name in strict and chaos.get(name, 1.0) <= chaos.get(best, 1.0) + 0.02:
                best = name
                break
        return strict[best], best
    guess = from_bytes(body).best()
    if guess is not None and guess.encoding:
        return str(guess), guess.encoding
    name = declared[0] if declared else hint
    return body.decode(name, errors="replace"), name


# --- conditional-GET cache --------------------------------------------------------------------

@dataclass(frozen=True)
class CacheEntry:
    url: str
    etag: str
    last_modified: str
    content_type: str
    body: bytes


class HttpCache:
    """Validators (ETag, Last-Modified) and the body of each page, kept between runs.

    The body is kept too, so a 304 still gives the pipeline the page to (re)process: a run
    interrupted after fetching but before writing loses nothing when run again. Files are
    written by temp file + rename, body before validators, so an entry is whole or absent.
    """

    def __init__(self, directory: Path, read_only: bool = False) -> None:
        self.directory = directory
        self.read_only = read_only

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.directory / f"{key}.json", self.directory / f"{key}.body"

    def load(self, url: str) -> CacheEntry | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
            return None
        return CacheEntry(url, meta.get("etag", ""), meta.get("last_modified", ""), meta.get("content_type", ""), body)

    def save(self, url: str, etag: str, last_modified: str, content_type: str, body: bytes) -> None:
        if self.read_only or not (etag or last_modified):
            return
        meta_path, body_path = self._paths(url)
        meta = {"url": url, "etag": etag, "last_modified": last_modified, "content_type": content_type,
                "sha256": hashlib.sha256(body).hexdigest(), "saved": time.strftime("%Y-%m-%dT%H:%M:%S")}
        _atomic_bytes(body_path, body)
        _atomic_bytes(meta_path, json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))


def _atomic_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- the fetcher ------------------------------------------------------------------------------

def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def attachment_suffix(url: str) -> str:
    """The attachment file ending of a URL (".pdf"…), or "" for a page."""
    path = urlsplit(url).path.lower()
    return next((s for s in ATTACHMENT_SUFFIXES if path.endswith(s)), "")


class Fetcher:
    """One polite HTTP client for a whole run. Use as a context manager to close the Session."""

    def __init__(self, cache: HttpCache | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                                     "Accept-Language": "zh-CN,zh;q=0.9"})
        self.cache = cache
        self._clock = clock
        self._sleep = sleep
        self._mounted: dict[str, Politeness] = {}
        self._robots: dict[str, tuple[RobotFileParser | None, str, bool]] = {}
        self._crawl_delays: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._resting: dict[str, str] = {}
        self._failures: dict[str, int] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.close()

    # -- politeness -----------------------------------------------------------------------

    def _mount(self, origin: str, p: Politeness) -> Politeness:
        """One pooled adapter per origin, with the retry policy of the first source that uses it."""
        if origin not in self._mounted:
            self.session.mount(origin + "/", HTTPAdapter(max_retries=make_retry(p), pool_connections=4, pool_maxsize=4))
            self._mounted[origin] = p
        return self._mounted[origin]

    def _throttle(self, origin: str, delay: float) -> None:
        last = self._last.get(origin)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _done(self, origin: str) -> None:
        self._last[origin] = self._clock()

    def _robots_for(self, origin: str, p: Politeness) -> tuple[RobotFileParser | None, str, bool]:
        """robots.txt of an origin, read once per run: ``(parser, url, False)``, or
        ``(None, reason, unreachable)`` when everything is off limits.

        A robots.txt answering 401/403/5xx closes the site (RFC 9309 and urllib.robotparser
        agree on being careful); one that cannot be reached at all is reported as the
        failure it is rather than as a robots refusal.
        """
        if origin in self._robots:
            return self._robots[origin]
        url = origin + "/robots.txt"
        result: tuple[RobotFileParser | None, str, bool]
        try:
            self._throttle(origin, p.delay)
            resp = self.session.get(url, timeout=(p.connect_timeout, p.read_timeout), stream=True)
            with resp:
                status = resp.status_code
                body = _read_limited(resp, ROBOTS_MAX_BYTES) if status == 200 else b""
        except (requests.RequestException, RetryAfterTooLong, FetchError) as exc:
            result = (None, f"{_describe(exc, p)}; {url} could not be read", True)
        else:
            parser = RobotFileParser(url)
            if status == 200:
                lines = body.decode("utf-8", errors="replace").splitlines()
                parser.parse(lines)
                self._crawl_delays[origin] = crawl_delay(lines)
                result = (parser, url, False)
            elif status in (401, 403) or status >= 500:
                result = (None, f"{url} answered HTTP {status}, so the site is treated as off limits", False)
            else:  # no robots.txt: everything is allowed
                parser.parse([])
                result = (parser, url, False)
        finally:
            self._done(origin)
        self._robots[origin] = result
        return result

    def allowed(self, url: str, p: Politeness) -> tuple[bool, str, float]:
        """Whether robots.txt lets us fetch ``url``, why not, and the delay to keep for its host.

        Raises :class:`FetchError` when the host cannot be reached at all.
        """
        origin = _origin(url)
        parser, why, unreachable = self._robots_for(origin, p)
        if unreachable:
            raise FetchError(why)
        if parser is None:
            return False, why, p.delay
        delay = max(p.delay, self._crawl_delays.get(origin, 0.0))
        if not parser.can_fetch(BOT_NAME, url):
            return False, f"{urlsplit(url).path or '/'} is disallowed by {why}", delay
        return True, "", delay

    # -- fetching -------------------------------------------------------------------------

    def get(self, url: str, p: Politeness, *, encoding: str = "", script: str = "simplified") -> Page:
        """Fetch one HTML page politely; raise :class:`FetchError` with a report-ready reason."""
        suffix = attachment_suffix(url)
        if suffix:
            raise NotHTML(f"attachment ({suffix}), not an article page")
        hops = [url]
        current = url
        for _ in range(p.max_redirects + 1):
            origin = _origin(current)
            p_here = self._mount(origin, p)
            if origin in self._resting:
                raise FetchError(self._resting[origin])
            ok, why, delay = self.allowed(current, p_here)
            if not ok:
                log.info("skipped by robots: %s (%s)", current, why)
                raise Disallowed(why)
            try:
                target = self._hop(current, origin, delay, p_here, encoding, script)
            except FetchError as exc:
                self._count_failure(origin, exc)
                raise
            if isinstance(target, Page):
                self._failures[origin] = 0
                return replace(target, requested=url)
            if target in hops:
                loop = " → ".join(urlsplit(u).path or "/" for u in [*hops[hops.index(target):], target])
                raise FetchError(f"redirect loop: {loop}")
            hops.append(target)
            current = target
        raise FetchError(f"more than {p.max_redirects} redirects")

    def _hop(self, url: str, origin: str, delay: float, p: Politeness, encoding: str, script: str) -> Page | str:
        """One request: the page, or the URL a redirect points to."""
        cached = self.cache.load(url) if self.cache else None
        headers = {}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        self._throttle(origin, delay)
        try:
            resp = self.session.get(url, headers=headers, stream=True, allow_redirects=False,
                                    timeout=(p.connect_timeout, p.read_timeout))
        except RetryAfterTooLong as exc:
            self._done(origin)
            reason = (f"HTTP {exc.status} and the server asks us to wait {exc.seconds:.0f} s "
                      f"(more than {p.max_retry_after:.0f} s); host left alone for this run")
            self._resting[origin] = reason
            raise FetchError(reason) from None
        except requests.RequestException as exc:
            self._done(origin)
            raise ServerTrouble(_describe(exc, p)) from None
        try:
            with resp:
                if resp.is_redirect:
                    return urljoin(url, resp.headers["Location"])
                if resp.status_code == 304:
                    if cached is None:
                        raise FetchError("HTTP 304 for a page we have no copy of")
                    text, enc = decode_html(cached.body, _charset(cached.content_type), encoding, script)
                    return Page(url, url, text, enc, not_modified=True)
                if resp.status_code >= 400:
                    retried = p.retries if resp.status_code in RETRY_STATUSES else 0
                    kind = ServerTrouble if resp.status_code >= 500 else FetchError
                    raise kind(f"HTTP {resp.status_code}" + (f" after {retried} retries" if retried else ""))
                content_type = resp.headers.get("Content-Type", "")
                mime = content_type.split(";")[0].strip().lower()
                if mime and mime not in HTML_TYPES:
                    raise NotHTML(f"not an HTML page ({mime})")
                length = resp.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > p.max_bytes:
                    raise FetchError(f"page too large ({int(length):,} bytes; limit {p.max_bytes:,})")
                try:
                    body = _read_limited(resp, p.max_bytes)
                except requests.RequestException as exc:
                    raise ServerTrouble(_describe(exc, p)) from None
        finally:
            self._done(origin)  # the delay counts from the end of the answer, not its start
        if not mime and body.lstrip()[:1] != b"<":
            raise NotHTML("not an HTML page (no content type, not markup)")
        text, enc = decode_html(body, _charset(content_type), encoding, script)
        if self.cache:
            try:
                self.cache.save(url, resp.headers.get("ETag", ""), resp.headers.get("Last-Modified", ""), content_type, body)
            except OSError as exc:  # a cache we cannot write costs a refetch next run, never this page
                log.warning("cannot write the HTTP cache in %s: %s", self.cache.directory, exc)
        return Page(url, url, text, enc)

    def _count_failure(self, origin: str, exc: FetchError) -> None:
        """A host that keeps failing (5xx, timeouts) is left alone instead of costing retries per page."""
        if not isinstance(exc, ServerTrouble):
            return
        self._failures[origin] = self._failures.get(origin, 0) + 1
        if self._failures[origin] >= MAX_CONSECUTIVE_FAILURES:
            self._resting[origin] = (f"{MAX_CONSECUTIVE_FAILURES} pages in a row failed on this host "
                                     f"(last: {exc.reason}); host left alone for this run")


def crawl_delay(lines: list[str], agent: str = BOT_NAME) -> float:
    """The Crawl-delay for ``agent`` (its own group, else ``*``), decimals allowed.

    urllib.robotparser reads whole seconds only, and sites do write ``Crawl-delay: 0.5``.
    Capped at 60 s: a larger value is a site asking not to be crawled, which it can say
    with Disallow.
    """
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
        elif key:
            in_rules = True
            if key == "crawl-delay":
                try:
                    seconds = float(value)
                except ValueError:
                    continue
                for name in agents:
                    delays.setdefault(name, seconds)
    mine = next((v for k, v in delays.items() if k != "*" and k in agent.lower()), delays.get("*", 0.0))
    return min(max(mine, 0.0), 60.0)


def _charset(content_type: str) -> str:
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    return m.group(1) if m else ""


def _read_limited(resp: requests.Response, limit: int) -> bytes:
    """The body, or :class:`FetchError` as soon as it grows past ``limit`` (never read a huge page whole)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"page too large (more than {limit:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(exc: BaseException, p: Politeness) -> str:
    """A short human reason for a requests/urllib3 exception (they nest several levels deep)."""
    if isinstance(exc, FetchError):
        return exc.reason
    if isinstance(exc, RetryAfterTooLong):
        return f"server asks us to wait {exc.seconds:.0f} s"
    names = f"{type(exc).__name__} {exc}"  # requests' messages carry the nested urllib3 causes
    tries = f"{p.retries + 1} tries" if p.retries else "1 try"
    if "ReadTimeout" in names or "Read timed out" in names:
        return f"timed out: no answer within {p.read_timeout:g} s ({tries})"
    if "ConnectTimeout" in names:
        return f"timed out connecting (limit {p.connect_timeout:g} s, {tries})"
    if "Connection refused" in names or "ConnectionRefused" in names:
        return f"connection refused ({tries})"
    if "NameResolution" in names or "Name or service not known" in names:
        return "host name not found"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "connection broken while reading the page"
    if isinstance(exc, requests.ConnectionError):
        return f"connection failed ({tries})"
    return f"{type(exc).__name__}: {exc}"[:200]
