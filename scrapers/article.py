"""The article format: one dataclass, its Markdown form, and the field rules.

Everything that reads or writes ``content/articles/*.md`` goes through this module:
the normaliser renders with it, the site's validation and ``invoke check`` parse with
it, so a rule changes in one place and the three never disagree.

The on-disk form is Pelican's Markdown metadata block (``Key: value`` lines, a blank
line, then the body). Field order is fixed so that re-rendering is byte-stable.

Lines are what Pelican and an editor's editor count: broken at ``\n`` only. Control and
invisible characters follow the one rule of :mod:`scrapers.normalise.controls`: the writer
never writes them, the parser reads them the way the writer would have written them (so
``parse(render(a)).render() == render(a)`` for every article) and records where they were,
so :func:`problems` names the line and the scraper treats such a file as an editor's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from .normalise.controls import describe, find_controls, normalise_controls, one_line

#: The six categories, with the fixed ASCII URL slug of each.
CATEGORY_SLUGS: dict[str, str] = {
    "协会动态": "associations",
    "联盟合作": "alliances",
    "开放日": "open-days",
    "世界认可日": "accreditation-day",
    "政策公告": "policy",
    "行业动态": "industry",
}
CATEGORY_BY_SLUG: dict[str, str] = {v: k for k, v in CATEGORY_SLUGS.items()}

#: Region value for national bodies and nationwide campaigns.
NATIONAL = "全国"

#: Metadata keys in the order they are written. ``Review`` appears only when set.
FIELD_ORDER: tuple[str, ...] = (
    "Title",
    "Date",
    "Category",
    "Tags",
    "Region",
    "City",
    "Source",
    "Source_URL",
    "Mirrors",
    "Authors",
    "Summary",
    "Slug",
    "Review",
    "Scraper_Hash",
)
REQUIRED_FIELDS: tuple[str, ...] = ("Title", "Date", "Category", "Region", "Slug")
#: Fields holding lists, written comma-separated on one line.
LIST_FIELDS: frozenset[str] = frozenset({"Tags", "Mirrors", "Authors"})

#: ASCII digits only and nothing after (``$`` would allow a final newline): a slug becomes a file name.
SLUG_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{8}\Z")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$")
_META_RE = re.compile(r"^([A-Za-z][A-Za-z_]*):\s?(.*)$")


class ArticleFormatError(ValueError):
    """A Markdown article that cannot be parsed; carries the line to point an editor at."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Article:
    """One news item as stored in ``content/articles/``."""

    title: str
    date: str
    category: str
    region: str
    slug: str
    body: str
    tags: tuple[str, ...] = ()
    city: str = ""
    source: str = ""
    source_url: str = ""
    mirrors: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    summary: str = ""
    review: str = ""
    scraper_hash: str = ""
    #: 1-based line number of each metadata key in the parsed file (empty when built in code).
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    #: ``(line, field, characters)`` for each line of the parsed file that held control or
    #: invisible characters (which the parser dropped, as the writer would have).
    hidden: tuple[tuple[int, str, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def category_slug(self) -> str:
        return CATEGORY_SLUGS.get(self.category, "")

    def metadata(self) -> dict[str, str]:
        """The metadata block as ordered ``key -> rendered value`` (empty values omitted)."""
        values: dict[str, str | tuple[str, ...]] = {
            "Title": self.title,
            "Date": self.date,
            "Category": self.category,
            "Tags": self.tags,
            "Region": self.region,
            "City": self.city,
            "Source": self.source,
            "Source_URL": self.source_url,
            "Mirrors": self.mirrors,
            "Authors": self.authors,
            "Summary": self.summary,
            "Slug": self.slug,
            "Review": self.review,
            "Scraper_Hash": self.scraper_hash,
        }
        out: dict[str, str] = {}
        for key in FIELD_ORDER:
            value = values[key]
            if isinstance(value, tuple):
                # Each item as the parser will read it back: a URL with its separators
                # percent-encoded, a tag or name split where it holds a separator.
                items = ([_list_safe_url(v) for v in value] if key == "Mirrors"
                         else [p for v in value for p in _split_list(one_line(v))])
                value = ", ".join(i for i in items if i)
            text = one_line(value)
            if text:
                out[key] = text
        return out

    def render(self) -> str:
        """The file text: metadata lines, a blank line, the body, a final newline."""
        head = "".join(f"{k}: {v}\n" for k, v in self.metadata().items())
        return f"{head}\n{normalise_controls(self.body).strip()}\n"

    def content_hash(self) -> str:
        """Hash of everything but ``Scraper_Hash`` itself: tells whether an editor changed it."""
        return hashlib.sha256(replace(self, scraper_hash="").render().encode("utf-8")).hexdigest()[:16]

    def with_scraper_hash(self) -> Article:
        return replace(self, scraper_hash=self.content_hash())


_LIST_SEPARATORS = ",，、;；"
#: What must not appear raw in one URL of a list: whitespace and the list separators.
_URL_UNSAFE = re.compile(f"[\\s{_LIST_SEPARATORS}]")


def _split_list(value: str) -> tuple[str, ...]:
    parts = re.split(f"[{_LIST_SEPARATORS}]", value)
    return tuple(p.strip() for p in parts if p.strip())


def _list_safe_url(url: str) -> str:
    """A URL as one item of a list: whitespace and separators percent-encoded (``,`` → ``%2C``)."""
    return _URL_UNSAFE.sub(lambda m: quote(m.group(), safe=""), one_line(url))


def clean_url(url: str) -> str:
    """``url`` as an http(s) address fit for a field, or ``""`` when it is not one.

    Only ``http`` and ``https`` with a host are addresses (``javascript:``, ``data:``,
    ``file:``, relative and scheme-relative URLs are not); a ``user:password@`` is dropped
    (it would publish a credential); scheme and host are lower-cased; whitespace and list
    separators are percent-encoded so that the URL survives a ``Mirrors`` line.
    """
    url = one_line(url)
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:  # a bad port or bracketed host
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return _list_safe_url(urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment)))


