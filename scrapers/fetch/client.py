"""HTTP for the scrapers: polite, bounded, safe, and honest about what went wrong.

One :class:`Fetcher` holds one ``requests`` Session for a whole run (connection pooling)
and everything a polite crawler must remember between requests: robots.txt per origin,
the time of the last request per host, hosts that asked us to go away, and the
conditional-GET cache on disk, so a page that has not changed costs a 304 next run.

Failures never escape as library exceptions: :meth:`Fetcher.get` either returns a
:class:`Page` or raises a :class:`FetchError` whose ``kind`` and message are ready for
the report line ("skipped by robots: …", "failed: HTTP 500 after 3 retries", …).
Redirects and retries are done here, not in the HTTP library, so every hop and every
retry is throttled like any request, each hop is checked against robots.txt, and a loop
is named as a loop.

Pages come from strangers, and so do their redirects. Every hop (robots.txt included)
must be ``http``/``https`` to a public address: loopback, private, link-local (the cloud
metadata service at 169.254.169.254), shared, multicast, reserved and unspecified
addresses, and IPv6 forms wrapping them, are refused, both when the hop is checked and
again inside the connection, which opens its socket only to the address it has just
checked (so a name that changes its answer in between, DNS rebinding, gains nothing).
``user:password@`` is dropped from every URL, so it is never sent and never reported.
Each answer must be complete within ``Politeness.deadline`` however slowly it trickles.
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import json
import logging
import os
import socket
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as u3connection

from scrapers.core.decoding import charset_of, decode
from scrapers.core.files import atomic_write
from scrapers.core.results import Status
from scrapers.fetch.sources import Politeness

log = logging.getLogger(__name__)

#: Who we are, in every request: a product token robots.txt rules can name, and where to read about us.
BOT_NAME = "TICNewsArchiveBot"
USER_AGENT = f"{BOT_NAME}/0.1 (static archive of Chinese TIC news, tic-news-archive; one request at a time, obeys robots.txt)"
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".scrapers-cache" / "http"

HTML_TYPES = ("text/html", "application/xhtml+xml")
#: What a list may also be: the data behind a script-built list (JSON, XML), a feed, a sitemap.
#: Servers label such answers loosely (JSON as text/plain or JavaScript), so those count too.
LIST_TYPES = (
    *HTML_TYPES,
    "application/json",
    "text/json",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
)
#: Links with these endings are attachments, never article pages: skipped without a request.
ATTACHMENT_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".zip",
    ".rar",
    ".7z",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".mp4",
    ".wps",
    ".ofd",
    ".txt",
    ".csv",
)
RETRY_STATUSES = (429, 500, 502, 503, 504)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
#: RFC 9309: a crawler must parse at least the first 500 KiB of a robots.txt; we parse exactly those
ROBOTS_MAX_BYTES = 500 * 1024
#: RFC 9309: follow at least five redirects for robots.txt; after more, it counts as unavailable
ROBOTS_MAX_REDIRECTS = 5
#: server-side failures in a row after which a host is left alone for the rest of the run
MAX_CONSECUTIVE_FAILURES = 5
#: ``host:port,host:port``: the only non-public addresses the fetcher may reach (test servers, demos)
ALLOW_HOSTS_ENV = "SCRAPERS_ALLOW_HOSTS"


class FetchError(Exception):
    """A page we could not (or must not) use. ``kind`` heads the report line."""

    kind = Status.FAILED

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ServerTrouble(FetchError):
    """A failure on the server's side (5xx, timeout, broken connection): counts towards resting a host."""


class TooSlow(ServerTrouble):
    """An answer that did not complete within the deadline, however steadily it trickled."""


class SourceTimeUp(FetchError):
    """The source's own time (``source_deadline``) ran out before or during this request."""


class AddressRefused(FetchError):
    """A URL we must not request: another scheme than http(s), or a host that is not a public address."""


class Disallowed(FetchError):
    kind = Status.DISALLOWED


class NotHTML(FetchError):
    kind = Status.SKIPPED


@dataclass(frozen=True)
class Page:
    """A fetched HTML page, decoded. ``url`` is where it was found after redirects."""

    url: str
    requested: str
    text: str
    encoding: str
    not_modified: bool = False
    #: the answer's media type ("text/html", "application/json"…), lower case, without parameters
    content_type: str = ""


