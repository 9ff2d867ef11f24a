"""A notice's attachments (PDF, Word, Excel): found in its page, downloaded within limits, kept with it.

Policy notices (政策公告) usually carry their substance in attached files: the 通知 itself
as a PDF, an application form as a Word document, a list of institutions as an Excel
sheet. The fetcher skips such links as pages (they are not articles); this module takes
them as what they are, for the article whose page links them:

- :func:`find_links`: the ``<a href>`` of the page (the part the extractor kept, or the
  whole page) that end in ``.pdf``, ``.doc``, ``.docx``, ``.xls`` or ``.xlsx``, resolved,
  ``http(s)`` only, each once, with the link's text as its label;
- :func:`download`: each through the project's fetcher (:func:`fetch_bytes`: robots.txt,
  the host's delay, retries, deadlines, the public-address guard at connect time), at most
  :data:`MAX_FILES` files of at most :data:`MAX_BYTES` each and :data:`MAX_TOTAL` in all; a
  file must be what its ending says (a PDF starts with ``%PDF-``, a DOCX is a ZIP holding
  ``word/``…): a server's HTML error page saved as ``notice.pdf`` is refused;
- stored as ``content/attachments/<slug>/<name>``, the name from the URL's own file name
  when that is plain ASCII (``P020240301_notice.pdf``), else ``attachment-N.pdf``, so the
  address stays plain (the content check insists on such names);
- :func:`markdown`: the list put under the text, which the site renders as links with type
  and size, the same form an editor writes by hand::

      附件：

      - [关于公布2023年度能力验证结果的公告]({static}/attachments/2024-03-01-1a2b3c4d/P020240301_notice.pdf)（PDF，1.2 MB）

:func:`attach` does all of it for one article and is the one call the crawler needs.
Downloads are not written in a dry run; a file already stored with the same bytes is left
as it is.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from scrapers.core.article import Article

if TYPE_CHECKING:
    from scrapers.fetch.client import Fetcher
    from scrapers.fetch.sources import Politeness

#: Ending → (what the list calls it, how its first bytes look).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
KINDS: dict[str, tuple[str, bytes]] = {
    ".pdf": ("PDF", b"%PDF-"),
    ".doc": ("Word", _OLE),
    ".docx": ("Word", b"PK\x03\x04"),
    ".xls": ("Excel", _OLE),
    ".xlsx": ("Excel", b"PK\x03\x04"),
}
#: What a DOCX or XLSX (a ZIP) must hold to be one.
_ZIP_PART = {".docx": "word/", ".xlsx": "xl/"}
MAX_BYTES = 20 * 1024 * 1024
MAX_TOTAL = 50 * 1024 * 1024
MAX_FILES = 10
HEADING = "附件："
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|])")


@dataclass(frozen=True)
class Link:
    """An attachment linked from a page."""

    url: str
    label: str
    suffix: str


@dataclass(frozen=True)
class Stored:
    """An attachment kept with its article: where (relative to ``content/``), how big, what kind."""

    link: Link
    path: str
    size: int

    @property
    def kind(self) -> str:
        return KINDS[self.link.suffix][0]


@dataclass(frozen=True)
class Refused:
    link: Link
    reason: str

    def __str__(self) -> str:
        return f"attachment not kept: {self.link.url}: {self.reason}"


def suffix_of(url: str) -> str:
    path = unquote(urlsplit(url).path).lower()
    return next((s for s in KINDS if path.endswith(s)), "")


def _text_block(soup: BeautifulSoup) -> Tag | None:
    """The element holding most of the page's paragraph text: the article, as opposed to the chrome."""
    scores: dict[int, tuple[Tag, int]] = {}
    for el in soup.find_all(["p", "div", "td"]):
        own = len("".join(t for t in el.find_all(string=True, recursive=False)).strip())
        parent = el.parent
        if own >= 20 and isinstance(parent, Tag):
            tag, score = scores.get(id(parent), (parent, 0))
            scores[id(parent)] = (tag, score + own)
    return max(scores.values(), key=lambda item: item[1])[0] if scores else None