def url_problem(url: str) -> str | None:
    """Why ``url`` may not stand in ``Source_URL`` or ``Mirrors``, or ``None``."""
    if not clean_url(url):
        return f"{url!r} is not an http or https address: only http:// and https:// links are allowed"
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = None
    if parts is not None and (parts.username is not None or parts.password is not None):
        return f"{url!r} contains a user name or password: remove the part before '@'"
    return None


def split_rows(text: str) -> list[str]:
    """The lines of a file as Pelican and editors count them: broken at ``\n`` only."""
    return re.sub("\r\n?", "\n", text).split("\n")


def _controls_in(row: str) -> str:
    return "".join(dict.fromkeys(ch for _, ch in find_controls(row)))


def parse(text: str) -> Article:
    """Parse an article file's text. Raises :class:`ArticleFormatError` with a line number.

    Only the shape is checked here (a metadata block, known keys, no repeats); whether
    the values are valid is :func:`problems`' job, so an editor gets every finding at once.
    """
    meta: dict[str, str] = {}
    lines: dict[str, int] = {}
    hidden: list[tuple[int, str, str]] = []
    known = {k.lower(): k for k in FIELD_ORDER}
    rows = split_rows(text.removeprefix("\ufeff"))  # Pelican drops a leading BOM too
    body_start = len(rows)
    for number, raw in enumerate(rows, start=1):
        row = normalise_controls(raw).replace("\n", " ")
        if not row.strip():
            body_start = number
            if chars := _controls_in(raw):
                hidden.append((number, "Text", chars))
            break
        m = _META_RE.match(row)
        if not m:
            raise ArticleFormatError(
                f"expected 'Key: value' in the metadata block, got {row[:40]!r}"
                " (leave one blank line between the metadata and the text)",
                number,
            )
        key = known.get(m.group(1).lower())
        if key is None:
            raise ArticleFormatError(
                f"unknown field {m.group(1)!r}; known fields: {', '.join(FIELD_ORDER)}", number
            )
        if key in meta:
            raise ArticleFormatError(f"field {key} appears twice (first on line {lines[key]})", number)
        meta[key] = one_line(m.group(2))
        lines[key] = number
        if chars := _controls_in(raw):
            hidden.append((number, key, chars))
    for number in range(body_start + 1, len(rows) + 1):
        if chars := _controls_in(rows[number - 1]):
            hidden.append((number, "Text", chars))
    body = normalise_controls("\n".join(rows[body_start:])).strip()
    return Article(
        title=meta.get("Title", ""),
        date=meta.get("Date", ""),
        category=meta.get("Category", ""),
        region=meta.get("Region", ""),
        slug=meta.get("Slug", ""),
        body=body,
        tags=_split_list(meta.get("Tags", "")),
        city=meta.get("City", ""),
        source=meta.get("Source", ""),
        source_url=meta.get("Source_URL", ""),
        mirrors=_split_list(meta.get("Mirrors", "")),
        authors=_split_list(meta.get("Authors", "")),
        summary=meta.get("Summary", ""),
        review=meta.get("Review", ""),
        scraper_hash=meta.get("Scraper_Hash", ""),
        lines=lines,
        hidden=tuple(hidden),
    )