# --- URLs and addresses -----------------------------------------------------------------------

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT; ipaddress calls it neither private nor global
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_METADATA = ipaddress.ip_address("169.254.169.254")


def address_problem(address: str) -> str:
    """What makes an IP address unfit to fetch from ("a loopback address"…), or "" for a public one.

    Why so broad: a page can redirect us anywhere, and the machine running the scraper
    (a CI runner, a laptop) can reach services that must never see a request from a
    stranger's page: its own ports, the LAN, the cloud metadata service. IPv6 forms that
    carry an IPv4 address (``::ffff:127.0.0.1``, NAT64, 6to4) are judged by that address.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if inner is not None:
            problem = address_problem(str(inner))
            return f"{problem} (IPv4 {inner} inside IPv6)" if problem else ""
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip == _METADATA:
        return "a link-local address (the cloud metadata service)"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip in _SHARED:
        return "a shared address (carrier-grade NAT, 100.64.0.0/10)"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return ""


def parse_allowed_hosts(text: str | Iterable[str]) -> frozenset[tuple[str, int]]:
    """``"127.0.0.1:8000, [::1]:8001"`` → ``{("127.0.0.1", 8000), ("::1", 8001)}``; a port is required.

    Why host *and* port: the allowance exists for test servers and demos on this machine;
    naming the port keeps every other service on the same address out of reach.
    """
    items = text.replace(",", " ").split() if isinstance(text, str) else list(text)
    allowed: set[tuple[str, int]] = set()
    for item in items:
        host, _, port = item.strip().rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"{ALLOW_HOSTS_ENV}: {item!r} is not host:port")
        allowed.add((host.strip("[]").lower(), int(port)))
    return frozenset(allowed)


def without_userinfo(url: str) -> str:
    """The URL without ``user:password@``: credentials from a page are never sent, stored or reported."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _port(parts: Any) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


# --- the guarded connection -------------------------------------------------------------------


class _Guard:
    """What every connection of one Fetcher shares: the address rule, and the deadline watchdog.

    The watchdog exists because no socket timeout bounds a whole answer: a read timeout
    restarts with every byte, so a server sending one byte a second is never "timed out".
    When a deadline passes, the watchdog shuts the connections' sockets down, which ends
    whatever read is blocked on them, and no new connection is opened until it is re-armed.
    """

    def __init__(self, allow_hosts: Iterable[str] | None) -> None:
        self._fixed = None if allow_hosts is None else parse_allowed_hosts(allow_hosts)
        self.lock = threading.Lock()
        #: the sockets of answers being read (a connection drops its own when the server will close it)
        self.sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self.expired = False

    def allowed(self, host: str, port: int) -> bool:
        """Whether ``host:port`` is named in the allowance (the Fetcher's own, else the environment's)."""
        allowance = self._fixed
        if allowance is None:
            try:
                allowance = parse_allowed_hosts(os.environ.get(ALLOW_HOSTS_ENV, ""))
            except ValueError as exc:
                log.warning("%s; no host is allowed", exc)
                allowance = frozenset()
        return (host.strip("[]").lower(), port) in allowance

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses ``host`` resolves to, all of them checked; :class:`AddressRefused` if any is not public.

        One private address among public ones refuses the host: a name that points at
        the inside at all is not one we trust with the rest. An allowed ``host:port`` is
        resolved the same way, unchecked, so tests run the very code that production runs.
        """
        infos = socket.getaddrinfo(host, port, u3connection.allowed_gai_family(), socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if self.allowed(host, port):
            return addresses
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise AddressRefused(f"{address} is {problem} (only public addresses are fetched)")
        return addresses

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            sockets = list(self.sockets)
        for sock in sockets:
            try:  # the plain socket call: it ends a blocked read, TLS or not, without touching TLS state
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass


class _GuardedConnection(HTTPConnection):
    """A connection that connects only to addresses it has checked (see :class:`_Guard`)."""

    guard: _Guard

    def _new_conn(self) -> socket.socket:
        guard = self.guard
        if guard.expired:
            raise TooSlow("deadline passed")
        port = self.port or self.default_port
        try:
            addresses = guard.addresses(self._dns_host, port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        return self._connect_to(addresses, port)

    def getresponse(self) -> Any:  # urllib3's HTTPResponse
        """Note the socket (TLS-wrapped by now) while its answer is read, for the deadline watchdog."""
        if self.sock is not None:
            with self.guard.lock:
                self.guard.sockets.add(self.sock)
        return super().getresponse()

    def _connect_to(self, addresses: list[str], port: int) -> socket.socket:
        """Connect to the first of ``addresses`` that answers (urllib3's own errors, for the report)."""
        error: OSError | None = None
        for address in addresses:
            try:
                sock = u3connection.create_connection(
                    (address, port), self.timeout, source_address=self.source_address, socket_options=self.socket_options
                )
            except OSError as exc:
                error = exc
                continue
            sys.audit("http.client.connect", self, self.host, self.port)
            return sock
        if isinstance(error, TimeoutError):
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})")
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")


