"""The article format: one dataclass, its Markdown form, and the field rules.

Everything that reads or writes ``content/articles/*.md`` goes through this module:
the normaliser renders with it, the site's validation and ``invoke check`` parse with
it, so a rule changes in one place and the three never disagree.

The on-disk form is Pelican's Markdown metadata block (``Key: value`` lines, a blank
line, then the body). Field order is fixed so that re-rendering is byte-stable.

Lines are what Pelican and an editor's editor count: broken at ``\n`` only. Control and
invisible characters follow the one rule of :mod:`scrapers.core.controls`: the writer
never writes them, the parser reads them the way the writer would have written them (so
``parse(render(a)).render() == render(a)`` for every article) and records where they were,
so :func:`problems` names the line and the scraper treats such a file as an editor's.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from scrapers.core.controls import describe, find_controls, normalise_controls, one_line

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

#: Folders of ``content/`` whose files are published as they are (images, attachments), each
#: linked from an article as ``{static}/images/NAME`` or ``{static}/attachments/SLUG/NAME``.
MEDIA_DIRS: tuple[str, ...] = ("images", "attachments")

#: ``Status`` values. No line (or ``published``) publishes the article; ``draft`` never does
#: (the local preview shows it with a mark); ``scheduled`` publishes it with the first build
#: after its ``Date`` (which may then lie in the future).
PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"
STATUSES: tuple[str, ...] = (PUBLISHED, DRAFT, SCHEDULED)
#: What editors write in Chinese, and the value meant (``invoke fix`` rewrites them).
STATUS_ALIASES: dict[str, str] = {
    "草稿": DRAFT,
    "待审核": DRAFT,
    "待审": DRAFT,
    "定时发布": SCHEDULED,
    "定时": SCHEDULED,
    "已发布": PUBLISHED,
    "发布": PUBLISHED,
    "公开": PUBLISHED,
}
#: ``Attachments`` holds titles, which may contain commas and 、: one title per ``；``.
ATTACHMENT_SEPARATOR = "；"
#: Between two Review flags on the ``Review`` line (``Review: 页面未显示标题…请改写 | 未能确定来源…``).
#: The writer replaces ``|`` inside a flag with ``｜``, so no flag contains it and the line reads
#: back as the same flags.
REVIEW_SEPARATOR = " | "
#: Files written before flags were a list joined them with "；", which one flag itself held
#: (疑似乱码…：run；run). A line without ``|`` is read that way: split at "；", and a piece after
#: a 疑似乱码 flag that begins like none of the normaliser's flags is part of that flag.
_OLD_SEPARATOR = "；"
_FLAG_STARTS = ("页面", "发布日期", "未能", "疑似乱码", "残留拼音", "未识别")

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
        #: Every format problem of the file (:class:`Problem`), this one first.
        self.problems: list[Problem] = []


@dataclass(frozen=True)
class Field:
    """One metadata line of the format, declared once on :class:`Article`'s field and read by the
    parser, the writer and the checks.

    ``kind`` says how the value is held and written: ``text`` (one line), ``url`` (one line, an
    address the checks read), ``list`` (items separated by commas or 、), ``urls`` (a list of URLs,
    each percent-encoded where it holds a separator), ``titles`` (one per ``；``), ``flags``
    (Review flags, see :func:`join_flags`).
    ``date`` marks a date the checks read: ``day`` (``YYYY-MM-DD``) or ``moment`` (a time may
    follow). ``aliases``: the Chinese names an editor may write (``标题：``), for the message
    and ``invoke fix``; ``hint``: what the field should hold, for the "not filled in yet" message.
    """

    key: str
    kind: str = "text"
    required: bool = False
    date: str = ""
    aliases: tuple[str, ...] = ()
    hint: str = ""
    #: the attribute of :class:`Article` that holds it
    attr: str = ""

    def read(self, raw: str) -> str | tuple[str, ...]:
        """The attribute's value from the line's text (``""`` when the line is absent)."""
        if self.kind in ("list", "urls"):
            return _split_list(raw)
        if self.kind == "titles":
            return tuple(t.strip() for t in raw.split(ATTACHMENT_SEPARATOR) if t.strip())
        if self.kind == "flags":
            return review_flags(raw)
        return raw

    def write(self, value: str | tuple[str, ...]) -> str:
        """The line's text for the attribute's value (``""``: no line)."""
        if isinstance(value, str):
            return one_line(value)
        if self.kind == "urls":
            items = [_list_safe_url(v) for v in value]
        elif self.kind == "titles":
            items = [one_line(a).replace(ATTACHMENT_SEPARATOR, "，").strip() for a in value]
            return one_line(ATTACHMENT_SEPARATOR.join(t for t in items if t))
        elif self.kind == "flags":
            return one_line(join_flags(value))
        else:  # a tag or name split where it holds a separator, as the parser will read it back
            items = [p for v in value for p in _split_list(one_line(v))]
        return one_line(", ".join(i for i in items if i))


def _meta(
    key: str, kind: str = "text", *, required: bool = False, date: str = "", aliases: tuple[str, ...] = (), hint: str = ""
) -> dict:
    return {"format": Field(key, kind, required, date, aliases, hint)}


@dataclass(frozen=True, kw_only=True)
class Article:
    """One news item as stored in ``content/articles/``.

    The metadata fields are declared in the order they are written, each with its
    :class:`Field` (``Review`` and every optional field appear only when set).
    """

    title: str = field(metadata=_meta("Title", required=True, aliases=("标题",), hint="the headline"))
    date: str = field(metadata=_meta("Date", required=True, aliases=("日期", "发布日期"), hint="YYYY-MM-DD"))
    category: str = field(
        metadata=_meta("Category", required=True, aliases=("分类", "类别", "栏目"), hint="one of " + ", ".join(CATEGORY_SLUGS))
    )
    tags: tuple[str, ...] = field(
        default=(),
        metadata=_meta(
            "Tags",
            "list",
            aliases=("标签", "关键词"),
            hint="tags from scrapers/data/vocabulary.yaml, comma-separated, or delete the line",
        ),
    )
    region: str = field(
        metadata=_meta(
            "Region", required=True, aliases=("地区", "省份"), hint=f"a province-level name such as 浙江省, or {NATIONAL}"
        )
    )
    city: str = field(default="", metadata=_meta("City", aliases=("城市",), hint="a city such as 杭州市, or delete the line"))
    source: str = field(
        default="",
        metadata=_meta("Source", aliases=("来源",), hint="the outlet or organisation that published it, or delete the line"),
    )
    source_url: str = field(
        default="",
        metadata=_meta("Source_URL", "url", aliases=("原文链接", "链接"), hint="the page it was taken from, or delete the line"),
    )
    mirrors: tuple[str, ...] = field(
        default=(), metadata=_meta("Mirrors", "urls", hint="other URLs of the same item, or delete the line")
    )
    #: Slugs of other articles reporting the same event (another outlet's report of one meeting).
    related: tuple[str, ...] = field(
        default=(), metadata=_meta("Related", "list", hint="slugs of other reports of the same event, or delete the line")
    )
    authors: tuple[str, ...] = field(
        default=(),
        metadata=_meta("Authors", "list", aliases=("作者", "记者"), hint="reporters, comma-separated, or delete the line"),
    )
    summary: str = field(
        default="", metadata=_meta("Summary", aliases=("摘要",), hint="one or two sentences, or delete the line")
    )
    #: A policy notice as a document (``plugins/documents``): 文号, 发文机关, 成文日期, 实施日期,
    #: attachment titles, and the 文号 (or slug) of the notice it replaces.
    doc_number: str = field(default="", metadata=_meta("Doc_Number", aliases=("文号", "发文字号")))
    issuer: str = field(default="", metadata=_meta("Issuer", aliases=("发文机关",)))
    issued: str = field(default="", metadata=_meta("Issued", date="day", aliases=("成文日期",)))
    effective: str = field(default="", metadata=_meta("Effective", date="day", aliases=("实施日期",)))
    attachments: tuple[str, ...] = field(default=(), metadata=_meta("Attachments", "titles", aliases=("附件",)))
    replaces: str = field(default="", metadata=_meta("Replaces"))
    #: An event the item announces or reports: first day, last day, place.
    event_date: str = field(default="", metadata=_meta("Event_Date", date="moment", aliases=("活动日期",)))
    event_end: str = field(default="", metadata=_meta("Event_End", date="moment"))
    event_place: str = field(default="", metadata=_meta("Event_Place", aliases=("活动地点",)))
    slug: str = field(metadata=_meta("Slug", required=True))
    #: ``""`` (published), ``draft`` or ``scheduled``; see :data:`STATUSES`.
    status: str = field(default="", metadata=_meta("Status", aliases=("状态",)))
    #: what an editor must check, one flag each (written on one ``Review`` line, see :data:`REVIEW_SEPARATOR`)
    review: tuple[str, ...] = field(default=(), metadata=_meta("Review", "flags"))
    scraper_hash: str = field(default="", metadata=_meta("Scraper_Hash"))
    body: str
    #: 1-based line number of each metadata key in the parsed file (empty when built in code).
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    #: ``(line, field, characters)`` for each line of the parsed file that held control or
    #: invisible characters (which the parser dropped, as the writer would have).
    hidden: tuple[tuple[int, str, str], ...] = field(default=(), compare=False, repr=False)
    #: 1-based line number of the text's first line in the parsed file (0 when built in code or empty).
    body_line: int = field(default=0, compare=False, repr=False)

    @property
    def category_slug(self) -> str:
        return CATEGORY_SLUGS.get(self.category, "")

    def metadata(self) -> dict[str, str]:
        """The metadata block as ordered ``key -> rendered value`` (empty values omitted)."""
        written = ((spec.key, spec.write(getattr(self, spec.attr))) for spec in FIELDS)
        return {key: text for key, text in written if text}

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


#: The metadata fields, in the order they are written (from :class:`Article`'s declarations).
FIELDS: tuple[Field, ...] = tuple(replace(f.metadata["format"], attr=f.name) for f in fields(Article) if "format" in f.metadata)
FIELD_ORDER: tuple[str, ...] = tuple(f.key for f in FIELDS)
_KNOWN_KEYS: dict[str, str] = {k.lower(): k for k in FIELD_ORDER}
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.required)
#: Chinese names an editor may give a field (``标题：``), for the message and ``invoke fix``.
FIELD_ALIASES: dict[str, str] = {alias: f.key for f in FIELDS for alias in f.aliases}
#: Optional date fields of documents (``YYYY-MM-DD``) and events (a time may follow).
DOCUMENT_DATES: tuple[str, ...] = tuple(f.key for f in FIELDS if f.date == "day")
EVENT_DATES: tuple[str, ...] = tuple(f.key for f in FIELDS if f.date == "moment")
#: What each field should hold, for the "not filled in yet" message.
FIELD_HINTS: dict[str, str] = {f.key: f.hint for f in FIELDS if f.hint}


def urls_of(article: Article) -> list[tuple[str, tuple[str, ...]]]:
    """``(key, URLs)`` of each field holding addresses (``Source_URL``, ``Mirrors``)."""
    found = []
    for spec in FIELDS:
        if spec.kind in ("url", "urls"):
            value = getattr(article, spec.attr)
            found.append((spec.key, (value,) if isinstance(value, str) else value))
    return found


def join_flags(flags: Iterable[str]) -> str:
    """The ``Review`` line's value: the flags in order, none holding the separator (nor, so that
    one flag reads back as one, the old one)."""
    cleaned = (one_line(f).replace("|", "｜").replace(_OLD_SEPARATOR, "，").strip() for f in flags)
    return REVIEW_SEPARATOR.join(t for t in cleaned if t)


def review_flags(value: str) -> tuple[str, ...]:
    """The flags of a ``Review`` line, as :func:`join_flags` wrote them (or an editor, with ``|``);
    a line of the old form is split at "；", its split 疑似乱码 flags joined again."""
    if "|" in value:
        return tuple(p.strip() for p in value.split("|") if p.strip())
    flags: list[str] = []
    for piece in (p.strip() for p in value.split(_OLD_SEPARATOR)):
        if not piece:
            continue
        if flags and flags[-1].startswith("疑似乱码") and not piece.startswith(_FLAG_STARTS):
            flags[-1] += "、" + piece
        else:
            flags.append(piece)
    return tuple(flags)


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


@dataclass(frozen=True)
class Problem:
    """One finding about an article: the field, its line (0 when absent), what to fix, and its rule.

    ``rule`` names a row of :data:`scrapers.core.rules.RULES`, which says how severe it is
    and where it runs (the check, the build, the normaliser): severity is decided in that
    one table, never where a problem is found.
    """

    field: str
    line: int
    message: str
    rule: str = "format"


#: A metadata line as an editor may really have typed it: leading blanks, a key with spaces
#: or in Chinese, an ASCII or full-width colon. ``_META_RE`` is the strict form.
_LOOSE_META = re.compile(
    r"^(?P<lead>[ \t\u3000]*)(?P<key>[A-Za-z][A-Za-z_ ]*?|[\u4e00-\u9fff]{2,4})[ \t\u3000]*"
    r"(?P<colon>[:：])[ \t\u3000]?(?P<value>.*)$"
)
#: A file saved as UTF-16 ("Unicode" in Windows Notepad) starts with one of these.
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: What the metadata message says about a full-width colon, a tab and the rest (``invoke fix`` acts on them).
FIXABLE = "(`invoke fix -- FILE` does it)"


def _describe_blank(lead: str) -> str:
    kinds = [name for ch, name in (("\t", "a tab"), (" ", "spaces"), ("\u3000", "full-width spaces")) if ch in lead]
    return " and ".join(kinds) or "blanks"


def _key_problem(raw_key: str, colon: str, lead: str, known: dict[str, str]) -> tuple[str | None, list[str]]:
    """The field a loosely written key means (or ``None``) and what is wrong with how it is written."""
    said: list[str] = []
    key = known.get(re.sub(r"[ _]+", "_", raw_key.strip()).lower())
    if key is None and raw_key in FIELD_ALIASES:
        key = FIELD_ALIASES[raw_key]
        said.append(f"write the field name in English: {key} (not {raw_key})")
    elif key is not None and " " in raw_key.strip():
        said.append(f"a field name has no spaces: write {key} (not {raw_key.strip()!r})")
    if lead:
        said.append(
            f"{_describe_blank(lead)} before {raw_key.strip()!r}: a metadata line starts at the beginning "
            "of the line (an indented line is read as the end of the line above)"
        )
    if colon == "：":
        said.append(
            f"the colon after {raw_key.strip()!r} is a full-width '：'; write an ASCII colon and a space "
            f"('{key or raw_key.strip()}: …')"
        )
    return key, said


def _lower_keys(lines: dict[str, int]) -> set[str]:
    return {k.lower() for k in lines}


def parse_lenient(text: str) -> tuple[Article, list[Problem]]:
    """Parse as much of an article as can be read, with every format problem found on the way.

    For ``invoke check`` and the build: an editor sees every mistake of a file at once
    (not the first of five), each with its real cause: a full-width colon (``Title：``), a
    tab or spaces before a key, a key with a space (``Source URL``) or in Chinese, a byte
    order mark or a text that starts without a blank line. A line whose meaning is clear
    despite such a mistake is read as meant, so the field rules still run on its value.
    """
    rows = split_rows(text.removeprefix("\ufeff"))  # Pelican drops a leading BOM too
    block = _Block(rows)
    block.read()
    for number in range(block.body_start + 1, len(rows) + 1):
        if chars := _controls_in(rows[number - 1]):
            block.hidden.append((number, "Text", chars))
    article = Article(
        **{spec.attr: spec.read(block.meta.get(spec.key, "")) for spec in FIELDS},
        body=normalise_controls("\n".join(rows[block.body_start :])).strip(),
        lines=block.lines,
        hidden=tuple(block.hidden),
        body_line=block.body_start + 1 if block.body_start < len(rows) else 0,
    )
    return article, block.found


#: What :meth:`_Block.field` returns for the first line of text, when no blank line came before it.
_TEXT_STARTS = ("<the text starts here>", "")


@dataclass
class _Block:
    """The metadata block of a file as it is read, line by line, with every problem met on the way."""

    rows: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    hidden: list[tuple[int, str, str]] = field(default_factory=list)
    found: list[Problem] = field(default_factory=list)
    #: index of the first row after the metadata (the blank line, or the text when it has none)
    body_start: int = 0
    started_badly: bool = False

    def read(self) -> None:
        self.body_start = len(self.rows)
        for number, raw in enumerate(self.rows, start=1):
            row = normalise_controls(raw).replace("\n", " ")
            if not row.strip():
                self.body_start = number
                if chars := _controls_in(raw):
                    self.hidden.append((number, "Text", chars))
                return
            keyed = self.field(row, number)
            if keyed is _TEXT_STARTS:
                self.body_start = number - 1
                return
            if keyed is not None:
                self.keep(*keyed, number, raw)

    def keep(self, key: str, value: str, number: int, raw: str) -> None:
        if key in self.meta:
            why = f"field {key} appears twice (first on line {self.lines[key]}); keep one of the two lines"
            self.found.append(Problem(key, number, why))
            return
        self.meta[key] = one_line(value)
        self.lines[key] = number
        if chars := _controls_in(raw):
            self.hidden.append((number, key, chars))

    def field(self, row: str, number: int) -> tuple[str, str] | None:
        """The field and value a metadata line means (its mistakes noted), ``None`` for a line to
        pass over, :data:`_TEXT_STARTS` when the text begins here."""
        m = _META_RE.match(row)
        if m and (key := _KNOWN_KEYS.get(m.group(1).lower())) is not None:
            return key, m.group(2)
        loose = _LOOSE_META.match(row)
        if loose and not loose.group("key").isascii() and loose.group("key") not in FIELD_ALIASES:
            loose = None  # 时间：… is a line of text, not a field
        if not loose:
            return self.not_a_field(row, number)
        key, said = _key_problem(loose.group("key"), loose.group("colon"), loose.group("lead"), _KNOWN_KEYS)
        if key is None:
            name = loose.group("key").strip()
            guess = difflib.get_close_matches(name.lower(), list(_KNOWN_KEYS), n=1, cutoff=0.6)
            hint = f"did you mean {_KNOWN_KEYS[guess[0]]}? " if guess else ""
            self.found.append(
                Problem("metadata", number, f"unknown field {name!r}; {hint}known fields: {', '.join(FIELD_ORDER)}")
            )
            return None
        self.found.extend(Problem(key, number, f"{why} {FIXABLE}") for why in said)
        return key, loose.group("value")

    def not_a_field(self, row: str, number: int) -> tuple[str, str] | None:
        """A line with no ``Key:``: a field without its colon, the text begun without a blank line,
        or a file that does not start with metadata."""
        word = row.split(maxsplit=1)[0] if row.split() else ""
        known = _KNOWN_KEYS.get(word.lower())
        if known and word.lower() not in _lower_keys(self.lines):
            self.found.append(Problem(known, number, f"no colon after {word!r}: write '{known}: …'"))
            return None
        if self.meta:  # text after the metadata, without the blank line between
            self.found.append(
                Problem(
                    "metadata",
                    number,
                    f"expected 'Key: value' in the metadata block, got {row[:40]!r}: if the text starts here, "
                    f"leave one blank line before line {number}",
                )
            )
            return _TEXT_STARTS
        if not self.started_badly:
            self.found.append(
                Problem(
                    "metadata", number, f"the file must start with the metadata block ('Title: …', 'Date: …' …), got {row[:40]!r}"
                )
            )
        self.started_badly = True
        return None


def parse(text: str) -> Article:
    """Parse an article file's text. Raises :class:`ArticleFormatError` with a line number.

    Only the shape is checked here (a metadata block, known keys, no repeats); whether
    the values are valid is :func:`problems`' job, so an editor gets every finding at once.
    The error carries every format problem (``problems``); its message is the first one.
    :func:`parse_lenient` reads past them instead.
    """
    article, found = parse_lenient(text)
    if found:
        first = found[0]
        error = ArticleFormatError(first.message if first.field == "metadata" else f"{first.field}: {first.message}", first.line)
        error.problems = found
        raise error
    return article


def decode_problem(data: bytes) -> str:
    """Why ``data`` is not a UTF-8 article, named by its real cause (UTF-16, GBK…)."""
    if data.startswith(UTF16_BOMS):
        return f"the file is saved as UTF-16 ('Unicode' in Windows Notepad); save it as UTF-8 {FIXABLE}"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return f"not UTF-8 text (byte {exc.start}): save the file as UTF-8"
        return (
            f"not UTF-8 text (byte {exc.start}): the file is saved as GBK/GB18030 (Windows' 'ANSI' for "
            f"Chinese); save it as UTF-8 {FIXABLE}"
        )
    return ""


def problems(article: Article, today: date | None = None) -> list[Problem]:
    """Check the field rules that need no other file (required fields, category, date, slug, status)."""
    found = _hidden_problems(article)
    line = article.lines.get
    for spec in FIELDS:
        if spec.required and not getattr(article, spec.attr):
            found.append(Problem(spec.key, line(spec.key, 0), f"{spec.key} is required", "required"))
    if article.category and article.category not in CATEGORY_SLUGS:
        why = f"unknown category {article.category!r}; use one of " + ", ".join(CATEGORY_SLUGS)
        found.append(Problem("Category", line("Category", 0), why, "category"))
    status = article.status
    if status and status not in STATUSES:
        meant = STATUS_ALIASES.get(status)
        hint = (
            f"write Status: {meant} {FIXABLE}"
            if meant
            else f"write {DRAFT} (never published), {SCHEDULED} (published at its Date) or {PUBLISHED}"
        )
        found.append(Problem("Status", line("Status", 0), f"unknown status {status!r}; {hint}", "status"))
    found += _date_problems(article, today or date.today())
    if article.slug and not SLUG_RE.match(article.slug):
        why = f"invalid slug {article.slug!r}; expected YYYY-MM-DD-xxxxxxxx (8 hex digits)"
        found.append(Problem("Slug", line("Slug", 0), why, "slug"))
    for key, urls in urls_of(article):
        for url in urls:
            if url and (why := url_problem(url)):
                found.append(Problem(key, line(key, 0), why, "url"))
    found.extend(document_problems(article))
    return found


def _hidden_problems(article: Article) -> list[Problem]:
    """The control and invisible characters the parser dropped, each named with its line (a
    byte order mark inside the file has its own cause)."""
    found: list[Problem] = []
    for number, key, chars in article.hidden:
        if "\ufeff" in chars:
            found.append(
                Problem(
                    key,
                    number,
                    "a byte order mark (BOM, U+FEFF) inside the file, where it does not "
                    "belong (an editor saved 'with BOM', or two files were pasted "
                    f"together): delete it {FIXABLE}",
                    "hidden-character",
                )
            )
            chars = chars.replace("\ufeff", "")
            if not chars:
                continue
        names = ", ".join(describe(ch) for ch in chars)
        found.append(
            Problem(
                key,
                number,
                f"invisible or control character {names}: delete it (it looks like "
                "nothing or breaks the line; `python -m scrapers normalise FILE` "
                "prints the file without it)",
                "hidden-character",
            )
        )
    return found


def _date_problems(article: Article, today: date) -> list[Problem]:
    """A Date that is no date, or that lies in the future of an article to be published now."""
    if not article.date:
        return []  # "Date is required" says it
    where = article.lines.get("Date", 0)
    parsed = parse_date(article.date)
    if parsed is None:
        fixable = f" {FIXABLE}" if loose_date(article.date) else ""
        return [Problem("Date", where, f"invalid date {article.date!r}; write YYYY-MM-DD or YYYY-MM-DD HH:MM{fixable}", "date")]
    if parsed.date() > today and article.status in ("", PUBLISHED):
        return [
            Problem(
                "Date",
                where,
                f"date {article.date} is in the future: to publish the article then, add the "
                f"line 'Status: {SCHEDULED}'; to keep it unpublished, 'Status: {DRAFT}'",
                "date-future",
            )
        ]
    return []


def document_problems(article: Article) -> list[Problem]:
    """The rules of the document and event fields that need no other file.

    Dates are real dates (an event's may carry a time); an event's end is not before its
    start and needs a start, as does its place; a notice does not replace itself.
    """
    found: list[Problem] = []
    line = article.lines.get
    values = {spec.key: getattr(article, spec.attr) for spec in FIELDS if spec.date}
    parsed: dict[str, datetime] = {}
    for key, value in values.items():
        if not value:
            continue
        when = parse_date(value)
        if when is None or (key in DOCUMENT_DATES and len(value.strip()) != 10):
            form = "YYYY-MM-DD" if key in DOCUMENT_DATES else "YYYY-MM-DD or YYYY-MM-DD HH:MM"
            fixed = loose_date(value)
            found.append(
                Problem(
                    key,
                    line(key, 0),
                    f"invalid date {value!r}; write {form}"
                    + (f" ({fixed})" if fixed and (key in EVENT_DATES or len(fixed) == 10) else ""),
                    "document",
                )
            )
        else:
            parsed[key] = when
    if (article.event_end or article.event_place) and not article.event_date:
        key = "Event_End" if article.event_end else "Event_Place"
        found.append(Problem(key, line(key, 0), f"{key} needs an Event_Date (the event's first day)", "document"))
    if "Event_Date" in parsed and "Event_End" in parsed and parsed["Event_End"] < parsed["Event_Date"]:
        found.append(
            Problem(
                "Event_End",
                line("Event_End", 0),
                f"Event_End {article.event_end} is before Event_Date {article.event_date}",
                "document",
            )
        )
    if "Issued" in parsed and "Effective" in parsed and parsed["Effective"] < parsed["Issued"]:
        found.append(
            Problem(
                "Effective",
                line("Effective", 0),
                f"Effective {article.effective} is before Issued "
                f"{article.issued}: a notice takes effect on or after the day it is signed",
                "document",
            )
        )
    if article.replaces and article.replaces in (article.doc_number, article.slug):
        found.append(Problem("Replaces", line("Replaces", 0), "a notice cannot replace itself", "document"))
    return found


def publication(article: Article, now: datetime) -> str:
    """What a build at ``now`` (naive, in China's time) does with the article.

    :data:`PUBLISHED` (on the site), :data:`DRAFT` (never) or :data:`SCHEDULED` (not yet:
    its ``Date`` is after ``now``). A scheduled article whose time has come is published.
    An unknown status counts as a draft: nothing an editor did not mean goes out.
    """
    status = article.status or PUBLISHED
    if status == PUBLISHED:
        return PUBLISHED
    if status == SCHEDULED:
        when = parse_date(article.date)
        return PUBLISHED if when is not None and when <= now else SCHEDULED
    return DRAFT


#: Dates as editors write them: 2025/9/6, 2025.9.6, 2025-9-6, 2025年9月6日, with an optional 9:30 or 9时30分.
_LOOSE_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:[\sT]*(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?)?\s*$"
)


def loose_date(value: str) -> str:
    """``value`` rewritten as ``YYYY-MM-DD[ HH:MM]`` when it is a real date in another common form, else ``""``."""
    m = _LOOSE_DATE.match(value)
    if not m:
        return ""
    y, mo, d, hh, mm, _ss = m.groups()
    try:
        when = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0))
    except ValueError:
        return ""
    out = when.strftime("%Y-%m-%d %H:%M" if hh is not None else "%Y-%m-%d")
    return "" if out == value.strip() else out


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
#: Formats Pelican could read but this site does not (plugins/reader): reported, not read.
_FOREIGN = (".rst", ".html", ".htm", ".markdown", ".mkd", ".mdown")


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
            if _NOT_ARTICLES.search(name):
                continue
            path = Path(dirpath, name)
            if not name.endswith(".md"):
                if name.lower().endswith(_FOREIGN):
                    note((path, "only Markdown files named *.md are articles (the site does not build it)"))
                continue
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