@dataclass(frozen=True)
class Problem:
    """One finding about an article: the field, its line (0 when absent) and what to fix."""

    field: str
    line: int
    message: str
    error: bool = True


def problems(article: Article, today: date | None = None) -> list[Problem]:
    """Check the field rules that need no other file (required fields, category, date, slug)."""
    found: list[Problem] = []
    line = article.lines.get
    for number, key, chars in article.hidden:
        names = ", ".join(describe(ch) for ch in chars)
        found.append(Problem(key, number, f"invisible or control character {names}: delete it (it looks like "
                                          "nothing or breaks the line; `python -m scrapers normalise FILE` "
                                          "prints the file without it)"))
    for key in REQUIRED_FIELDS:
        if not getattr(article, key.lower()):
            found.append(Problem(key, line(key, 0), f"{key} is required"))
    if article.category and article.category not in CATEGORY_SLUGS:
        found.append(Problem("Category", line("Category", 0),
                             f"unknown category {article.category!r}; use one of "
                             + ", ".join(CATEGORY_SLUGS)))
    if article.date:
        parsed = parse_date(article.date)
        if parsed is None:
            found.append(Problem("Date", line("Date", 0),
                                 f"invalid date {article.date!r}; write YYYY-MM-DD or YYYY-MM-DD HH:MM"))
        elif parsed.date() > (today or date.today()):
            found.append(Problem("Date", line("Date", 0), f"date {article.date} is in the future"))
    if article.slug and not SLUG_RE.match(article.slug):
        found.append(Problem("Slug", line("Slug", 0),
                             f"invalid slug {article.slug!r}; expected YYYY-MM-DD-xxxxxxxx (8 hex digits)"))
    for key, urls in (("Source_URL", (article.source_url,)), ("Mirrors", article.mirrors)):
        for url in urls:
            if url and (why := url_problem(url)):
                found.append(Problem(key, line(key, 0), why))
    return found


def parse_date(value: str) -> datetime | None:
    """Parse a ``Date`` value; ``None`` when it is not one of the accepted forms."""
    if not DATE_RE.match(value.strip()):
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def make_slug(day: str, key: str) -> str:
    """A stable ASCII slug from the date and a short id (hash of the source URL or body).

    Never derived from the title, so fixing a title never changes a URL.
    """
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{day[:10]}-{digest}"


#: Editor lock files, editor backups and interrupted writes: never articles.
_NOT_ARTICLES = re.compile(r"^(\.|#)|(~|\.swp|\.tmp)$")


def iter_article_files(root: Path, skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Every article file under ``root``: regular ``*.md`` files, in sub-folders too, sorted.

    The one way the importer, the content check, ``invoke new`` and the plugins find
    articles, so they all see the same set. Links are not followed and special files are
    not opened (a FIFO would hang the reader, a link could point anywhere on the machine);
    each of those, and each unreadable folder, is added to ``skipped`` with the reason, so
    the caller can say what it left out. Dot-files, editor lock files and temp files are
    ignored silently, as Pelican's IGNORE_FILES does.
    """
    import os
    import stat

    found: list[Path] = []
    note = skipped.append if skipped is not None else (lambda item: None)

    def walk_error(exc: OSError) -> None:
        note((Path(exc.filename or root), f"cannot be read ({exc.strerror})"))

    for dirpath, dirs, names in os.walk(root, followlinks=False, onerror=walk_error):
        for d in list(dirs):
            if _NOT_ARTICLES.search(d):
                dirs.remove(d)
            elif os.path.islink(os.path.join(dirpath, d)):
                note((Path(dirpath, d), "a symbolic link (not followed)"))
                dirs.remove(d)
        for name in names:
            if not name.endswith(".md") or _NOT_ARTICLES.search(name):
                continue
            path = Path(dirpath, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError as exc:
                note((path, f"cannot be read ({exc.strerror})"))
                continue
            if stat.S_ISLNK(mode):
                note((path, "a symbolic link (articles are regular files)"))
            elif not stat.S_ISREG(mode):
                note((path, "not a regular file"))
            else:
                found.append(path)
    return sorted(found)