class _GuardedAdapter(HTTPAdapter):
    """requests' adapter with the guarded connections; no retries of its own (the Fetcher retries)."""

    def __init__(self, guard: _Guard) -> None:
        plain = type("GuardedHTTPConnection", (_GuardedConnection,), {"guard": guard})
        tls = type("GuardedHTTPSConnection", (_GuardedConnection, HTTPSConnection), {"guard": guard})
        self._pools = {
            "http": type("GuardedPool", (HTTPConnectionPool,), {"ConnectionCls": plain}),
            "https": type("GuardedTLSPool", (HTTPSConnectionPool,), {"ConnectionCls": tls}),
        }
        super().__init__(max_retries=0, pool_connections=8, pool_maxsize=4)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pools  # type: ignore[assignment]


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
        meta = {
            "url": url,
            "etag": etag,
            "last_modified": last_modified,
            "content_type": content_type,
            "sha256": hashlib.sha256(body).hexdigest(),
            "saved": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        # a cache only spares requests: no fsync (a torn entry fails its sha256 check and is refetched)
        atomic_write(body_path, body, sync=False)
        atomic_write(meta_path, json.dumps(meta, ensure_ascii=False, indent=1), sync=False)


# --- the fetcher ------------------------------------------------------------------------------


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def attachment_suffix(url: str) -> str:
    """The attachment file ending of a URL (".pdf"…), or "" for a page."""
    path = urlsplit(url).path.lower()
    return next((s for s in ATTACHMENT_SUFFIXES if path.endswith(s)), "")


@dataclass
class _Answer:
    """One HTTP answer, read within its deadline: the body only for a 2xx."""

    status: int
    headers: Mapping[str, str]
    body: bytes = b""
    #: retries it took (after 429/5xx answers or connection errors)
    retried: int = 0


class Fetcher:
    """One polite HTTP client for a whole run. Use as a context manager to close the Session.

    ``allow_hosts`` names the ``host:port`` pairs that may be reached although their
    address is not public (test servers on 127.0.0.1); ``None`` reads them from the
    ``SCRAPERS_ALLOW_HOSTS`` environment variable at each request. One request at a time:
    the deadline watchdog assumes it.
    """

    def __init__(
        self,
        cache: HttpCache | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        allow_hosts: Iterable[str] | None = None,
    ) -> None:
        self._guard = _Guard(allow_hosts)
        self.session = requests.Session()
        # Proxies and .netrc from the environment are not used: a proxy resolves names itself, out of
        # reach of the address check, and .netrc would hand credentials to whatever host a page names.
        self.session.trust_env = False
        adapter = _GuardedAdapter(self._guard)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                "Accept-Language": "zh-CN,zh;q=0.9",
            }
        )
        self.cache = cache
        self._clock = clock
        self._sleep = sleep
        self._policies: dict[str, Politeness] = {}
        self._robots: dict[str, tuple[RobotFileParser | None, str, bool]] = {}
        self._crawl_delays: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._resting: dict[str, str] = {}
        self._failures: dict[str, int] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.close()

    def clock(self) -> float:
        """The fetcher's clock (injectable), for deadlines measured on the same time as its waits."""
        return self._clock()

    # -- politeness -----------------------------------------------------------------------

    def _policy(self, origin: str, p: Politeness) -> Politeness:
        """The politeness of the first source that used an origin: one host, one set of manners."""
        return self._policies.setdefault(origin, p)

    def _throttle(self, origin: str, delay: float) -> None:
        last = self._last.get(origin)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _done(self, origin: str) -> None:
        self._last[origin] = self._clock()

    def _robots_for(
        self, origin: str, p: Politeness, until: float | None, source_limit: float
    ) -> tuple[RobotFileParser | None, str, bool]:
        """robots.txt of an origin, read once per run: ``(parser, url, False)``, or
        ``(None, reason, unreachable)`` when everything is off limits.

        A robots.txt answering 401/403/5xx closes the site (RFC 9309 and urllib.robotparser
        agree on being careful); one that cannot be reached at all is reported as the
        failure it is rather than as a robots refusal. Its redirects are followed here (up
        to five, each checked and throttled like a page's); only its first 500 KiB are read.
        """
        if origin in self._robots:
            return self._robots[origin]
        url = origin + "/robots.txt"
        result: tuple[RobotFileParser | None, str, bool]
        try:
            answer = self._read_robots(url, p, until, source_limit)
        except SourceTimeUp:
            raise  # says nothing about the site: robots.txt is read again by the next source that needs it
        except FetchError as exc:
            result = (None, f"{exc.reason}; {url} could not be read", True)
        else:
            result = self._robots_rules(origin, url, answer)
        self._robots[origin] = result
        return result

    def _read_robots(self, url: str, p: Politeness, until: float | None, source_limit: float) -> _Answer:
        """robots.txt's answer, its redirects followed (up to five, each checked and throttled like a
        page's); a 404 after more redirects than RFC 9309 asks us to follow."""
        current = url
        for _ in range(ROBOTS_MAX_REDIRECTS + 1):
            self._check(current)
            here = _origin(current)
            answer = self._exchange(
                current, here, p.delay, self._policy(here, p), ROBOTS_MAX_BYTES, until, source_limit, truncate=True
            )
            location = answer.headers.get("Location")
            if answer.status not in REDIRECT_STATUSES or not location:
                return answer
            current = without_userinfo(urljoin(current, location))
        return _Answer(404, {})

    def _robots_rules(self, origin: str, url: str, answer: _Answer) -> tuple[RobotFileParser | None, str, bool]:
        """The rules of a robots.txt answer: parsed (200), off limits (401, 403, 5xx), or none (else)."""
        parser = RobotFileParser(url)
        status = answer.status
        if status in (401, 403) or status >= 500:
            return None, f"{url} answered HTTP {status}, so the site is treated as off limits", False
        if status != 200:  # no robots.txt: everything is allowed
            parser.parse([])
            return parser, url, False
        body = answer.body
        if len(body) >= ROBOTS_MAX_BYTES:  # cut: keep whole lines only
            body = body[: body.rfind(b"\n") + 1]
        lines = body.decode("utf-8", errors="replace").splitlines()
        parser.parse(lines)
        self._crawl_delays[origin] = crawl_delay(lines)
        return parser, url, False

    def allowed(self, url: str, p: Politeness, until: float | None = None) -> tuple[bool, str, float]:
        """Whether robots.txt lets us fetch ``url``, why not, and the delay to keep for its host.

        Raises :class:`FetchError` when the host cannot be reached at all.
        """
        origin = _origin(url)
        parser, why, unreachable = self._robots_for(origin, p, until, p.source_deadline)
        if unreachable:
            raise FetchError(why)
        if parser is None:
            return False, why, p.delay
        delay = max(p.delay, self._crawl_delays.get(origin, 0.0))
        if not parser.can_fetch(BOT_NAME, url):
            return False, f"{urlsplit(url).path or '/'} is disallowed by {why}", delay
        return True, "", delay

    # -- fetching -------------------------------------------------------------------------

    def _check(self, url: str) -> None:
        """Refuse a URL before any request: another scheme than http(s), or a host that is not public.

        The connection checks the address again when it opens its socket (see :class:`_Guard`);
        this first check gives the refusal its URL and spares the robots.txt request.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise AddressRefused(f"refused {url}: only http and https URLs are fetched")
        try:
            port = _port(parts)
        except ValueError:
            raise AddressRefused(f"refused {url}: not a valid port") from None
        if not parts.hostname:
            raise AddressRefused(f"refused {url}: no host name")
        try:
            self._guard.addresses(parts.hostname, port)
        except AddressRefused as exc:
            raise AddressRefused(f"refused {url}: {exc.reason}") from None
        except (OSError, UnicodeError):  # unresolvable: the request reports it as the failure it is
            return

    def get(
        self,
        url: str,
        p: Politeness,
        *,
        encoding: str = "",
        script: str = "simplified",
        until: float | None = None,
        kinds: tuple[str, ...] = HTML_TYPES,
    ) -> Page:
        """Fetch one HTML page politely; raise :class:`FetchError` with a report-ready reason.

        ``until`` (on :meth:`clock`) is when the source's time runs out: no request starts
        after it, and none runs past it. ``kinds`` are the media types accepted: HTML for an
        item page, :data:`LIST_TYPES` for a list, which may be JSON, XML, a feed or a sitemap.
        """
        suffix = attachment_suffix(url)
        if suffix:
            raise NotHTML(f"attachment ({suffix}), not an article page")
        url = without_userinfo(url)
        hops = [url]
        for _ in range(p.max_redirects + 1):
            target = self._polite_hop(hops[-1], p, encoding, script, until, kinds)
            if isinstance(target, Page):
                return replace(target, requested=url)
            hops.append(_next_hop(hops, without_userinfo(target)))
        raise FetchError(f"more than {p.max_redirects} redirects")

    def _polite_hop(
        self, url: str, p: Politeness, encoding: str, script: str, until: float | None, kinds: tuple[str, ...]
    ) -> Page | str:
        """One hop of :meth:`get`: the address and robots.txt checked, the host's rest and failures
        kept, then the request (:meth:`_hop`). The page, or where a redirect points."""
        self._check(url)
        origin = _origin(url)
        p_here = self._policy(origin, p)
        if origin in self._resting:
            raise FetchError(self._resting[origin])
        ok, why, delay = self.allowed(url, p_here, until)
        if not ok:
            log.info("skipped by robots: %s (%s)", url, why)
            raise Disallowed(why)
        try:
            target = self._hop(url, origin, delay, p_here, encoding, script, until, p.source_deadline, kinds)
        except FetchError as exc:
            self._count_failure(origin, exc)
            raise
        if isinstance(target, Page):
            self._failures[origin] = 0
        return target

    def _hop(
        self,
        url: str,
        origin: str,
        delay: float,
        p: Politeness,
        encoding: str,
        script: str,
        until: float | None,
        source_limit: float,
        kinds: tuple[str, ...] = HTML_TYPES,
    ) -> Page | str:
        """One request (with its retries): the page, or the URL a redirect points to."""
        cached = self.cache.load(url) if self.cache else None
        accept = _acceptor(kinds, p.max_bytes)
        answer = self._exchange(
            url, origin, delay, p, p.max_bytes, until, source_limit, headers=_validators(cached), accept=accept
        )
        status = answer.status
        if status in REDIRECT_STATUSES and answer.headers.get("Location"):
            return urljoin(url, answer.headers["Location"])
        if status == 304:
            if cached is None:
                raise FetchError("HTTP 304 for a page we have no copy of")
            text, enc = decode(cached.body, charset_of(cached.content_type), encoding, script)
            return Page(url, url, text, enc, not_modified=True, content_type=_mime(cached.content_type))
        if status >= 400 or not 200 <= status < 300:
            kind = ServerTrouble if status >= 500 else FetchError
            raise kind(f"HTTP {status}" + (f" after {answer.retried} retries" if answer.retried else ""))
        content_type = answer.headers.get("Content-Type", "")
        _check_markup(answer.body, content_type, kinds)
        text, enc = decode(answer.body, charset_of(content_type), encoding, script)
        self._keep(url, answer, content_type)
        return Page(url, url, text, enc, content_type=_mime(content_type))

    def _keep(self, url: str, answer: _Answer, content_type: str) -> None:
        """Save an answer in the conditional-GET cache; a cache we cannot write costs a refetch next
        run, never this page."""
        if not self.cache:
            return
        try:
            self.cache.save(
                url, answer.headers.get("ETag", ""), answer.headers.get("Last-Modified", ""), content_type, answer.body
            )
        except OSError as exc:
            log.warning("cannot write the HTTP cache in %s: %s", self.cache.directory, exc)

    def _exchange(
        self,
        url: str,
        origin: str,
        delay: float,
        p: Politeness,
        limit: int,
        until: float | None,
        source_limit: float,
        *,
        headers: Mapping[str, str] | None = None,
        accept: Callable[[requests.Response], None] | None = None,
        truncate: bool = False,
    ) -> _Answer:
        """One request with its retries, every attempt throttled like any request and held to the deadline.

        Retries follow a 429/5xx answer or a connection failure, after the host's delay or
        the back-off (``backoff`` × 2ⁿ), whichever is longer, or after ``Retry-After`` when
        the server gives one; a server asking for more than ``max_retry_after`` is left
        alone for the run. The last answer is returned, whatever its status.
        """
        tries = p.retries + 1
        wait = 0.0
        for attempt in range(1, tries + 1):
            if until is not None and self._clock() >= until:  # no point waiting for a request we will not make
                raise SourceTimeUp(f"source time limit of {source_limit:g} s reached")
            self._throttle(origin, max(delay, wait))
            try:
                answer = self._attempt(url, p, limit, until, source_limit, headers, accept, truncate)
            except AddressRefused as exc:
                raise AddressRefused(
                    exc.reason if exc.reason.startswith("refused ") else f"refused {url}: {exc.reason}"
                ) from None
            except requests.RequestException as exc:
                retryable = isinstance(exc, requests.ConnectionError | requests.Timeout) and not isinstance(
                    exc, requests.exceptions.SSLError
                )
                if retryable and attempt < tries:
                    wait = _backoff(p, attempt)
                    continue
                tried = attempt if retryable else 1
                raise (ServerTrouble if retryable else FetchError)(_describe(exc, p, tried)) from None
            finally:
                self._done(origin)  # the delay counts from the end of the answer, not its start
            answer.retried = attempt - 1
            if answer.status not in RETRY_STATUSES or attempt == tries:
                return answer
            wait = self._retry_wait(answer, attempt, origin, p)
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _retry_wait(self, answer: _Answer, attempt: int, origin: str, p: Politeness) -> float:
        """How long to wait before retrying a 429/5xx answer: ``Retry-After`` when the server gives
        one, else the back-off. A server asking for more than ``max_retry_after`` is left alone."""
        retry_after = _retry_after(answer.headers.get("Retry-After", ""))
        if retry_after is None:
            return _backoff(p, attempt)
        if retry_after > p.max_retry_after:
            reason = (
                f"HTTP {answer.status} and the server asks us to wait {retry_after:.0f} s "
                f"(more than {p.max_retry_after:.0f} s); host left alone for this run"
            )
            self._resting[origin] = reason
            raise FetchError(reason)
        return retry_after

    def _attempt(
        self,
        url: str,
        p: Politeness,
        limit: int,
        until: float | None,
        source_limit: float,
        headers: Mapping[str, str] | None,
        accept: Callable[[requests.Response], None] | None,
        truncate: bool,
    ) -> _Answer:
        """One request and its body, within the deadline (or what is left of the source's time)."""
        budget, by_source = p.deadline, False
        if until is not None:
            left = until - self._clock()
            if left <= 0:
                raise SourceTimeUp(f"source time limit of {source_limit:g} s reached")
            if left < budget:
                budget, by_source = left, True
        failure: BaseException | None = None
        answer = _Answer(0, {})
        with self._deadline(budget) as guard:
            try:
                resp = self.session.get(
                    url,
                    headers=dict(headers or {}),
                    stream=True,
                    allow_redirects=False,
                    timeout=(p.connect_timeout, p.read_timeout),
                )
                with resp:
                    answer = _Answer(resp.status_code, resp.headers)
                    if 200 <= resp.status_code < 300:
                        if accept is not None:
                            accept(resp)
                        answer.body = _read_limited(resp, limit, truncate)
            except (requests.RequestException, FetchError) as exc:
                failure = exc
        if guard.expired:
            if by_source:
                raise SourceTimeUp(f"source time limit of {source_limit:g} s reached")
            raise TooSlow(f"too slow: no complete answer within {p.deadline:g} s")
        if failure is not None:
            raise failure
        return answer

    @contextmanager
    def _deadline(self, seconds: float) -> Iterator[_Guard]:
        """Arm the watchdog for one request; after the block, ``guard.expired`` says whether it fired."""
        guard = self._guard
        guard.expired = False
        timer = threading.Timer(max(seconds, 0.0), guard.expire)
        timer.daemon = True
        timer.start()
        try:
            yield guard
        finally:
            timer.cancel()
            timer.join()  # once joined, ``expired`` can no longer change under us

    def _count_failure(self, origin: str, exc: FetchError) -> None:
        """A host that keeps failing (5xx, timeouts) is left alone instead of costing retries per page."""
        if not isinstance(exc, ServerTrouble):
            return
        self._failures[origin] = self._failures.get(origin, 0) + 1
        if self._failures[origin] >= MAX_CONSECUTIVE_FAILURES:
            self._resting[origin] = (
                f"{MAX_CONSECUTIVE_FAILURES} pages in a row failed on this host "
                f"(last: {exc.reason}); host left alone for this run"
            )


def _next_hop(hops: list[str], target: str) -> str:
    """The URL a redirect points to, unless it was visited already (a loop, named as one)."""
    if target in hops:
        loop = " → ".join(urlsplit(u).path or "/" for u in [*hops[hops.index(target) :], target])
        raise FetchError(f"redirect loop: {loop}")
    return target


def _validators(cached: CacheEntry | None) -> dict[str, str]:
    """The conditional-GET headers for a page we have a copy of (a 304 then costs no body)."""
    headers = {}
    if cached and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers


def _what(kinds: tuple[str, ...]) -> str:
    return "an HTML page" if kinds == HTML_TYPES else "a list, feed or data page"


def _acceptor(kinds: tuple[str, ...], max_bytes: int) -> Callable[[requests.Response], None]:
    """A check of an answer's head: refuse what is not of ``kinds``, or too large, before reading a byte of it."""

    def accept(resp: requests.Response) -> None:
        mime = _mime(resp.headers.get("Content-Type", ""))
        if mime and mime not in kinds:
            raise NotHTML(f"not {_what(kinds)} ({mime})")
        length = resp.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(f"page too large ({int(length):,} bytes; limit {max_bytes:,})")

    return accept


def _check_markup(body: bytes, content_type: str, kinds: tuple[str, ...]) -> None:
    """An answer without a content type must at least look like markup (or JSON, for a list)."""
    starts = (b"<", *((b"{", b"[") if kinds != HTML_TYPES else ()))
    if not _mime(content_type) and body.lstrip()[:1] not in starts:
        raise NotHTML(f"not {_what(kinds)} (no content type, not markup)")


def _backoff(p: Politeness, attempt: int) -> float:
    """The wait before retry ``attempt`` + 1 when the server names none: ``backoff`` × 2ⁿ, at most 8×."""
    return min(p.backoff * 2 ** (attempt - 1), p.backoff * 8)


def _retry_after(value: str) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), or None."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


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


def _mime(content_type: str) -> str:
    """``"text/html; charset=gbk"`` → ``"text/html"``."""
    return (content_type or "").split(";")[0].strip().lower()


def _read_limited(resp: requests.Response, limit: int, truncate: bool = False) -> bytes:
    """The body, or :class:`FetchError` as soon as it grows past ``limit`` (never read a huge page whole).

    With ``truncate``, the first ``limit`` bytes instead (robots.txt: RFC 9309 reads the start of a big one).
    """
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(64 * 1024):
        size += len(chunk)
        chunks.append(chunk)
        if size > limit:
            if truncate:
                return b"".join(chunks)[:limit]
            raise FetchError(f"page too large (more than {limit:,} bytes)")
    return b"".join(chunks)


def _describe(exc: BaseException, p: Politeness, tried: int) -> str:
    """A short human reason for a requests/urllib3 exception (they nest several levels deep)."""
    if isinstance(exc, FetchError):
        return exc.reason
    names = f"{type(exc).__name__} {exc}"  # requests' messages carry the nested urllib3 causes
    tries = f"{tried} tries" if tried > 1 else "1 try"
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