def find_links(html: str, page_url: str, scope: str = "") -> list[Link]:
    """The notice's links to PDF, Word and Excel files, resolved, in order, each once.

    Only links that belong to the article count, not a sidebar's other notices: those in
    ``scope`` (a CSS selector, such as the source's body selector) when given, else those
    in the block holding the page's text or right after it (its parent: the attachment list
    usually follows the text), else those whose text or line says 附件.
    """
    if not html.strip():
        return []
    soup = BeautifulSoup(html, "lxml")
    anchors: list[Tag] = []
    if scope:
        try:
            anchors = [a for el in soup.select(scope) for a in el.find_all("a")]
        except Exception:  # a selector that does not compile: find the text instead
            anchors = []
    if not anchors:
        block = _text_block(soup)
        area = block.parent if block is not None and isinstance(block.parent, Tag) else block
        anchors = area.find_all("a") if area is not None else []
    if not any(suffix_of(urljoin(page_url, str(a.get("href") or ""))) for a in anchors):
        anchors = [
            a
            for a in soup.find_all("a")
            if "附件" in a.get_text() or (isinstance(a.parent, Tag) and "附件" in a.parent.get_text()[:40])
        ]
    found: dict[str, Link] = {}
    for a in anchors:
        href = str(a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(page_url, href)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
            continue
        suffix = suffix_of(url)
        if not suffix or url in found:
            continue
        label = " ".join(a.get_text().split()) or PurePosixPath(unquote(parts.path)).name
        found[url] = Link(url, label[:200], suffix)
    return list(found.values())


def file_name(link: Link, taken: set[str], number: int) -> str:
    """A plain ASCII file name for ``link`` in its article's folder, unique among ``taken``."""
    own = PurePosixPath(unquote(urlsplit(link.url).path)).name
    stem = own[: -len(link.suffix)] if own.lower().endswith(link.suffix) else own
    name = f"{stem}{link.suffix}" if _SAFE_NAME.match(f"{stem}{link.suffix}") else f"attachment-{number}{link.suffix}"
    base, n = name[: -len(link.suffix)], 2
    while name.lower() in taken:
        name, n = f"{base}-{n}{link.suffix}", n + 1
    taken.add(name.lower())
    return name


def looks_like(data: bytes, suffix: str) -> str:
    """Why ``data`` is not a file of kind ``suffix`` ("" when it is)."""
    kind, magic = KINDS[suffix]
    if not data.startswith(magic):
        head = data[:200].lstrip().lower()
        what = "an HTML page" if head.startswith((b"<!doctype", b"<html", b"<")) else "something else"
        return f"not a {kind} file ({what})"
    if suffix in _ZIP_PART:
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return f"not a {kind} file (a broken ZIP)"
        if not any(n.startswith(_ZIP_PART[suffix]) for n in names):
            return f"not a {kind} file (a ZIP without {_ZIP_PART[suffix]})"
    return ""


def human_size(size: int) -> str:
    """``1.2 MB``, ``356 KB``, ``980 B`` (1 KB = 1024 B, as file managers count)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


#: ``get(url, limit) -> (bytes, content type)``; raises an exception with a short reason.
GetBytes = Callable[[str, int], tuple[bytes, str]]


def download(
    links: Iterable[Link],
    slug: str,
    content_root: Path,
    get: GetBytes,
    *,
    write: bool = True,
    max_bytes: int = MAX_BYTES,
    max_total: int = MAX_TOTAL,
    max_files: int = MAX_FILES,
) -> tuple[list[Stored], list[Refused]]:
    """Download and store ``links`` for the article ``slug``; returns what was kept and what was not."""
    from scrapers.store import StoreError, atomic_write_bytes

    stored: list[Stored] = []
    refused: list[Refused] = []
    total = 0
    taken: set[str] = set()
    folder = content_root / "attachments" / slug
    for number, link in enumerate(links, start=1):
        if len(stored) >= max_files:
            refused.append(Refused(link, f"more than {max_files} attachments on one page"))
            continue
        limit = min(max_bytes, max_total - total)
        if limit <= 0:
            refused.append(Refused(link, f"the page's attachments exceed {human_size(max_total)} in all"))
            continue
        try:
            data, _content_type = get(link.url, limit)
        except Exception as exc:  # a fetch failure of any kind costs this file, never the article
            refused.append(Refused(link, getattr(exc, "reason", None) or str(exc) or type(exc).__name__))
            continue
        if len(data) > limit:
            refused.append(Refused(link, f"larger than the limit of {human_size(limit)}"))
            continue
        if why := looks_like(data, link.suffix):
            refused.append(Refused(link, why))
            continue
        name = file_name(link, taken, number)
        path = folder / name
        try:
            if write and not (path.is_file() and not path.is_symlink() and path.read_bytes() == data):
                atomic_write_bytes(path, data)
        except (OSError, StoreError) as exc:
            refused.append(Refused(link, f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}"))
            continue
        total += len(data)
        stored.append(Stored(link, f"attachments/{slug}/{name}", len(data)))
    return stored, refused


def _label(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split())) or "附件"


def markdown(stored: Iterable[Stored]) -> str:
    """The list under the text: each file linked (a {static} path), with its kind and size."""
    items = [f"- [{_label(s.link.label)}]({{static}}/{s.path})（{s.kind}，{human_size(s.size)}）" for s in stored]
    return f"{HEADING}\n\n" + "\n".join(items) if items else ""


def with_attachments(article: Article, stored: list[Stored]) -> Article:
    """``article`` with the attachment list under its text (replacing a list this module wrote before)."""
    block = markdown(stored)
    body = article.body
    at = body.rfind(f"\n\n{HEADING}\n\n- [")
    if at != -1 and all(line.startswith("- [") for line in body[at:].strip().splitlines()[2:]):
        body = body[:at]
    return replace(article, body=f"{body.rstrip()}\n\n{block}" if block else body)


def fetch_bytes(fetcher: Fetcher, politeness: Politeness, until: float | None = None) -> GetBytes:
    """``get`` for :func:`download` through the project's fetcher, with all its manners and guards.

    The fetcher's page request refuses attachments by design, so this drives the same
    steps for one file: the address check, robots.txt, the host's delay and retries, the
    deadline, the size limit (stopping as soon as the body grows past it) and redirects,
    each hop checked again. ``until`` (on the fetcher's clock) is the source's time limit,
    as for its pages.
    """
    from scrapers.fetch.client import REDIRECT_STATUSES, FetchError, _origin, without_userinfo

    def get(url: str, limit: int) -> tuple[bytes, str]:
        current = without_userinfo(url)
        for _ in range(politeness.max_redirects + 1):
            fetcher._check(current)
            origin = _origin(current)
            p = fetcher._policy(origin, politeness)
            ok, why, delay = fetcher.allowed(current, p, until)
            if not ok:
                raise FetchError(f"skipped by robots: {why}")

            def accept(resp: object) -> None:
                length = getattr(resp, "headers", {}).get("Content-Length", "")
                if length.isdigit() and int(length) > limit:
                    raise FetchError(f"larger than the limit of {human_size(limit)} ({human_size(int(length))})")

            try:
                answer = fetcher._exchange(current, origin, delay, p, limit, until, p.source_deadline, accept=accept)
            except FetchError as exc:
                if exc.reason.startswith("page too large"):
                    raise FetchError(f"larger than the limit of {human_size(limit)}") from None
                raise
            location = answer.headers.get("Location")
            if answer.status in REDIRECT_STATUSES and location:
                current = without_userinfo(urljoin(current, location))
                continue
            if not 200 <= answer.status < 300:
                raise FetchError(f"HTTP {answer.status}")
            return answer.body, answer.headers.get("Content-Type", "")
        raise FetchError(f"more than {politeness.max_redirects} redirects")

    return get


def attach(
    article: Article, html: str, page_url: str, get: GetBytes, content_root: Path, *, write: bool = True, scope: str = ""
) -> tuple[Article, list[str]]:
    """Find, download and list the attachments of ``article``'s page; returns it and one report line per file.

    ``content_root`` is the folder holding ``articles/`` (``content/``); files go to
    ``attachments/<slug>/`` in it. An article without attachment links comes back unchanged.
    """
    links = find_links(html, page_url, scope)
    if not links:
        return article, []
    stored, refused = download(links, article.slug, content_root, get, write=write)
    lines = [f"attachment {s.path} ({s.kind}, {human_size(s.size)})" for s in stored] + [str(r) for r in refused]
    return with_attachments(article, stored), lines
